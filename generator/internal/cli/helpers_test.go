package cli_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"scorebook/generator/internal/cli"
)

// smallSite is the golden test's site: three dimensions, two patterns,
// two brands, every check enabled.
var smallSite = filepath.Join("..", "build", "testdata", "golden", "site")

// copySite copies a site into a new temporary folder and returns it.
func copySite(t *testing.T, from string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "site")
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatalf("copy %s: %v", from, err)
	}
	return dst
}

// result is what one run of the command line printed and returned.
type result struct {
	stdout, stderr string
	err            error
	code           int
}

// run runs scorebook with args and the given environment variables.
func run(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := cli.Run(context.Background(), args, cli.Env{Stdout: &stdout, Stderr: &stderr,
		Getenv: func(name string) string { return env[name] }})
	return result{stdout.String(), stderr.String(), err, cli.ExitCode(err)}
}

func writeFile(t *testing.T, dir, rel, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, dir, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// replaceIn replaces old with new in a file, failing when old is not
// there exactly once.
func replaceIn(t *testing.T, dir, rel, old, new string) {
	t.Helper()
	text := readFile(t, dir, rel)
	if n := strings.Count(text, old); n != 1 {
		t.Fatalf("%s holds %q %d times; the test expects it once", rel, old, n)
	}
	writeFile(t, dir, rel, strings.Replace(text, old, new, 1))
}
