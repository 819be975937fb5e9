package benchcorpus

// rng is a small deterministic pseudo-random generator (SplitMix64). The
// corpus depends on its exact sequence, so it is written out here rather
// than taken from math/rand, whose streams are not promised to stay the
// same across Go releases.
type rng struct{ state uint64 }

func newRNG(seed int64) *rng { return &rng{state: uint64(seed)*0x9E3779B97F4A7C15 + 1} }

func (r *rng) next() uint64 {
	r.state += 0x9E3779B97F4A7C15
	z := r.state
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// intN returns a number in [0, n); n must be positive.
func (r *rng) intN(n int) int { return int(r.next() % uint64(n)) }

// between returns a number in [lo, hi], both included.
func (r *rng) between(lo, hi int) int { return lo + r.intN(hi-lo+1) }

// chance reports true with probability p.
func (r *rng) chance(p float64) bool { return float64(r.next()>>11)/(1<<53) < p }

// pick returns one of list.
func pick[T any](r *rng, list []T) T { return list[r.intN(len(list))] }
