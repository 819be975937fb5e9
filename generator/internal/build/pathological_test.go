package build_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"scorebook/generator/internal/build"
	"scorebook/generator/internal/diag"
)

// TestCheck_PathologicalInputs checks a copy of the shipped site with one
// hostile file added, under a timeout that only superlinear work reaches,
// and compares the problems found with the expected ones.
func TestCheck_PathologicalInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("checks whole sites")
	}
	r := strings.Repeat
	page := func(body string) string { return "+++\ntitle = \"Hostile\"\n+++\n" + body }
	brokenLinks := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "- [page %d](/nowhere/%d/)\n", i, i)
		}
		return b.String()
	}
	assessment := "brand = \"Hostile\"\nassessed = 2026-01-01\n"
	tests := []struct {
		name, rel, data string
		count           int      // problems expected
		want            []string // some of them, in full
	}{
		{"100,000 broken links", "content/broken.md", page(brokenLinks(100_000)), 100_000, []string{
			"content/broken.md:4:12: link to /nowhere/0/ leads nowhere: no page or file of the site has that address",
			"content/broken.md:100003:16: link to /nowhere/99999/ leads nowhere: no page or file of the site has that address",
		}},
		{"the same broken link twice, and one written as a reference", "content/broken.md",
			page("[a](/x/) and [b](/x/)\n\nsee [c][ref] and [d](/y/)\n\n[ref]: /z/\n"), 3, []string{
				"content/broken.md:4:5: link to /x/ leads nowhere: no page or file of the site has that address",
				"content/broken.md:6:22: link to /y/ leads nowhere: no page or file of the site has that address",
				"content/broken.md:8:8: link to /z/ leads nowhere: no page or file of the site has that address",
			}},
		{"mismatched emphasis in a page", "content/emphasis.md", page("Intro.\n\n" + r("*a_ ", 50_000) + "\n"), 1, []string{
			"content/emphasis.md:6:1: this line has 100000 emphasis and link delimiters (runs of * _ ~ and each [ ] ( ) < >); a paragraph, heading or table row may have at most 1000; split it with blank lines",
		}},
		{"block quotes nested in a page", "content/quotes.md", page(r("> ", 10_000) + "a\n"), 1, []string{
			"content/quotes.md:4:65: more than 32 block quotes and list items open on this line; they may nest at most 32 deep",
		}},
		{"nested arrays in an assessment", "assessments/hostile/2026-01-01.toml", assessment + "x = " + r("[", 10_000) + r("]", 10_000) + "\n", 1, []string{
			"assessments/hostile/2026-01-01.toml:3:37: arrays and inline tables are nested more than 32 deep here; they may nest at most 32 deep",
		}},
		{"nested inline tables in front matter", "content/inline.md", "+++\ntitle = \"x\"\nx = " + r("{a=", 5000) + "1" + r("}", 5000) + "\n+++\n", 1, []string{
			"content/inline.md:3:101: arrays and inline tables are nested more than 32 deep here; they may nest at most 32 deep",
		}},
		{"a long dotted key in an assessment", "assessments/hostile/2026-01-01.toml", assessment + strings.TrimSuffix(r("a.", 10_000), ".") + " = 1\n", 1, []string{
			"assessments/hostile/2026-01-01.toml:3:1: this key has more than 32 dot-separated parts; a key or table header may have at most 32",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := copySite(t, shippedSrc)
			writeFile(t, src, tc.rel, tc.data)
			done := make(chan error, 1)
			go func() {
				_, err := build.Check(context.Background(), options(src, "", build.DryRun))
				done <- err
			}()
			var err error
			select {
			case err = <-done:
			case <-time.After(60 * time.Second):
				t.Fatal("check did not finish within a minute: superlinear again?")
			}
			var problems diag.List
			if !errors.As(err, &problems) {
				t.Fatalf("want problems, got %v", err)
			}
			problems = problems.Errors()
			if len(problems) != tc.count {
				t.Errorf("%d problems, want %d; the first: %v", len(problems), tc.count, problems[:min(3, len(problems))])
			}
			got := map[string]bool{}
			for _, d := range problems {
				got[d.String()] = true
			}
			for _, w := range tc.want {
				if !got[w] {
					t.Errorf("missing %s\namong %v", w, problems[:min(4, len(problems))])
				}
			}
		})
	}
}

// TestBuild_IsolatesBrandNamesThatTurnTheTextAround builds the shipped
// site with a brand name holding a right-to-left override and Arabic, and
// checks that each place showing the name isolates it.
func TestBuild_IsolatesBrandNamesThatTurnTheTextAround(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a whole site")
	}
	src := copySite(t, shippedSrc)
	rel := "assessments/cinder-sage/2026-06-17.toml"
	name := "Cinder \u202eegaS & شركة"
	writeFile(t, src, rel, strings.Replace(readFile(t, src, rel), `brand = "Cinder & Sage"`, `brand = "`+name+`"`, 1))
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, options(src, out, build.Publish))
	escaped := strings.ReplaceAll(name, "&", "&amp;")
	portfolio := readFile(t, out, "scorecards/index.html")
	if !strings.Contains(portfolio, "<th scope=\"row\"><bdi><a") || !strings.Contains(portfolio, escaped+"</a></bdi>") {
		t.Errorf("the portfolio does not isolate the name:\n%s", excerpt(portfolio, escaped))
	}
	card := readFile(t, out, "scorecards/cinder-sage/index.html")
	if !strings.Contains(card, "<h1 dir=\"auto\">"+escaped+"</h1>") {
		t.Errorf("the scorecard heading does not isolate the name:\n%s", excerpt(card, escaped))
	}
}

// excerpt is the text around the first s in page, or its start.
func excerpt(page, s string) string {
	i := max(strings.Index(page, s), 0)
	return page[max(i-200, 0):min(i+200, len(page))]
}
