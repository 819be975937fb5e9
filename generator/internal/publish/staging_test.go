package publish

import (
	"os"
	"path/filepath"
	"testing"
)

// stageSite stages files (slash path to bytes) for out and returns the
// staging, not yet committed.
func stageSite(t *testing.T, out string, files map[string]string) *Staging {
	t.Helper()
	st, err := Stage(out)
	if err != nil {
		t.Fatal(err)
	}
	for rel, data := range files {
		if err := st.WriteFile(rel, []byte(data)); err != nil {
			st.Abort()
			t.Fatal(err)
		}
	}
	return st
}

// publishSite publishes files as the site at out.
func publishSite(t *testing.T, out string, files map[string]string) {
	t.Helper()
	if err := stageSite(t, out, files).Commit(); err != nil {
		t.Fatal(err)
	}
}

// checkSite fails unless out holds exactly files (besides the marker),
// each a regular file, and the symbolic links links (path to target).
func checkSite(t *testing.T, out string, files, links map[string]string) {
	t.Helper()
	seen := map[string]bool{}
	err := filepath.Walk(out, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		switch {
		case fi.IsDir():
			return nil
		case rel == Marker:
			return nil
		case fi.Mode()&os.ModeSymlink != 0:
			seen[rel] = true
			if got, _ := os.Readlink(p); got != links[rel] {
				t.Errorf("%s links to %q, want %q", rel, got, links[rel])
			}
			return nil
		case !fi.Mode().IsRegular():
			t.Errorf("%s is a %s, want a regular file", rel, fi.Mode().Type())
		}
		seen[rel] = true
		want, ok := files[rel]
		if !ok {
			t.Errorf("%s is in the site, but not among its files", rel)
			return nil
		}
		if got, _ := os.ReadFile(p); string(got) != want {
			t.Errorf("%s holds %q, want %q", rel, got, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for rel := range files {
		if !seen[rel] {
			t.Errorf("%s is missing from the site", rel)
		}
	}
	for rel := range links {
		if !seen[rel] {
			t.Errorf("%s is missing from the site", rel)
		}
	}
}

func TestStaging_RebuildIntoThePreviousSite(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	outside := filepath.Join(root, "elsewhere")
	write(t, filepath.Join(outside, "index.html"), "linked page")
	write(t, filepath.Join(outside, "page.html"), "linked file")
	before := map[string]string{
		"index.html":          "home",
		"same/index.html":     "unchanged page",
		"changed/index.html":  "old words",
		"gone/index.html":     "a page the new site lacks",
		"was-a-file":          "a file where a folder will be",
		"deep/a/b/index.html": "unchanged, deep",
	}
	publishSite(t, out, before)
	// Links the user put into the output: the new site must not reach
	// through them, nor leave anything behind them changed or removed.
	if err := os.Symlink(outside, filepath.Join(out, "folder-link")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	if err := os.Symlink(filepath.Join(outside, "page.html"), filepath.Join(out, "file-link.html")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	after := map[string]string{
		"index.html":             "home",
		"same/index.html":        "unchanged page",
		"changed/index.html":     "new words",
		"was-a-file/index.html":  "a folder where a file was",
		"deep/a/b/index.html":    "unchanged, deep",
		"folder-link/index.html": "linked page",
		"file-link.html":         "linked file",
	}
	// An aborted build leaves the published site as it was.
	stageSite(t, out, after).Abort()
	checkSite(t, out, before, map[string]string{
		"folder-link":    outside,
		"file-link.html": filepath.Join(outside, "page.html"),
	})

	publishSite(t, out, after)
	checkSite(t, out, after, nil)
	for name, want := range map[string]string{"index.html": "linked page", "page.html": "linked file"} {
		if got, err := os.ReadFile(filepath.Join(outside, name)); err != nil || string(got) != want {
			t.Errorf("the file %s a link pointed to holds %q, %v; want it untouched", name, got, err)
		}
	}
	checkLeftovers(t, out)

	// Where the previous site is kept, it is now the site before with the
	// user's links, and the next build stages into it: through none of
	// its links, with a folder where it has a file, without what the new
	// site lacks, and leaving the files that hold what is rendered.
	if !keepsPrevious {
		return
	}
	checkSite(t, PreviousDir(out), before, map[string]string{
		"folder-link":    outside,
		"file-link.html": filepath.Join(outside, "page.html"),
	})
	write(t, filepath.Join(PreviousDir(out), "stray", "index.html"), "a file no build wrote")
	third := map[string]string{
		"index.html":             "home, again",
		"same/index.html":        "unchanged page",
		"changed/index.html":     "old words",
		"was-a-file/index.html":  "a folder where a file was",
		"deep/a/b/index.html":    "unchanged, deep",
		"folder-link/index.html": "written in the site",
		"file-link.html":         "written in the site too",
	}
	deep := filepath.Join(out, "deep", "a", "b", "index.html")
	wasDeep, err := os.Stat(deep)
	if err != nil {
		t.Fatal(err)
	}
	// An aborted build into the kept site leaves the published one as it is.
	stageSite(t, out, third).Abort()
	checkSite(t, out, after, nil)

	publishSite(t, out, third)
	checkSite(t, out, third, nil)
	checkSite(t, PreviousDir(out), after, nil)
	for name, want := range map[string]string{"index.html": "linked page", "page.html": "linked file"} {
		if got, err := os.ReadFile(filepath.Join(outside, name)); err != nil || string(got) != want {
			t.Errorf("the file %s a link in the kept site pointed to holds %q, %v; want it untouched", name, got, err)
		}
	}
	if now, err := os.Stat(deep); err != nil || !os.SameFile(wasDeep, now) {
		t.Errorf("an unchanged file was written again, not kept: %v", err)
	}
	checkLeftovers(t, out)
}

// checkLeftovers fails if anything but the previous site is beside out.
func checkLeftovers(t *testing.T, out string) {
	t.Helper()
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+"*"))
	for _, l := range left {
		if l != PreviousDir(out) || !keepsPrevious {
			t.Errorf("left beside the output: %s", l)
		}
	}
}

func TestStage_ReplacesAPreviousSiteThatIsNoFolder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	publishSite(t, out, map[string]string{"index.html": "one"})
	write(t, PreviousDir(out), "a file where the previous site is kept")
	publishSite(t, out, map[string]string{"index.html": "two"})
	checkSite(t, out, map[string]string{"index.html": "two"}, nil)
	if fi, err := os.Lstat(PreviousDir(out)); keepsPrevious && (err != nil || !fi.IsDir()) {
		t.Errorf("the previous site is not kept as a folder: %v", err)
	}
	checkLeftovers(t, out)
}
