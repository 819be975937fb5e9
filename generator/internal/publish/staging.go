package publish

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sync"
	"sync/atomic"
)

// Staging is the folder beside the output that a full build writes into.
// Commit swaps it in place of the output; Abort removes it.
//
// Where the system can open a path strictly beneath a folder (Linux), the
// site Commit replaces is kept beside the output as the previous site
// (PreviousDir), and the next build stages into it, updating it in
// place: a file that already holds the bytes rendered is left alone, the
// others are replaced, and what the new site lacks is removed before the
// swap. A rebuild of an unchanged site thus creates and frees no file or
// folder. Creating them is what costs on a file system without a journal,
// as ext4 can be: a new inode skips every one freed in the last minute,
// so the folders of a site created just after the last one was removed
// cost a scan each (the system time of a cold rebuild of 10,000 pages
// swung from 2.6 s to 8.3 s between runs). Elsewhere the staging folder
// is new and the previous site is removed after the swap.
//
// Its methods may be called from several goroutines.
type Staging struct {
	out     string // the published folder
	release func() // releases the output's lock
	dir     string // the staging folder
	// pub is the site being replaced, whose unchanged files are linked
	// rather than written again; nil when there is none.
	pub *published
	// kept is the staging folder opened for reading when it is the
	// previous site, updated in place; nil when it is new.
	kept *published
	// dirPerm is the permission a folder the build creates gets (0755
	// less the umask); a kept folder with another is set to it.
	dirPerm os.FileMode
	// failed is set when writing into the staging folder failed: Abort then
	// sets the folder aside, so that the next build does not stage into
	// a folder it cannot update.
	failed atomic.Bool
	mu     sync.Mutex
	// replacing lets one goroutine at a time replace what a kept folder
	// has where a folder belongs.
	replacing sync.Mutex
	dirs      map[string]bool // folders already created
	// written holds every file the build wrote or reused, by its path
	// relative to the output; Commit removes the rest of a kept folder.
	written map[string]bool
}

// PreviousDir returns the folder beside out where the site that the last
// build replaced is kept for the next build to stage into.
func PreviousDir(out string) string { return besideDir(out, "previous") }

// besideDir names the hidden folder .<out>.<what> beside out, where
// scorebook keeps what it reuses between runs.
func besideDir(out, what string) string {
	out = filepath.Clean(out)
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+"."+what)
}

// markerText is what the marker file says before Stamp adds the build.
const markerText = "This folder was written by scorebook build; it is replaced on every build.\n"

// Stage creates a staging folder for out. It first recovers from a swap
// that an earlier, killed build left unfinished.
func Stage(out string) (*Staging, error) {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create output parent folder: %w", err)
	}
	release, err := lockOutput(parent)
	if err != nil {
		return nil, fmt.Errorf("lock output folder: %w", err)
	}
	if err := Recover(out); err != nil {
		release()
		return nil, err
	}
	// With the lock held, any staging folder is a killed build's leftover.
	stale, _ := filepath.Glob(filepath.Join(parent, "."+filepath.Base(out)+".staging-*"))
	for _, d := range stale {
		removeTree(d)
	}
	s := &Staging{out: out, dirs: map[string]bool{}, written: map[string]bool{Marker: true}, release: release}
	prev := PreviousDir(out)
	// Only a folder scorebook kept, with its marker, is staged into or
	// removed; anything else there is left alone, and the site replaced
	// is then not kept.
	if fi := keptFolder(prev); fi != nil {
		marker := filepath.Join(prev, Marker)
		if keepsPrevious && ownedByUs(fi) && os.Chmod(prev, 0o755) == nil && writeNew(marker, []byte(markerText)) == nil {
			if perm, err := newFolderPerm(prev); err == nil {
				if s.kept = openPublished(prev, marker); s.kept != nil {
					s.dir, s.dirPerm = prev, perm
				}
			}
		}
		if s.dir == "" {
			// Not the user's (a build run as another user kept it), or
			// not usable: a new staging folder it is, and Commit keeps
			// the site it replaces only if this goes.
			removeTree(prev)
		}
	}
	if s.dir == "" {
		dir, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".staging-")
		if err == nil {
			err = os.Chmod(dir, 0o755)
		}
		if err == nil {
			err = writeNew(filepath.Join(dir, Marker), []byte(markerText))
		}
		if err != nil {
			removeTree(dir)
			release()
			return nil, fmt.Errorf("create staging folder: %w", err)
		}
		s.dir = dir
	}
	s.pub = openPublished(out, filepath.Join(s.dir, Marker))
	return s, nil
}

// keptFolder returns the status of dir when it is a folder scorebook
// keeps beside an output (PreviousDir, SpareDir): a folder, not a link to
// one, with a marker that is a regular file. Anything else by that name is
// the user's, and nil.
func keptFolder(dir string) os.FileInfo {
	fi, err := os.Lstat(dir)
	if err != nil || !fi.IsDir() {
		return nil
	}
	if m, err := os.Lstat(filepath.Join(dir, Marker)); err != nil || !m.Mode().IsRegular() {
		return nil
	}
	return fi
}

