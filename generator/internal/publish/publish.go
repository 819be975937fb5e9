// Package publish writes a built site into its output folder without ever
// leaving a half-written site in place: a full build renders into a
// staging folder beside the output and swaps it in only when everything
// succeeded; the dev server updates a folder file by file, each file
// replaced atomically. Nothing is written or deleted outside the output
// and the folders it keeps beside it, each marked as scorebook's: the
// previous site a build stages into (PreviousDir) and the spare files the
// dev server replaces files through (SpareDir).
package publish

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"scorebook/generator/internal/fspath"
	"strings"
)

// Marker is the file every published site carries, so that scorebook only
// ever replaces folders it wrote itself.
const Marker = ".scorebook"

// CheckOutput refuses an output folder that is, or contains, the source
// folder, or that is a non-empty folder scorebook did not write.
func CheckOutput(src, out string) error {
	absSrc, err := filepath.Abs(src)
	if err != nil {
		return fmt.Errorf("resolve source folder: %w", err)
	}
	absOut, err := filepath.Abs(out)
	if err != nil {
		return fmt.Errorf("resolve output folder: %w", err)
	}
	absSrc, absOut = resolveLinks(absSrc), resolveLinks(absOut)
	if fspath.Within(absOut, absSrc) {
		return fmt.Errorf("output folder %s is or contains the source folder %s; choose another -out", out, src)
	}
	if filepath.Dir(absOut) == absOut {
		return fmt.Errorf("output folder %s is the file system root; choose another -out", out)
	}
	entries, err := os.ReadDir(absOut)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read output folder: %w", err)
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(absOut, Marker)); err != nil {
		return fmt.Errorf("refusing to replace %s: it is not empty and was not written by scorebook (no %s file); remove it or choose another -out", out, Marker)
	}
	return nil
}

// resolveLinks follows symbolic links in as much of p as exists.
func resolveLinks(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	dir, base := filepath.Split(p)
	if dir == p || dir == "" {
		return p
	}
	return filepath.Join(resolveLinks(filepath.Clean(dir)), base)
}

// cleanRel validates a slash path relative to the output folder.
func cleanRel(rel string) (string, error) {
	c := path.Clean(rel)
	if rel == "" || path.IsAbs(rel) || c == "." || c == ".." || strings.HasPrefix(c, "../") || strings.ContainsRune(rel, '\\') || strings.ContainsRune(rel, 0) {
		return "", fmt.Errorf("invalid output path %q", rel)
	}
	return c, nil
}

// writeFileAtomic writes data to name through a temporary file in the same
// folder, so readers see either the old bytes or the new ones.
func writeFileAtomic(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(name), ".tmp-*")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr, os.Chmod(f.Name(), 0o644)); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), name); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}

func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	return errors.Join(err, out.Close())
}
