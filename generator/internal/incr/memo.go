package incr

// Memo remembers, between the builds of one engine, a value computed from
// inputs of type K for each of a kind of output (every page, every brand),
// so that a rebuild computes it again only for the outputs whose inputs
// changed. Inputs are compared, never trusted, and the computation may
// depend on nothing but them: then a value from the memo is exactly what
// computing it again would return. A nil Memo computes every time, for
// engines that build once.
type Memo[K comparable, V any] struct {
	entries map[string]*memoed[K, V] // by the output's identity
	gen     int                      // the current build
}

type memoed[K comparable, V any] struct {
	in  K
	out V
	gen int
}

// NewMemo returns an empty memo.
func NewMemo[K comparable, V any]() *Memo[K, V] {
	return &Memo[K, V]{entries: map[string]*memoed[K, V]{}}
}

// Get returns compute(in), the value for inputs in of the output named id.
func (m *Memo[K, V]) Get(id string, in K, compute func(K) V) V {
	if m == nil {
		return compute(in)
	}
	e := m.entries[id]
	switch {
	case e == nil:
		e = &memoed[K, V]{in: in, out: compute(in)}
		m.entries[id] = e
	case e.in != in:
		e.in, e.out = in, compute(in)
	}
	e.gen = m.gen
	return e.out
}

// Begin starts a build.
func (m *Memo[K, V]) Begin() {
	if m != nil {
		m.gen++
	}
}

// Sweep forgets every output not asked for since Begin; call it after
// asking for every output of the kind, so that the memo holds no more
// than the site has.
func (m *Memo[K, V]) Sweep() {
	if m == nil {
		return
	}
	for id, e := range m.entries {
		if e.gen != m.gen {
			delete(m.entries, id)
		}
	}
}
