package content

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkLoad reads a site of 1,000 pages in 10 sections and orders
// them, as a build does before converting any Markdown.
func BenchmarkLoad(b *testing.B) {
	src := b.TempDir()
	files := map[string]string{}
	body := strings.Repeat("Integration capability is what keeps omnichannel journeys coherent. ", 60)
	for i := range 1000 {
		files[fmt.Sprintf("content/s%d/p%04d.md", i%10, i)] = fmt.Sprintf(
			"+++\ntitle = \"Page %d\"\nweight = %d\ndate = 2026-%02d-%02d\ntags = [\"ops\", \"events\"]\n+++\n\n%s\n", i, i, 1+i%12, 1+i%28, body)
	}
	writeFiles(b, src, files)
	b.ReportAllocs()
	for b.Loop() {
		pages, errs := Load(src)
		if len(pages) != 1000 || len(errs) != 0 {
			b.Fatalf("%d pages, problems %v", len(pages), errs)
		}
		if tree := NewTree(pages); len(tree.Sections()) != 10 {
			b.Fatal("wrong sections")
		}
	}
}
