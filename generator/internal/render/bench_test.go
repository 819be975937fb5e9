package render

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"scorebook/generator/internal/assessment"
	"scorebook/generator/internal/config"
	template "scorebook/generator/internal/gotemplate/html"
	"scorebook/generator/internal/model"
	"scorebook/generator/internal/score"
)

// repoRoot is the shipped playbook the benchmarks and view tests read: its
// layouts, its model and its example assessments.
const repoRoot = "../../.."

// fixture is the shipped site loaded and scored.
type fixture struct {
	m       *model.Model
	layouts *Layouts
	brands  []*assessment.Brand
	cards   map[string][]*score.Scorecard
}

func loadFixture(tb testing.TB) *fixture {
	tb.Helper()
	cfg, errs := config.Load(repoRoot, score.CheckParams())
	if errs.HasErrors() {
		tb.Fatalf("load site.toml: %v", errs.Err())
	}
	m := &cfg.Model
	brands, errs := assessment.Load(repoRoot, m)
	if errs.HasErrors() {
		tb.Fatalf("load assessments: %v", errs.Err())
	}
	now := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	f := &fixture{m: m, brands: brands, cards: map[string][]*score.Scorecard{}, layouts: parseLayouts(tb)}
	for _, b := range brands {
		f.cards[b.Slug] = score.Brand(m, b, now)
	}
	return f
}

// portfolioRows builds one row per brand in portfolio order, as the build
// does from the rows it keeps per brand.
func portfolioRows(m *model.Model, brands []BrandCard) []PortfolioRow {
	rows := make([]PortfolioRow, 0, len(brands))
	for _, b := range brands {
		rows = append(rows, NewPortfolioRow(m, b))
	}
	slices.SortStableFunc(rows, func(a, b PortfolioRow) int { return ComparePortfolioRows(&a, &b) })
	return rows
}

// parseLayouts parses the shipped layouts/ folder.
func parseLayouts(tb testing.TB) *Layouts {
	tb.Helper()
	l, errs := Parse(shippedLayoutFiles(tb))
	if errs.HasErrors() {
		tb.Fatalf("parse layouts: %v", errs.Err())
	}
	return l
}

// shippedLayoutFiles reads the shipped layouts/ folder, by path below it.
func shippedLayoutFiles(tb testing.TB) map[string][]byte {
	tb.Helper()
	files := map[string][]byte{}
	root := filepath.Join(repoRoot, "layouts")
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		files[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		tb.Fatalf("read layouts: %v", err)
	}
	return files
}

// richest returns the brand with the most assessments (its history and
// changes are on the page), the first such by slug.
func (f *fixture) richest(tb testing.TB) *assessment.Brand {
	tb.Helper()
	var best *assessment.Brand
	for _, b := range f.brands {
		if best == nil || len(b.Assessments) > len(best.Assessments) {
			best = b
		}
	}
	if best == nil {
		tb.Fatal("no brands in the shipped assessments")
	}
	return best
}

func benchSite() *Site {
	return &Site{Title: "Integration playbook", Language: "en", BaseURL: "/", ModelVersion: "bench",
		BuildDate: "2026-11-27", Stylesheets: []string{"css/site.css"},
		Menu: []Link{{Title: "Guide", URL: "/guide/"}, {Title: "Scorecards", URL: "/scorecards/"}}}
}

