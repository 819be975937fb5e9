package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestSummariesCompareExistingOutputAndDiffWithCheck(t *testing.T) {
	s := func(wall, user, system int, rss int64) sample {
		ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
		return sample{Wall: ms(wall), User: ms(user), System: ms(system), CPU: ms(user + system), PeakRSS: rss << 20}
	}
	rep := &report{Runs: 3, Sizes: []*sizeResult{{
		Corpus: sharedCorpus, Pages: 1000, Brands: 10, History: 3,
		Scorebook: toolResult{Tool: "scorebook",
			Existing: []sample{s(900, 500, 300, 40), s(700, 400, 200, 30), s(800, 450, 250, 50)},
			Emptied:  []sample{s(600, 400, 100, 40), s(500, 400, 100, 40), s(400, 400, 100, 40)},
			Warm:     []sample{s(50, 20, 10, 20)},
		},
		Hugo: &toolResult{Tool: "hugo v0.111.3",
			Existing: []sample{s(1600, 900, 500, 200)},
			Emptied:  []sample{s(1000, 900, 400, 200)},
		},
		DiffCheck: &diffCheckResult{Edited: 1, Check: []sample{s(400, 300, 50, 40)}, Diff: []sample{s(1000, 700, 50, 40)}},
		Search:    &searchSize{Files: 3, Bytes: 3000, Largest: "search/index.js", LargestBytes: 2000},
	}}}
	sums := rep.summaries()
	if len(sums) != 1 {
		t.Fatalf("got %d summaries, want 1", len(sums))
	}
	got := sums[0]
	if e := got.Scorebook.Existing; e.WallMedianMS != 800 || e.UserMedianMS != 450 || e.SystemMedianMS != 250 || e.PeakRSSMedian != 40<<20 {
		t.Errorf("existing medians = %+v, want wall 800, user 450, system 250, 40 MiB", e)
	}
	q := got.Ratios
	if q == nil || q.ColdWall != 0.5 || q.ColdWallEmptied != 0.5 || q.ColdSystem != 0.5 || q.PeakRSS != 0.2 {
		t.Fatalf("ratios = %+v, want cold wall 0.5 (existing: 800/1600), emptied 0.5 (500/1000), system 0.5, peak 0.2", q)
	}
	if !q.ColdWallPassed || !q.ColdWallAimPassed || q.PeakRSSPassed {
		t.Errorf("verdicts = %+v: want cold passed with the aim, memory not (0.2 > %.2f)", q, targetMemoryRatio)
	}
	if d := got.DiffCheck; d == nil || d.Ratio != 2.5 || d.Passed {
		t.Errorf("diff/check = %+v, want 2.5, not passed", d)
	}
	var out bytes.Buffer
	rep.print(&out)
	for _, want := range []string{"cold, existing", "cold, emptied", "diff/check wall", "2.50", "search index   3 files", "shared corpus at 1000 pages"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}

func TestMeasureSearchCountsTheIndexScripts(t *testing.T) {
	out := t.TempDir()
	files := map[string]int{"search/index.js": 10, "search/t-0.js": 30, "search/p-0.js": 20, "search/index.html": 500, "index.html": 900}
	for name, n := range files {
		p := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, bytes.Repeat([]byte("x"), n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := measureSearch(out)
	if err != nil {
		t.Fatal(err)
	}
	if got.Files != 3 || got.Bytes != 60 || got.Largest != "search/t-0.js" || got.LargestBytes != 30 {
		t.Errorf("measureSearch = %+v, want 3 files, 60 bytes, largest search/t-0.js of 30", got)
	}
	if _, err := measureSearch(t.TempDir()); err == nil {
		t.Error("measureSearch of a site without an index: no error")
	}
}

func TestFindSharedScriptLooksUpward(t *testing.T) {
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is not installed")
	}
	root := t.TempDir()
	script := filepath.Join(root, filepath.FromSlash(sharedScript))
	repo := filepath.Join(root, "wt", "clone")
	for _, d := range []string{filepath.Dir(script), repo} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	switch path, why := findSharedScript("", repo); {
	case path != "" && !strings.HasPrefix(path, root+string(filepath.Separator)):
		// The machine has a shared folder above its temporary folder.
		t.Logf("a shared script above the temporary folder (%s): the case without one is not checked", path)
	case path != "" || why == "":
		t.Errorf("without the script: %q, %q; want no path and a reason", path, why)
	}
	if err := os.WriteFile(script, []byte("print()\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if path, why := findSharedScript("", repo); path != script {
		t.Errorf("findSharedScript = %q (%s), want %q", path, why, script)
	}
}
