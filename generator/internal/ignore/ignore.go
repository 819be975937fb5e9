// Package ignore names the files a site's folders may hold that are not
// part of the site: hidden files, and the temporary, swap and backup files
// editors and operating systems leave beside the files people edit. The
// loaders and the watcher share it, so that a file is either read and
// watched, or neither.
package ignore

import "strings"

// File reports whether a file or folder named name is to be passed over.
func File(name string) bool {
	lower := strings.ToLower(name)
	switch {
	case name == "":
		return false
	case name[0] == '.', name[0] == '#': // hidden files; Emacs' #autosave# and .#lock files
		return true
	case strings.HasSuffix(name, "~"): // backups
		return true
	case name == "4913": // Vim's probe for a writable folder
		return true
	case lower == "thumbs.db", lower == "desktop.ini":
		return true
	case strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"): // JetBrains safe write
		return true
	}
	for _, ext := range []string{".swp", ".swo", ".swx", ".tmp"} {
		if strings.HasSuffix(lower, ext) {
			return true
		}
	}
	return false
}
