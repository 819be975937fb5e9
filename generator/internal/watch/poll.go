package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"scorebook/generator/internal/ignore"
)

// fileState is what polling compares between two walks of the tree. The
// inode catches a file replaced by rename with the same size within the
// file system's timestamp granularity; the change time catches a file
// written in place with the same size and its modification time put back
// (as the cache's fingerprint does). Permission-only changes, which move
// the change time too, are not reported.
type fileState struct {
	dir   bool
	size  int64
	mtime int64
	inode uint64
	ctime int64 // 0 where the system reports none
	mode  fs.FileMode
}

func stateOf(fi fs.FileInfo) fileState {
	return fileState{
		dir:   fi.IsDir(),
		size:  fi.Size(),
		mtime: fi.ModTime().UnixNano(),
		inode: inode(fi),
		ctime: changeTime(fi),
		mode:  fi.Mode(),
	}
}

// changed reports whether a file's content may differ between two walks.
func changed(old, cur fileState) bool {
	if old.size != cur.size || old.mtime != cur.mtime || old.inode != cur.inode {
		return true
	}
	return old.ctime != cur.ctime && old.mode == cur.mode
}

// snapshot walks the watched folders and files.
func (w *Watcher) snapshot() map[string]fileState {
	s := map[string]fileState{}
	for _, d := range w.dirs {
		top := w.abs(d)
		err := filepath.WalkDir(top, func(p string, de fs.DirEntry, err error) error {
			if err != nil {
				if !errors.Is(err, fs.ErrNotExist) {
					w.report(fmt.Errorf("watch %s: %w", p, err))
				}
				return nil
			}
			if p != top && ignore.File(de.Name()) {
				if de.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			rel, ok := w.rel(p)
			if !ok || rel == "." {
				return nil
			}
			info, err := de.Info()
			if err != nil {
				return nil // removed during the walk
			}
			s[rel] = stateOf(info)
			return nil
		})
		if err != nil {
			w.report(fmt.Errorf("watch %s: %w", top, err))
		}
	}
	for f := range w.files {
		if info, err := os.Lstat(w.abs(f)); err == nil {
			s[f] = stateOf(info)
		}
	}
	return s
}

// poll walks the tree and adds what changed since the last walk to b: new,
// changed and removed files, and removed folders by their own path.
func (w *Watcher) poll(b *batch) {
	cur := w.snapshot()
	for rel, st := range cur {
		old, seen := w.last[rel]
		switch {
		case !seen:
			if !st.dir {
				b.add(rel)
			}
		case old.dir != st.dir:
			b.add(rel)
		case !st.dir && changed(old, st):
			b.add(rel)
		}
	}
	for rel := range w.last {
		if _, ok := cur[rel]; !ok {
			b.add(rel)
		}
	}
	w.last = cur
}
