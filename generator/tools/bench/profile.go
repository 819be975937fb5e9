package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"syscall"
	"time"

	"scorebook/generator/internal/benchcorpus"
	"scorebook/generator/internal/build"
)

// profileBuild builds the -pages corpus once, cold, in this process under
// the CPU profiler, and writes the CPU profile to cfg.profile and the
// allocation profile (alloc_space and inuse_space) to cfg.profile+".mem",
// with the profile before the build in cfg.profile+".mem.base"; then it
// profiles a warm build (profileWarm) and dev-server rebuilds after single
// edits (profileEdits).
func (b *bench) profileBuild(ctx context.Context, w io.Writer) error {
	c, err := b.writeCorpus(ctx, ownCorpus, b.cfg.pages)
	if err != nil {
		return err
	}
	now, _ := time.Parse(time.DateOnly, b.cfg.now)
	opts := build.Options{Src: c.site, Out: filepath.Join(c.dir, "out-profile"), Now: now, Version: "bench-profile"}
	// The allocation profile counts from the start of the process; the
	// base taken here lets pprof subtract writing the corpus.
	basePath := b.cfg.profile + ".mem.base"
	if err := writeAllocs(basePath); err != nil {
		return err
	}
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	stop, err := startCPUProfile(b.cfg.profile)
	if err != nil {
		return err
	}
	start := time.Now()
	sum, err := build.New(opts).Build(ctx, nil)
	wall := time.Since(start)
	stop()
	if err != nil {
		return fmt.Errorf("build: %w", err)
	}
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	memPath := b.cfg.profile + ".mem"
	if err := writeAllocs(memPath); err != nil {
		return err
	}
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	fmt.Fprintf(w, "built %d pages, %d scorecards, %d files in %s (in-process, %d workers)\n", sum.Pages, sum.Scorecards, sum.Outputs, fmtDur(wall), runtime.GOMAXPROCS(0))
	fmt.Fprintf(w, "allocated %s in %d objects; %d GCs, %s paused; heap at end %s; peak RSS of this process %s (includes writing the corpus)\n",
		fmtBytes(int64(after.TotalAlloc-before.TotalAlloc)), after.Mallocs-before.Mallocs, after.NumGC-before.NumGC,
		time.Duration(after.PauseTotalNs-before.PauseTotalNs).Round(time.Microsecond), fmtBytes(int64(after.HeapAlloc)), fmtBytes(ru.Maxrss*1024))
	fmt.Fprintf(w, "go tool pprof -top %s\ngo tool pprof -top -sample_index=alloc_space -diff_base %s %s\n", b.cfg.profile, basePath, memPath)
	if err := b.profileWarm(ctx, c, now, w); err != nil {
		return err
	}
	return b.profileEdits(ctx, c, now, w)
}

// profileWarm fills a persistent cache with one build, then profiles a
// second build with nothing changed into cfg.profile+".warm".
func (b *bench) profileWarm(ctx context.Context, c *corpus, now time.Time, w io.Writer) error {
	opts := build.Options{Src: c.site, Out: filepath.Join(c.dir, "out-profile-warm"), Now: now, Version: "bench-profile",
		CacheDir: filepath.Join(c.dir, "cache-profile")}
	if _, err := build.New(opts).Build(ctx, nil); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	path := b.cfg.profile + ".warm"
	stop, err := startCPUProfile(path)
	if err != nil {
		return err
	}
	start := time.Now()
	sum, err := build.New(opts).Build(ctx, nil)
	wall := time.Since(start)
	stop()
	if err != nil {
		return fmt.Errorf("build: %w", err)
	}
	fmt.Fprintf(w, "warm build in-process: %s (%d of %d files reused)\ngo tool pprof -top %s\n", fmtDur(wall), sum.Reused, sum.Outputs, path)
	return nil
}

// profileEdits builds the corpus in a dev-server engine (in place,
// Markdown kept in memory), then profiles -edits rebuilds after one page
// edit and -edits after one assessment edit into cfg.profile+".edit-page"
// and cfg.profile+".edit-assessment".
func (b *bench) profileEdits(ctx context.Context, c *corpus, now time.Time, w io.Writer) error {
	opts := build.Options{Src: c.site, Out: filepath.Join(c.dir, "out-profile-serve"), Now: now, Version: "bench-profile",
		Mode: build.InPlace, KeepRendered: true}
	e := build.New(opts)
	if _, err := e.Build(ctx, nil); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	rebuild := func(what, rel string, edit func(orig []byte, k int) ([]byte, error)) error {
		full := filepath.Join(c.site, filepath.FromSlash(rel))
		orig, err := os.ReadFile(full)
		if err != nil {
			return fmt.Errorf("read %s: %w", rel, err)
		}
		defer os.WriteFile(full, orig, 0o644)
		path := b.cfg.profile + ".edit-" + what
		stop, err := startCPUProfile(path)
		if err != nil {
			return err
		}
		defer stop()
		var took []time.Duration
		for k := range b.cfg.edits {
			data, err := edit(orig, k)
			if err != nil {
				return err
			}
			if err := os.WriteFile(full, data, 0o644); err != nil {
				return fmt.Errorf("edit %s: %w", rel, err)
			}
			start := time.Now()
			if _, err := e.Build(ctx, []string{rel}); err != nil {
				return fmt.Errorf("rebuild after editing %s: %w", rel, err)
			}
			took = append(took, time.Since(start))
		}
		fmt.Fprintf(w, "in-process rebuild after one %s edit: median %s, p95 %s over %d edits\n", what, fmtDur(median(took)), fmtDur(percentile(took, 95)), len(took))
		fmt.Fprintf(w, "go tool pprof -top %s\n", path)
		return nil
	}
	err := rebuild("page", benchcorpus.PagePath(c.opts.Pages/2), func(orig []byte, k int) ([]byte, error) {
		return editPage(orig, k, fmt.Sprint("profile-", k))
	})
	if err != nil {
		return err
	}
	if c.opts.Brands > 0 {
		d := c.model.Dimensions[0]
		levels := c.model.Scale.Max - c.model.Scale.Min + 1
		err = rebuild("assessment", benchcorpus.AssessmentPath(c.opts.History, c.opts.Brands/2, c.opts.History-1), func(orig []byte, k int) ([]byte, error) {
			return benchcorpus.SetRating(orig, d.ID, d.Criteria[0].ID, c.model.Scale.Min+k%levels, fmt.Sprint("Profile edit ", k))
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// startCPUProfile starts the CPU profiler writing to path; stop ends it
// and closes the file.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("create profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("start profile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// writeAllocs writes the allocation profile to path.
func writeAllocs(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create memory profile: %w", err)
	}
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		f.Close()
		return fmt.Errorf("write memory profile: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write memory profile: %w", err)
	}
	return nil
}
