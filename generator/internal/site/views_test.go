package site

import (
	"path/filepath"
	"testing"
	"time"

	"scorebook/generator/internal/assessment"
	"scorebook/generator/internal/config"
	"scorebook/generator/internal/incr"
	"scorebook/generator/internal/score"
)

// A scorecard's view, charts and all, is made once for the current
// scorecard's page and share file, and a build holds it only until both
// have taken it; an earlier assessment's view is not kept at all.
func TestScorecardViews_SharedOnceAndNotKept(t *testing.T) {
	src, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	cfg, errs := config.Load(src, score.CheckParams())
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	files, errs := assessment.LoadBrand(src, "fernhill-grocers", &cfg.Model, nil)
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	b := &Brand{Slug: "fernhill-grocers", Files: files, Cards: score.Brand(&cfg.Model, files, time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC))}
	if len(b.Cards) < 2 {
		t.Fatalf("the test needs a brand with an earlier assessment; %d", len(b.Cards))
	}
	b.digest = "d"
	model := incr.Derive(&cfg.Model, "model", "test")
	in := func(i int, share bool) ScorecardInput {
		return ScorecardInput{Model: model, Brand: b.AsOf(i), URL: "/scorecards/fernhill-grocers/", Index: i, Share: share}
	}
	held := func(r *Renderer) int {
		n := 0
		r.views.Range(func(any, any) bool { n++; return true })
		return n
	}
	current := len(b.Cards) - 1
	for _, order := range [][2]bool{{false, true}, {true, false}} {
		r := &Renderer{}
		first, err := in(current, order[0]).view(r)
		if err != nil {
			t.Fatal(err)
		}
		if held(r) != 1 {
			t.Fatalf("after the first of page and share file: %d views held, want 1", held(r))
		}
		second, err := in(current, order[1]).view(r)
		if err != nil {
			t.Fatal(err)
		}
		if first != second {
			t.Error("the page and the share file got different views: the charts are drawn twice")
		}
		if held(r) != 0 {
			t.Errorf("after both: %d views held, want 0", held(r))
		}
		if _, err := in(0, false).view(r); err != nil {
			t.Fatal(err)
		}
		if held(r) != 0 {
			t.Errorf("after an earlier assessment: %d views held, want 0", held(r))
		}
	}
}
