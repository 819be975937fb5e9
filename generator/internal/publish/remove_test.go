package publish

import (
	"os"
	"path/filepath"
	"testing"
)

func TestRemoveTree_RemovesEverythingAndFollowsNoLink(t *testing.T) {
	root := t.TempDir()
	outside := filepath.Join(root, "outside")
	write(t, filepath.Join(outside, "keep.html"), "not ours")
	dir := filepath.Join(root, "site")
	for _, rel := range []string{"index.html", "a/index.html", "a/b/index.html", "a/b/c/d/index.html", "e/index.html", ".scorebook"} {
		write(t, filepath.Join(dir, rel), rel)
	}
	if err := os.MkdirAll(filepath.Join(dir, "empty", "deeper"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "a", "b", "to-folder")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	if err := os.Symlink(filepath.Join(outside, "keep.html"), filepath.Join(dir, "e", "to-file.html")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	if err := removeTree(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(dir); !os.IsNotExist(err) {
		t.Errorf("the folder is still there: %v", err)
	}
	if got, err := os.ReadFile(filepath.Join(outside, "keep.html")); err != nil || string(got) != "not ours" {
		t.Errorf("a file a link in the tree points to holds %q, %v; want it untouched", got, err)
	}
	if err := removeTree(dir); err != nil {
		t.Errorf("removing a folder already gone: %v", err)
	}
}
