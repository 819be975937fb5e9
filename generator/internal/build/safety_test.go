package build_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"scorebook/generator/internal/build"
	"scorebook/generator/internal/diag"
	"scorebook/generator/internal/publish"
)

// goldenSrc is the small site of the golden test, copied before changes.
var goldenSrc = filepath.Join("testdata", "golden", "site")

// leftovers lists what a build left beside its output folder besides
// the previous site kept for the next build: staging folders and the
// previous site set aside during a swap.
func leftovers(t *testing.T, out string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	base := filepath.Base(out)
	var found []string
	for _, e := range entries {
		if e.Name() != base && e.Name() != filepath.Base(publish.PreviousDir(out)) && strings.Contains(e.Name(), base) {
			found = append(found, e.Name())
		}
	}
	return found
}

// publishedSite builds a copy of the golden site into a fresh output
// folder and returns the source, the output and what was published.
func publishedSite(t *testing.T) (src, out string, site map[string][]byte) {
	t.Helper()
	src = copySite(t, goldenSrc)
	out = filepath.Join(t.TempDir(), "public")
	mustBuild(t, options(src, out, build.Publish))
	return src, out, readTree(t, out)
}

func TestFailedBuild_LeavesThePublishedSiteAsItWas(t *testing.T) {
	tests := []struct {
		name      string
		breakSite func(t *testing.T, src string)
		want      string // part of the reported problem
	}{
		{"bad assessment level", func(t *testing.T, src string) {
			replaceIn(t, src, "assessments/northwind/2026-10-01.toml", "event-backbone = 2", `event-backbone = "three"`)
		}, "assessments/northwind/2026-10-01.toml:12:18"},
		{"layout that does not parse", func(t *testing.T, src string) {
			replaceIn(t, src, "layouts/page.html", "{{.Title}}", "{{.Title")
		}, "layouts/page.html:"},
		{"layout that fails when it runs", func(t *testing.T, src string) {
			replaceIn(t, src, "layouts/page.html", "{{.Title}}", "{{.Title.Nope}}")
		}, "layouts/page.html:"},
		{"link to a page that does not exist", func(t *testing.T, src string) {
			rel := "content/guide/reviewing.md"
			writeFile(t, src, rel, readFile(t, src, rel)+"\nSee [the missing page](/guide/missing/).\n")
		}, "content/guide/reviewing.md:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src, out, before := publishedSite(t)
			marker := readFile(t, out, publish.Marker)
			tc.breakSite(t, src)
			_, err := build.New(options(src, out, build.Publish)).Build(context.Background(), nil)
			var problems diag.List
			if !errors.As(err, &problems) {
				t.Fatalf("build error %v; want a list of input problems", err)
			}
			if !strings.Contains(problems.Error(), tc.want) {
				t.Errorf("problems %q do not name %s", problems.Error(), tc.want)
			}
			if diff := treeDiff(before, readTree(t, out)); diff != "" {
				t.Errorf("the failed build changed the published site:\n%s", diff)
			}
			if got := readFile(t, out, publish.Marker); got != marker {
				t.Errorf("the failed build rewrote the marker: %q, was %q", got, marker)
			}
			if l := leftovers(t, out); len(l) > 0 {
				t.Errorf("the failed build left %v beside the output", l)
			}
		})
	}
}

// cancelAfter is a context that reports itself canceled once its Err
// method has been asked n times: a build stopped partway through, at a
// point that does not depend on timing.
type cancelAfter struct {
	context.Context
	calls, n atomic.Int64
	done     chan struct{}
}

func newCancelAfter(n int64) *cancelAfter {
	c := &cancelAfter{Context: context.Background(), done: make(chan struct{})}
	c.n.Store(n)
	return c
}

func (c *cancelAfter) Err() error {
	if c.calls.Add(1) > c.n.Load() {
		return context.Canceled
	}
	return nil
}

func (c *cancelAfter) Done() <-chan struct{} { return c.done }

