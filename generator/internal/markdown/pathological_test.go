package markdown

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// pathologicalTimeout is far more than any of the inputs below takes in
// linear time, even on a loaded machine; only a case that has gone
// superlinear again (most took minutes before their guard) reaches it.
const pathologicalTimeout = 20 * time.Second

// runBounded runs f, failing the test when it has not returned within
// pathologicalTimeout.
func runBounded[T any](t *testing.T, f func() T) T {
	t.Helper()
	done := make(chan T, 1)
	go func() { done <- f() }()
	select {
	case v := <-done:
		return v
	case <-time.After(pathologicalTimeout):
		t.Fatalf("did not finish within %s: superlinear again?", pathologicalTimeout)
		panic("unreachable")
	}
}

func lines(n int, f func(i int) string) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(f(i))
	}
	return b.String()
}

// TestPathological converts inputs known to take superlinear time or memory
// in Markdown parsers (cmark's pathological suite, goldmark#555, the cases
// of issue 16), each with its expected outcome: refused at a place with a
// message naming the limit, or converted.
func TestPathological(t *testing.T) {
	r := strings.Repeat
	delims := "emphasis and link delimiters"
	tests := []struct {
		name    string
		src     string
		wantErr string // a part of the error, with its line:col; "" to succeed
		check   func(t *testing.T, res Result)
	}{
		{"mismatched emphasis *a_ (goldmark#555)", r("*a_ ", 50_000), "1:1: this line has 100000 " + delims, nil},
		{"mismatched emphasis over many lines", r("*a_\n", 50_000), "1:1: this paragraph has 1002 " + delims, nil},
		{"unclosed link destinations [a](b", r("[a](b", 100_000), "1:1: this line has 300000 " + delims, nil},
		{"unclosed link destinations [a](<b", r("[a](<b", 70_000), "1:1: this line has", nil},
		{"unclosed image destinations ![a](", r("![a](", 80_000), "1:1: this line has", nil},
		{"closers a multiple of three", "a**b" + r("c* ", 130_000), "1:1: this line has", nil},
		{"nested strong emphasis", r("*a **a ", 15_000) + "b" + r(" a** a*", 15_000), "1:1: this line has", nil},
		{"emphasis in an ATX heading", "# " + r("*a_ ", 50_000), "1:1: this line has", nil},
		{"emphasis in a setext heading", r("*a_\n", 3000) + "===\n", "1:1: this paragraph has", nil},
		{"table rows each under the limit, together over it", "| a | b |\n|---|---|\n| a | b |\n| " + r("*a_ ", 300) + " | b |\n| " + r("*a_ ", 300) + " | b |\n", "", nil},
		{"delimiters in a table row", "| a | b |\n|---|---|\n| a | b |\n| " + r("*a_ ", 600) + " | b |\n", "4:1: this line has 1200 " + delims, nil},
		{"block quotes nested on one line", r("> ", 100_000) + "a\n", "1:65: more than 32 block quotes and list items", nil},
		{"lists nested on one line", "text\n\n" + r("- ", 100_000) + "a\n", "3:65: more than 32 block quotes and list items", nil},
		{"ordered lists nested on one line", r("1. ", 1000) + "a\n", "1:97: more than 32", nil},
		{"lists nested by indentation", lines(1000, func(i int) string { return r("  ", i) + "* a\n" }), "129:1: this line is indented more than 256 columns", nil},
		{"a wide table padded row by row", "|" + r("a|", 2000) + "\n|" + r("-|", 2000) + "\n" + r("|a|\n", 2000), "1:1: the tables of this page reach more than 100000 cells", nil},
		{"one long reference used many times", "[x]: /" + r("x", 100_000) + "\n\n" + r(r("[x] ", 250)+"\n\n", 400), "3:1: by here this page's link references could copy more than 8 MiB", nil},
		{"uses before the long reference", r(r("[x] ", 250)+"\n\n", 400) + "[x]: /" + r("x", 100_000) + "\n", "801:1: by here this page's link references", nil},

		// Within the limits, the same shapes convert, in linear time.
		{"mismatched emphasis in paragraphs under the limit", r(r("*a_ ", 500)+"\n\n", 200), "", nil},
		{"mismatched emphasis in table rows under the limit", "| a | b |\n|---|---|\n" + r("| "+r("*a_ ", 250)+" | [a](b |\n", 400), "", nil},
		{"unclosed links in paragraphs under the limit", r(r("[a](b", 330)+"\n\n", 300), "", nil},
		{"a thematic break of many stars is no list", r("* ", 1000) + "\n", "", nil},
		{"block quotes 32 deep", r("> ", 32) + "a\n", "", nil},
		{"a long reference used a few times", "[x]: /" + r("x", 100_000) + "\n\n[x] [x] [x]\n", "", nil},
		{"many short links", lines(20_000, func(i int) string { return fmt.Sprintf("- [page %d](/p/%d/)\n\n", i, i) }), "", nil},
		{"a table of 2,000 rows", "| a | b | c |\n|---|---|---|\n" + r("| 1 | 2 | 3 |\n", 2000), "", nil},
		{"backtick runs of every length", lines(2000, func(i int) string { return "e" + r("`", i+1) }), "1:1: this line has 2000 runs of backticks", nil},
		{"backtick runs over many lines", lines(2000, func(i int) string { return "e" + r("`", i+1) + "\n" }), "1:1: this paragraph has", nil},
		{"backtick runs of every length under the limit", lines(300, func(i int) string { return "e" + r("`", i+1) }), "", nil},
		{"brackets nested 100,000 deep", r("[", 50_000) + "a" + r("]", 50_000), "1:1: this line has", nil},
		{"20,000 identical headings", r("## a\n\n", 20_000), "", func(t *testing.T, res Result) {
			if len(res.TOC) != 20_000 || res.TOC[0].ID != "a" || res.TOC[1].ID != "a-1" || res.TOC[19_999].ID != "a-19999" {
				t.Errorf("ids: %d headings, first %q, second %q, last %q", len(res.TOC), res.TOC[0].ID, res.TOC[1].ID, res.TOC[len(res.TOC)-1].ID)
			}
		}},
	}
	c := New(Options{})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			type outcome struct {
				res Result
				err error
			}
			out := runBounded(t, func() outcome {
				res, err := c.Convert([]byte(tc.src), "/p/")
				return outcome{res, err}
			})
			if tc.wantErr == "" {
				if out.err != nil {
					t.Fatalf("want success, got %v", out.err)
				}
				if tc.check != nil {
					tc.check(t, out.res)
				}
				return
			}
			var le *LimitError
			if !errors.As(out.err, &le) {
				t.Fatalf("want a limit error containing %q, got %v", tc.wantErr, out.err)
			}
			if !strings.Contains(out.err.Error(), tc.wantErr) {
				t.Fatalf("error %q\ndoes not contain %q", out.err, tc.wantErr)
			}
		})
	}
}

func TestHeadingIDs_StayUniqueAgainstIDsThatLookLikeSuffixes(t *testing.T) {
	src := "## A\n\n## A 1\n\n## A\n\n## A\n\n## A-2\n\n## A\n"
	res, err := New(Options{}).Convert([]byte(src), "/")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range res.TOC {
		got = append(got, h.ID)
	}
	want := "a a-1 a-2 a-3 a-2-1 a-4"
	if strings.Join(got, " ") != want {
		t.Errorf("ids %v, want %s", got, want)
	}
}
