package build_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"scorebook/generator/internal/build"
	"scorebook/generator/internal/fingerprint"
	"scorebook/generator/internal/gittest"
)

// Edits an outside edit matrix found that the generated matrix did not
// cover: after each, a cached build must equal a build from nothing.

// TestRedteam_FirstCommitWithGitInfoIsNeverStale builds a site with
// git_info on in a repository with no commit yet (the scorecards show
// none, with a warning), then makes the first commit, which changes no
// source file: the cached build must not call the site up to date.
func TestRedteam_FirstCommitWithGitInfoIsNeverStale(t *testing.T) {
	r := gittest.New(t)
	r.CopyDir(filepath.Join("testdata", "golden", "site"), "site")
	r.Replace("site/site.toml", "language = \"en\"\n", "language = \"en\"\ngit_info = true\n")
	src := filepath.Join(r.Dir, "site")
	opts := options(src, filepath.Join(t.TempDir(), "public"), build.Publish)
	opts.CacheDir = filepath.Join(t.TempDir(), "cache")
	time.Sleep(fingerprint.Margin + 100*time.Millisecond)
	mustBuild(t, opts)
	if sum := mustBuild(t, opts); !sum.UpToDate {
		t.Fatal("a second cached build before any commit was not up to date; the test needs the shortcut")
	}

	first := r.Commit("First commit")
	if sum := mustBuild(t, opts); sum.UpToDate {
		t.Error("the cached build called the site up to date after the first commit")
	}
	if !strings.Contains(readFile(t, opts.Out, "scorecards/northwind/index.html"), first[:12]) {
		t.Error("the cached build does not show the first commit")
	}
	fresh := filepath.Join(t.TempDir(), "fresh")
	mustBuild(t, options(src, fresh, build.Publish))
	if d := treeDiff(readTree(t, fresh), readTree(t, opts.Out)); d != "" {
		t.Errorf("the cached build differs from a build from nothing:\n%s", d)
	}
}
