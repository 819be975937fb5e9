package fingerprint

import (
	"io/fs"
	"syscall"
)

func statOf(info fs.FileInfo) (stat, bool) {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return stat{mtime: st.Mtim.Nano(), ctime: st.Ctim.Nano(), ino: st.Ino, dev: uint64(st.Dev)}, true
	}
	return stat{}, false
}
