package incr

import "reflect"

// Parts keeps the parts of the last builds by content, so that a part made
// again with the same content is the same pointer as before, and inputs
// holding it compare equal to the last build's without being keyed again.
type Parts struct {
	entries map[partID]*keptPart
	gen     int
}

type partID struct {
	t      reflect.Type
	digest string
}

type keptPart struct {
	p   any
	gen int
}

// NewParts returns an empty table.
func NewParts() *Parts { return &Parts{entries: map[partID]*keptPart{}} }

// Keep returns the part with p's type and digest that the table holds,
// or p itself, which it then holds. A nil table returns p.
func Keep[T any](t *Parts, p *Shared[T]) *Shared[T] {
	if t == nil {
		return p
	}
	id := partID{reflect.TypeFor[T](), p.digest}
	if e, ok := t.entries[id]; ok {
		e.gen = t.gen
		return e.p.(*Shared[T])
	}
	t.entries[id] = &keptPart{p: p, gen: t.gen}
	return p
}

// Begin starts a build.
func (t *Parts) Begin() {
	if t != nil {
		t.gen++
	}
}

// Sweep forgets the parts no input asked for since Begin.
func (t *Parts) Sweep() {
	if t == nil {
		return
	}
	for id, e := range t.entries {
		if e.gen != t.gen {
			delete(t.entries, id)
		}
	}
}
