package search

import (
	"html"
	"strings"
)

// PlainText returns the text a reader sees in an HTML fragment (a page's
// converted Markdown), with runs of white space as one space, and the text
// of each heading (h1 to h6) in document order. The contents of script,
// style, svg and template elements, and comments, are left out; character
// references are resolved. It expects the well-formed HTML the Markdown
// converter writes, and never fails on other input.
func PlainText(fragment string) (text string, headings []string) {
	var body, heading strings.Builder
	inHeading := false
	skip := "" // the element whose contents are being skipped
	s := fragment
	for len(s) > 0 {
		lt := strings.IndexByte(s, '<')
		if lt < 0 {
			lt = len(s)
		}
		if skip == "" && lt > 0 {
			t := html.UnescapeString(s[:lt])
			body.WriteString(t)
			if inHeading {
				heading.WriteString(t)
			}
		}
		s = s[lt:]
		if s == "" {
			break
		}
		if strings.HasPrefix(s, "<!--") {
			end := strings.Index(s, "-->")
			if end < 0 {
				break
			}
			s = s[end+3:]
			continue
		}
		gt := strings.IndexByte(s, '>')
		if gt < 0 {
			break
		}
		tag := s[1:gt]
		s = s[gt+1:]
		closing := strings.HasPrefix(tag, "/")
		name := strings.ToLower(strings.TrimPrefix(tag, "/"))
		if i := strings.IndexAny(name, " \t\n\r/"); i >= 0 {
			name = name[:i]
		}
		switch {
		case skip != "":
			if closing && name == skip {
				skip = ""
			}
			continue
		case !closing && (name == "script" || name == "style" || name == "svg" || name == "template"):
			if !strings.HasSuffix(tag, "/") {
				skip = name
			}
			continue
		case isHeading(name):
			if closing && inHeading {
				headings = append(headings, squeeze(heading.String()))
				heading.Reset()
			}
			inHeading = !closing
		}
		if !inline[name] {
			body.WriteByte(' ')
			if inHeading {
				heading.WriteByte(' ')
			}
		}
	}
	return squeeze(body.String()), headings
}

func isHeading(name string) bool {
	return len(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6'
}

// inline elements do not separate words: "<em>in</em>line" is one word.
var inline = map[string]bool{
	"a": true, "abbr": true, "b": true, "bdi": true, "bdo": true, "cite": true, "code": true,
	"data": true, "del": true, "dfn": true, "em": true, "i": true, "ins": true, "kbd": true,
	"mark": true, "q": true, "s": true, "samp": true, "small": true, "span": true,
	"strong": true, "sub": true, "sup": true, "time": true, "u": true, "var": true,
}

// squeeze trims s and turns each run of white space into one space.
func squeeze(s string) string { return strings.Join(strings.Fields(s), " ") }
