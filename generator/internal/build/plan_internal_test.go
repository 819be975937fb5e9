package build

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"scorebook/generator/internal/incr"
	"scorebook/generator/internal/site"
)

// shippedEngine returns a dry-run Engine for the shipped site.
func shippedEngine(oneShot bool) *Engine {
	return New(Options{Src: filepath.Join("..", "..", ".."), Mode: DryRun, Version: "test", OneShot: oneShot,
		Now: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)})
}

// loadedShipped returns shippedEngine with the site's inputs read.
func loadedShipped(t *testing.T) *Engine {
	t.Helper()
	e := shippedEngine(false)
	e.in.reload(context.Background(), nil)
	if errs := e.in.problems(); errs.HasErrors() {
		t.Fatal(errs)
	}
	return e
}

// TestOutputs_AreComparableValues checks what the keys rest on: every
// output of the shipped site is rendered from a comparable value (so a
// rebuild can tell it unchanged) that incr.Key can encode whole.
func TestOutputs_AreComparableValues(t *testing.T) {
	e := loadedShipped(t)
	s := site.Assemble(e.siteInputs(e.pageOutline()), e.memory)
	kinds := map[reflect.Type]int{}
	for _, o := range s.Outputs {
		typ := reflect.TypeOf(o.In)
		kinds[typ]++
		if !typ.Comparable() {
			t.Errorf("%s is rendered from a %s, which is not comparable", o.Rel, typ)
		}
		if in, ok := o.In.(site.PageInput); ok && in.Shows != nil && !reflect.TypeOf(in.Shows).Comparable() {
			t.Errorf("%s shows a %T, which is not comparable", o.Rel, in.Shows)
		}
		if incr.Key(o.In) == "" {
			t.Errorf("%s has no key", o.Rel)
		}
	}
	if len(kinds) < 8 {
		t.Errorf("the shipped site has outputs of %d kinds; expected every kind: %v", len(kinds), kinds)
	}
}
