package publish

import (
	"errors"
	"golang.org/x/sys/unix"
)

// swap exchanges the staging folder and the output in one atomic step, so
// that staging then holds the previous site. Where the file system cannot
// exchange, it falls back to two renames through old.
func swap(staging, out, old string) error {
	err := unix.Renameat2(unix.AT_FDCWD, staging, unix.AT_FDCWD, out, unix.RENAME_EXCHANGE)
	if err == nil {
		return nil
	}
	if !errors.Is(err, unix.EINVAL) && !errors.Is(err, unix.ENOSYS) {
		return err
	}
	return swapByRename(staging, out, old)
}