// BenchmarkScorecard measures one scorecard page of the brand with the
// longest history: building its view, and executing the layouts for the
// page and for the share file.
func BenchmarkScorecard(b *testing.B) {
	f := loadFixture(b)
	brand := f.richest(b)
	cards := f.cards[brand.Slug]
	a, card := brand.Current(), cards[len(cards)-1]
	base := "/scorecards/" + brand.Slug + "/"
	site := benchSite()
	b.Run("view", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			NewScorecardView(f.m, a, card, cards, base)
		}
	})
	// A scorecard page and its share file as the build makes them today:
	// one view for each.
	b.Run("page+share", func(b *testing.B) {
		var buf bytes.Buffer
		b.ReportAllocs()
		for b.Loop() {
			for _, kind := range []string{KindScorecard, KindShare} {
				sv := NewScorecardView(f.m, a, card, cards, base)
				buf.Reset()
				if err := f.layouts.Render(&buf, &View{Site: site, Kind: kind, URL: sv.URL, Title: card.Brand, Scorecard: sv}); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	// The same with one view for both, as a build that keeps the view of
	// the current scorecard would.
	b.Run("page+share-one-view", func(b *testing.B) {
		var buf bytes.Buffer
		b.ReportAllocs()
		for b.Loop() {
			sv := NewScorecardView(f.m, a, card, cards, base)
			for _, kind := range []string{KindScorecard, KindShare} {
				buf.Reset()
				if err := f.layouts.Render(&buf, &View{Site: site, Kind: kind, URL: sv.URL, Title: card.Brand, Scorecard: sv}); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	for _, kind := range []string{KindScorecard, KindShare} {
		b.Run("render-"+kind, func(b *testing.B) {
			sv := NewScorecardView(f.m, a, card, cards, base)
			v := &View{Site: site, Kind: kind, URL: sv.URL, Title: card.Brand, Scorecard: sv}
			var buf bytes.Buffer
			b.ReportAllocs()
			for b.Loop() {
				buf.Reset()
				if err := f.layouts.Render(&buf, v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// syntheticBrands makes n listed brands from the shipped assessments,
// renamed so that every row is distinct.
func syntheticBrands(f *fixture, n int) []BrandCard {
	out := make([]BrandCard, 0, n)
	for i := 0; len(out) < n; i++ {
		src := f.brands[i%len(f.brands)]
		cards := f.cards[src.Slug]
		slug := fmt.Sprintf("%s-%04d", src.Slug, i)
		renamed := make([]*score.Scorecard, len(cards))
		for j, c := range cards {
			cc := *c
			cc.Brand, cc.Slug = fmt.Sprintf("%s %04d", c.Brand, i), slug
			renamed[j] = &cc
		}
		out = append(out, BrandCard{Assessment: src.Current(), Cards: renamed, URL: "/scorecards/" + slug + "/"})
	}
	return out
}

// BenchmarkPortfolio measures the portfolio of 1,000 brands: building the
// rows once, rendering each row with the row partial (the build does that
// once per brand and page depth, and keeps it), then the view and page of
// the whole portfolio and of one platform filter with rendered rows.
func BenchmarkPortfolio(b *testing.B) {
	f := loadFixture(b)
	brands := syntheticBrands(f, 1000)
	site := benchSite()
	b.Run("rows", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			portfolioRows(f.m, brands)
		}
	})
	rows := portfolioRows(f.m, brands)
	// The figures over every row (findings by severity, medians by
	// pattern and platform), which an edit of one brand takes again.
	b.Run("stats", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			NewPortfolioStats(f.m, pointers(rows))
		}
	})
	renderRows := func(v *PortfolioView) {
		for i := range v.Rows {
			html, err := f.layouts.Fragment(KindPortfolio, PortfolioRowLayout, &v.Rows[i])
			if err != nil {
				b.Fatal(err)
			}
			v.Rows[i].HTML = html
		}
	}
	b.Run("render-rows", func(b *testing.B) {
		v := wholePortfolio(f.m, pointers(rows), CountFilters(pointers(rows)), "", "")
		b.ReportAllocs()
		for b.Loop() {
			renderRows(v)
		}
	})
	platform := f.brands[0].Current().Platform
	for _, page := range []struct{ name, url, kind, id string }{
		{"all", "/scorecards/", "", ""},
		{"platform", "/scorecards/platform/" + platform + "/", "platform", platform},
	} {
		rendered := wholePortfolio(f.m, filterRows(rows, page.kind, page.id), CountFilters(pointers(rows)), page.kind, page.id)
		renderRows(rendered)
		html := map[string]template.HTML{}
		for _, r := range rendered.Rows {
			html[r.Slug] = r.HTML
		}
		b.Run("render-"+page.name, func(b *testing.B) {
			var buf bytes.Buffer
			b.ReportAllocs()
			for b.Loop() {
				buf.Reset()
				pv := wholePortfolio(f.m, filterRows(rows, page.kind, page.id), CountFilters(pointers(rows)), page.kind, page.id)
				for i := range pv.Rows {
					pv.Rows[i].HTML = html[pv.Rows[i].Slug]
				}
				pv.JoinRows()
				v := &View{Site: site, Kind: KindPortfolio, URL: page.url, Title: "Scorecards", Portfolio: pv}
				if err := f.layouts.Render(&buf, v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
