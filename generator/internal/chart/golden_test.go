package chart

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestGolden compares one of each chart, and the stylesheet, with the
// reviewed output in testdata/. Run with -update to rewrite them after an
// intended change, then review the diff as carefully as code.
func TestGolden(t *testing.T) {
	files := map[string]string{"chart.css": CSS()}
	for _, c := range exampleCharts() {
		files[c.name+".svg"] = string(c.svg)
	}
	for _, name := range []string{"radar.svg", "trend.svg", "bars.svg", "fit.svg", "patterns.svg", "sparkline.svg", "chart.css"} {
		t.Run(name, func(t *testing.T) {
			got, ok := files[name]
			if !ok {
				t.Fatalf("no example %s", name)
			}
			path := filepath.ToSlash(filepath.Join("testdata", name+".golden"))
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("read golden file (run with -update to create it): %v", err)
			}
			if got != string(want) {
				i := 0
				for i < len(got) && i < len(want) && got[i] == want[i] {
					i++
				}
				t.Errorf("%s differs from %s at byte %d; run go test -run TestGolden -update and review the diff\ngot:  …%s…\nwant: …%s…",
					name, path, i, excerpt(got, i), excerpt(string(want), i))
			}
		})
	}
}

// excerpt returns the text around byte i.
func excerpt(s string, i int) string {
	lo, hi := max(0, i-60), min(len(s), i+60)
	return s[lo:hi]
}
