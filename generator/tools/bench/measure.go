package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"scorebook/generator/internal/publish"
)

// toolResult is what one generator measured at one size.
type toolResult struct {
	Tool        string
	Existing    []sample // full builds into the output the last build left (as users build)
	Emptied     []sample // full builds into an emptied output folder
	Warm        []sample // builds with nothing changed through the persistent cache
	FirstCached *sample  // the cached build that filled the cache (not in Warm)
	Serve       *serveResult
}

// sizeResult is every measurement on one corpus at one size.
type sizeResult struct {
	Corpus                 string
	Pages, Brands, History int
	Scorebook              toolResult
	Hugo                   *toolResult
	DiffCheck              *diffCheckResult
	Search                 *searchSize
}

// measureAll measures every size of every corpus in turn. On an error it
// returns the sizes finished before it too.
func (b *bench) measureAll(ctx context.Context) (*report, error) {
	rep := &report{Machine: b.machine, Runs: b.cfg.runs, Edits: b.cfg.edits, HugoEdits: b.cfg.hugoEdits, Now: b.cfg.now}
	defer func() { rep.Machine.LoadEnd = loadAvg() }()
	for _, pages := range b.cfg.sizes {
		for _, kind := range b.cfg.corpora {
			if kind == sharedCorpus && pages < sharedMinPages {
				b.logf("skipping the shared corpus at %d pages: its links need at least %d", pages, sharedMinPages)
				continue
			}
			r, err := b.measureSize(ctx, kind, pages)
			if err != nil {
				return rep, fmt.Errorf("%s corpus, %d pages: %w", kind, pages, err)
			}
			rep.Sizes = append(rep.Sizes, r)
		}
	}
	return rep, nil
}

func (b *bench) measureSize(ctx context.Context, kind string, pages int) (*sizeResult, error) {
	c, err := b.writeCorpus(ctx, kind, pages)
	if err != nil {
		return nil, err
	}
	if b.remove {
		// A temporary run keeps one corpus on disk at a time (at 50,000
		// pages each takes gigabytes).
		defer os.RemoveAll(c.dir)
	}
	res := &sizeResult{Corpus: kind, Pages: pages, Brands: c.opts.Brands, History: c.opts.History, Scorebook: toolResult{Tool: "scorebook"}}
	if c.hugo != "" {
		res.Hugo = &toolResult{Tool: "hugo " + b.machine.HugoShort}
	}
	at := fmt.Sprintf("%s %d pages", kind, pages)
	logBuild := func(what string, i int, s sample) {
		b.logf("%s: %s %d/%d: wall %s, user %s, system %s, peak %s", at, what, i+1, b.cfg.runs,
			fmtDur(s.Wall), fmtDur(s.User), fmtDur(s.System), fmtBytes(s.PeakRSS))
	}
	// Cold builds, scorebook's and Hugo's interleaved: each into an
	// emptied folder, and into the folder its last build into the
	// existing output left (a folder of its own, as a user's output is:
	// the emptied builds do not touch it), which untimed builds first
	// make: two of scorebook's, as a user's second build is the first
	// to find the previous site kept beside the output.
	for range 2 {
		if _, err := b.scorebookBuild(ctx, c, "cold", "off", true); err != nil {
			return nil, err
		}
	}
	if c.hugo != "" {
		if _, err := b.hugoBuild(ctx, c, true); err != nil {
			return nil, err
		}
	}
	for i := range b.cfg.runs {
		for _, existing := range []bool{false, true} {
			mode := modeName(existing)
			s, err := b.scorebookBuild(ctx, c, "cold", "off", existing)
			if err != nil {
				return nil, err
			}
			res.Scorebook.add(existing, s)
			logBuild("scorebook cold build, "+mode, i, s)
			if c.hugo == "" {
				continue
			}
			h, err := b.hugoBuild(ctx, c, existing)
			if err != nil {
				return nil, err
			}
			res.Hugo.add(existing, h)
			logBuild("hugo build, "+mode, i, h)
		}
	}
	if res.Search, err = measureSearch(filepath.Join(c.dir, "out-cold")); err != nil {
		return nil, err
	}
	b.logf("%s: search index %d files, %s, largest %s (%s)", at, res.Search.Files, fmtSize(res.Search.Bytes), res.Search.Largest, fmtSize(res.Search.LargestBytes))
	// Warm builds: one cached build fills the cache, then nothing changes.
	cache := filepath.Join(c.dir, "cache")
	first, err := b.scorebookBuild(ctx, c, "warm", cache, true)
	if err != nil {
		return nil, err
	}
	res.Scorebook.FirstCached = &first
	b.logf("%s: scorebook first cached build: %s, peak %s", at, fmtDur(first.Wall), fmtBytes(first.PeakRSS))
	for i := range b.cfg.runs {
		s, err := b.scorebookBuild(ctx, c, "warm", cache, true)
		if err != nil {
			return nil, err
		}
		res.Scorebook.Warm = append(res.Scorebook.Warm, s)
		logBuild("scorebook nothing-changed build", i, s)
	}
	// Edits applied by a running dev server.
	sr, err := b.measureServe(ctx, c, scorebookServer)
	if err != nil {
		return nil, err
	}
	res.Scorebook.Serve = sr
	if c.hugo != "" && b.cfg.hugoEdits > 0 {
		hr, err := b.measureServe(ctx, c, hugoServer)
		if err != nil {
			return nil, err
		}
		res.Hugo.Serve = hr
	}
	// Last, as it makes the site a git repository and edits assessments.
	if res.DiffCheck, err = b.measureDiffCheck(ctx, c); err != nil {
		return nil, err
	}
	return res, nil
}

