package build

// memo remembers, between the builds of one Engine, a value computed from
// inputs of type K for each of a kind of output (every page, every brand),
// so that a rebuild computes it again only for the outputs whose inputs
// changed. Inputs are compared, never trusted, and the computation may
// depend on nothing else: then a value from the memo is exactly what
// computing it again would return. A nil memo computes every time, for
// engines that build once.
type memo[K comparable, V any] struct {
	entries map[string]*memoed[K, V] // by the output's identity
	gen     int                      // the current build
	used    int                      // entries used in the current build
}

type memoed[K comparable, V any] struct {
	in  K
	out V
	gen int
}

func newMemo[K comparable, V any]() *memo[K, V] {
	return &memo[K, V]{entries: map[string]*memoed[K, V]{}}
}

// get returns compute(in), the value for inputs in of the output named id.
func (m *memo[K, V]) get(id string, in K, compute func(K) V) V {
	if m == nil {
		return compute(in)
	}
	m.used++
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

// next starts a build, first forgetting the outputs the last builds no
// longer had once they are a good part of the memo.
func (m *memo[K, V]) next() {
	if m == nil {
		return
	}
	if len(m.entries) > m.used+m.used/4+64 {
		for id, e := range m.entries {
			if e.gen != m.gen {
				delete(m.entries, id)
			}
		}
	}
	m.gen++
	m.used = 0
}
