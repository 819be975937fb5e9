package build

import (
	"bytes"
	"context"
	"testing"

	"scorebook/generator/internal/site"
)

// A one-shot engine (scorebook build) lets go of the pages' texts once the
// search index is made from them; an engine that builds again keeps them.
func TestOneShot_FreesTheSearchTexts(t *testing.T) {
	for _, oneShot := range []bool{false, true} {
		e := shippedEngine(oneShot)
		if _, err := e.Build(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		if kept := len(e.texts) > 0; kept == oneShot {
			t.Errorf("one-shot %v: %d page texts kept after the build", oneShot, len(e.texts))
		}
	}
}

// After ForgetSearch the next Assemble indexes every document again and
// makes the same index files.
func TestForgetSearch_IndexesAgainTheSame(t *testing.T) {
	e := loadedShipped(t)
	outline := e.pageOutline()
	in := e.siteInputs(outline)
	in.PageTexts = e.pageTexts(outline)
	searchFiles := func(s *site.Site) map[string][]byte {
		files := map[string][]byte{}
		for _, o := range s.Outputs {
			if f, ok := o.In.(site.SearchFile); ok {
				files[o.Rel] = f.File.V
			}
		}
		return files
	}
	before := searchFiles(site.Assemble(in, e.memory))
	e.memory.ForgetSearch()
	after := searchFiles(site.Assemble(in, e.memory))
	if len(before) == 0 || len(before) != len(after) {
		t.Fatalf("%d search files before forgetting, %d after", len(before), len(after))
	}
	for rel, data := range before {
		if !bytes.Equal(after[rel], data) {
			t.Errorf("%s differs after ForgetSearch", rel)
		}
	}
}
