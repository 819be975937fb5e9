package main

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"scorebook/generator/internal/search"
)

// searchSize is the full-text search index a build wrote: the script
// files under search.Dir (the search page beside them is not counted).
type searchSize struct {
	Files        int    `json:"files"`
	Bytes        int64  `json:"bytes"`
	Largest      string `json:"largest"` // slash path in the site
	LargestBytes int64  `json:"largest_bytes"`
}

// measureSearch sums the search index files of the site built in out.
func measureSearch(out string) (*searchSize, error) {
	s := &searchSize{}
	root := filepath.Join(out, filepath.FromSlash(search.Dir))
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(d.Name(), ".js") {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		s.Files++
		s.Bytes += info.Size()
		if info.Size() > s.LargestBytes {
			rel, _ := filepath.Rel(out, p)
			s.Largest, s.LargestBytes = filepath.ToSlash(rel), info.Size()
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("measure the search index: %w", err)
	}
	if s.Files == 0 {
		return nil, fmt.Errorf("measure the search index: no %s/*.js in %s", search.Dir, out)
	}
	return s, nil
}
