package search

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unsafe"
)

// The counter's ASCII path must split and lowercase exactly as Terms does,
// and hand back terms that are copies, not pieces of the text.
func TestTermCounter_CountsWhatTermsSplits(t *testing.T) {
	pieces := []string{"a", "B", "ab", "Ab", "AB", "x9", "2026", "iPaaS", "hub-and-spoke", " ", "  ", ".", ",", "\n",
		"_", "'", "é", "Café", "İstanbul", "ΣΊΣΥΦΟΣ", "ﬁle", "\u00a0", "\u0307", "z", "Zz", "ok"}
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 2000 {
		var b strings.Builder
		ascii := n%2 == 0
		for range rng.IntN(30) {
			p := pieces[rng.IntN(len(pieces))]
			if ascii && !isASCII(p) {
				continue
			}
			b.WriteString(p)
		}
		text := b.String()
		want := map[string]int{}
		for _, w := range Terms(text) {
			want[w]++
		}
		var c termCounter
		c.add(text, 2)
		if len(c.terms) != len(want) {
			t.Fatalf("%q: %d terms %q, want %d: %v", text, len(c.terms), c.terms, len(want), want)
		}
		for k, term := range c.terms {
			if c.counts[k][2] != want[term] {
				t.Fatalf("%q: term %q counted %d times, want %d", text, term, c.counts[k][2], want[term])
			}
			if p := unsafe.StringData(term); uintptr(unsafe.Pointer(p)) >= uintptr(unsafe.Pointer(unsafe.StringData(text))) &&
				uintptr(unsafe.Pointer(p)) < uintptr(unsafe.Pointer(unsafe.StringData(text)))+uintptr(len(text)) {
				t.Fatalf("%q: term %q is a piece of the text", text, term)
			}
		}
	}
}
