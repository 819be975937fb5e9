//go:build unix

package publish

import (
	"os"
	"syscall"
)

// lockOutput takes an exclusive lock on the folder that holds the output
// (dir) for the length of one build, so two builds never stage beside one
// output at once, and whatever staging folders exist while it is held were
// left by builds that were killed. Locking the folder itself leaves no
// lock file behind.
func lockOutput(dir string) (release func(), err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
