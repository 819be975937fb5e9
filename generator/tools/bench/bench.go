package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"scorebook/generator/internal/benchcorpus"
	"scorebook/generator/internal/model"
)

// bench holds one run's folders and the scorebook binary under test.
type bench struct {
	cfg    *config
	log    io.Writer
	work   string // everything the run writes
	remove bool   // work is temporary
	binary string // the scorebook built for this run
	// sharedScript is corpus.py's path when the shared corpus is measured.
	sharedScript string
	machine      machine
}

func newBench(ctx context.Context, cfg *config, log io.Writer) (*bench, error) {
	if cfg.repo == "" {
		root, err := moduleRoot()
		if err != nil {
			return nil, err
		}
		cfg.repo = root
	}
	b := &bench{cfg: cfg, log: log}
	if slices.Contains(cfg.corpora, sharedCorpus) {
		path, why := findSharedScript(cfg.sharedScript, cfg.repo)
		if path == "" {
			b.logf("skipping the shared corpus: %s", why)
			cfg.corpora = slices.DeleteFunc(cfg.corpora, func(k string) bool { return k == sharedCorpus })
			if len(cfg.corpora) == 0 {
				return nil, errors.New("nothing to measure: -corpus shared and no shared corpus")
			}
		}
		b.sharedScript = path
	}
	if cfg.keep != "" {
		if err := os.MkdirAll(cfg.keep, 0o755); err != nil {
			return nil, fmt.Errorf("make -keep folder: %w", err)
		}
		b.work = cfg.keep
	} else {
		dir, err := os.MkdirTemp("", "scorebook-bench-")
		if err != nil {
			return nil, fmt.Errorf("make work folder: %w", err)
		}
		b.work, b.remove = dir, true
	}
	b.binary = filepath.Join(b.work, "scorebook")
	b.logf("building %s", b.binary)
	build := exec.CommandContext(ctx, "go", "build", "-o", b.binary, "./generator")
	build.Dir = cfg.repo
	if out, err := build.CombinedOutput(); err != nil {
		b.close()
		return nil, fmt.Errorf("build scorebook: %w\n%s", err, out)
	}
	b.machine = describeMachine(ctx, b.binary, cfg.hugo)
	return b, nil
}

func (b *bench) close() {
	if b.remove {
		os.RemoveAll(b.work)
	}
}

func (b *bench) logf(format string, args ...any) {
	fmt.Fprintf(b.log, "%s bench: %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, args...))
}

// corpus is one size's sites on disk.
type corpus struct {
	kind  string // ownCorpus or sharedCorpus
	opts  benchcorpus.Options
	model *model.Model
	dir   string // the size's folder
	site  string // the scorebook site
	hugo  string // the Hugo site; "" without Hugo
}

// The corpora -corpus chooses from: benchcorpus's pages, or those of
// shared/bench/corpus.py. Both get benchcorpus's brands and assessments.
const (
	ownCorpus    = "own"
	sharedCorpus = "shared"
)

// writeCorpus writes the scorebook and Hugo sites of one corpus and size
// afresh.
func (b *bench) writeCorpus(ctx context.Context, kind string, pages int) (*corpus, error) {
	c := &corpus{
		kind: kind,
		opts: benchcorpus.Options{Pages: pages, Brands: b.cfg.brandsFor(pages), History: b.cfg.history, Seed: b.cfg.seed},
		dir:  filepath.Join(b.work, fmt.Sprintf("%s-p%d", kind, pages)),
	}
	c.site = filepath.Join(c.dir, "scorebook")
	if err := os.RemoveAll(c.dir); err != nil {
		return nil, fmt.Errorf("clear %s: %w", c.dir, err)
	}
	start := time.Now()
	// The shared corpus's pages are copied in over the sites that
	// benchcorpus writes without pages.
	own := c.opts
	if kind == sharedCorpus {
		own.Pages = 0
	}
	m, err := benchcorpus.Write(c.site, b.cfg.repo, own)
	if err != nil {
		return nil, err
	}
	c.model = m
	if b.cfg.hugo != "" {
		c.hugo = filepath.Join(c.dir, "hugo")
		if err := benchcorpus.WriteHugo(c.hugo, own); err != nil {
			return nil, err
		}
	}
	if kind == sharedCorpus {
		if err := b.writeSharedPages(ctx, c); err != nil {
			return nil, err
		}
	}
	b.logf("%s corpus: wrote %d pages, %d brands × %d assessments in %s", kind, pages, c.opts.Brands, c.opts.History, time.Since(start).Round(time.Millisecond))
	return c, nil
}

// sample is one measured process: its wall, user and system time and its
// peak resident memory.
type sample struct {
	Wall    time.Duration
	User    time.Duration
	System  time.Duration
	CPU     time.Duration // User + System
	PeakRSS int64         // bytes
}

// runMeasured runs a command to completion and measures it. Its output
// goes to logPath; a failure returns the output's tail.
func (b *bench) runMeasured(ctx context.Context, logPath, name string, args ...string) (sample, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	f, err := os.Create(logPath)
	if err != nil {
		return sample{}, fmt.Errorf("create log: %w", err)
	}
	defer f.Close()
	cmd.Stdout, cmd.Stderr = f, f
	// Write back what earlier steps left in the page cache, so that their
	// writeback does not fall into this measurement.
	syscall.Sync()
	start := time.Now()
	err = cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return sample{}, fmt.Errorf("%s %s: %w\n%s", filepath.Base(name), strings.Join(args, " "), err, tail(logPath))
	}
	ps := cmd.ProcessState
	return sample{Wall: wall, User: ps.UserTime(), System: ps.SystemTime(), CPU: ps.UserTime() + ps.SystemTime(), PeakRSS: peakRSS(ps)}, nil
}

// peakRSS is a finished process's ru_maxrss in bytes (Linux reports KiB).
func peakRSS(ps *os.ProcessState) int64 {
	if ps == nil {
		return 0
	}
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss * 1024
	}
	return 0
}

// tail returns the last lines of a log file.
func tail(path string) string {
	data, _ := os.ReadFile(path)
	if len(data) > 4000 {
		data = data[len(data)-4000:]
	}
	return string(bytes.TrimSpace(data))
}

// moduleRoot finds the scorebook module upward from the working folder.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("find the module: %w", err)
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.HasPrefix(bytes.TrimSpace(data), []byte("module scorebook")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no scorebook go.mod above the working folder: run from the repository or pass -repo")
		}
		dir = parent
	}
}

func lookPath(name string) (string, error) { return exec.LookPath(name) }
