package content

import "testing"

func BenchmarkLoad10k(b *testing.B) {
	for b.Loop() {
		pages, errs := Load("/tmp/corp10k")
		if len(pages) != 10000 || len(errs) != 0 {
			b.Fatal(len(pages), errs)
		}
		NewTree(pages)
	}
}
