package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"scorebook/generator/internal/ignore"
	"slices"
	"strings"

	"github.com/fsnotify/fsnotify"
)

// startNotify sets up file events: every folder under each watched folder,
// plus, on their own, the folders holding the watched folders and files.
// Those parent watches are what see a watched file replaced by a rename (an
// atomic save) and a watched folder created, removed or recreated later;
// events there about other names are filtered out.
func (w *Watcher) startNotify() error {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch %s: %w", w.root, err)
	}
	w.fsw = fsw
	w.trees = map[string]bool{}

	parents := map[string]bool{}
	for _, d := range w.dirs {
		if d != "." {
			parents[path.Dir(d)] = true
		}
	}
	for f := range w.files {
		parents[path.Dir(f)] = true
	}
	for _, p := range slices.Sorted(maps.Keys(parents)) {
		if err := fsw.Add(w.abs(p)); err != nil {
			fsw.Close()
			return fmt.Errorf("watch %s: %w", w.abs(p), err)
		}
	}
	w.parents = parents
	for _, d := range w.dirs {
		w.addTree(d, nil)
	}
	return nil
}

// addTree watches the folder rel and every folder below it that is not
// ignored. When b is not nil, the files found are added to it: they may
// have been written before the watch was in place, so no event will come
// for them. A folder that does not exist is skipped quietly.
func (w *Watcher) addTree(rel string, b *batch) {
	top := w.abs(rel)
	err := filepath.WalkDir(top, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				w.report(fmt.Errorf("watch %s: %w", p, err))
			}
			return nil
		}
		if p != top && ignore.File(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		r, ok := w.rel(p)
		if !ok {
			return nil
		}
		if !d.IsDir() {
			if b != nil {
				b.add(r)
			}
			return nil
		}
		if err := w.fsw.Add(p); err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				w.report(fmt.Errorf("watch %s: %w", p, err))
			}
			return nil
		}
		w.trees[r] = true
		return nil
	})
	if err != nil {
		w.report(fmt.Errorf("watch %s: %w", top, err))
	}
}

// dropTree forgets the watches of folder rel and of every folder below it,
// after it was removed or renamed. A folder renamed within the same file
// system keeps its inotify watches, which would go on reporting events under
// the old names; removing them avoids that.
func (w *Watcher) dropTree(rel string) {
	if !w.trees[rel] {
		return
	}
	for t := range w.trees {
		if t == rel || strings.HasPrefix(t, rel+"/") || rel == "." {
			delete(w.trees, t)
			// The system may have dropped the watch already.
			_ = w.fsw.Remove(w.abs(t))
		}
	}
}

// inTree reports whether rel lies inside one of the recursively watched
// folders (or is one).
func (w *Watcher) inTree(rel string) bool {
	for _, d := range w.dirs {
		if d == "." || rel == d || strings.HasPrefix(rel, d+"/") {
			return true
		}
	}
	return false
}

// handle turns one file event into changed paths.
func (w *Watcher) handle(ev fsnotify.Event, b *batch) {
	if !ev.Has(fsnotify.Create) && !ev.Has(fsnotify.Write) && !ev.Has(fsnotify.Remove) && !ev.Has(fsnotify.Rename) {
		return // permission-only changes
	}
	rel, ok := w.rel(ev.Name)
	if !ok || rel == "." || !w.relevant(rel) {
		return
	}
	if ev.Has(fsnotify.Create) && w.inTree(rel) {
		if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
			w.addTree(rel, b)
			return
		}
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.dropTree(rel)
	}
	b.add(rel)
}
