package incr

import (
	"testing"
	"time"
)

type inner struct {
	Name  string
	Items []string
}

type sample struct {
	A    string
	N    int
	F    float64
	OK   bool
	P    *Shared[[]string]
	In   inner
	M    map[string]int
	When time.Time
	Any  any
	Ptr  *inner
}

func base() sample {
	return sample{A: "a", N: 1, F: 1.5, OK: true, P: Share([]string{"x"}), In: inner{"n", []string{"i"}},
		M: map[string]int{"k": 1, "l": 2}, When: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), Any: inner{"any", nil},
		Ptr: &inner{"ptr", nil}}
}

// TestKey_EveryFieldCounts changes each field of a value in turn and
// checks that the key changes: no field can be left out of a key.
func TestKey_EveryFieldCounts(t *testing.T) {
	want := Key(base())
	if Key(base()) != want {
		t.Fatal("Key is not deterministic")
	}
	edits := map[string]func(*sample){
		"string":           func(s *sample) { s.A = "b" },
		"int":              func(s *sample) { s.N = 2 },
		"float":            func(s *sample) { s.F = 2 },
		"bool":             func(s *sample) { s.OK = false },
		"part content":     func(s *sample) { s.P = Share([]string{"y"}) },
		"nested struct":    func(s *sample) { s.In.Name = "m" },
		"nested slice":     func(s *sample) { s.In.Items = append(s.In.Items, "j") },
		"map value":        func(s *sample) { s.M["k"] = 3 },
		"map key":          func(s *sample) { s.M = map[string]int{"k": 1, "m": 2} },
		"time":             func(s *sample) { s.When = s.When.Add(time.Second) },
		"interface":        func(s *sample) { s.Any = inner{"other", nil} },
		"interface type":   func(s *sample) { s.Any = "any" },
		"pointer target":   func(s *sample) { s.Ptr = &inner{"other", nil} },
		"nil pointer":      func(s *sample) { s.Ptr = nil },
		"nil vs empty":     func(s *sample) { s.In.Items = nil },
		"string boundary":  func(s *sample) { s.A, s.In.Name = "an", "" },
		"derived part":     func(s *sample) { s.P = Derive([]string{"x"}, "source") },
		"slice to nothing": func(s *sample) { s.In.Items = []string{} },
	}
	for name, edit := range edits {
		s := base()
		edit(&s)
		if Key(s) == want {
			t.Errorf("%s: changing it left the key the same", name)
		}
	}
	a, b := base(), base()
	b.P = Share([]string{"x"}) // a new part with the same content
	if Key(a) != Key(b) {
		t.Error("two parts with the same content keyed differently")
	}
	b.M = map[string]int{"l": 2, "k": 1}
	if Key(a) != Key(b) {
		t.Error("a map keyed by its iteration order")
	}
}

func TestKey_RefusesFunctionsAndUnexportedParts(t *testing.T) {
	for name, v := range map[string]any{
		"func":            struct{ F func() }{func() {}},
		"unexported part": struct{ p *Shared[int] }{Share(1)},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: keyed without complaint", name)
				}
			}()
			Key(v)
		}()
	}
}

func TestKeep_SameContentSamePointer(t *testing.T) {
	parts := NewParts()
	parts.Begin()
	first := Keep(parts, Share([]string{"a", "b"}))
	parts.Sweep()
	parts.Begin()
	if again := Keep(parts, Share([]string{"a", "b"})); again != first {
		t.Error("a part with the same content was not kept")
	}
	if other := Keep(parts, Share([]string{"a"})); other == first {
		t.Error("a part with other content was taken for the kept one")
	}
	parts.Sweep()
	parts.Begin()
	parts.Sweep()
	parts.Begin()
	if Keep(parts, Share([]string{"a", "b"})) == first {
		t.Error("a part no build asked for was kept after a sweep")
	}
}

func TestStampAndFileSet_IgnoreOrderButNotContent(t *testing.T) {
	a := map[string]string{"a.html": "1", "b.html": "2"}
	if Stamp(a) != Stamp(map[string]string{"b.html": "2", "a.html": "1"}) {
		t.Error("the stamp depends on map order")
	}
	if Stamp(a) == Stamp(map[string]string{"a.html": "1", "b.html": "3"}) {
		t.Error("a changed key left the stamp the same")
	}
	if FileSet([]string{"x", "y"}) != FileSet([]string{"y", "x"}) || FileSet([]string{"x"}) == FileSet([]string{"x", "y"}) {
		t.Error("FileSet is not the set of its paths")
	}
}

func TestRecord_RoundTrip(t *testing.T) {
	p := t.TempDir() + "/builds/r.json"
	want := Manifest{Format: 1, Stamp: "s", Outputs: map[string]string{"a": "k"}, Links: map[string][]string{"p": {"/x/"}}}
	if !WriteRecord(p, want) {
		t.Fatal("not written")
	}
	var got Manifest
	if !ReadRecord(p, &got) || got.Stamp != "s" || got.Outputs["a"] != "k" || got.Links["p"][0] != "/x/" {
		t.Errorf("read back %+v", got)
	}
	if ReadRecord(p+".missing", &got) {
		t.Error("a missing record was read")
	}
}
