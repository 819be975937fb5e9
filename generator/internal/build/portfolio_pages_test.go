package build_test

import (
	"fmt"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"scorebook/generator/internal/build"
)

// portfolioRowName is a portfolio row's brand name, as its link shows it.
var portfolioRowName = regexp.MustCompile(`<tr data-platform="[^"]*" data-pattern="[^"]*">\s*<th scope="row"><bdi><a href="[^"]*">([^<]*)</a>`)

// pagerLink is a link of the portfolio's list of pages.
var pagerLink = regexp.MustCompile(`<a href="([^"]*)">(\d+)</a>`)

// TestPortfolio_PagesListEveryBrandOnceInOrder builds the shipped site with
// three brands to a portfolio page, and with every brand on one page: the
// pages of the portfolio and of each filter list the one page's brands in
// its order, each once; every page links every page; only the first
// carries the findings and the medians over all of them.
func TestPortfolio_PagesListEveryBrandOnceInOrder(t *testing.T) {
	build3 := func(size int) map[string][]byte {
		src := copySite(t, shippedSrc)
		replaceIn(t, src, "site.toml", "\nunsafe_html = false\n", fmt.Sprintf("\nunsafe_html = false\nportfolio_page_size = %d\n", size))
		out := filepath.Join(t.TempDir(), "public")
		mustBuild(t, options(src, out, build.Publish))
		return readTree(t, out)
	}
	whole, paged := build3(0), build3(3)
	names := func(page []byte) []string {
		var out []string
		for _, m := range portfolioRowName.FindAllSubmatch(page, -1) {
			out = append(out, string(m[1]))
		}
		return out
	}
	views := []string{"scorecards/"}
	for rel := range whole {
		if strings.HasPrefix(rel, "scorecards/platform/") || strings.HasPrefix(rel, "scorecards/pattern/") {
			views = append(views, strings.TrimSuffix(rel, "index.html"))
		}
	}
	slices.Sort(views)
	pagedViews := 0
	for _, view := range views {
		want := names(whole[view+"index.html"])
		var got []string
		pages := 0
		for n := 1; ; n++ {
			rel := view + "index.html"
			if n > 1 {
				rel = fmt.Sprintf("%spage/%d/index.html", view, n)
			}
			page, ok := paged[rel]
			if !ok {
				break
			}
			pages++
			rows := names(page)
			if len(rows) == 0 && len(want) > 0 || len(rows) > 3 {
				t.Errorf("%s lists %d brands, want 1 to 3", rel, len(rows))
			}
			got = append(got, rows...)
			hasFigures := strings.Contains(string(page), `<p class="totals">`)
			if hasFigures != (n == 1) {
				t.Errorf("%s: findings over every page shown: %v, want them on the first page only", rel, hasFigures)
			}
			if n == 1 && strings.Contains(string(whole[view+"index.html"]), `id="medians-pattern"`) != strings.Contains(string(page), `id="medians-pattern"`) {
				t.Errorf("%s: the first page does not show the medians the one page shows", rel)
			}
			if n > 1 && strings.Contains(string(page), `id="medians-`) {
				t.Errorf("%s: a later page shows the medians", rel)
			}
			if pages > 1 || len(want) > 3 {
				links := pagerLink.FindAllSubmatch(page, -1)
				// Every page but this one is a link that resolves to a page.
				if len(links) != (len(want)+2)/3-1 {
					t.Errorf("%s links %d other pages, want %d", rel, len(links), (len(want)+2)/3-1)
				}
				for _, l := range links {
					target := path.Join(path.Dir(rel), string(l[1]), "index.html")
					if _, ok := paged[target]; !ok {
						t.Errorf("%s links page %s at %s, which is not in the site", rel, l[2], target)
					}
				}
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: the pages list\n %q\nwant the one page's\n %q", view, got, want)
		}
		if pages > 1 {
			pagedViews++
		}
	}
	if pagedViews == 0 {
		t.Fatal("no portfolio view has more than one page: the test pages nothing")
	}
	if _, ok := whole["scorecards/page/2/index.html"]; ok {
		t.Error("with portfolio_page_size = 0 the portfolio still has a second page")
	}
}
