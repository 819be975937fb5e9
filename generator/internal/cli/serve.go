package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"time"

	"scorebook/generator/internal/build"
	"scorebook/generator/internal/routes"
	"scorebook/generator/internal/server"
	"scorebook/generator/internal/watch"
)

// serveDebounce is how long the watcher waits for quiet before a rebuild
// of several files: a git checkout lands well within it. A batch of one
// file, an editor's save, whose events arrive together, waits only
// serveSaveDebounce: the wait is part of the delay between a save and
// the reloaded page.
const (
	serveDebounce     = 10 * time.Millisecond
	serveSaveDebounce = 2 * time.Millisecond
)

// watchedDirs are the source folders whose changes trigger a rebuild;
// besides them the watcher follows the files the settings were read from
// (site.toml and any model file it names), as of the last build.
var watchedDirs = routes.SourceDirs

func runServe(ctx context.Context, args []string, env Env) error {
	fs := newFlags("serve", "serve [-addr 127.0.0.1:1313] [-allow-host NAME]... [-src DIR] [-poll] [-now YYYY-MM-DD]", env)
	addr := fs.String("addr", server.DefaultAddr, "the `address` to listen on; loopback unless you say otherwise")
	var allowHosts hostList
	fs.Var(&allowHosts, "allow-host", "also answer requests for this host `name` (or name:port); repeatable. Any other Host than the listen address, localhost, 127.0.0.1 and [::1] gets 403")
	src := fs.String("src", ".", "the site's source `folder`")
	out := fs.String("out", "", "the `folder` to render into (default: a temporary folder, removed on exit)")
	now := fs.String("now", "", "the build `date` for date-dependent checks")
	poll := fs.Bool("poll", false, "poll for changes instead of using file system events (for network and container mounts)")
	interval := fs.Duration("poll-interval", 500*time.Millisecond, "time between two polls with -poll")
	if _, err := parse(fs, args); err != nil {
		return helpOK(err)
	}
	if *out == "" {
		dir, err := os.MkdirTemp("", "scorebook-serve-")
		if err != nil {
			return fmt.Errorf("create serve folder: %w", err)
		}
		defer os.RemoveAll(dir)
		*out = filepath.Join(dir, "site")
	}
	opts, err := buildOptions(*src, *out, *now, "off", env)
	if err != nil {
		return err
	}
	opts.Mode = build.InPlace
	logf := func(format string, args ...any) {
		fmt.Fprintf(env.Stderr, time.Now().Format("15:04:05 ")+format+"\n", args...)
	}
	w, err := watch.New(*src, watchedDirs, []string{routes.ConfigFile}, watch.Options{Poll: *poll, Interval: *interval, Debounce: serveDebounce, SaveDebounce: serveSaveDebounce})
	if err != nil {
		return fmt.Errorf("watch %s: %w", *src, err)
	}
	defer w.Close()
	srv := server.New(server.Options{Root: *out, Source: *src, Addr: *addr, AllowHosts: allowHosts, Builder: engineBuilder{build.New(opts), w}, Logf: logf})
	// The rebuilds stop with the server: whatever ends ListenAndServe
	// cancels the rebuild in flight, and serve returns only once it is
	// over, so nothing writes into the output while it is removed.
	ctx, stop := context.WithCancel(ctx)
	srv.Rebuild(ctx, nil)
	var gc idleCollector
	gc.afterRebuild()
	rebuilds := make(chan struct{})
	defer func() { <-rebuilds }()
	defer stop()
	go func() {
		defer close(rebuilds)
		errs := w.Errors()
		for {
			select {
			case <-ctx.Done():
				return
			case batch, ok := <-w.Events():
				if !ok {
					return
				}
				srv.Rebuild(ctx, batch)
				gc.afterRebuild()
			case err, ok := <-errs:
				if !ok {
					errs = nil // closed: stop selecting it
					continue
				}
				logf("watch: %v", err)
			}
		}
	}()
	return srv.ListenAndServe(ctx)
}

// idleCollector collects garbage right after a rebuild, while the server
// waits for the next edit, when the next rebuild would otherwise likely
// meet a collection: with the whole site held in memory, a collection in
// the middle of a rebuild takes about as long as the rebuild. It does not
// collect after every rebuild: at 10,000 pages a collection costs ten
// times the CPU of a small rebuild, and a small rebuild leaves little
// garbage.
type idleCollector struct {
	running atomic.Bool
	allocs  uint64 // bytes the process had allocated at the last rebuild's end
}

func (c *idleCollector) afterRebuild() {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}, {Name: "/gc/heap/goal:bytes"}, {Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	allocs, goal, heap := s[0].Value.Uint64(), s[1].Value.Uint64(), s[2].Value.Uint64()
	spent := allocs - c.allocs
	c.allocs = allocs
	if !collectNow(heap, goal, spent) {
		return
	}
	if c.running.CompareAndSwap(false, true) {
		go func() {
			defer c.running.Store(false)
			runtime.GC()
		}()
	}
}

// collectNow says whether to collect while idle: when the heap is within
// twice the last rebuild's allocations of the size at which the runtime
// collects on its own.
func collectNow(heap, goal, lastRebuild uint64) bool {
	return heap+2*lastRebuild >= goal
}

// engineBuilder adapts a build engine to the server, and after each build
// points the watcher at the files the settings were read from.
type engineBuilder struct {
	e *build.Engine
	w *watch.Watcher
}

func (b engineBuilder) Build(ctx context.Context, changed []string) ([]string, error) {
	sum, err := b.e.Build(ctx, changed)
	if werr := b.w.SetFiles(b.e.SettingsFiles()); werr != nil && err == nil {
		err = werr
	}
	if err != nil {
		return nil, err
	}
	return sum.Changed, nil
}

// hostList collects the names given with -allow-host, one per use of the
// flag.
type hostList []string

func (l *hostList) String() string { return strings.Join(*l, ",") }

func (l *hostList) Set(name string) error {
	name = strings.TrimSpace(name)
	if name == "" || strings.ContainsAny(name, "/ \t") {
		return fmt.Errorf("expected a host name such as playbook.internal or playbook.internal:8080, got %q", name)
	}
	*l = append(*l, name)
	return nil
}
