package publish

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"scorebook/generator/internal/fspath"
)

// Folder is an output folder updated in place, one file at a time, as the
// dev server does after each edit. Each file is replaced atomically and
// only when its bytes change, so open pages never read a half-written file.
type Folder struct {
	dir    string
	spares *spares // nil where a file cannot be exchanged with another
}

// OpenFolder prepares dir to be updated in place, creating it if needed.
func OpenFolder(dir string) (*Folder, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create output folder: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, Marker), []byte("This folder is written by scorebook serve.\n"), 0o644); err != nil {
		return nil, fmt.Errorf("write marker: %w", err)
	}
	return &Folder{dir: dir, spares: openSpares(SpareDir(dir))}, nil
}

// SpareDir returns the folder beside an in-place output where the dev
// server keeps the version each file had before it was last replaced, to
// write the next version into (see spares).
func SpareDir(out string) string { return besideDir(out, "spare") }

// Dir returns the folder.
func (f *Folder) Dir() string { return f.dir }

// WriteFile replaces rel with data unless it already holds exactly data.
// It reports whether the file changed.
func (f *Folder) WriteFile(rel string, data []byte) (bool, error) {
	c, err := cleanRel(rel)
	if err != nil {
		return false, err
	}
	name := filepath.Join(f.dir, filepath.FromSlash(c))
	if old, err := os.ReadFile(name); err == nil && bytes.Equal(old, data) {
		return false, nil
	}
	if f.spares.replace(c, name, data) {
		return true, nil
	}
	if err := writeFileAtomic(name, data); err != nil {
		return false, fmt.Errorf("write %s: %w", rel, err)
	}
	return true, nil
}

// Remove deletes rel and the folders it leaves empty, up to the root.
func (f *Folder) Remove(rel string) error {
	c, err := cleanRel(rel)
	if err != nil {
		return err
	}
	name := filepath.Join(f.dir, filepath.FromSlash(c))
	f.spares.forget(c)
	if err := os.Remove(name); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("remove %s: %w", rel, err)
	}
	for d := filepath.Dir(name); d != f.dir && fspath.Within(f.dir, d); d = filepath.Dir(d) {
		if os.Remove(d) != nil {
			break
		}
	}
	return nil
}
