// Package fingerprint tells, without reading a single file, that none of a
// site's source files changed since an earlier run. It digests what the
// file system says of each file (size, modification and change times,
// inode, mode), as git's index does, so that a build whose sources are
// untouched can skip loading them.
//
// A fingerprint is only as good as the file times it rests on, so it
// refuses to vouch for a folder when it cannot: a file changed so recently
// that a second change could keep the same times (the "racy" case git
// describes), a symbolic link, whose target may change without the link
// changing, or a system that reports no change time. Those scans return
// an empty digest, which matches nothing.
package fingerprint

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"scorebook/generator/internal/ignore"
)

// Margin is how much older than the scan a file's times must be for the
// scan to trust them: enough for file systems that keep times to the
// second or two, and for the kernel's coarse clock lagging the wall clock.
const Margin = 2 * time.Second

// Scan digests the files under each of paths (files or folders, relative
// to root) at the moment of the call. Files whose names ignore.File passes
// over are left out, as every loader leaves them out; a path that does not
// exist is recorded as absent. It returns "" when the digest cannot be
// trusted to change with the files' contents.
func Scan(root string, paths []string) string {
	return scan(root, paths, time.Now().Add(-Margin))
}

// scan digests paths, trusting only files whose times are before before.
func scan(root string, paths []string, before time.Time) string {
	root = filepath.Clean(root)
	d := &digest{h: sha256.New(), before: before.UnixNano()}
	for _, p := range paths {
		d.path(root, p)
		if d.untrusted {
			return ""
		}
	}
	return hex.EncodeToString(d.h.Sum(nil))
}

type digest struct {
	h         hash.Hash
	before    int64 // files must be older than this, in Unix nanoseconds
	untrusted bool
	buf       []byte
}

func (d *digest) path(root, rel string) {
	abs := filepath.Join(root, filepath.FromSlash(rel))
	if _, err := os.Lstat(abs); errors.Is(err, fs.ErrNotExist) {
		d.write("absent " + rel)
		return
	}
	// Any other error, a file vanishing mid-walk included, leaves the
	// digest untrusted rather than describing a tree that never was.
	err := filepath.WalkDir(abs, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := rel + filepath.ToSlash(p[len(abs):])
		if p != abs && !e.IsDir() && ignore.File(e.Name()) {
			return nil
		}
		if e.IsDir() {
			// A folder's own times change with every file saved in it;
			// its files are what the walk records.
			d.write("dir " + name)
			return nil
		}
		info, err := e.Info()
		if err != nil {
			return err
		}
		d.add(name, info)
		if d.untrusted {
			return filepath.SkipAll
		}
		return nil
	})
	if err != nil {
		d.untrusted = true
	}
}

func (d *digest) add(name string, info fs.FileInfo) {
	if info.Mode()&fs.ModeSymlink != 0 {
		d.untrusted = true
		return
	}
	st, ok := statOf(info)
	if !ok || st.mtime >= d.before || st.ctime >= d.before {
		d.untrusted = true
		return
	}
	d.write(name)
	d.buf = d.buf[:0]
	for _, n := range []uint64{uint64(info.Mode()), uint64(info.Size()), uint64(st.mtime), uint64(st.ctime), st.ino, st.dev} {
		d.buf = binary.LittleEndian.AppendUint64(d.buf, n)
	}
	d.h.Write(d.buf)
}

func (d *digest) write(s string) {
	d.h.Write([]byte(s))
	d.h.Write([]byte{0})
}

// stat is what a fingerprint keeps of a file beyond fs.FileInfo.
type stat struct {
	mtime, ctime int64 // Unix nanoseconds
	ino, dev     uint64
}
