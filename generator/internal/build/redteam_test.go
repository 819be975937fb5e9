package build_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"scorebook/generator/internal/build"
	"scorebook/generator/internal/fingerprint"
	"scorebook/generator/internal/gittest"
	"scorebook/generator/internal/publish"
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
	wantFresh(t, src, opts.Out, "the cached build")
}

// TestRedteam_ModelLayoutOffItsPageIsAProblem gives a playbook page a
// model entry's layout at an address the model has no entry for: the build
// (and the dev server, which must survive it) reports the page instead of
// crashing, and once the layout is gone again the dev server's folder
// equals a build from nothing.
func TestRedteam_ModelLayoutOffItsPageIsAProblem(t *testing.T) {
	src := copySite(t, filepath.Join("testdata", "golden", "site"))
	engine, served := devServer(t, src)
	const rel = "content/guide/reviewing.md"
	original := readFile(t, src, rel)
	for _, layout := range []string{"dimension", "pattern", "check"} {
		writeFile(t, src, rel, strings.Replace(original, "+++\n", "+++\nlayout = \""+layout+"\"\n", 1))
		_, err := build.New(options(src, filepath.Join(t.TempDir(), "public"), build.Publish)).Build(context.Background(), nil)
		if err == nil || !strings.Contains(describeErr(err), rel+": layout \""+layout+"\"") {
			t.Errorf("layout %q on %s: want a problem at the page, got %v", layout, rel, err)
		}
		if _, err := engine.Build(context.Background(), []string{rel}); err == nil {
			t.Errorf("layout %q on %s: the rebuild found no problem", layout, rel)
		}
	}
	writeFile(t, src, rel, original)
	if _, err := engine.Build(context.Background(), []string{rel}); err != nil {
		t.Fatal(describeErr(err))
	}
	wantFresh(t, src, served, "the rebuild")
}

// TestRedteam_DevServerAfterAFailedFirstBuild starts the dev server's
// engine on a site whose first build fails (a broken link) and on an
// output folder holding a file of an earlier run; once the page at fault
// is deleted, the folder must equal a build from nothing: the failed
// build's files and the earlier run's are gone.
func TestRedteam_DevServerAfterAFailedFirstBuild(t *testing.T) {
	src := copySite(t, filepath.Join("testdata", "golden", "site"))
	const rel = "content/guide/broken.md"
	writeFile(t, src, rel, "+++\ntitle = \"Broken\"\n+++\n\nSee [nowhere](/nope/).\n")
	served := filepath.Join(t.TempDir(), "served")
	writeFile(t, served, publish.Marker, "This folder is written by scorebook serve.\n")
	writeFile(t, served, "guide/earlier-run/index.html", "left by an earlier run")
	engine := build.New(options(src, served, build.InPlace))
	if _, err := engine.Build(context.Background(), nil); err == nil || !strings.Contains(describeErr(err), "/nope/") {
		t.Fatalf("the first build should fail on the broken link, got %v", err)
	}
	if err := os.Remove(filepath.Join(src, filepath.FromSlash(rel))); err != nil {
		t.Fatal(err)
	}
	if _, err := engine.Build(context.Background(), []string{rel}); err != nil {
		t.Fatal(describeErr(err))
	}
	wantFresh(t, src, served, "the dev server's folder")
}

// TestRedteam_DevServerSeesAFixedModelFile breaks the model file that
// site.toml names and then fixes it: the dev server, told only that the
// model file changed, must read the settings again although the broken
// settings named no model file.
func TestRedteam_DevServerSeesAFixedModelFile(t *testing.T) {
	src := copySite(t, filepath.Join("testdata", "golden", "site"))
	for rel, data := range editModelFile(t, src).files {
		writeFile(t, src, rel, *data)
	}
	engine, served := devServer(t, src)
	model := readFile(t, src, "model.toml")
	writeFile(t, src, "model.toml", model+"\n[[[broken\n")
	if _, err := engine.Build(context.Background(), []string{"model.toml"}); err == nil {
		t.Fatal("a broken model file built")
	}
	writeFile(t, src, "model.toml", model)
	if _, err := engine.Build(context.Background(), []string{"model.toml"}); err != nil {
		t.Fatalf("the fixed model file does not build: %s", describeErr(err))
	}
	wantFresh(t, src, served, "the dev server's folder")
}

// TestRedteam_DevServerAndFilesBesideTheBrands saves files directly in
// assessments/, beside the brand folders: a README.md, which a build
// from nothing passes over, and a stray file, which it refuses. The dev
// server, told only of that path, must agree with a build from nothing,
// also once the stray file is gone again.
func TestRedteam_DevServerAndFilesBesideTheBrands(t *testing.T) {
	src := copySite(t, filepath.Join("testdata", "golden", "site"))
	engine, served := devServer(t, src)
	writeFile(t, src, "assessments/README.md", "# The brands\n")
	if _, err := engine.Build(context.Background(), []string{"assessments/README.md"}); err != nil {
		t.Fatalf("a README.md in assessments/ fails the rebuild: %s", describeErr(err))
	}

	writeFile(t, src, "assessments/notes.txt", "notes\n")
	restarted := build.New(options(src, served, build.InPlace))
	if _, err := restarted.Build(context.Background(), nil); err == nil {
		t.Fatal("a stray file in assessments/ built")
	}
	if err := os.Remove(filepath.Join(src, "assessments", "notes.txt")); err != nil {
		t.Fatal(err)
	}
	if _, err := restarted.Build(context.Background(), []string{"assessments/notes.txt"}); err != nil {
		t.Fatalf("the rebuild after the stray file is gone fails: %s", describeErr(err))
	}
	wantFresh(t, src, served, "the dev server's folder")
}

// devServer returns the dev server's engine for src, with its folder,
// after its first build.
func devServer(t *testing.T, src string) (*build.Engine, string) {
	t.Helper()
	served := filepath.Join(t.TempDir(), "served")
	engine := build.New(options(src, served, build.InPlace))
	if _, err := engine.Build(context.Background(), nil); err != nil {
		t.Fatal(describeErr(err))
	}
	return engine, served
}

// wantFresh fails the test when dir, written by what, differs from a
// build of src from nothing.
func wantFresh(t *testing.T, src, dir, what string) {
	t.Helper()
	fresh := filepath.Join(t.TempDir(), "fresh")
	mustBuild(t, options(src, fresh, build.Publish))
	if d := treeDiff(readTree(t, fresh), readTree(t, dir)); d != "" {
		t.Errorf("%s differs from a build from nothing:\n%s", what, d)
	}
}

// TestRedteam_DevServerAndAModelFileInStatic keeps the model file in
// static/, where it is also published as is: an edit to it is both a
// settings change and a static file's, and the dev server must see both.
func TestRedteam_DevServerAndAModelFileInStatic(t *testing.T) {
	src := copySite(t, filepath.Join("testdata", "golden", "site"))
	for rel, data := range editModelFile(t, src).files {
		if rel == "model.toml" {
			rel = "static/model.toml"
		} else {
			*data = strings.Replace(*data, `model = "model.toml"`, `model = "static/model.toml"`, 1)
		}
		writeFile(t, src, rel, *data)
	}
	engine, served := devServer(t, src)
	replaceIn(t, src, "static/model.toml", `version = "golden.1"`, `version = "golden.2"`)
	if _, err := engine.Build(context.Background(), []string{"static/model.toml"}); err != nil {
		t.Fatal(describeErr(err))
	}
	wantFresh(t, src, served, "the dev server's folder")
}
