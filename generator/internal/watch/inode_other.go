//go:build !unix

package watch

import "io/fs"

// inode returns 0: on this system, polling compares size and time only.
func inode(fs.FileInfo) uint64 { return 0 }
