package e2e

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"scorebook/generator/internal/build"
	"scorebook/generator/internal/server"
	"scorebook/generator/internal/watch"
)

// devServer is `scorebook serve` wired as cli/serve.go wires it, on a copy
// of the shipped playbook, listening on a free loopback port.
type devServer struct {
	src  string // the copy of the site's source; edit it freely
	base string // http://127.0.0.1:port
}

// sourceParts are what a site's source is made of; the copy takes only these.
var sourceParts = []string{"site.toml", "content", "assessments", "layouts", "static"}

// startDevServer copies the shipped playbook into a temp folder, builds it
// in place, watches it, and serves it with live reload until the test ends.
func startDevServer(t *testing.T) *devServer {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	for _, part := range sourceParts {
		if err := copyTree(filepath.Join(repoRoot, part), filepath.Join(src, part)); err != nil {
			t.Fatalf("copy the playbook: %v", err)
		}
	}
	out := filepath.Join(dir, "site")

	engine := build.New(build.Options{Src: src, Out: out, Mode: build.InPlace, Now: buildDate, KeepRendered: true})
	w, err := watch.New(src, []string{"content", "assessments", "layouts", "static"}, []string{"site.toml"}, watch.Options{})
	if err != nil {
		t.Fatalf("watch %s: %v", src, err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var logs sync.Mutex
	stopped := false
	logf := func(format string, args ...any) {
		logs.Lock()
		defer logs.Unlock()
		if !stopped {
			t.Logf("serve: "+format, args...)
		}
	}
	srv := server.New(server.Options{Root: out, Source: src, Addr: ln.Addr().String(), Builder: engineBuilder{engine}, Logf: logf})

	ctx, cancel := context.WithCancel(context.Background())
	srv.Rebuild(ctx, nil)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-ctx.Done():
				return
			case batch, ok := <-w.Events():
				if !ok {
					return
				}
				srv.Rebuild(ctx, batch)
			case err, ok := <-w.Errors():
				if ok {
					logf("watch: %v", err)
				}
			}
		}
	}()
	go func() {
		defer wg.Done()
		if err := srv.Serve(ctx, ln); err != nil {
			logf("serve: %v", err)
		}
	}()
	t.Cleanup(func() {
		cancel()
		w.Close()
		wg.Wait()
		logs.Lock()
		stopped = true
		logs.Unlock()
	})
	return &devServer{src: src, base: "http://" + ln.Addr().String()}
}

// engineBuilder adapts a build engine to the server, as cli/serve.go does.
type engineBuilder struct{ e *build.Engine }

func (b engineBuilder) Build(ctx context.Context, changed []string) ([]string, error) {
	sum, err := b.e.Build(ctx, changed)
	if err != nil {
		return nil, err
	}
	return sum.Changed, nil
}

// copyTree copies a file or a folder tree.
func copyTree(from, to string) error {
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, p)
		if err != nil {
			return err
		}
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
}

// saveAtomically replaces a file as careful editors do: write a hidden temp
// file beside it, then rename it over the original.
func saveAtomically(t *testing.T, path string, data []byte) {
	t.Helper()
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		t.Fatal(err)
	}
	if err := tmp.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		t.Fatal(err)
	}
}

// editFile replaces exactly one occurrence of old with new in a file, saved
// atomically, and returns the line (1-based) where the edit landed.
func editFile(t *testing.T, path, old, new string) int {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	if n := strings.Count(text, old); n != 1 {
		t.Fatalf("%s holds %q %d times, want once", path, old, n)
	}
	i := strings.Index(text, old)
	saveAtomically(t, path, []byte(text[:i]+new+text[i+len(old):]))
	return strings.Count(text[:i], "\n") + 1
}

// newestAssessment returns the path of a brand's newest assessment file.
func newestAssessment(t *testing.T, src, slug string) string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(src, "assessments", slug, "*.toml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no assessments for %s: %v", slug, errors.Join(err, fmt.Errorf("%d files", len(files))))
	}
	return files[len(files)-1] // named by date, so the last sorts newest
}