// newFolderPerm returns the permission a folder created in dir gets, by
// creating one.
func newFolderPerm(dir string) (os.FileMode, error) {
	probe := filepath.Join(dir, ".scorebook-folder-probe")
	os.Remove(probe)
	if err := os.Mkdir(probe, 0o755); err != nil {
		return 0, err
	}
	defer os.Remove(probe)
	fi, err := os.Lstat(probe)
	if err != nil {
		return 0, err
	}
	return fi.Mode().Perm(), nil
}

// Dir returns the staging folder.
func (s *Staging) Dir() string { return s.dir }

// record cleans rel and notes it as a file of the new site.
func (s *Staging) record(rel string) (string, error) {
	c, err := cleanRel(rel)
	if err != nil {
		return "", err
	}
	s.mu.Lock()
	s.written[c] = true
	s.mu.Unlock()
	return c, nil
}

// target returns the path in the staging folder of c, a cleaned path,
// with its folder created and nothing at the path itself: a kept folder
// may hold an earlier file there, or a folder.
func (s *Staging) target(c string) (name string, err error) {
	name = filepath.Join(s.dir, filepath.FromSlash(c))
	err = s.mkdir(filepath.Dir(name))
	if err == nil && s.kept != nil {
		err = removeTree(name)
	}
	if err != nil {
		s.failed.Store(true)
		return "", err
	}
	return name, nil
}

// mkdir creates d and its missing parents inside the staging folder with
// one system call per new folder, remembering which exist: a site has a
// folder per page, so MkdirAll's extra checks would cost thousands of calls.
func (s *Staging) mkdir(d string) error {
	if d == s.dir {
		return nil
	}
	s.mu.Lock()
	done := s.dirs[d]
	s.mu.Unlock()
	if done {
		return nil
	}
	if err := s.mkdir(filepath.Dir(d)); err != nil {
		return err
	}
	err := os.Mkdir(d, 0o755)
	if errors.Is(err, os.ErrExist) && s.kept != nil {
		// A kept folder is the previous site, which may hold a file or a
		// symbolic link where this site has a folder: only a folder
		// stays, so that no path leads out of the staging folder.
		s.replacing.Lock()
		if fi, lerr := os.Lstat(d); lerr != nil || !fi.IsDir() {
			if err = removeTree(d); err == nil {
				err = os.Mkdir(d, 0o755)
			}
		} else {
			err = nil
		}
		s.replacing.Unlock()
	}
	if err != nil && !errors.Is(err, os.ErrExist) {
		return err
	}
	s.mu.Lock()
	s.dirs[d] = true
	s.mu.Unlock()
	return nil
}

// WriteFile writes one output file; when the site being replaced has
// the file with exactly these bytes, it links that file instead.
func (s *Staging) WriteFile(rel string, data []byte) error {
	c, err := s.record(rel)
	if err != nil {
		return err
	}
	if s.kept != nil && s.kept.holds(c, data) {
		return nil
	}
	name, err := s.target(c)
	if err != nil {
		return err
	}
	if s.pub != nil && s.pub.link(c, name, data) {
		return nil
	}
	if err := writeNew(name, data); err != nil {
		s.failed.Store(true)
		return fmt.Errorf("write %s: %w", rel, err)
	}
	return nil
}

// writeNew writes data to a new file at name. A file already there is
// unlinked first, never truncated: it may be a link to a published file.
func writeNew(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		if err := os.Remove(name); err != nil {
			return err
		}
		f, err = os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	}
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return errors.Join(err, f.Close())
}

// Reuse puts the published copy of rel into the staging folder without
// rewriting its bytes: a hard link where the file system allows, else a
// copy. It reports false when there is no published copy to reuse. On
// Linux only a regular file reached through no symbolic link, of the
// user building and with the mode a written file gets, is reused, and
// only by a link.
func (s *Staging) Reuse(rel string) (bool, error) {
	c, err := s.record(rel)
	if err != nil {
		return false, err
	}
	if s.kept != nil && s.pub != nil && s.kept.sameFile(s.pub, c) {
		return true, nil
	}
	name, err := s.target(c)
	if err != nil {
		return false, err
	}
	if s.pub != nil {
		return s.pub.keep(c, name), nil
	}
	old := filepath.Join(s.out, filepath.FromSlash(c))
	if err := os.Link(old, name); err == nil {
		return true, nil
	} else if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err := copyFile(name, old); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return false, nil
		}
		return false, fmt.Errorf("reuse %s: %w", rel, err)
	}
	return true, nil
}

// Abort leaves the published site untouched: it removes a new staging
// folder, and leaves a kept one, which is no site anyone reads, for the
// next build to update.
func (s *Staging) Abort() {
	kept := s.kept != nil
	s.closePublished()
	switch {
	case !kept:
		removeTree(s.dir)
	case s.failed.Load():
		s.setAside()
	}
	s.release()
}

