package publish

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func inode(t *testing.T, name string) uint64 {
	t.Helper()
	fi, err := os.Lstat(name)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Sys().(*syscall.Stat_t).Ino
}

// Replacing a file in place goes through its spare: the file then holds
// the new bytes, the spare the old ones, and from the second replacement
// on no file is made: the two files take turns.
func TestFolder_ReplacesThroughASpareWithoutMakingFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "served")
	f, err := OpenFolder(out)
	if err != nil {
		t.Fatal(err)
	}
	name, spare := filepath.Join(out, "a", "index.html"), filepath.Join(SpareDir(out), "a", "index.html")
	var inodes []uint64
	for i, text := range []string{"first version", "second, a longer version", "third", "fourth version"} {
		if changed, err := f.WriteFile("a/index.html", []byte(text)); !changed || err != nil {
			t.Fatalf("write %d: changed %v, err %v", i, changed, err)
		}
		if got := readString(t, name); got != text {
			t.Fatalf("write %d: the file holds %q, want %q", i, got, text)
		}
		if fi, _ := os.Stat(name); fi.Mode().Perm() != 0o644 {
			t.Errorf("write %d: mode %v, want 0644", i, fi.Mode().Perm())
		}
		inodes = append(inodes, inode(t, name))
		if i > 0 {
			if got, want := readString(t, spare), []string{"first version", "second, a longer version", "third"}[i-1]; got != want {
				t.Errorf("write %d: the spare holds %q, want the version before, %q", i, got, want)
			}
		}
	}
	if inodes[1] == inodes[0] || inodes[2] != inodes[0] || inodes[3] != inodes[1] {
		t.Errorf("the file's inodes were %v: want two, taking turns", inodes)
	}
	if err := f.Remove("a/index.html"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(spare); !os.IsNotExist(err) {
		t.Errorf("the spare of a removed file was kept: %v", err)
	}
}

// A spare is written over only when it is a plain file of its own: a
// file linked from elsewhere (the previous site a build keeps links its
// unchanged files) or a symbolic link is left as it is.
func TestFolder_SpareNeverWritesThroughALink(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "served")
	f, err := OpenFolder(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"linked.html", "symlinked.html"} {
		if _, err := f.WriteFile(rel, []byte("v1")); err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteFile(rel, []byte("v2")); err != nil { // the spare now holds v1
			t.Fatal(err)
		}
	}
	elsewhere := filepath.Join(root, "elsewhere.html")
	if err := os.Link(filepath.Join(SpareDir(out), "linked.html"), elsewhere); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(root, "outside.html")
	write(t, outside, "not the site's")
	sym := filepath.Join(SpareDir(out), "symlinked.html")
	os.Remove(sym)
	if err := os.Symlink(outside, sym); err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"linked.html", "symlinked.html"} {
		if _, err := f.WriteFile(rel, []byte("v3, longer")); err != nil {
			t.Fatal(err)
		}
		if got := readString(t, filepath.Join(out, rel)); got != "v3, longer" {
			t.Errorf("%s holds %q", rel, got)
		}
	}
	if got := readString(t, elsewhere); got != "v1" {
		t.Errorf("a file linked to a spare was written over: %q", got)
	}
	if got := readString(t, outside); got != "not the site's" {
		t.Errorf("a file a spare linked to was written over: %q", got)
	}
}

// A folder by the spare folder's name that scorebook did not make (no
// marker) is not written into.
func TestFolder_LeavesASpareFolderItDidNotMake(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "served")
	mine := filepath.Join(SpareDir(out), "index.html")
	write(t, mine, "someone's own file")
	write(t, filepath.Join(out, "index.html"), "old")
	write(t, filepath.Join(out, Marker), "x")
	f, err := OpenFolder(out)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteFile("index.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if got := readString(t, filepath.Join(out, "index.html")); got != "new" {
		t.Errorf("the file holds %q", got)
	}
	if got := readString(t, mine); got != "someone's own file" {
		t.Errorf("a file in a folder scorebook did not make was written over: %q", got)
	}
}

func readString(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
