package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// Staging is a fresh folder beside the output that a full build writes
// into. Commit swaps it in place of the output; Abort removes it. Its
// methods may be called from several goroutines.
type Staging struct {
	out     string // the published folder
	release func() // releases the output's lock
	dir     string // the staging folder
	// pub is the site being replaced, whose unchanged files are linked
	// rather than written again; nil when there is none.
	pub  *published
	mu   sync.Mutex
	dirs map[string]bool // folders already created
}

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
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".staging-")
	if err == nil {
		err = os.Chmod(dir, 0o755)
	}
	if err != nil {
		removeTree(dir)
		release()
		return nil, fmt.Errorf("create staging folder: %w", err)
	}
	s := &Staging{out: out, dir: dir, dirs: map[string]bool{}, release: release}
	marker := filepath.Join(dir, Marker)
	if err := os.WriteFile(marker, []byte("This folder was written by scorebook build; it is replaced on every build.\n"), 0o644); err != nil {
		s.Abort()
		return nil, fmt.Errorf("write marker: %w", err)
	}
	s.pub = openPublished(out, marker)
	return s, nil
}

// Dir returns the staging folder.
func (s *Staging) Dir() string { return s.dir }

// target returns rel cleaned and its path in the staging folder, whose
// folder it creates.
func (s *Staging) target(rel string) (c, name string, err error) {
	if c, err = cleanRel(rel); err != nil {
		return "", "", err
	}
	name = filepath.Join(s.dir, filepath.FromSlash(c))
	if err := s.mkdir(filepath.Dir(name)); err != nil {
		return "", "", err
	}
	return c, name, nil
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
	if err := os.Mkdir(d, 0o755); err != nil && !errors.Is(err, os.ErrExist) {
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
	c, name, err := s.target(rel)
	if err != nil {
		return err
	}
	if s.pub != nil && s.pub.link(c, name, data) {
		return nil
	}
	if err := writeNew(name, data); err != nil {
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
	c, name, err := s.target(rel)
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

// Abort removes the staging folder, leaving the published site untouched.
func (s *Staging) Abort() {
	s.closePublished()
	removeTree(s.dir)
	s.release()
}

// closePublished lets go of the site being replaced.
func (s *Staging) closePublished() {
	if s.pub != nil {
		s.pub.close()
		s.pub = nil
	}
}

// Commit swaps the staging folder in place of the output and removes the
// previous site. Readers see the old site or the new one, never a mix.
func (s *Staging) Commit() error {
	defer s.release()
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
	if err := removeTree(s.dir); err != nil {
		return fmt.Errorf("remove the previous site: %w", err)
	}
	return nil
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
	return os.WriteFile(filepath.Join(s.dir, Marker), []byte("This folder was written by scorebook build; it is replaced on every build.\nbuild "+stamp+"\n"), 0o644)
}
