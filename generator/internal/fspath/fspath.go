// Package fspath says where files really are: paths with their symbolic
// links resolved, and whether one path lies inside a folder; and it reads
// a file no larger than a limit. The loaders use it to refuse links that
// lead out of the site and files too large to be what they should be, and
// publishing to keep the output away from the source.
package fspath

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Real returns dir as an absolute path with every symbolic link resolved.
func Real(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	return filepath.EvalSymlinks(abs)
}

// Within reports whether p is dir or lies below it. Both must be clean and
// both absolute (or both relative to the same folder).
func Within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// Inside resolves every symbolic link in full and returns where it really
// is, refusing a place outside root (a real path, as Real returns): the
// build never reads a file the site does not hold. Its errors say what
// went wrong in words for the site's writer.
func Inside(root, full string) (string, error) {
	target, err := filepath.EvalSymlinks(full)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if _, lerr := os.Lstat(full); lerr == nil {
			return "", errors.New("the symbolic link leads to a file that does not exist")
		}
		return "", fs.ErrNotExist // the caller names the file
	case err != nil && strings.Contains(err.Error(), "too many links"):
		return "", errors.New("the symbolic link loops (it leads back to itself)")
	case err != nil:
		return "", fmt.Errorf("the symbolic link cannot be followed: %w", err)
	case !Within(root, target):
		return "", fmt.Errorf("the symbolic link leads outside the site folder (to %s); links are followed only within it, so copy the file into the site instead", target)
	}
	return target, nil
}

// ReadFile reads the regular file name, of at most limit bytes; it never
// opens anything else, such as a named pipe, which would block. The size
// is checked before reading, and no more than one byte past the limit is
// ever read, so a file that grows meanwhile is refused too.
func ReadFile(name string, limit int64) ([]byte, error) {
	// Stat before opening: opening a named pipe would block.
	if info, err := os.Stat(name); err != nil {
		return nil, err
	} else if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("expected a regular file, found %s", info.Mode().Type())
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("expected a regular file, found %s", info.Mode().Type())
	}
	if info.Size() > limit {
		return nil, &TooLargeError{Size: info.Size(), Limit: limit}
	}
	// Sized for the file, so that it is read without regrowing the buffer.
	buf := make([]byte, 0, info.Size()+1)
	for int64(len(buf)) <= limit {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, int(min(int64(cap(buf)), limit+1-int64(len(buf)))))
		}
		n, err := f.Read(buf[len(buf):min(int64(cap(buf)), limit+1)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
	return nil, &TooLargeError{Limit: limit}
}

// TooLargeError is a file over the size ReadFile was given.
type TooLargeError struct {
	Size  int64 // 0 when the file grew past the limit as it was read
	Limit int64
}

func (e *TooLargeError) Error() string {
	if e.Size == 0 {
		return fmt.Sprintf("the file grew past %d bytes (%s) as it was read; it may be at most that", e.Limit, mebibytes(e.Limit))
	}
	return fmt.Sprintf("the file is %d bytes; it may be at most %d bytes (%s)", e.Size, e.Limit, mebibytes(e.Limit))
}

func mebibytes(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d KiB", n>>10)
}
