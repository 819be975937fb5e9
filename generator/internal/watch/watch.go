// Package watch reports changes to a site's source files as batches of paths,
// so that `scorebook serve` can rebuild once per burst of saves.
//
// A Watcher watches some folders recursively (content/, assessments/, …) and
// some single files (site.toml), all named relative to one root folder. It
// uses the operating system's file events (fsnotify) or, for file systems
// that have none, polls the tree. Either way it delivers batches of slash
// paths relative to the root, sorted and without duplicates.
//
// What a batch holds:
//   - a file that was created, written, removed or renamed, by its own path;
//     an atomic save (write a temporary file, rename it over the real one)
//     is reported by the real file's name;
//   - a folder that was created, by the files found in it (files can land in
//     a new folder before its watch is in place, so the folder is scanned);
//   - a folder that was removed or renamed away, by the folder's own path,
//     and also by its files' paths when the system reports them one by one.
//     A consumer treats a folder path as "everything under it".
//
// Editor and system litter is ignored: names starting with "." (Vim's .x.swp
// and .x.swx, Emacs's .#x lock files, .DS_Store, hidden folders such as
// .git), Emacs's #x# auto-saves, backups ending in "~", Vim's "4913" write
// test and JetBrains's x___jb_tmp___ safe-write files. Permission-only changes are ignored too.
package watch

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"scorebook/generator/internal/ignore"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Options tune how a Watcher notices and groups changes.
type Options struct {
	// Poll walks the tree every Interval instead of using file events, for
	// file systems that have none (some network and container mounts).
	Poll bool
	// Interval is the time between two walks of the tree when polling;
	// 500ms when zero.
	Interval time.Duration
	// Debounce is the quiet period that ends a batch: changes are collected
	// until none has arrived for this long; 30ms when zero.
	Debounce time.Duration
	// SaveDebounce is the quiet period that ends a batch holding one path,
	// as a save in an editor makes: its events arrive together, so it
	// need not wait as long as a checkout of many files, which falls
	// back to Debounce from its second path on. Debounce when zero, and
	// never more than Debounce.
	SaveDebounce time.Duration
	// MaxWait bounds how long a batch may keep growing while changes keep
	// arriving; 300ms when zero, and never less than Debounce.
	MaxWait time.Duration
}

const (
	defaultInterval = 500 * time.Millisecond
	defaultDebounce = 30 * time.Millisecond
	defaultMaxWait  = 300 * time.Millisecond
)

// Watcher reports changes under a root folder. Create one with New, read
// Events (and, if you care, Errors), and Close it when done.
type Watcher struct {
	root  string          // absolute, cleaned, OS form
	dirs  []string        // slash paths relative to root, watched recursively
	files map[string]bool // slash paths relative to root, watched one by one
	opts  Options

	events   chan []string
	errors   chan error
	setFiles chan filesRequest
	done     chan struct{}
	stopped  chan struct{}
	close    sync.Once
	closeErr error

	// fsnotify mode
	fsw     *fsnotify.Watcher
	trees   map[string]bool // slash paths of the folders watched as part of dirs
	parents map[string]bool // slash paths of the folders watched for the names in them

	// poll mode
	last map[string]fileState
}

// New starts watching root: each folder of dirs recursively and each file of
// files, all given as slash paths relative to root ("content", "site.toml";
// "." watches the whole root). A folder of dirs that does not exist yet is
// picked up when it is created; the folders holding them and files must
// exist. dirs should not contain the site's output folder, or every build
// would trigger another.
func New(root string, dirs []string, files []string, opts Options) (*Watcher, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", root, err)
	}
	if opts.Interval <= 0 {
		opts.Interval = defaultInterval
	}
	if opts.Debounce <= 0 {
		opts.Debounce = defaultDebounce
	}
	if opts.MaxWait <= 0 {
		opts.MaxWait = defaultMaxWait
	}
	opts.MaxWait = max(opts.MaxWait, opts.Debounce)
	if opts.SaveDebounce <= 0 || opts.SaveDebounce > opts.Debounce {
		opts.SaveDebounce = opts.Debounce
	}

	w := &Watcher{
		root:     filepath.Clean(abs),
		files:    map[string]bool{},
		opts:     opts,
		events:   make(chan []string),
		errors:   make(chan error, 16),
		setFiles: make(chan filesRequest),
		done:     make(chan struct{}),
		stopped:  make(chan struct{}),
	}
	for _, d := range dirs {
		rel, err := cleanRel(d)
		if err != nil {
			return nil, err
		}
		w.dirs = append(w.dirs, rel)
	}
	for _, f := range files {
		rel, err := cleanRel(f)
		if err != nil {
			return nil, err
		}
		if rel == "." {
			return nil, fmt.Errorf("watch: %q is not a file", f)
		}
		w.files[rel] = true
	}
	if fi, err := os.Stat(w.root); err != nil {
		return nil, fmt.Errorf("watch %s: %w", root, err)
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("watch %s: not a folder", root)
	}

	if opts.Poll {
		w.last = w.snapshot()
		go w.run(nil, nil, time.NewTicker(opts.Interval))
		return w, nil
	}
	if err := w.startNotify(); err != nil {
		return nil, err
	}
	go w.run(w.fsw.Events, w.fsw.Errors, nil)
	return w, nil
}

