package publish

import (
	"bytes"
	"errors"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"syscall"

	"golang.org/x/sys/unix"
)

// published is the site a staged build replaces. A file the build renders
// with exactly the bytes the site already has is hard-linked from it into
// the staging folder instead of written again: reading a file back costs
// less than writing it, and the blocks it keeps are neither allocated now
// nor freed (and discarded) when the previous site is removed. The two
// sites share the file, which is safe because nothing ever writes a
// published file in place: every file is created new, or replaced by a
// rename.
type published struct {
	root *os.File // the output folder
	perm uint32   // permission bits a written file gets: 0644 less the umask
	uid  uint32   // the user building, who owns every file written
	// off is set when the system cannot open a path strictly beneath
	// root (openat2, Linux 5.6): then every file is written.
	off atomic.Bool
}

// openPublished opens the site at out for linking into a staging folder
// whose marker file, written with the permission every file gets, is
// marker; nil when there is no site there.
func openPublished(out, marker string) *published {
	root, err := os.OpenFile(out, os.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW, 0)
	if err != nil {
		return nil
	}
	var st unix.Stat_t
	if err := unix.Stat(marker, &st); err != nil {
		root.Close()
		return nil
	}
	return &published{root: root, perm: st.Mode & 0o7777, uid: uint32(os.Geteuid())}
}

// keepsPrevious is true: the previous site can be opened safely, so a
// build stages into it (see Staging).
const keepsPrevious = true

// ownedByUs reports whether fi is of a file the user building owns.
func ownedByUs(fi os.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Geteuid()
}

// chunks are the buffers published files are read back into.
var chunks = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// link hard-links the published file rel to name, a path in the staging
// folder whose parent exists, when it is one keep would link and holds
// exactly data. It reports whether it did; when not, it adds no file.
func (p *published) link(rel, name string, data []byte) bool {
	f, st := p.openHolding(rel, data)
	if f == nil {
		return false
	}
	defer f.Close()
	return p.linkOpened(rel, name, st)
}

// holds reports whether rel is a file openFd would open that holds
// exactly data.
func (p *published) holds(rel string, data []byte) bool {
	f, _ := p.openHolding(rel, data)
	if f == nil {
		return false
	}
	return f.Close() == nil
}

// openHolding opens rel as open does, and returns it with its status
// when it holds exactly data; nil when not.
func (p *published) openHolding(rel string, data []byte) (*os.File, *unix.Stat_t) {
	f, st := p.open(rel)
	if f == nil {
		return nil, nil
	}
	if st.Size != int64(len(data)) || !sameBytes(f, data) {
		f.Close()
		return nil, nil
	}
	return f, st
}

// sameFile reports whether rel is, in p and in q, one file that openFd
// would open: a link made by an earlier build.
func (p *published) sameFile(q *published, rel string) bool {
	fd, st := p.openFd(rel, unix.O_PATH)
	if fd < 0 {
		return false
	}
	defer unix.Close(fd)
	qfd, qst := q.openFd(rel, unix.O_PATH)
	if qfd < 0 {
		return false
	}
	defer unix.Close(qfd)
	return st.Dev == qst.Dev && st.Ino == qst.Ino
}

// keep hard-links the published file rel to name, a path in the staging
// folder whose parent exists, when it is a regular file of the user
// building with the permission a written file gets, whatever it holds.
// It reports whether it did; when not, it adds no file.
func (p *published) keep(rel, name string) bool {
	fd, st := p.openFd(rel, unix.O_PATH)
	if fd < 0 {
		return false
	}
	defer unix.Close(fd)
	return p.linkOpened(rel, name, st)
}

// open opens the published file rel for reading, and returns it with
// its status when openFd would.
func (p *published) open(rel string) (*os.File, *unix.Stat_t) {
	fd, st := p.openFd(rel, unix.O_RDONLY)
	if fd < 0 {
		return nil, nil
	}
	return os.NewFile(uintptr(fd), rel), st
}

// openFd opens the published file rel with flags (O_RDONLY, or O_PATH to
// only look at it) and returns the descriptor with the file's status when
// it is a regular file of the user building with the permission a written
// file gets; -1 when not. No symbolic link is followed, so no file outside
// the output is opened.
func (p *published) openFd(rel string, flags uint64) (int, *unix.Stat_t) {
	if p.off.Load() {
		return -1, nil
	}
	fd, err := unix.Openat2(int(p.root.Fd()), rel, &unix.OpenHow{
		Flags:   flags | unix.O_CLOEXEC | unix.O_NOFOLLOW,
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS | unix.RESOLVE_NO_MAGICLINKS,
	})
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EPERM) {
		p.off.Store(true)
	}
	if err != nil {
		return -1, nil
	}
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG || st.Mode&0o7777 != p.perm || st.Uid != p.uid {
		unix.Close(fd)
		return -1, nil
	}
	return fd, &st
}

// linkOpened hard-links the published file rel, opened with status st,
// to name, and reports whether it did. The link goes by path, so it is
// checked to be the file opened; when not, it is removed again.
func (p *published) linkOpened(rel, name string, st *unix.Stat_t) bool {
	if unix.Linkat(int(p.root.Fd()), rel, unix.AT_FDCWD, name, 0) != nil {
		return false
	}
	var linked unix.Stat_t
	if err := unix.Fstatat(unix.AT_FDCWD, name, &linked, unix.AT_SYMLINK_NOFOLLOW); err != nil || linked.Dev != st.Dev || linked.Ino != st.Ino {
		os.Remove(name)
		return false
	}
	return true
}

// sameBytes reports whether r holds data, reading no more than len(data).
func sameBytes(r io.Reader, data []byte) bool {
	b := chunks.Get().(*[]byte)
	defer chunks.Put(b)
	buf := *b
	for len(data) > 0 {
		n := min(len(buf), len(data))
		if _, err := io.ReadFull(r, buf[:n]); err != nil || !bytes.Equal(buf[:n], data[:n]) {
			return false
		}
		data = data[n:]
	}
	return true
}

// close lets go of the site.
func (p *published) close() { p.root.Close() }
