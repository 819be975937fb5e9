package publish

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestStaging_LinksOnlyUnchangedFilesOfThePreviousSite(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	outside := filepath.Join(root, "elsewhere")
	write(t, filepath.Join(outside, "index.html"), "linked page")
	site := map[string]string{
		"same/index.html":        "unchanged page",
		"changed/index.html":     "old words",
		"same-size/index.html":   "abcd",
		"private/index.html":     "unchanged, but its mode was changed",
		"folder-link/index.html": "linked page",
	}
	publishSite(t, out, site)
	if err := os.Chmod(filepath.Join(out, "private", "index.html"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(out, "folder-link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(out, "folder-link")); err != nil {
		t.Fatal(err)
	}
	stat := func(name string) os.FileInfo {
		t.Helper()
		fi, err := os.Lstat(name)
		if err != nil {
			t.Fatal(err)
		}
		return fi
	}
	was := map[string]os.FileInfo{}
	for rel := range site {
		was[rel] = stat(filepath.Join(out, filepath.FromSlash(rel)))
	}
	was["outside"] = stat(filepath.Join(outside, "index.html"))
	site["changed/index.html"] = "new words"
	site["same-size/index.html"] = "abcX"

	// While staged, an unchanged file is the published one, twice linked;
	// an aborted build leaves it linked once.
	st := stageSite(t, out, site)
	if n := stat(filepath.Join(out, "same", "index.html")).Sys().(*syscall.Stat_t).Nlink; n != 2 {
		t.Errorf("while staged, an unchanged file has %d links, want 2", n)
	}
	st.Abort()
	if n := stat(filepath.Join(out, "same", "index.html")).Sys().(*syscall.Stat_t).Nlink; n != 1 {
		t.Errorf("after an aborted build, an unchanged file has %d links, want 1", n)
	}

	publishSite(t, out, site)
	checkSite(t, out, site, nil)
	tests := []struct {
		rel  string
		kept bool
	}{
		{"same/index.html", true},
		{"changed/index.html", false},
		{"same-size/index.html", false},
		{"private/index.html", false},
		{"folder-link/index.html", false},
	}
	for _, tc := range tests {
		now := stat(filepath.Join(out, filepath.FromSlash(tc.rel)))
		if os.SameFile(was[tc.rel], now) != tc.kept {
			t.Errorf("%s: the published file kept = %v, want %v", tc.rel, !tc.kept, tc.kept)
		}
		// A kept file is linked from the previous site too; no other
		// file has a second link.
		prev, err := os.Lstat(filepath.Join(PreviousDir(out), filepath.FromSlash(tc.rel)))
		shared := err == nil && os.SameFile(prev, now)
		if shared != tc.kept {
			t.Errorf("%s: shared with the previous site = %v, want %v", tc.rel, shared, tc.kept)
		}
		want := uint64(1)
		if shared {
			want = 2
		}
		if n := uint64(now.Sys().(*syscall.Stat_t).Nlink); n != want {
			t.Errorf("%s has %d links, want %d", tc.rel, n, want)
		}
		if got, want := now.Mode().Perm(), was["same/index.html"].Mode().Perm(); got != want {
			t.Errorf("%s has mode %v, want %v as every file written", tc.rel, got, want)
		}
	}
	if now := stat(filepath.Join(outside, "index.html")); !os.SameFile(was["outside"], now) || now.Sys().(*syscall.Stat_t).Nlink != 1 {
		t.Error("a file outside the output, reached through a link in it, was linked into the site")
	}
}

func TestStaging_ReuseFollowsNoLinkInTheOutput(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	outside := filepath.Join(root, "elsewhere")
	write(t, filepath.Join(outside, "index.html"), "not the site's")
	publishSite(t, out, map[string]string{"page/index.html": "a page"})
	if err := os.Symlink(outside, filepath.Join(out, "folder-link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "index.html"), filepath.Join(out, "file-link.html")); err != nil {
		t.Fatal(err)
	}
	st, err := Stage(out)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Abort()
	for rel, want := range map[string]bool{"page/index.html": true, "folder-link/index.html": false, "file-link.html": false, "missing.html": false} {
		if ok, err := st.Reuse(rel); ok != want || err != nil {
			t.Errorf("Reuse(%s) = %v, %v; want %v", rel, ok, err, want)
		}
	}
	if _, err := os.Lstat(filepath.Join(st.Dir(), "file-link.html")); !os.IsNotExist(err) {
		t.Errorf("a link in the output was put into the new site: %v", err)
	}
}

func TestStage_LeavesAPreviousSiteOfAnotherUser(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to give the previous site to another user")
	}
	root := t.TempDir()
	out := filepath.Join(root, "public")
	publishSite(t, out, map[string]string{"index.html": "one"})
	publishSite(t, out, map[string]string{"index.html": "two"})
	prev := PreviousDir(out)
	if err := os.Chown(prev, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	st := stageSite(t, out, map[string]string{"index.html": "three"})
	if st.Dir() == prev {
		t.Error("the build staged into a previous site another user owns")
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	checkSite(t, out, map[string]string{"index.html": "three"}, nil)
	fi, err := os.Lstat(prev)
	if err != nil || !ownedByUs(fi) {
		t.Errorf("the previous site kept is not the user's: %v", err)
	}
}