func TestCanceledBuild_LeavesThePublishedSiteAsItWas(t *testing.T) {
	src, out, before := publishedSite(t)
	replaceIn(t, src, "content/guide/reviewing.md", "Read the findings first", "Read the findings before anything else")
	// Cancel at several points, from before loading to the last job.
	stoppedMidWrite := false
	for _, n := range []int64{0, 1, 3, 10, 25, 40} {
		ctx := newCancelAfter(n)
		_, err := build.New(options(src, out, build.Publish)).Build(ctx, nil)
		if err == nil {
			continue // the build finished before the n-th question
		}
		if n >= 3 {
			stoppedMidWrite = true
		}
		if !errors.Is(err, context.Canceled) {
			t.Errorf("canceled after %d: error %v does not wrap context.Canceled", n, err)
		}
		if diff := treeDiff(before, readTree(t, out)); diff != "" {
			t.Fatalf("canceled after %d: the published site changed:\n%s", n, diff)
		}
		if l := leftovers(t, out); len(l) > 0 {
			t.Errorf("canceled after %d: left %v beside the output", n, l)
		}
	}
	if !stoppedMidWrite {
		t.Error("no cancellation stopped the build while it was writing; the test no longer reaches that point")
	}
	// The next build publishes the change.
	mustBuild(t, options(src, out, build.Publish))
	if !strings.Contains(readFile(t, out, "guide/reviewing/index.html"), "before anything else") {
		t.Error("the build after the canceled ones did not publish the edit")
	}
}

func TestKilledBuild_NextBuildRecovers(t *testing.T) {
	t.Run("killed between the two renames of the swap", func(t *testing.T) {
		src, out, before := publishedSite(t)
		// The previous site was set aside and the new one never moved in.
		if err := os.Rename(out, out+".old"); err != nil {
			t.Fatal(err)
		}
		// Even a build that then fails on its inputs puts the previous
		// site back first, unchanged.
		rel := "assessments/northwind/2026-10-01.toml"
		good := readFile(t, src, rel)
		writeFile(t, src, rel, "brand = \n")
		if _, err := build.New(options(src, out, build.Publish)).Build(context.Background(), nil); err == nil {
			t.Fatal("a broken site built")
		}
		if diff := treeDiff(before, readTree(t, out)); diff != "" {
			t.Fatalf("the failed build did not restore the previous site as it was:\n%s", diff)
		}
		writeFile(t, src, rel, good)
		mustBuild(t, options(src, out, build.Publish))
		if diff := treeDiff(before, readTree(t, out)); diff != "" {
			t.Errorf("the build after a killed swap differs:\n%s", diff)
		}
		if l := leftovers(t, out); len(l) > 0 {
			t.Errorf("left %v beside the output", l)
		}
	})
	t.Run("killed after the swap, before removing the previous site", func(t *testing.T) {
		src, out, before := publishedSite(t)
		copyTree(t, out, out+".old")
		mustBuild(t, options(src, out, build.Publish))
		if diff := treeDiff(before, readTree(t, out)); diff != "" {
			t.Errorf("the next build differs:\n%s", diff)
		}
		if l := leftovers(t, out); len(l) > 0 {
			t.Errorf("left %v beside the output", l)
		}
	})
	t.Run("killed while rendering into staging", func(t *testing.T) {
		src, out, before := publishedSite(t)
		stale := filepath.Join(filepath.Dir(out), ".public.staging-123456")
		writeFile(t, stale, "index.html", "half a page")
		writeFile(t, stale, publish.Marker, "This folder was written by scorebook build\n")
		// The published site is untouched by the stale folder.
		if diff := treeDiff(before, readTree(t, out)); diff != "" {
			t.Fatalf("the published site changed:\n%s", diff)
		}
		replaceIn(t, src, "content/guide/reviewing.md", "Read the findings first", "Read the findings before anything else")
		mustBuild(t, options(src, out, build.Publish))
		site := readTree(t, out)
		if string(site["index.html"]) == "half a page" {
			t.Error("the stale staging folder was published")
		}
		if !strings.Contains(string(site["guide/reviewing/index.html"]), "before anything else") {
			t.Error("the next build did not publish the edit")
		}
		for _, l := range leftovers(t, out) {
			if l != filepath.Base(stale) {
				t.Errorf("left %s beside the output", l)
			}
		}
		// A staging folder left by a killed build is not removed by the
		// next one (another build might still be writing it); it is only
		// reported here so that the leak stays visible.
		if _, err := os.Stat(stale); err == nil {
			t.Logf("note: %s from a killed build is still there after the next build", filepath.Base(stale))
		}
	})
}

