package render

import (
	"bytes"
	"maps"
	"strings"
	"testing"
)

// TestFragment_PortfolioRow renders one row of the portfolio with the
// shipped partial, as the build does, and places it in the page.
func TestFragment_PortfolioRow(t *testing.T) {
	f := loadFixture(t)
	rows := portfolioRows(f.m, syntheticBrands(f, 3))
	rows[0].Brand.Title = `Tricky <b>"Brand"</b>`
	v := wholePortfolio(f.m, pointers(rows), CountFilters(pointers(rows)), "", "")
	r := &v.Rows[0]
	html, err := f.layouts.Fragment(KindPortfolio, PortfolioRowLayout, r)
	if err != nil {
		t.Fatal(err)
	}
	s := string(html)
	if !strings.HasPrefix(s, "<tr ") || !strings.HasSuffix(s, "</tr>") {
		t.Errorf("the row is not one trimmed <tr> element: %q…%q", s[:min(20, len(s))], s[max(0, len(s)-20):])
	}
	for _, want := range []string{string(r.Anchor.HTML), `data-platform="` + r.Platform + `"`, r.OverallText, r.CoverageText} {
		if !strings.Contains(s, want) {
			t.Errorf("the row lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "<b>") {
		t.Errorf("the brand's name reached the row unescaped:\n%s", s)
	}

	for i := range v.Rows {
		if v.Rows[i].HTML, err = f.layouts.Fragment(KindPortfolio, PortfolioRowLayout, &v.Rows[i]); err != nil {
			t.Fatal(err)
		}
	}
	v.JoinRows()
	var page bytes.Buffer
	if err := f.layouts.Render(&page, &View{Site: benchSite(), Kind: KindPortfolio, URL: v.URL, Title: "Scorecards", Portfolio: v}); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(page.String(), "<tr data-platform="); n != len(v.Rows) || !strings.Contains(page.String(), s) {
		t.Errorf("the page holds %d rows, want the %d rendered ones", n, len(v.Rows))
	}
}

// TestParse_NeedsThePortfolioRow checks that layouts without the row
// partial are refused with its path, and that a broken partial's error
// names the partial.
func TestParse_NeedsThePortfolioRow(t *testing.T) {
	files := shippedLayoutFiles(t)
	without := maps.Clone(files)
	delete(without, PortfolioRowLayout)
	if _, errs := Parse(without); !errs.HasErrors() || errs[0].Path != LayoutPath(PortfolioRowLayout) {
		t.Errorf("layouts without %s: %v", PortfolioRowLayout, errs)
	}

	broken := maps.Clone(files)
	broken[PortfolioRowLayout] = []byte("<tr><td>{{.NoSuchField}}</td></tr>\n")
	l, errs := Parse(broken)
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	f := loadFixture(t)
	rows := portfolioRows(f.m, syntheticBrands(f, 1))
	_, err := l.Fragment(KindPortfolio, PortfolioRowLayout, &rows[0])
	if err == nil || !strings.Contains(err.Error(), LayoutPath(PortfolioRowLayout)) || !strings.Contains(err.Error(), "NoSuchField") {
		t.Errorf("a broken row partial: %v", err)
	}
}
