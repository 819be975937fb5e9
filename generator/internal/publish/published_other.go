//go:build !linux

package publish

// published is the site a staged build replaces. Only on Linux, which can
// open a path strictly beneath a folder (openat2), are its unchanged files
// linked into the new site; elsewhere every file is written.
type published struct{}

// openPublished returns nil: every file is written.
func openPublished(out, marker string) *published { return nil }

// link never links.
func (p *published) link(rel, name string, data []byte) bool { return false }

// keep never links.
func (p *published) keep(rel, name string) bool { return false }

// close does nothing.
func (p *published) close() {}
