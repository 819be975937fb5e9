package publish

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
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

func TestStage_LeavesAPreviousPathItDidNotWrite(t *testing.T) {
	for name, put := range map[string]func(t *testing.T, prev string){
		"a file": func(t *testing.T, prev string) { write(t, prev, "the user's file") },
		"a folder without the marker": func(t *testing.T, prev string) {
			write(t, filepath.Join(prev, "notes.txt"), "the user's file")
		},
	} {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			publishSite(t, out, map[string]string{"index.html": "one"})
			put(t, PreviousDir(out))
			for _, page := range []string{"two", "three"} {
				publishSite(t, out, map[string]string{"index.html": page})
				checkSite(t, out, map[string]string{"index.html": page}, nil)
			}
			notes := PreviousDir(out)
			if fi, err := os.Lstat(notes); err == nil && fi.IsDir() {
				notes = filepath.Join(notes, "notes.txt")
			}
			if got, err := os.ReadFile(notes); err != nil || string(got) != "the user's file" {
				t.Errorf("what the user put at the previous site's path holds %q, %v", got, err)
			}
			checkLeftovers(t, out)
		})
	}
}

func TestStaging_KeptFoldersTakeTheModeOfNewOnes(t *testing.T) {
	if !keepsPrevious {
		t.Skip("no previous site is kept here")
	}
	out := filepath.Join(t.TempDir(), "public")
	site := map[string]string{"index.html": "home", "docs/index.html": "docs", "docs/a/index.html": "a"}
	publishSite(t, out, site)
	publishSite(t, out, site)
	for _, d := range []string{out, filepath.Join(out, "docs"), filepath.Join(out, "docs", "a")} {
		if err := os.Chmod(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	publishSite(t, out, site) // the folders just changed are now the kept ones
	publishSite(t, out, site) // and staged into
	want, err := newFolderPerm(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{filepath.Join(out, "docs"), filepath.Join(out, "docs", "a")} {
		if fi, err := os.Stat(d); err != nil || fi.Mode().Perm() != want {
			t.Errorf("%s has mode %v, want %v as a new folder gets", d, fi.Mode().Perm(), want)
		}
	}
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("the site's folder has mode %v, want 0755", fi.Mode().Perm())
	}
}

func TestStaging_ConcurrentWritesReplaceAKeptFileByOneFolder(t *testing.T) {
	if !keepsPrevious {
		t.Skip("no previous site is kept here")
	}
	for iter := range 50 {
		out := filepath.Join(t.TempDir(), "public")
		publishSite(t, out, map[string]string{"index.html": "one"})
		publishSite(t, out, map[string]string{"index.html": "two"})
		for d := range 4 {
			write(t, filepath.Join(PreviousDir(out), fmt.Sprintf("d%d", d)), "was a file")
		}
		st, err := Stage(out)
		if err != nil {
			t.Fatal(err)
		}
		site := map[string]string{}
		var wg sync.WaitGroup
		for d := range 4 {
			for i := range 16 {
				rel := fmt.Sprintf("d%d/p%d.html", d, i)
				site[rel] = rel
				wg.Go(func() {
					if err := st.WriteFile(rel, []byte(rel)); err != nil {
						t.Error(err)
					}
				})
			}
		}
		wg.Wait()
		if err := st.Commit(); err != nil {
			t.Fatal(err)
		}
		checkSite(t, out, site, nil)
		if t.Failed() {
			t.Fatalf("iteration %d", iter)
		}
	}
}

// A folder the user made read-only in the published site is in the kept
// site two builds later, where the build cannot prune it: that build
// fails, saying so, and sets the kept folder aside, so the builds after it
// publish again.
func TestStaging_AKeptFolderThatCannotBeUpdatedFailsOneBuildOnly(t *testing.T) {
	if !keepsPrevious {
		t.Skip("no previous site is kept here")
	}
	if os.Geteuid() == 0 {
		// Root ignores file permissions: run this test again as nobody.
		runAsNobody(t)
		return
	}
	out := filepath.Join(t.TempDir(), "public")
	publishSite(t, out, map[string]string{"index.html": "one"})
	publishSite(t, out, map[string]string{"index.html": "two"})
	ro := filepath.Join(out, "downloads")
	write(t, filepath.Join(ro, "file.zip"), "the user's file")
	if err := os.Chmod(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		matches, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public*", "downloads"))
		for _, d := range append(matches, ro) {
			os.Chmod(d, 0o755)
		}
	})
	publishSite(t, out, map[string]string{"index.html": "three"})
	failed := 0
	for _, page := range []string{"four", "five", "six"} {
		err := stageSite(t, out, map[string]string{"index.html": page}).Commit()
		got, _ := os.ReadFile(filepath.Join(out, "index.html"))
		switch {
		case err != nil && strings.Contains(err.Error(), "the next build starts from a new folder"):
			failed++
		case err != nil || string(got) != page:
			t.Errorf("build of %q: %v, published %q", page, err, got)
		}
	}
	if failed > 1 {
		t.Errorf("%d builds failed on the kept folder, want at most one", failed)
	}
}

// runAsNobody runs the calling test again in a copy of the test binary as
// the user nobody (65534), through setpriv, and fails with its output if
// it fails there; it skips when setpriv is missing.
func runAsNobody(t *testing.T) {
	t.Helper()
	setpriv, err := exec.LookPath("setpriv")
	if err != nil {
		t.Skip("root ignores file permissions, and there is no setpriv to run the test as another user")
	}
	dir, err := os.MkdirTemp("", "scorebook-as-nobody-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "test.bin")
	if err := copyFile(bin, self); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", bin, "-test.run=^"+t.Name()+"$", "-test.v")
	cmd.Env = append(os.Environ(), "TMPDIR="+dir, "HOME="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: "+t.Name()) {
		t.Fatalf("as nobody: %v\n%s", err, out)
	}
}
