package site

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"scorebook/generator/internal/config"
	"scorebook/generator/internal/incr"
	"scorebook/generator/internal/model"
	"scorebook/generator/internal/render"
	"scorebook/generator/internal/routes"
)

// TestSortRows_MovesMatchFullSort changes, adds and removes a few brands
// at a time, at random, and checks that the rows sortRows moves into the
// last order, and the portfolio views and pages it keeps, are those of a
// full sort.
func TestSortRows_MovesMatchFullSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	const pageSize = 25
	m := &model.Model{Platforms: []model.Platform{{ID: "a"}, {ID: "b"}, {ID: "c"}}, Patterns: []model.Pattern{{ID: "x"}, {ID: "y"}}}
	mdl := incr.Derive(m, "model", "test")
	scores := []float64{1, 1.5, 2, 2.5, 3} // few values: many ties, broken by title and slug
	platforms, patterns := []string{"a", "b", "c"}, []string{"x", "y"}
	newBrand := func(slug string) *Brand {
		b := &Brand{Slug: slug}
		row := &render.PortfolioRow{Slug: slug, Brand: render.Link{Title: fmt.Sprint("Brand ", rng.IntN(4))},
			Platform: platforms[rng.IntN(len(platforms))], Pattern: patterns[rng.IntN(len(patterns))]}
		if rng.IntN(6) > 0 {
			row.Overall = &scores[rng.IntN(len(scores))]
		}
		b.rowOnce.Do(func() { b.row = row })
		b.digest = incr.Hash(slug, fmt.Sprint(rng.Uint64()))
		return b
	}
	brands := map[string]*Brand{}
	for i := range 200 {
		slug := fmt.Sprintf("brand-%03d", i)
		brands[slug] = newBrand(slug)
	}
	assemble := func(prev *listedParts) (*listedParts, bool) {
		slugs := make([]string, 0, len(brands))
		for s := range brands {
			slugs = append(slugs, s)
		}
		slices.Sort(slugs)
		a := &assembly{m: m, model: mdl, mem: &Memory{parts: incr.NewParts(), listed: prev},
			in: Inputs{Config: &config.Site{PortfolioPageSize: pageSize}}}
		l := &listedParts{model: mdl.Digest(), bySlug: map[string]*Brand{}, pageSize: pageSize}
		for _, s := range slugs {
			a.listed = append(a.listed, Published{Brand: brands[s], URL: routes.Scorecard(s), Published: true})
			l.bySlug[s] = brands[s]
		}
		rows, moved, incremental := a.sortRows(prev, l.bySlug)
		l.rows = incr.Derive(rows, "rows")
		l.views = a.portfolioParts(prev, rows, moved, incremental)
		// The full sort the incremental order must equal.
		want := make([]portfolioEntry, len(a.listed))
		for i, p := range a.listed {
			want[i] = portfolioEntry{Row: p.Brand.row, Brand: p.Brand}
		}
		slices.SortStableFunc(want, func(x, y portfolioEntry) int { return render.ComparePortfolioRows(x.Row, y.Row) })
		if !slices.Equal(slugsOf(l.rows.V), slugsOf(want)) {
			t.Fatalf("rows out of order:\n got %v\nwant %v", slugsOf(l.rows.V), slugsOf(want))
		}
		if len(l.views) != 6 {
			t.Fatalf("%d portfolio views, want the portfolio and 5 filters", len(l.views))
		}
		for _, f := range []struct{ kind, id string }{{"", ""}, {"platform", "a"}, {"platform", "b"}, {"platform", "c"}, {"pattern", "x"}, {"pattern", "y"}} {
			kind, id, url := f.kind, f.id, routes.Filter(f.kind, f.id)
			var in []string
			for _, e := range want {
				if render.InFilter(e.Row, kind, id) {
					in = append(in, e.Brand.Slug)
				}
			}
			v := l.views[url]
			if got := slugsOf(v.rows); !slices.Equal(got, in) {
				t.Fatalf("view %s:\n got %v\nwant %v", url, got, in)
			}
			if v.stats.V.Brands != len(in) {
				t.Fatalf("view %s: figures over %d brands, want %d", url, v.stats.V.Brands, len(in))
			}
			// The pages hold the view's rows in order, pageSize at most each.
			var paged []string
			for i, p := range v.paged {
				if len(p.V) > pageSize || len(p.V) == 0 && len(in) > 0 {
					t.Fatalf("view %s: page %d has %d rows, want 1 to %d", url, i+1, len(p.V), pageSize)
				}
				paged = append(paged, slugsOf(p.V)...)
			}
			if !slices.Equal(paged, in) || len(v.pages) != len(v.paged) {
				t.Fatalf("view %s: pages hold\n %v\nwant %v", url, paged, in)
			}
		}
		return l, incremental
	}
	l, _ := assemble(nil)
	moves, kept, keptPages := 0, 0, 0
	for step := range 300 {
		n := 1 + rng.IntN(3)
		if step%50 == 49 {
			n = maxMoved + 5 // too many: a full sort
		}
		for range n {
			switch slug := fmt.Sprintf("brand-%03d", rng.IntN(260)); {
			case brands[slug] != nil && rng.IntN(5) == 0:
				delete(brands, slug)
			default:
				brands[slug] = newBrand(slug)
			}
		}
		var incremental bool
		prev := l
		l, incremental = assemble(prev)
		if incremental {
			moves++
		}
		for url, v := range l.views {
			if prev.views[url] == v {
				kept++
				continue
			}
			for i, p := range v.paged {
				if old := prev.views[url]; len(old.paged) > i && old.paged[i] == p {
					keptPages++
				}
			}
		}
	}
	if moves < 250 {
		t.Errorf("only %d of 300 steps moved rows instead of sorting them all", moves)
	}
	if kept == 0 {
		t.Error("no filter view kept its part: every edit made them all again")
	}
	if keptPages == 0 {
		t.Error("no page of a changed view kept its part: every edit made every page again")
	}
}

func slugsOf(rows []portfolioEntry) []string {
	s := make([]string, len(rows))
	for i, r := range rows {
		s[i] = r.Brand.Slug
	}
	return s
}