// setAside renames a kept folder that a build could not update to a
// staging folder's name: the next build makes a new one and removes this,
// as far as it can, instead of failing on it again.
func (s *Staging) setAside() {
	if dir, err := os.MkdirTemp(filepath.Dir(s.out), "."+filepath.Base(s.out)+".staging-"); err == nil {
		if os.Remove(dir) == nil {
			os.Rename(s.dir, dir)
		}
	}
}

// closePublished lets go of the site being replaced and the kept one.
func (s *Staging) closePublished() {
	for _, p := range []**published{&s.pub, &s.kept} {
		if *p != nil {
			(*p).close()
			*p = nil
		}
	}
}

// Commit swaps the staging folder in place of the output. Readers see the
// old site or the new one, never a mix. The site replaced is kept as the
// previous site where the next build can stage into it, else removed.
func (s *Staging) Commit() error {
	defer s.release()
	if s.kept != nil {
		if err := s.prune(); err != nil {
			s.closePublished()
			s.setAside()
			return fmt.Errorf("publish %s: update the previous site kept in %s (the next build starts from a new folder): %w", s.out, s.dir, err)
		}
	}
	s.closePublished()
	if _, err := os.Lstat(s.out); errors.Is(err, os.ErrNotExist) {
		if err := os.Rename(s.dir, s.out); err != nil {
			return fmt.Errorf("publish %s: %w", s.out, err)
		}
		return nil
	}
	old := s.out + ".old"
	if err := swap(s.dir, s.out, old); err != nil {
		return fmt.Errorf("publish %s: %w", s.out, err)
	}
	// After the swap, s.dir holds the previous site.
	if prev := PreviousDir(s.out); keepsPrevious && (s.dir == prev || os.Rename(s.dir, prev) == nil) {
		return nil
	}
	if err := removeTree(s.dir); err != nil {
		return fmt.Errorf("remove the previous site: %w", err)
	}
	return nil
}

// readKeptFolder lists the kept folder rel, first giving it the
// permission a new folder gets when it has another: a change made to a
// published folder does not carry into the next site. A folder of
// another user is an error.
func (s *Staging) readKeptFolder(rel string) ([]os.DirEntry, error) {
	f, err := os.Open(filepath.Join(s.dir, filepath.FromSlash(rel)))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	switch {
	case err != nil:
		return nil, err
	case rel == ".": // the kept folder itself, checked by Stage
	case !ownedByUs(fi):
		return nil, fmt.Errorf("%s belongs to another user", rel)
	case fi.Mode().Perm() != s.dirPerm:
		if err := f.Chmod(s.dirPerm); err != nil {
			return nil, err
		}
	}
	return f.ReadDir(-1)
}

// prune removes from a kept staging folder every file the build did not
// write or reuse, and every folder that holds none of them. A symbolic
// link is removed, never followed.
func (s *Staging) prune() error {
	dirs := map[string]bool{".": true}
	for c := range s.written {
		for d := path.Dir(c); !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	var (
		mu    sync.Mutex
		first error
	)
	eachLevel(".", func(rel string) (subs []string) {
		entries, err := s.readKeptFolder(rel)
		for _, e := range entries {
			c := path.Join(rel, e.Name())
			switch {
			case e.IsDir() && dirs[c]:
				subs = append(subs, c)
			case e.IsDir() || !s.written[c]:
				err = errors.Join(err, removeTree(filepath.Join(s.dir, filepath.FromSlash(c))))
			}
		}
		if err != nil {
			mu.Lock()
			first = errors.Join(first, err)
			mu.Unlock()
		}
		return subs
	})
	return first
}

// Recover undoes a swap interrupted by a killed build: if the output is
// missing but the previous site was set aside, it is put back.
func Recover(out string) error {
	old := out + ".old"
	if _, err := os.Lstat(old); err != nil {
		return nil
	}
	if _, err := os.Lstat(out); errors.Is(err, os.ErrNotExist) {
		if err := os.Rename(old, out); err != nil {
			return fmt.Errorf("restore previous site from %s: %w", old, err)
		}
		return nil
	}
	return removeTree(old)
}

// swapByRename replaces out with staging through two renames, leaving the
// previous site in staging. A build killed between the renames leaves the
// previous site at old, which the next Stage restores.
func swapByRename(staging, out, old string) error {
	if err := os.Rename(out, old); err != nil {
		return err
	}
	if err := os.Rename(staging, out); err != nil {
		os.Rename(old, out)
		return err
	}
	return os.Rename(old, staging)
}

// Stamp records in the marker file which build wrote the folder, so that
// a cache can tell whether the published files are the ones it remembers.
func (s *Staging) Stamp(stamp string) error {
	return writeNew(filepath.Join(s.dir, Marker), []byte(markerText+"build "+stamp+"\n"))
}
