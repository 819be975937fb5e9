package server

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"scorebook/generator/internal/diag"
)

const assessmentSource = `brand = "Northwind Outfitters"
assessed = 2026-09-30
platform = "shopify-plus"

[scores.architecture]
api_gateway = 3
event_backbone = { level = 9, evidence = "Kafka in two regions" }
`

func TestExcerptLines(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		line, col int
		lines     []int // line numbers shown; nil for no excerpt
		caret     string
	}{
		{"middle of a file", assessmentSource, 4, 1, []int{1, 2, 3, 4, 5, 6, 7}, "^"},
		{"first line", assessmentSource, 1, 9, []int{1, 2, 3, 4}, "        ^"},
		{"last line", assessmentSource, 7, 28, []int{4, 5, 6, 7}, strings.Repeat(" ", 27) + "^"},
		{"no column", assessmentSource, 6, 0, []int{3, 4, 5, 6, 7}, ""},
		{"column past the end", "a = 1\n", 1, 40, []int{1}, "     ^"},
		{"line past the end", assessmentSource, 30, 1, nil, ""},
		{"empty file", "", 1, 1, nil, ""},
		{"tabs kept under the caret", "x = 1\n\t\tkey = 9\n", 2, 9, []int{1, 2}, "\t\t      ^"},
		{"characters, not bytes", "név = \"Ünïcødé\" = 2\n", 1, 17, []int{1}, strings.Repeat(" ", 16) + "^"},
		{"CRLF", "a = 1\r\nb = 2\r\n", 2, 1, []int{1, 2}, "^"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := excerptLines(bufio.NewScanner(strings.NewReader(tc.src)), tc.line, tc.col)
			var lines []int
			caret := ""
			for _, l := range got {
				lines = append(lines, l.N)
				if strings.ContainsAny(l.Text, "\r\n") {
					t.Errorf("line %d keeps a line break: %q", l.N, l.Text)
				}
				if l.Error {
					caret = l.Caret
				}
			}
			if !slices.Equal(lines, tc.lines) {
				t.Errorf("lines = %v, want %v", lines, tc.lines)
			}
			if caret != tc.caret {
				t.Errorf("caret = %q, want %q", caret, tc.caret)
			}
		})
	}
}

func TestExcerptLines_ClipsLongLines(t *testing.T) {
	long := strings.Repeat("é", 1000)
	got := excerptLines(bufio.NewScanner(strings.NewReader(long)), 1, 1)
	if len(got) != 1 || got[0].Text != strings.Repeat("é", maxLineRunes)+"…" {
		t.Errorf("got %+v", got)
	}
	huge := strings.Repeat("x", maxLineBytes+10)
	if got := excerptLines(bufio.NewScanner(strings.NewReader(huge)), 1, 1); got != nil {
		t.Errorf("a line over %d bytes gave an excerpt", maxLineBytes)
	}
}

func TestNewFailure_ReadsOnlyInsideSource(t *testing.T) {
	site := newTestSite(t)
	var l diag.List
	l.Add("../secret.txt", 1, 1, "outside")
	l.Add("content/faq.md", 2, 1, "inside")
	f := newFailure(site.source, l.Err())
	if strings.Contains(f.html, secret) {
		t.Errorf("overlay read a file outside the source folder:\n%s", f.html)
	}
	if len(f.problems) != 2 || f.problems[0].Excerpt != nil || f.problems[1].Excerpt == nil {
		t.Errorf("problems = %+v", f.problems)
	}
}

func TestNewFailure_LimitsProblemsShown(t *testing.T) {
	var l diag.List
	for i := range maxShown + 7 {
		l.Add("content/faq.md", i+1, 1, "problem %d", i)
	}
	f := newFailure(t.TempDir(), fmt.Errorf("build: %w", l.Err()))
	if got := strings.Count(f.html, `class="sb-problem"`); got != maxShown {
		t.Errorf("overlay shows %d problems, want %d", got, maxShown)
	}
	if !strings.Contains(f.html, "And 7 more") {
		t.Errorf("overlay does not say how many are left out")
	}
	if len(f.problems) != maxShown+7 {
		t.Errorf("failure keeps %d problems, want all %d", len(f.problems), maxShown+7)
	}
}

func TestNewFailure_PlainError(t *testing.T) {
	f := newFailure("", errors.New("render layouts/page.html: <nil> & more"))
	if len(f.problems) != 1 || f.problems[0].Path != "" {
		t.Fatalf("problems = %+v", f.problems)
	}
	if !strings.Contains(f.html, "render layouts/page.html: &lt;nil&gt; &amp; more") {
		t.Errorf("overlay:\n%s", f.html)
	}
	if strings.Contains(f.html, `class="sb-where"`) {
		t.Errorf("overlay shows a position for an error without one")
	}
}

func FuzzExcerpt(f *testing.F) {
	f.Add(assessmentSource, 7, 18)
	f.Add("+++\ntitle = \"FAQ\"\n+++\n# FAQ\n\n```go\nfunc main() {}\n```\n", 2, 9)
	f.Add("\t\tkey = 9\r\n", 1, 3)
	f.Add("\xff\xfe bad utf-8", 1, 2)
	f.Add("", 0, 0)
	f.Fuzz(func(t *testing.T, src string, line, col int) {
		got := excerptLines(bufio.NewScanner(strings.NewReader(src)), line, col)
		if got == nil {
			return
		}
		hits := 0
		for i, l := range got {
			if i > 0 && l.N != got[i-1].N+1 {
				t.Fatalf("lines not consecutive: %+v", got)
			}
			if l.Error {
				hits++
				if l.N != line || (col > 0) != strings.HasSuffix(l.Caret, "^") {
					t.Fatalf("error line %+v for line %d col %d", l, line, col)
				}
			}
			if strings.ContainsAny(l.Text, "\n") || !utf8.ValidString(l.Text) {
				t.Fatalf("bad line text %q", l.Text)
			}
		}
		if hits != 1 || len(got) > 2*contextLines+1 {
			t.Fatalf("excerpt %+v for line %d", got, line)
		}
		// Rendering it must not fail either.
		p := problem{Path: "x.toml", Line: line, Col: col, Message: src, Excerpt: got}
		var b strings.Builder
		if err := overlayTemplate.Execute(&b, struct {
			Problems []problem
			More     int
		}{[]problem{p}, 0}); err != nil {
			t.Fatal(err)
		}
	})
}

// TestOverlay_ControlCharactersNeverReachThePage checks that a file name,
// a message and a source line holding control characters are shown
// escaped or replaced in the error overlay.
func TestOverlay_ControlCharactersNeverReachThePage(t *testing.T) {
	src := t.TempDir()
	name := "content/bad\x1b[31m.md"
	if err := os.MkdirAll(filepath.Join(src, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, filepath.FromSlash(name)), []byte("+++\ntitle = \"a\x07b\"\n+++\n"), 0o644); err != nil {
		t.Skip("this file system refuses the name:", err)
	}
	var errs diag.List
	errs.Add(name, 2, 10, "title: bell \x07 here")
	f := newFailure(src, errs.Err())
	for _, c := range []string{"\x1b", "\x07"} {
		if strings.Contains(f.html, c) {
			t.Errorf("the overlay holds the control character %q:\n%s", c, f.html)
		}
	}
	if !strings.Contains(f.html, `\x1b`) {
		t.Errorf("the file name is not shown escaped:\n%s", f.html)
	}
}
