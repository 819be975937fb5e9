package fingerprint

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func write(t *testing.T, root, rel, data string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// settled scans as a later run would: once the files' times are in the past.
func settled(t *testing.T, root string, paths ...string) string {
	t.Helper()
	time.Sleep(20 * time.Millisecond)
	return scan(root, paths, time.Now())
}

func site(t *testing.T) string {
	root := t.TempDir()
	write(t, root, "site.toml", "title = 'x'\n")
	write(t, root, "content/a.md", "# A\n")
	write(t, root, "content/sub/b.md", "# B\n")
	write(t, root, "assessments/acme/2026-01-01.toml", "brand = 'Acme'\n")
	return root
}

var paths = []string{"site.toml", "content", "assessments", "static"}

func TestScanIsStableWhileNothingChanges(t *testing.T) {
	root := site(t)
	a := settled(t, root, paths...)
	if a == "" {
		t.Fatal("a settled folder was not trusted")
	}
	if b := settled(t, root, paths...); b != a {
		t.Errorf("two scans of an untouched folder differ: %s, %s", a, b)
	}
	// Reading files changes nothing a fingerprint looks at.
	if _, err := os.ReadFile(filepath.Join(root, "content", "a.md")); err != nil {
		t.Fatal(err)
	}
	if b := settled(t, root+"/", paths...); b != a {
		t.Errorf("reading a file or a trailing slash changed the fingerprint")
	}
	// Only paths below the root count, so a relative root is the same.
	t.Chdir(root)
	if b := settled(t, ".", paths...); b != a {
		t.Errorf("the fingerprint of . differs from that of %s", root)
	}
}

func TestScanSeesEveryChange(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, root string)
	}{
		{"same size, modification time put back", func(t *testing.T, root string) {
			p := filepath.Join(root, "content", "a.md")
			info, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			write(t, root, "content/a.md", "# Z\n")
			if err := os.Chtimes(p, info.ModTime(), info.ModTime()); err != nil {
				t.Fatal(err)
			}
		}},
		{"new page", func(t *testing.T, root string) { write(t, root, "content/c.md", "# C\n") }},
		{"new page in a new folder", func(t *testing.T, root string) { write(t, root, "content/new/c.md", "# C\n") }},
		{"page removed", func(t *testing.T, root string) { os.Remove(filepath.Join(root, "content", "sub", "b.md")) }},
		{"page renamed", func(t *testing.T, root string) {
			os.Rename(filepath.Join(root, "content", "a.md"), filepath.Join(root, "content", "a2.md"))
		}},
		{"file replaced by an atomic save", func(t *testing.T, root string) {
			write(t, root, "content/a.md.new", "# A\n")
			os.Rename(filepath.Join(root, "content", "a.md.new"), filepath.Join(root, "content", "a.md"))
		}},
		{"mode changed", func(t *testing.T, root string) { os.Chmod(filepath.Join(root, "site.toml"), 0o600) }},
		{"absent folder created", func(t *testing.T, root string) { write(t, root, "static/site.css", "body{}") }},
		{"site settings edited", func(t *testing.T, root string) { write(t, root, "site.toml", "title = 'y'\n") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := site(t)
			before := settled(t, root, paths...)
			tt.change(t, root)
			after := settled(t, root, paths...)
			if after == "" || after == before {
				t.Errorf("fingerprint %q after the change, %q before", after, before)
			}
		})
	}
}

func TestScanPassesOverIgnoredFiles(t *testing.T) {
	root := site(t)
	before := settled(t, root, paths...)
	write(t, root, "content/.a.md.swp", "vim")
	write(t, root, "content/a.md~", "backup")
	if after := settled(t, root, paths...); after != before {
		t.Error("an editor's temporary file changed the fingerprint")
	}
}

func TestScanDistrustsWhatItCannotVouchFor(t *testing.T) {
	root := site(t)
	if got := Scan(root, paths); got != "" {
		t.Errorf("files written just now were trusted: %s", got)
	}
	if err := os.Symlink(filepath.Join(root, "content", "a.md"), filepath.Join(root, "content", "link.md")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if got := settled(t, root, paths...); got != "" {
		t.Errorf("a folder with a symbolic link was trusted: %s", got)
	}
}
