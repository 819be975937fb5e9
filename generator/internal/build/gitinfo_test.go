package build_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"scorebook/generator/internal/build"
	"scorebook/generator/internal/fingerprint"
	"scorebook/generator/internal/gittest"
)

const commitLine = "Last changed in commit"

// gitSite is the golden site committed to a new repository, in its
// folder site/, with git_info on; northwind and bluebell's first
// assessment are last changed by the first commit, bluebell's current one
// by the second.
func gitSite(t *testing.T) (r *gittest.Repo, src, first, second string) {
	t.Helper()
	r = gittest.New(t)
	r.CopyDir(filepath.Join("testdata", "golden", "site"), "site")
	r.Replace("site/site.toml", "language = \"en\"\n", "language = \"en\"\ngit_info = true\n")
	first = r.Commit("Assess northwind & <bluebell>")
	r.Replace("site/assessments/bluebell/2025-11-20.toml", "api-gateway = 2", "api-gateway = 3")
	second = r.Commit("Raise bluebell's gateway")
	return r, filepath.Join(r.Dir, "site"), first, second
}

func TestGitInfo_ScorecardShowsTheLastCommitOfItsFile(t *testing.T) {
	_, src, first, second := gitSite(t)
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, options(src, out, build.Publish))

	north := readFile(t, out, "scorecards/northwind/index.html")
	for _, want := range []string{commitLine, first[:12], `title="` + first + `"`, `<time datetime="2026-01-01">`,
		"Assess northwind &amp; &lt;bluebell&gt;"} {
		if !strings.Contains(north, want) {
			t.Errorf("northwind's scorecard lacks %q", want)
		}
	}
	if strings.Contains(north, "<bluebell>") {
		t.Error("the commit subject is not escaped")
	}
	if blue := readFile(t, out, "scorecards/bluebell/index.html"); !strings.Contains(blue, second[:12]) || !strings.Contains(blue, "Raise bluebell&#39;s gateway") {
		t.Errorf("bluebell's current scorecard does not show the second commit")
	}
	if earlier := readFile(t, out, "scorecards/bluebell/2025-06-15/index.html"); !strings.Contains(earlier, first[:12]) {
		t.Errorf("bluebell's earlier scorecard does not show the commit that last changed its own file")
	}
	if share := readFile(t, out, "scorecards/northwind/share.html"); !strings.Contains(share, first[:12]) {
		t.Errorf("the share file does not show the commit")
	}

	// The same commit builds byte for byte the same.
	again := filepath.Join(t.TempDir(), "public")
	mustBuild(t, options(src, again, build.Publish))
	if d := treeDiff(readTree(t, out), readTree(t, again)); d != "" {
		t.Errorf("two builds of one commit differ:\n%s", d)
	}
}

func TestGitInfo_Off(t *testing.T) {
	r, src, _, _ := gitSite(t)
	r.Replace("site/site.toml", "git_info = true\n", "")
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, options(src, out, build.Publish))
	if strings.Contains(readFile(t, out, "scorecards/northwind/index.html"), commitLine) {
		t.Error("a scorecard shows a commit without git_info")
	}
}

func TestGitInfo_OutsideARepositoryWarns(t *testing.T) {
	src := copySite(t, filepath.Join("testdata", "golden", "site"))
	replaceIn(t, src, "site.toml", "language = \"en\"\n", "language = \"en\"\ngit_info = true\n")
	out := filepath.Join(t.TempDir(), "public")
	sum := mustBuild(t, options(src, out, build.Publish))
	if !strings.Contains(warningsText(sum), "git_info is set") {
		t.Errorf("no warning about git_info outside a repository: %v", sum.Warnings)
	}
	if strings.Contains(readFile(t, out, "scorecards/northwind/index.html"), commitLine) {
		t.Error("a scorecard shows a commit outside a repository")
	}
}

func warningsText(sum *build.Summary) string {
	var b strings.Builder
	for _, w := range sum.Warnings {
		b.WriteString(w.String() + "\n")
	}
	return b.String()
}

// TestGitInfo_NewCommitIsNeverStale commits without changing any file
// (an amended message): a cached build must not call the site up to date,
// and a rebuild of a long-lived engine must show the new commit; both
// must equal a build from nothing.
func TestGitInfo_NewCommitIsNeverStale(t *testing.T) {
	r, src, _, _ := gitSite(t)
	cache := filepath.Join(t.TempDir(), "cache")
	out := filepath.Join(t.TempDir(), "public")
	opts := options(src, out, build.Publish)
	opts.CacheDir = cache
	// The shortcut trusts only files older than the fingerprint's margin.
	time.Sleep(fingerprint.Margin + 100*time.Millisecond)
	mustBuild(t, opts)
	if sum := mustBuild(t, opts); !sum.UpToDate {
		t.Fatal("a second cached build of the same commit was not up to date; the test needs the shortcut")
	}

	served := filepath.Join(t.TempDir(), "served")
	engine := build.New(options(src, served, build.Publish))
	if _, err := engine.Build(context.Background(), nil); err != nil {
		t.Fatal(describeErr(err))
	}

	r.Git("commit", "-q", "--amend", "-m", "Reworded: raise bluebell")
	amended := r.Git("rev-parse", "HEAD")

	sum := mustBuild(t, opts)
	if sum.UpToDate {
		t.Error("the cached build called the site up to date after a new commit")
	}
	if !strings.Contains(readFile(t, out, "scorecards/bluebell/index.html"), amended[:12]) {
		t.Error("the cached build does not show the new commit")
	}

	// A long-lived engine (serve) rereads git info on its next rebuild.
	r.Replace("site/assessments/northwind/2026-10-01.toml", "monitoring = 3", "monitoring = 2")
	northCommit := r.Commit("Lower northwind's monitoring")
	if _, err := engine.Build(context.Background(), []string{"assessments/northwind/2026-10-01.toml"}); err != nil {
		t.Fatal(describeErr(err))
	}
	if !strings.Contains(readFile(t, served, "scorecards/bluebell/index.html"), amended[:12]) ||
		!strings.Contains(readFile(t, served, "scorecards/northwind/index.html"), northCommit[:12]) {
		t.Error("the rebuild does not show the new commits")
	}

	fresh := filepath.Join(t.TempDir(), "fresh")
	mustBuild(t, options(src, fresh, build.Publish))
	mustBuild(t, opts)
	if d := treeDiff(readTree(t, fresh), readTree(t, out)); d != "" {
		t.Errorf("the cached build differs from a build from nothing:\n%s", d)
	}
	if d := treeDiff(readTree(t, fresh), readTree(t, served)); d != "" {
		t.Errorf("the rebuild differs from a build from nothing:\n%s", d)
	}
}
