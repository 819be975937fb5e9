package fspath

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWithin(t *testing.T) {
	tests := []struct {
		dir, p string
		want   bool
	}{
		{"/site", "/site", true},
		{"/site", "/site/content/a.md", true},
		{"/site", "/site-other/a.md", false},
		{"/site", "/", false},
		{"/site/content", "/site", false},
		{"/site", "/site/../etc/passwd", false},
	}
	for _, tc := range tests {
		if got := Within(tc.dir, filepath.Clean(tc.p)); got != tc.want {
			t.Errorf("Within(%q, %q) = %v, want %v", tc.dir, tc.p, got, tc.want)
		}
	}
}

func TestReal_ResolvesLinks(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	got, err := Real(link)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := filepath.EvalSymlinks(target)
	if got != want {
		t.Errorf("Real(%q) = %q, want %q", link, got, want)
	}
}
