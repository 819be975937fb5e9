package markdown

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

func FuzzMarkdown(f *testing.F) {
	seeds := []string{
		"# Title\n\nSome *text* with [a link](/dimensions/operations/) and `code`.\n",
		"## Heading\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```go\nfunc f() {}\n```\n",
		"- [x] task\n- [ ] other\n\nTerm\n: definition\n\nNote[^1]\n\n[^1]: footnote [x](javascript:alert(1))\n",
		"<script>alert(1)</script>\n\n[x](java&#x09;script:alert(1)) <javascript:alert(1)> ![i](data:image/svg+xml,x)\n",
		"```\"><script>\nx\n```\n\n> ## Quoted\n\n\"quotes\" -- dashes... www.example.com\n",
		"```sql\nSELECT 1 -- c\n```\n\n```yaml\na: [1, 2]\n```\n\n```json\n{\"a\": 1}\n```\n",
	}
	for _, page := range benchPages(f)[:1] {
		seeds = append(seeds, string(page))
	}
	for _, s := range seeds {
		f.Add(s, "/patterns/hybrid/")
	}
	f.Add("[home](/)", "/")
	f.Fuzz(func(t *testing.T, src, pageURL string) {
		r, err := safeConverter.Convert([]byte(src), pageURL)
		if err != nil {
			t.Fatalf("Convert: %v", err)
		}
		if bytes.Contains(bytes.ToLower(r.HTML), []byte("<script")) {
			t.Fatalf("output has <script:\n%s", r.HTML)
		}
		for _, bad := range []string{"href=\"javascript:", "src=\"javascript:", "href=\"vbscript:"} {
			if bytes.Contains(bytes.ToLower(r.HTML), []byte(bad)) {
				t.Fatalf("output has %s:\n%s", bad, r.HTML)
			}
		}
		for _, h := range r.TOC {
			if h.ID == "" || (h.Level != 2 && h.Level != 3) {
				t.Fatalf("bad TOC entry %+v", h)
			}
		}
		text, headings, err := safeConverter.PlainText([]byte(src), pageURL)
		if err != nil || text != r.Text || !slices.Equal(headings, r.Headings) {
			t.Fatalf("PlainText %q %q (%v) differs from Convert's text %q %q", text, headings, err, r.Text, r.Headings)
		}
	})
}

func FuzzCollapseSpace(f *testing.F) {
	for _, s := range []string{"", " a  b ", "\u00a0x\u2003y\u0085", "a\xffb \xfe", "\t\n\v\f\r"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := collapseSpace(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	})
}
