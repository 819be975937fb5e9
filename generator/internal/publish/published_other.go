//go:build !linux

package publish

import "io/fs"

// published is the site a staged build replaces. Only on Linux, which can
// open a path strictly beneath a folder (openat2), are its unchanged files
// linked into the new site; elsewhere every file is written.
type published struct{}

// keepsPrevious is false: the previous site is removed after the swap
// (see Staging).
const keepsPrevious = false

// ownedByUs is never asked: no previous site is kept.
func ownedByUs(fs.FileInfo) bool { return false }

// openPublished returns nil: every file is written.
func openPublished(out, marker string) *published { return nil }

// link never links.
func (p *published) link(rel, name string, data []byte) bool { return false }

// keep never links.
func (p *published) keep(rel, name string) bool { return false }

// holds never holds.
func (p *published) holds(rel string, data []byte) bool { return false }

// sameFile is never the same.
func (p *published) sameFile(q *published, rel string) bool { return false }

// close does nothing.
func (p *published) close() {}