// cleanRel checks that p is a slash path inside the root and cleans it.
func cleanRel(p string) (string, error) {
	c := path.Clean(filepath.ToSlash(p))
	if path.IsAbs(c) || c == ".." || strings.HasPrefix(c, "../") {
		return "", fmt.Errorf("watch: %q is not a path inside the root folder", p)
	}
	return c, nil
}

// SetFiles replaces the single files watched (slash paths relative to the
// root, as for New), for a settings file that names other files: a model
// file named in site.toml is watched from the build that reads it on. A
// file added this way is not reported as changed until it changes; every
// change after SetFiles returns is.
func (w *Watcher) SetFiles(files []string) error {
	set := map[string]bool{}
	for _, f := range files {
		rel, err := cleanRel(f)
		if err != nil {
			return err
		}
		if rel == "." {
			return fmt.Errorf("watch: %q is not a file", f)
		}
		set[rel] = true
	}
	req := filesRequest{set: set, applied: make(chan struct{})}
	select {
	case w.setFiles <- req:
		<-req.applied
		return nil
	case <-w.done:
		return errors.New("watch: closed")
	}
}

// filesRequest asks the watcher's goroutine to watch a new set of files.
type filesRequest struct {
	set     map[string]bool
	applied chan struct{} // closed once the files are watched
}

// applyFiles takes the new set of single files, in the run goroutine.
func (w *Watcher) applyFiles(set map[string]bool) {
	for f := range set {
		if w.files[f] {
			continue
		}
		if w.fsw != nil {
			if parent := path.Dir(f); !w.parents[parent] {
				if err := w.fsw.Add(w.abs(parent)); err != nil {
					w.report(fmt.Errorf("watch %s: %w", w.abs(parent), err))
					continue
				}
				w.parents[parent] = true
			}
		} else if info, err := os.Lstat(w.abs(f)); err == nil {
			w.last[f] = stateOf(info)
		}
	}
	w.files = set
}

// Events delivers batches of changed paths: slash paths relative to the
// root, sorted, without duplicates. A batch is held until it is received;
// changes arriving meanwhile join it, so a slow consumer sees fewer, larger
// batches rather than a backlog. The channel is closed by Close.
func (w *Watcher) Events() <-chan []string { return w.events }

// Errors delivers problems the watcher met and worked around (a folder it
// could not watch, an overflowing event queue). Reading it is optional: when
// nobody does, errors are dropped rather than blocking the watcher. The
// channel is closed by Close.
func (w *Watcher) Errors() <-chan error { return w.errors }

// Close stops watching and closes the Events and Errors channels. It is safe
// to call more than once.
func (w *Watcher) Close() error {
	w.close.Do(func() {
		close(w.done)
		<-w.stopped
		if w.fsw != nil {
			if err := w.fsw.Close(); err != nil {
				w.closeErr = fmt.Errorf("close watcher: %w", err)
			}
		}
		close(w.events)
		close(w.errors)
	})
	return w.closeErr
}

// report passes err on without ever blocking the watcher.
func (w *Watcher) report(err error) {
	select {
	case w.errors <- err:
	default:
	}
}

// batch collects changed paths until they are delivered.
type batch struct {
	paths   map[string]struct{}
	sorted  []string // cache of paths in order; nil after a change
	touched bool     // a change arrived since the flag was last cleared
}

