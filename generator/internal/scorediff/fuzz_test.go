package scorediff

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

var numericRef = regexp.MustCompile(`&#[0-9]+;`)

// FuzzEscape checks that no string from an input file can put Markdown or
// HTML structure, a line break or a mention into the pull-request comment.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"Northwind Outfitters", "<img src=x onerror=alert(1)>", "a | b\n| c", "**x** _y_ `z` [l](u)",
		"@octocat and @org/team", "&lt;", "<!-- scorebook-diff -->", "\u202eevil\x1b[2J", "line\r\nbreak"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // input files are valid UTF-8: the loaders refuse anything else
		}
		got := Escape(s)
		// What is left once our numeric references are taken out must
		// hold no syntax at all, no & and no line break.
		plain := numericRef.ReplaceAllString(got, "")
		if strings.ContainsAny(plain, "<>|*_`[]\\\"\n\r#~{}+=$^&@") {
			t.Errorf("Escape(%q) = %q holds Markdown or HTML syntax", s, got)
		}
		if strings.Count(got, "&#64;") != strings.Count(got, "&#64;\u2060") {
			t.Errorf("Escape(%q) = %q lets an @ mention someone", s, got)
		}
	})
}
