package build_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"scorebook/generator/internal/build"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/*.golden/ from the current output")

// TestGolden builds testdata/golden/site with a fixed build date and
// compares every output file with testdata/golden/site.golden/. Run with
// -update to rewrite the golden files, then review the diff as carefully
// as code.
func TestGolden(t *testing.T) {
	src := filepath.Join("testdata", "golden", "site")
	goldenDir := filepath.Join("testdata", "golden", "site.golden")
	out := filepath.Join(t.TempDir(), "public")
	sum := mustBuild(t, options(src, out, build.Publish))
	if len(sum.Warnings) > 0 {
		t.Errorf("the golden site builds with warnings: %v", sum.Warnings)
	}
	got := readTree(t, out)

	if *update {
		if err := os.RemoveAll(goldenDir); err != nil {
			t.Fatal(err)
		}
		for rel, data := range got {
			writeFile(t, goldenDir, rel, string(data))
		}
		return
	}

	want := readTree(t, goldenDir)
	if diff := treeDiff(want, got); diff != "" {
		t.Errorf("output differs from %s (run go test -run TestGolden -update to rewrite, then review the diff):\n%s",
			filepath.ToSlash(goldenDir), diff)
	}
	problems, _ := linkProblems(got)
	for _, p := range problems {
		t.Error(p)
	}
	for rel, data := range got {
		for _, bad := range [][]byte{[]byte("NaN"), []byte("<no value>"), []byte("%!")} {
			if bytes.Contains(data, bad) {
				t.Errorf("%s contains %q", rel, bad)
			}
		}
	}
}