func (b *batch) add(rel string) {
	b.paths[rel] = struct{}{}
	b.sorted = nil
	b.touched = true
}

func (b *batch) list() []string {
	if b.sorted == nil {
		b.sorted = make([]string, 0, len(b.paths))
		for p := range b.paths {
			b.sorted = append(b.sorted, p)
		}
		slices.Sort(b.sorted)
	}
	return b.sorted
}

// run is the watcher's single goroutine: it turns file events (or polls)
// into batches, ending a batch after a quiet period or the longest wait, and
// holding it, still growing, until the consumer takes it.
func (w *Watcher) run(events <-chan fsnotify.Event, errs <-chan error, ticker *time.Ticker) {
	defer close(w.stopped)
	var tick <-chan time.Time
	if ticker != nil {
		defer ticker.Stop()
		tick = ticker.C
	}
	quiet := time.NewTimer(time.Hour)
	quiet.Stop()
	limit := time.NewTimer(time.Hour)
	limit.Stop()
	defer quiet.Stop()
	defer limit.Stop()

	b := &batch{paths: map[string]struct{}{}}
	waiting, ready := false, false
	for {
		var out chan<- []string
		var next []string
		if ready {
			out, next = w.events, b.list()
		}
		b.touched = false
		select {
		case <-w.done:
			return
		case ev, ok := <-events:
			if !ok {
				events = nil
				continue
			}
			w.handle(ev, b)
		case err, ok := <-errs:
			if !ok {
				errs = nil
				continue
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: say that everything may have changed,
				// and watch any folder that appeared unseen.
				w.report(fmt.Errorf("watch %s: too many changes at once; rebuilding everything: %w", w.root, err))
				w.everything(b)
				continue
			}
			w.report(fmt.Errorf("watch %s: %w", w.root, err))
		case req := <-w.setFiles:
			w.applyFiles(req.set)
			close(req.applied)
		case <-tick:
			w.poll(b)
		case <-quiet.C:
			limit.Stop()
			waiting, ready = false, true
		case <-limit.C:
			quiet.Stop()
			waiting, ready = false, true
		case out <- next:
			b = &batch{paths: map[string]struct{}{}}
			ready = false
		}
		if b.touched && !ready {
			quiet.Reset(w.quietFor(b))
			if !waiting {
				waiting = true
				limit.Reset(w.opts.MaxWait)
			}
		}
	}
}

// quietFor is the quiet period that ends b: short while it holds a single
// path (one save), the full Debounce once it holds more.
func (w *Watcher) quietFor(b *batch) time.Duration {
	if len(b.paths) == 1 {
		return w.opts.SaveDebounce
	}
	return w.opts.Debounce
}

// everything adds every watched folder and file to b, meaning "anything may
// have changed", after watching any folder that is not watched yet.
func (w *Watcher) everything(b *batch) {
	for _, d := range w.dirs {
		if w.fsw != nil {
			w.addTree(d, nil)
		}
		b.add(d)
	}
	for f := range w.files {
		b.add(f)
	}
}

// rel turns an absolute OS path below the root into a slash path relative
// to it; ok is false for paths outside the root.
func (w *Watcher) rel(name string) (rel string, ok bool) {
	r, err := filepath.Rel(w.root, name)
	if err != nil {
		return "", false
	}
	r = filepath.ToSlash(r)
	if r == ".." || strings.HasPrefix(r, "../") {
		return "", false
	}
	return r, true
}

// abs turns a slash path relative to the root into an OS path.
func (w *Watcher) abs(rel string) string {
	return filepath.Join(w.root, filepath.FromSlash(rel))
}

// relevant says whether a change at rel is one to report: a watched file,
// or a path inside a watched folder none of whose names below that folder is
// ignored.
func (w *Watcher) relevant(rel string) bool {
	if w.files[rel] {
		return true
	}
	for _, d := range w.dirs {
		var below string
		switch {
		case d == ".":
			below = rel
		case rel == d:
			return true
		case strings.HasPrefix(rel, d+"/"):
			below = rel[len(d)+1:]
		default:
			continue
		}
		if below == "." || !slices.ContainsFunc(strings.Split(below, "/"), ignore.File) {
			return true
		}
	}
	return false
}
