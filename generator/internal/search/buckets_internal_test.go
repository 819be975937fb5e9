package search

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// bucketsByScan is buckets as first written, comparing the prefix of
// every term in turn: the reference the binary search must agree with.
func bucketsByScan(b *Builder) []bucket {
	sums := make([]int, len(b.all)+1)
	for i, size := range b.sizes {
		sums[i+1] = sums[i] + size
	}
	var out []bucket
	var walk func(lo, hi, depth int)
	walk = func(lo, hi, depth int) {
		for lo < hi {
			key := prefix(b.all[lo], depth+1)
			end := lo + 1
			for end < hi && prefix(b.all[end], depth+1) == key {
				end++
			}
			if sums[end]-sums[lo]+2 <= b.opts.ShardBytes || end-lo == 1 {
				out = append(out, bucket{shardName(key), lo, end})
			} else {
				walk(lo, end, depth+1)
			}
			lo = end
		}
	}
	walk(0, len(b.all), 0)
	return out
}

// Random sorted terms over a small alphabet (so that groups nest deep and
// terms are prefixes of others), with multi-byte runes among them, and
// caps from one term a shard to all in one: the shards are those of the
// term-by-term walk.
func TestBuckets_AgreeWithATermByTermWalk(t *testing.T) {
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
		b := &Builder{}
		for term := range seen {
			b.all = append(b.all, term)
		}
		slices.Sort(b.all)
		for range b.all {
			b.sizes = append(b.sizes, 1+rng.IntN(40))
		}
		b.opts.ShardBytes = []int{1, 50, 400, 5000, 1 << 30}[round%5]
		if got, want := b.buckets(), bucketsByScan(b); !slices.Equal(got, want) {
			t.Fatalf("round %d, cap %d: buckets\n%v\nwant\n%v", round, b.opts.ShardBytes, got, want)
		}
	}
}
