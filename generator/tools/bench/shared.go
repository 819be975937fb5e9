package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// sharedScript is where the shared corpus script sits, relative to a
// folder above the module (the module is checked out beside shared/).
const sharedScript = "shared/bench/corpus.py"

// sharedMinPages is the fewest pages the shared corpus is built at: its
// pages link to any of the first 1,000, so a smaller corpus has broken links.
const sharedMinPages = 1000

// findSharedScript returns the path of corpus.py, from -shared-script or
// found upward from the module folder, and why not when it cannot be run.
func findSharedScript(flagPath, repo string) (string, string) {
	if _, err := exec.LookPath("python3"); err != nil {
		return "", "python3 is not installed"
	}
	if flagPath != "" {
		if _, err := os.Stat(flagPath); err != nil {
			return "", err.Error()
		}
		return flagPath, ""
	}
	dir := repo
	for {
		p := filepath.Join(dir, filepath.FromSlash(sharedScript))
		if _, err := os.Stat(p); err == nil {
			return p, ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", "no " + sharedScript + " above " + repo
		}
		dir = parent
	}
}

// writeSharedPages runs corpus.py for c's pages and moves them into the
// scorebook site, copying them into the Hugo site. Its brands.txt and
// dates.txt are not used: the assessments are benchcorpus's.
func (b *bench) writeSharedPages(ctx context.Context, c *corpus) error {
	gen := filepath.Join(c.dir, "shared-corpus")
	cmd := exec.CommandContext(ctx, "python3", b.sharedScript, gen,
		"--pages", strconv.Itoa(c.opts.Pages), "--brands", strconv.Itoa(c.opts.Brands),
		"--history", strconv.Itoa(c.opts.History), "--seed", strconv.FormatInt(c.opts.Seed, 10))
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s: %w\n%s", b.sharedScript, err, out)
	}
	from := filepath.Join(gen, "content", "bench")
	entries, err := os.ReadDir(from)
	if err != nil {
		return fmt.Errorf("read the shared corpus: %w", err)
	}
	pages := 0
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".md") {
			continue
		}
		pages++
		src := filepath.Join(from, e.Name())
		if c.hugo != "" {
			data, err := os.ReadFile(src)
			if err != nil {
				return fmt.Errorf("read the shared corpus: %w", err)
			}
			if err := os.WriteFile(filepath.Join(c.hugo, "content", "bench", e.Name()), data, 0o644); err != nil {
				return fmt.Errorf("write the Hugo site: %w", err)
			}
		}
		if err := os.Rename(src, filepath.Join(c.site, "content", "bench", e.Name())); err != nil {
			return fmt.Errorf("move the shared corpus: %w", err)
		}
	}
	if pages != c.opts.Pages {
		return fmt.Errorf("%s wrote %d pages, want %d", b.sharedScript, pages, c.opts.Pages)
	}
	return os.RemoveAll(gen)
}
