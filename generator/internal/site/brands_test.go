package site

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"scorebook/generator/internal/incr"
	"scorebook/generator/internal/model"
	"scorebook/generator/internal/render"
	"scorebook/generator/internal/routes"
)

// TestSortRows_MovesMatchFullSort changes, adds and removes a few brands
// at a time, at random, and checks that the rows sortRows moves into the
// last order, and the filter parts it keeps, are those of a full sort.
func TestSortRows_MovesMatchFullSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
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
		a := &assembly{m: m, model: mdl, mem: &Memory{parts: incr.NewParts(), listed: prev}}
		l := &listedParts{model: mdl.Digest(), bySlug: map[string]*Brand{}}
		for _, s := range slugs {
			a.listed = append(a.listed, Published{Brand: brands[s], URL: routes.Scorecard(s), Published: true})
			l.bySlug[s] = brands[s]
		}
		rows, moved, incremental := a.sortRows(prev, l.bySlug)
		l.rows = incr.Derive(rows, "rows")
		l.filtered = a.filterParts(prev, rows, moved, incremental)
		// The full sort the incremental order must equal.
		want := make([]portfolioEntry, len(a.listed))
		for i, p := range a.listed {
			want[i] = portfolioEntry{Row: p.Brand.row, Brand: p.Brand}
		}
		slices.SortStableFunc(want, func(x, y portfolioEntry) int { return render.ComparePortfolioRows(x.Row, y.Row) })
		if !slices.Equal(slugsOf(l.rows.V), slugsOf(want)) {
			t.Fatalf("rows out of order:\n got %v\nwant %v", slugsOf(l.rows.V), slugsOf(want))
		}
		if len(l.filtered) != 5 {
			t.Fatalf("%d filter pages, want 5", len(l.filtered))
		}
		for _, f := range []struct{ kind, id string }{{"platform", "a"}, {"platform", "b"}, {"platform", "c"}, {"pattern", "x"}, {"pattern", "y"}} {
			kind, id, url := f.kind, f.id, routes.Filter(f.kind, f.id)
			var in []string
			for _, e := range want {
				if render.InFilter(e.Row, kind, id) {
					in = append(in, e.Brand.Slug)
				}
			}
			if got := slugsOf(l.filtered[url].V); !slices.Equal(got, in) {
				t.Fatalf("filter %s:\n got %v\nwant %v", url, got, in)
			}
		}
		return l, incremental
	}
	l, _ := assemble(nil)
	moves, kept := 0, 0
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
		for url, f := range l.filtered {
			if prev.filtered[url] == f {
				kept++
			}
		}
	}
	if moves < 250 {
		t.Errorf("only %d of 300 steps moved rows instead of sorting them all", moves)
	}
	if kept == 0 {
		t.Error("no filter page kept its part: every edit made them all again")
	}
}

func slugsOf(rows []portfolioEntry) []string {
	s := make([]string, len(rows))
	for i, r := range rows {
		s[i] = r.Brand.Slug
	}
	return s
}
