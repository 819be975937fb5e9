// Package benchcorpus writes the deterministic synthetic sites that the
// benchmarks build: a scorebook site of playbook pages and brand
// assessments, and a Hugo site with the same pages.
//
// The pages follow shared/bench/corpus.py: the same vocabulary, the same
// shape (TOML front matter with title, weight, date and tags; an opening
// paragraph and three headed sections with a list each; bold words and
// links to other pages; a GFM table; one fenced code block in Go, JSON,
// YAML or SQL that differs on every page) and so the same size: about
// 4.4 KB and 490 words a page (corpus.py's first 200 pages average 4,308
// bytes and 491 words, fewer than its "about 700 words" says). The bytes
// are not the same as corpus.py's: this package draws from its own generator (SplitMix64,
// one stream per page), so that a page can be written on its own and the
// output never depends on a language runtime's random module. Links point
// at the first min(pages, 1000) pages, as corpus.py's do at 1,000 pages
// and more, so that a small corpus has no broken links.
//
// Brands are assessed against the shipped model (every criterion rated,
// about a third with evidence, a few exempt; targets, use cases, journeys
// and operations), with levels drawn around a per-brand base that rises
// with each assessment; their dates run back from 2026-10-15 three months
// apart, where corpus.py's dates.txt starts at 2026-01-15.
package benchcorpus

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"

	"scorebook/generator/internal/config"
	"scorebook/generator/internal/model"
)

// Options sizes a corpus.
type Options struct {
	Pages   int   // playbook pages under content/bench/
	Brands  int   // brands under assessments/
	History int   // assessments per brand, the newest 2026-10-15
	Seed    int64 // the same seed always writes the same bytes
}

// Shipped names what Write copies from the shipped site as is: the site
// settings with the scoring model, the layouts and the static files.
var Shipped = []string{config.FileName, "layouts", "static"}

// Write writes a scorebook site into dir, which must not hold one
// already: the pages of opts and their section index under content/bench/,
// opts.Brands × opts.History assessments scored against the model of the
// site in shippedDir, and that site's site.toml, layouts/ and static/. It
// returns the model the assessments were written for.
func Write(dir, shippedDir string, opts Options) (*model.Model, error) {
	site, errs := config.Load(shippedDir, nil)
	if errs.HasErrors() {
		return nil, fmt.Errorf("load the shipped model: %w", errs.Err())
	}
	for _, name := range Shipped {
		if err := copyTree(filepath.Join(shippedDir, name), filepath.Join(dir, name)); err != nil {
			return nil, err
		}
	}
	if err := writePages(dir, opts); err != nil {
		return nil, err
	}
	m := &site.Model
	err := parallel(opts.Brands, func(b int) error {
		for h := range opts.History {
			if err := writeFile(dir, AssessmentPath(opts.History, b, h), Assessment(m, opts.Seed, b, opts.History, h)); err != nil {
				return err
			}
		}
		return nil
	})
	return m, err
}

// parallel calls fn(0) … fn(n-1) on one goroutine per CPU and returns the
// first error.
func parallel(n int, fn func(i int) error) error {
	var (
		next atomic.Int64
		wg   sync.WaitGroup
		errs = make([]error, runtime.GOMAXPROCS(0))
	)
	for w := range errs {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				if err := fn(i); err != nil {
					errs[w] = err
					return
				}
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// writePages writes the pages and their section index.
func writePages(dir string, opts Options) error {
	if err := writeFile(dir, "content/bench/_index.md", []byte(sectionIndex)); err != nil {
		return err
	}
	return parallel(opts.Pages, func(i int) error {
		return writeFile(dir, PagePath(i), Page(opts.Seed, opts.Pages, i))
	})
}

// writeFile writes data at the slash path rel under dir, making folders.
func writeFile(dir, rel string, data []byte) error {
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("write corpus: %w", err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return fmt.Errorf("write corpus: %w", err)
	}
	return nil
}

// copyTree copies the file or folder src to dst.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("copy %s: %w", src, err)
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return fmt.Errorf("copy %s: %w", src, err)
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return fmt.Errorf("copy %s: %w", src, err)
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return fmt.Errorf("copy %s: %w", src, err)
		}
		if err := os.WriteFile(target, data, 0o644); err != nil {
			return fmt.Errorf("copy %s: %w", src, err)
		}
		return nil
	})
}
