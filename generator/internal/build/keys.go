package build

import "slices"

// keyMemo remembers each output's key with the parts it was hashed from,
// between the builds of one Engine, so that a rebuild hashes again only
// the outputs whose parts changed. Parts are compared, never trusted: a
// key from the memo is exactly the key hashOf would give. A nil keyMemo
// hashes every time, for engines that build once.
type keyMemo struct {
	entries map[string]*memoEntry // by output path
	gen     int                   // the current build
	used    int                   // entries used in the current build
}

type memoEntry struct {
	parts []string
	key   string
	gen   int
}

// key returns hashOf(parts...), the key of the output at rel.
func (m *keyMemo) key(rel string, parts ...string) string {
	if m == nil {
		return hashOf(parts...)
	}
	m.used++
	e := m.entries[rel]
	if e == nil {
		e = &memoEntry{}
		m.entries[rel] = e
	} else if slices.Equal(e.parts, parts) {
		e.gen = m.gen
		return e.key
	}
	e.parts, e.key, e.gen = parts, hashOf(parts...), m.gen
	return e.key
}

// next starts a build, first forgetting the outputs the last builds no
// longer had once they are a good part of the memo.
func (m *keyMemo) next() {
	if m == nil {
		return
	}
	if len(m.entries) > m.used+m.used/4+64 {
		for rel, e := range m.entries {
			if e.gen != m.gen {
				delete(m.entries, rel)
			}
		}
	}
	m.gen++
	m.used = 0
}
