package e2e

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"scorebook/generator/internal/build"
)

// repoRoot is the shipped playbook's source: the repository root.
const repoRoot = "../.."

// buildDate is the fixed build date, so date-dependent checks never drift.
var buildDate = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)

// published is the shipped playbook built once per test binary, in Publish
// mode as `scorebook build` writes it.
var published struct {
	once sync.Once
	dir  string
	err  error
}

// publishedSite builds the shipped playbook (once) and returns the output
// folder.
func publishedSite(t *testing.T) string {
	t.Helper()
	published.once.Do(func() {
		dir, err := os.MkdirTemp("", "scorebook-e2e-site-")
		if err != nil {
			published.err = err
			return
		}
		published.dir = filepath.Join(dir, "public")
		opts := build.Options{Src: repoRoot, Out: published.dir, Mode: build.Publish, Now: buildDate}
		_, published.err = build.New(opts).Build(context.Background(), nil)
	})
	if published.err != nil {
		t.Fatalf("build the shipped playbook: %v", published.err)
	}
	return published.dir
}

// serveSite serves a built site as a static host would (404.html for
// missing paths) on loopback, until the test ends, and returns its base URL.
func serveSite(t *testing.T, dir string) string {
	t.Helper()
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(r.URL.Path, "/")))
		if fi, err := os.Stat(p); errors.Is(err, os.ErrNotExist) || (err == nil && fi.IsDir() && !exists(filepath.Join(p, "index.html"))) {
			page, _ := os.ReadFile(filepath.Join(dir, "404.html"))
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			w.Write(page)
			return
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// pageType is one kind of page the site publishes, with one example of it
// in the shipped playbook.
type pageType struct {
	name string
	path string // URL path on the site
}

// pageTypes lists every kind of page, one example each.
var pageTypes = []pageType{
	{"home", "/"},
	{"list", "/definition/"},
	{"content", "/definition/five-parts/"},
	{"dimension", "/dimensions/architecture/"},
	{"pattern", "/patterns/event-driven/"},
	{"check", "/checks/coherence/"},
	{"patterns", "/patterns/"},
	{"portfolio", "/scorecards/"},
	{"filter", "/scorecards/platform/shopify-plus/"},
	{"scorecard", "/scorecards/marlow-street/"},
	{"earlier", "/scorecards/marlow-street/2025-07-15/"},
	{"scoring", "/scoring/"},
	{"search", "/search/"},
	{"404", "/404.html"},
	{"share", "/scorecards/marlow-street/share.html"},
}

// file is the built file behind a page's URL path.
func (p pageType) file(site string) string {
	rel := strings.TrimPrefix(p.path, "/")
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	return filepath.Join(site, filepath.FromSlash(rel))
}

// TestPageTypes_AllPublished keeps the list above honest: every example
// page exists in the built site.
func TestPageTypes_AllPublished(t *testing.T) {
	site := publishedSite(t)
	for _, p := range pageTypes {
		if !exists(p.file(site)) {
			t.Errorf("%s page %s: %s not built", p.name, p.path, p.file(site))
		}
	}
}
