package incr

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
)

// A Manifest records one published build for the next run: every
// output's key and the links every page makes, so that a build after some
// changes renders only the outputs whose values changed and checks the
// links of the pages it reuses without converting them.
type Manifest struct {
	Format  int                 `json:"format"`
	Stamp   string              `json:"stamp"` // Stamp of Outputs
	Outputs map[string]string   `json:"outputs"`
	Links   map[string][]string `json:"links"`
}

// Stamp identifies a build by the keys of all its outputs (path → key).
func Stamp(keys map[string]string) string {
	parts := make([]string, 0, 2*len(keys))
	for _, rel := range slices.Sorted(maps.Keys(keys)) {
		parts = append(parts, rel, keys[rel])
	}
	return Hash(parts...)
}

// FileSet identifies a set of files by their paths, in any order.
func FileSet(rels []string) string {
	rels = slices.Sorted(slices.Values(rels))
	return Hash(rels...)
}

// ReadRecord reads a record WriteRecord wrote into v; false when there is
// none or it does not decode.
func ReadRecord(path string, v any) bool {
	data, err := os.ReadFile(path)
	return err == nil && json.Unmarshal(data, v) == nil
}

// WriteRecord replaces the record at path whole (a reader sees the old
// record or the new one, never half of one); records may hold share
// links, so only their owner may read them. It reports whether it wrote.
func WriteRecord(path string, v any) bool {
	data, err := json.Marshal(v)
	if err != nil || os.MkdirAll(filepath.Dir(path), 0o755) != nil {
		return false
	}
	tmp := path + ".tmp"
	if os.WriteFile(tmp, data, 0o600) != nil {
		return false
	}
	return os.Rename(tmp, path) == nil
}
