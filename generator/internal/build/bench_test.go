package build_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"scorebook/generator/internal/benchcorpus"
	"scorebook/generator/internal/build"
	"scorebook/generator/internal/model"
)

// benchCorpus writes the benchmark corpus of `make bench` at a tenth of
// its default size: 1,000 pages and 100 brands with 3 assessments each.
func benchCorpus(b *testing.B) (string, benchcorpus.Options, *model.Model) {
	b.Helper()
	opts := benchcorpus.Options{Pages: 1000, Brands: 100, History: 3, Seed: 1}
	site := filepath.Join(b.TempDir(), "site")
	m, err := benchcorpus.Write(site, "../../..", opts)
	if err != nil {
		b.Fatal(err)
	}
	return site, opts, m
}

var benchNow = time.Date(2026, time.November, 27, 0, 0, 0, 0, time.UTC)

// BenchmarkBuildCorpus builds the 1,000-page corpus: from nothing (cold),
// again through a filled persistent cache with nothing changed (cached),
// and once more in a dev-server engine after one page was edited
// (edit-page) or one assessment level changed (edit-assessment).
func BenchmarkBuildCorpus(b *testing.B) {
	site, opts, m := benchCorpus(b)
	ctx := context.Background()
	options := func(out string) build.Options {
		return build.Options{Src: site, Out: out, Now: benchNow, Version: "bench"}
	}
	mustBuild := func(b *testing.B, e *build.Engine, changed []string) {
		b.Helper()
		if _, err := e.Build(ctx, changed); err != nil {
			b.Fatal(err)
		}
	}

	b.Run("cold", func(b *testing.B) {
		out := filepath.Join(b.TempDir(), "public")
		b.ReportAllocs()
		for b.Loop() {
			mustBuild(b, build.New(options(out)), nil)
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(opts.Pages), "µs/page")
	})

	b.Run("cached", func(b *testing.B) {
		o := options(filepath.Join(b.TempDir(), "public"))
		o.CacheDir = filepath.Join(b.TempDir(), "cache")
		mustBuild(b, build.New(o), nil)
		b.ReportAllocs()
		for b.Loop() {
			mustBuild(b, build.New(o), nil)
		}
	})

	edit := func(b *testing.B, rel string, change func(orig []byte, k int) ([]byte, error)) {
		o := options(filepath.Join(b.TempDir(), "serve"))
		o.Mode, o.KeepRendered = build.InPlace, true
		e := build.New(o)
		mustBuild(b, e, nil)
		path := filepath.Join(site, filepath.FromSlash(rel))
		orig, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		defer os.WriteFile(path, orig, 0o644)
		b.ReportAllocs()
		k := 0
		for b.Loop() {
			k++
			data, err := change(orig, k)
			if err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(path, data, 0o644); err != nil {
				b.Fatal(err)
			}
			mustBuild(b, e, []string{rel})
		}
	}
	b.Run("edit-page", func(b *testing.B) {
		edit(b, benchcorpus.PagePath(opts.Pages/2), func(orig []byte, k int) ([]byte, error) {
			return fmt.Appendf(append([]byte{}, orig...), "\nEdit %d.\n", k), nil
		})
	})
	b.Run("edit-assessment", func(b *testing.B) {
		d := m.Dimensions[0]
		levels := m.Scale.Max - m.Scale.Min + 1
		edit(b, benchcorpus.AssessmentPath(opts.History, opts.Brands/2, opts.History-1), func(orig []byte, k int) ([]byte, error) {
			return benchcorpus.SetRating(orig, d.ID, d.Criteria[0].ID, m.Scale.Min+k%levels, fmt.Sprintf("Edit %d", k))
		})
	})
}