// add files a cold build under its mode.
func (t *toolResult) add(existing bool, s sample) {
	if existing {
		t.Existing = append(t.Existing, s)
	} else {
		t.Emptied = append(t.Emptied, s)
	}
}

func modeName(existing bool) string {
	if existing {
		return "into the existing output"
	}
	return "into an emptied folder"
}

// scorebookBuild runs one `scorebook build` into the output folder of its
// name, emptied first unless existing, with the cache folder or "off".
//
// An emptied build has a folder of its own, out-NAME-emptied, removed
// with the previous site scorebook keeps beside it (publish.PreviousDir):
// an emptied build starts from nothing.
func (b *bench) scorebookBuild(ctx context.Context, c *corpus, name, cache string, existing bool) (sample, error) {
	out := filepath.Join(c.dir, "out-"+name)
	if !existing {
		out += "-emptied"
		for _, d := range []string{out, publish.PreviousDir(out)} {
			if err := os.RemoveAll(d); err != nil {
				return sample{}, fmt.Errorf("clear %s: %w", d, err)
			}
		}
	}
	return b.runMeasured(ctx, filepath.Join(c.dir, "scorebook-"+name+".log"), b.binary,
		"build", "-src", c.site, "-out", out, "-now", b.cfg.now, "-cache", cache, "-q")
}

// hugoBuild runs one full `hugo` build, into an emptied folder of its
// own unless existing.
func (b *bench) hugoBuild(ctx context.Context, c *corpus, existing bool) (sample, error) {
	out := filepath.Join(c.dir, "out-hugo")
	if !existing {
		out += "-emptied"
		if err := os.RemoveAll(out); err != nil {
			return sample{}, fmt.Errorf("clear %s: %w", out, err)
		}
	}
	return b.runMeasured(ctx, filepath.Join(c.dir, "hugo-build.log"), b.cfg.hugo,
		"--source", c.hugo, "--destination", out, "--quiet", "--cacheDir", filepath.Join(c.dir, "hugo-cache"))
}

// fmtDur writes a duration with three significant figures or so.
func fmtDur(d time.Duration) string {
	switch {
	case d >= 10*time.Second:
		return fmt.Sprintf("%.1f s", d.Seconds())
	case d >= time.Second:
		return fmt.Sprintf("%.2f s", d.Seconds())
	default:
		return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
	}
}

// fmtBytes writes a size in MiB.
func fmtBytes(n int64) string { return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20)) }

// fmtSize writes a file size in KiB or MiB.
func fmtSize(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.1f KiB", float64(n)/1024)
}