func TestOutput_RefusesTheSourceOrAFolderItDidNotWrite(t *testing.T) {
	t.Run("the source folder itself", func(t *testing.T) {
		src := copySite(t, goldenSrc)
		refuse(t, src, src, "contains the source")
	})
	t.Run("a parent of the source", func(t *testing.T) {
		src := copySite(t, goldenSrc)
		refuse(t, src, filepath.Dir(src), "contains the source")
	})
	t.Run("the source through a symbolic link", func(t *testing.T) {
		src := copySite(t, goldenSrc)
		link := filepath.Join(t.TempDir(), "link")
		if err := os.Symlink(filepath.Dir(src), link); err != nil {
			t.Skip("no symbolic links:", err)
		}
		refuse(t, src, link, "contains the source")
	})
	t.Run("a folder of someone else's files", func(t *testing.T) {
		src := copySite(t, goldenSrc)
		out := filepath.Join(t.TempDir(), "documents")
		writeFile(t, out, "thesis.md", "Years of work.\n")
		writeFile(t, out, "notes/today.txt", "Do not delete.\n")
		refuse(t, src, out, "not written by scorebook")
	})
}

// refuse checks that builds of src into out fail with a message holding
// want, and write or delete nothing anywhere near.
func refuse(t *testing.T, src, out, want string) {
	t.Helper()
	parent := filepath.Dir(out)
	before, sources := readTree(t, parent), readTree(t, src)
	for _, mode := range []build.Mode{build.Publish, build.InPlace} {
		_, err := build.New(options(src, out, mode)).Build(context.Background(), nil)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("mode %d: build into %s: error %v; want one saying it %s", mode, out, err, want)
		}
	}
	if diff := treeDiff(before, readTree(t, parent)); diff != "" {
		t.Errorf("the refused builds changed files beside the output:\n%s", diff)
	}
	if diff := treeDiff(sources, readTree(t, src)); diff != "" {
		t.Errorf("the refused builds changed the source:\n%s", diff)
	}
	if _, err := os.Stat(filepath.Join(out, publish.Marker)); err == nil {
		t.Errorf("the refused build wrote a marker into %s", out)
	}
}

// TestPublish_KeepsTheMarkerAndNothingElseOfItsOwn checks the published
// folder: the marker names the build that wrote it, so that a later build
// knows it may replace the folder.
func TestPublish_KeepsTheMarkerAndNothingElseOfItsOwn(t *testing.T) {
	_, out, _ := publishedSite(t)
	marker := readFile(t, out, publish.Marker)
	if !strings.Contains(marker, "scorebook") {
		t.Errorf("marker %q does not say who wrote the folder", marker)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") && e.Name() != publish.Marker {
			t.Errorf("hidden file %s in the published site", e.Name())
		}
	}
}

// TestLayouts_LinkOutsideTheSiteIsRefused checks that a layout that is a
// symbolic link out of the site is never read, and says so at its path.
func TestLayouts_LinkOutsideTheSiteIsRefused(t *testing.T) {
	src := copySite(t, goldenSrc)
	outside := filepath.Join(t.TempDir(), "secret.html")
	writeFile(t, filepath.Dir(outside), "secret.html", "{{define \"x\"}}secret{{end}}")
	link := filepath.Join(src, "layouts", "partials", "leak.html")
	if err := os.Symlink(outside, link); err != nil {
		t.Skip("no symbolic links:", err)
	}
	_, err := build.New(options(src, filepath.Join(t.TempDir(), "out"), build.DryRun)).Build(context.Background(), nil)
	if err == nil || !strings.Contains(err.Error(), "layouts/partials/leak.html: the symbolic link leads outside the site folder") {
		t.Errorf("a layout linked from outside the site: error %v", err)
	}
}

// TestRender_EveryPageProblemReportedTogether checks that two pages whose
// Markdown breaks a limit are both reported in one run, each at its file.
func TestRender_EveryPageProblemReportedTogether(t *testing.T) {
	src := copySite(t, goldenSrc)
	deep := strings.Repeat("> ", 40) + "too deep\n"
	for _, name := range []string{"first", "second"} {
		writeFile(t, src, "content/guide/"+name+"-deep.md", "+++\ntitle = \""+name+"\"\n+++\n\n"+deep)
	}
	_, err := build.New(options(src, filepath.Join(t.TempDir(), "out"), build.DryRun)).Build(context.Background(), nil)
	if err == nil {
		t.Fatal("pages over a limit built")
	}
	for _, want := range []string{"content/guide/first-deep.md:", "content/guide/second-deep.md:"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the problems do not name %s:\n%v", want, err)
		}
	}
}
