package publish

import (
	"cmp"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"scorebook/generator/internal/pool"
)

// removeTree deletes dir and everything in it, as os.RemoveAll does, but
// with several goroutines: a site has a folder per page, and freeing each
// folder (and each file whose blocks it frees) waits on the file system,
// so one goroutine spends most of a removal waiting. It goes a level of
// folders at a time: first every folder's files are unlinked, level by
// level from the top, then the emptied folders are removed from the
// deepest level up. A symbolic link is removed, never followed.
func removeTree(dir string) error {
	fi, err := os.Lstat(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return remove(dir)
	}
	var (
		mu    sync.Mutex
		first error
	)
	fail := func(err error) {
		mu.Lock()
		first = cmp.Or(first, err)
		mu.Unlock()
	}
	levels := eachLevel(dir, func(d string) (subs []string) {
		entries, err := os.ReadDir(d)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			fail(err)
		}
		for _, e := range entries {
			name := filepath.Join(d, e.Name())
			if e.IsDir() {
				subs = append(subs, name)
			} else if err := remove(name); err != nil {
				fail(err)
			}
		}
		return subs
	})
	for l := len(levels) - 1; l >= 0; l-- {
		level := levels[l]
		pool.Each(len(level), workers(), nil, func(i int) {
			if err := remove(level[i]); err != nil {
				fail(err)
			}
		})
	}
	return first
}

// eachLevel visits the folder top and the folders below it a level at a
// time, the folders of a level with several goroutines (a site has a
// folder per page, and each visit mostly waits on the file system):
// visit(d) returns the folders in d to visit next. It returns the levels
// visited, top first.
func eachLevel(top string, visit func(d string) (subs []string)) [][]string {
	levels := [][]string{{top}}
	for {
		level := levels[len(levels)-1]
		subs := make([][]string, len(level))
		pool.Each(len(level), workers(), nil, func(i int) { subs[i] = visit(level[i]) })
		var next []string
		for _, s := range subs {
			next = append(next, s...)
		}
		if len(next) == 0 {
			return levels
		}
		levels = append(levels, next)
	}
}

// workers is how many goroutines eachLevel and removeTree use.
func workers() int { return max(removers, runtime.GOMAXPROCS(0)) }

// removers is the fewest goroutines a removal uses: measured removing a
// 10,000-page site (20,700 files, 13,000 folders) on 2 cores, 4 took
// 40% of the wall time of one, and 8 no less than 4.
const removers = 4

// remove deletes one file, link or empty folder; one already gone is no
// error.
func remove(name string) error {
	if err := os.Remove(name); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}
