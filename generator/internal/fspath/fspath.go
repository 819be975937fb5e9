// Package fspath says where files really are: paths with their symbolic
// links resolved, and whether one path lies inside a folder. The loaders
// use it to refuse links that lead out of the site, and publishing to keep
// the output away from the source.
package fspath

import (
	"path/filepath"
	"strings"
)

// Real returns dir as an absolute path with every symbolic link resolved.
func Real(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	return filepath.EvalSymlinks(abs)
}

// Within reports whether p is dir or lies below it. Both must be clean and
// both absolute (or both relative to the same folder).
func Within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
