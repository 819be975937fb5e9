package fingerprint

import (
	"io/fs"
	"syscall"
)

func statOf(info fs.FileInfo) (stat, bool) {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return stat{mtime: st.Mtimespec.Nano(), ctime: st.Ctimespec.Nano(), ino: st.Ino, dev: uint64(st.Dev)}, true
	}
	return stat{}, false
}
