package watch

import (
	"io/fs"
	"syscall"
)

// changeTime returns the file's change time in Unix nanoseconds.
func changeTime(fi fs.FileInfo) int64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return st.Ctim.Nano()
	}
	return 0
}
