package content

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzFrontMatter(f *testing.F) {
	seeds := []string{
		"+++\ntitle = \"Operational discipline\"\nweight = 20\ndate = 2026-09-30\ntags = [\"ops\"]\n+++\n\n## Why\n",
		"+++\ntitle = \"x\"\nweight = \"heavy\"\n+++\nbody\n",
		"+++\r\ntitle = \"Windows\"\r\ntoc = false\r\n+++\r\nBody\r\n",
		"+++\ntitle = \"x\"\n",
		"+++\n[nested]\nkey = 1\n+++\n",
		"+++\ntitle = 'x'\ndate = 2026-09-30T14:05:00+02:00\ndraft = true\nlayout = \"scoring\"\n+++\n",
		"---\ntitle: yaml\n---\n",
		"\uFEFF+++\ntitle = \"\"\"multi\nline\"\"\"\n+++\n",
	}
	for _, s := range seeds {
		f.Add("content/dimensions/operations.md", s)
	}
	f.Add("content/_index.md", "+++\ntitle = \"Home\"\n+++\n")
	f.Fuzz(func(t *testing.T, path, src string) {
		p, errs := Parse(path, []byte(src))
		if p == nil {
			if !errs.HasErrors() {
				t.Fatalf("no page and no error for %q", src)
			}
			for _, d := range errs {
				if d.Path != path || d.Line < 0 || d.Col < 0 {
					t.Fatalf("bad diagnostic %+v", d)
				}
				if d.Line > strings.Count(src, "\n")+1 {
					t.Fatalf("diagnostic line %d past the end of the file: %v", d.Line, d)
				}
			}
			return
		}
		if errs.HasErrors() {
			t.Fatalf("a page and errors: %v", errs)
		}
		if strings.TrimSpace(p.Title) == "" || !strings.HasPrefix(p.URL, "/") || !strings.HasSuffix(p.URL, "/") {
			t.Fatalf("bad page %+v", p)
		}
		if !utf8.Valid(p.Body) || !strings.HasSuffix(src, string(p.Body)) {
			t.Fatalf("body %q is not the end of the file", p.Body)
		}
		if p.BodyLine < 3 || p.BodyLine > strings.Count(src, "\n")+2 {
			t.Fatalf("BodyLine %d out of range", p.BodyLine)
		}
	})
}
