package search

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// Random sorted terms over a small alphabet (so that terms are prefixes of
// others and groups nest deep), with multi-byte runes among them: from
// every term and at every depth, group ends where a step per term, comparing
// each term's first depth+1 runes with the first's, ends.
func TestGroup_EndsWhereATermByTermWalkEnds(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := []rune("abcé€")
	for round := range 200 {
		seen := map[string]bool{}
		for range 1 + rng.IntN(400) {
			r := make([]rune, 1+rng.IntN(6))
			for i := range r {
				r[i] = alphabet[rng.IntN(len(alphabet))]
			}
			seen[string(r)] = true
		}
		var terms []string
		for term := range seen {
			terms = append(terms, term)
		}
		slices.Sort(terms)
		for lo := range terms {
			for depth := range 7 {
				want := prefix(terms[lo], depth+1)
				end := lo + 1
				for end < len(terms) && prefix(terms[end], depth+1) == want {
					end++
				}
				if key, got := group(terms, lo, len(terms), depth); key != want || got != end {
					t.Fatalf("round %d: group(%q, depth %d) = %q, %d; want %q, %d", round, terms[lo], depth, key, got, want, end)
				}
			}
		}
	}
}
