package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// PlainText returns what a reader of src, the Markdown body of the page at
// pageURL, reads, for the search index: its text with runs of white space
// as one space, code included and raw HTML left out, and the text of each
// heading in document order. It parses as Convert does, with the same
// limits, and renders nothing: a search index needs the words, not the
// HTML with its highlighted code. Convert returns the same text with the
// HTML.
func (c *Converter) PlainText(src []byte, pageURL string) (string, []string, error) {
	if err := checkLines(src); err != nil {
		return "", nil, err
	}
	page := &pageState{url: pageURL}
	pc := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	pc.Set(pageStateKey, page)
	doc := c.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	if page.limit != nil {
		return "", nil, page.limit
	}
	text, headings := pageText(doc, src)
	return text, headings, nil
}

// pageText returns the text and the headings of a parsed page, for
// PlainText and Convert.
func pageText(doc ast.Node, src []byte) (string, []string) {
	var b strings.Builder
	b.Grow(len(src))
	var headings []string
	writeBlocks(&b, doc, src, &headings)
	return collapseSpace(b.String()), headings
}

// collapseSpace returns s with runs of white space (unicode.IsSpace) as
// one space and none at either end: strings.Join(strings.Fields(s), " ")
// in one pass, a word at a time.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	word := -1 // where the word being read starts; -1 between words
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case !isSpace(r):
			if word < 0 {
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
				word = i
			}
		case word >= 0:
			b.WriteString(s[word:i])
			word = -1
		}
		i += size
	}
	if word >= 0 {
		b.WriteString(s[word:])
	}
	return b.String()
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\v', '\f', '\r':
		return true
	}
	return r >= utf8.RuneSelf && unicode.IsSpace(r)
}

// writeBlocks writes the text of n's blocks, each followed by a space.
func writeBlocks(b *strings.Builder, n ast.Node, src []byte, headings *[]string) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Heading:
			h := plainText(c, src)
			*headings = append(*headings, h)
			b.WriteString(h)
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			lines := c.Lines()
			for i := range lines.Len() {
				seg := lines.At(i)
				b.Write(seg.Value(src))
			}
		case *ast.HTMLBlock:
			continue // raw HTML: markup, not text
		default:
			if first := c.FirstChild(); first != nil && first.Type() == ast.TypeInline {
				writePlainText(b, c, src)
			} else {
				writeBlocks(b, c, src, headings)
			}
		}
		b.WriteByte(' ')
	}
}
