package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// toolResult is what one generator measured at one size.
type toolResult struct {
	Tool        string
	Cold        []sample // full builds from nothing
	Warm        []sample // builds with nothing changed through the persistent cache
	FirstCached *sample  // the cached build that filled the cache (not in Warm)
	Serve       *serveResult
}

// sizeResult is every measurement at one corpus size.
type sizeResult struct {
	Pages, Brands, History int
	Scorebook              toolResult
	Hugo                   *toolResult
}

// measureAll measures every size in turn. On an error it returns the
// sizes finished before it too.
func (b *bench) measureAll(ctx context.Context) (*report, error) {
	rep := &report{Machine: b.machine, Runs: b.cfg.runs, Edits: b.cfg.edits, Now: b.cfg.now}
	defer func() { rep.Machine.LoadEnd = loadAvg() }()
	for _, pages := range b.cfg.sizes {
		r, err := b.measureSize(ctx, pages)
		if err != nil {
			return rep, fmt.Errorf("%d pages: %w", pages, err)
		}
		rep.Sizes = append(rep.Sizes, r)
	}
	return rep, nil
}

func (b *bench) measureSize(ctx context.Context, pages int) (*sizeResult, error) {
	c, err := b.writeCorpus(pages)
	if err != nil {
		return nil, err
	}
	res := &sizeResult{Pages: pages, Brands: c.opts.Brands, History: c.opts.History, Scorebook: toolResult{Tool: "scorebook"}}
	if c.hugo != "" {
		res.Hugo = &toolResult{Tool: "hugo " + b.machine.HugoShort}
	}
	// Cold builds, scorebook's and Hugo's interleaved.
	for i := range b.cfg.runs {
		s, err := b.scorebookBuild(ctx, c, "cold", "off")
		if err != nil {
			return nil, err
		}
		res.Scorebook.Cold = append(res.Scorebook.Cold, s)
		b.logf("%d pages: scorebook cold build %d/%d: %s (CPU %s), peak %s", pages, i+1, b.cfg.runs, fmtDur(s.Wall), fmtDur(s.CPU), fmtBytes(s.PeakRSS))
		if c.hugo == "" {
			continue
		}
		h, err := b.hugoBuild(ctx, c)
		if err != nil {
			return nil, err
		}
		res.Hugo.Cold = append(res.Hugo.Cold, h)
		b.logf("%d pages: hugo build %d/%d: %s (CPU %s), peak %s", pages, i+1, b.cfg.runs, fmtDur(h.Wall), fmtDur(h.CPU), fmtBytes(h.PeakRSS))
	}
	// Warm builds: one cached build fills the cache, then nothing changes.
	cache := filepath.Join(c.dir, "cache")
	first, err := b.scorebookBuild(ctx, c, "warm", cache)
	if err != nil {
		return nil, err
	}
	res.Scorebook.FirstCached = &first
	b.logf("%d pages: scorebook first cached build: %s, peak %s", pages, fmtDur(first.Wall), fmtBytes(first.PeakRSS))
	for i := range b.cfg.runs {
		s, err := b.scorebookBuild(ctx, c, "warm", cache)
		if err != nil {
			return nil, err
		}
		res.Scorebook.Warm = append(res.Scorebook.Warm, s)
		b.logf("%d pages: scorebook warm build %d/%d: %s, peak %s", pages, i+1, b.cfg.runs, fmtDur(s.Wall), fmtBytes(s.PeakRSS))
	}
	// Edits applied by a running dev server.
	sr, err := b.measureServe(ctx, c, scorebookServer)
	if err != nil {
		return nil, err
	}
	res.Scorebook.Serve = sr
	if c.hugo != "" {
		hr, err := b.measureServe(ctx, c, hugoServer)
		if err != nil {
			return nil, err
		}
		res.Hugo.Serve = hr
	}
	return res, nil
}

// scorebookBuild runs one `scorebook build`. A cold build starts from an
// empty output folder; a cached one keeps its output and cache folders.
func (b *bench) scorebookBuild(ctx context.Context, c *corpus, name, cache string) (sample, error) {
	out := filepath.Join(c.dir, "out-"+name)
	if cache == "off" {
		if err := os.RemoveAll(out); err != nil {
			return sample{}, fmt.Errorf("clear %s: %w", out, err)
		}
	}
	return b.runMeasured(ctx, filepath.Join(c.dir, "scorebook-"+name+".log"), b.binary,
		"build", "-src", c.site, "-out", out, "-now", b.cfg.now, "-cache", cache, "-q")
}

// hugoBuild runs one full `hugo` build into an empty folder.
func (b *bench) hugoBuild(ctx context.Context, c *corpus) (sample, error) {
	out := filepath.Join(c.dir, "out-hugo")
	if err := os.RemoveAll(out); err != nil {
		return sample{}, fmt.Errorf("clear %s: %w", out, err)
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
