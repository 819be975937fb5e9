package build

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"scorebook/generator/internal/publish"
)

// manifest is what the persistent cache remembers of the last build of
// one source into one output: the key of every output file and the links
// of every page. An output is reused only while the published folder is
// the one that build wrote (its marker carries the build's stamp).
type manifest struct {
	Format  int                 `json:"format"`
	Stamp   string              `json:"stamp"`
	Outputs map[string]string   `json:"outputs"`
	Links   map[string][]string `json:"links"`
}

const manifestFormat = 1

func manifestPath(cacheDir, src, out string) string {
	return filepath.Join(cacheDir, "builds", hashOf(absOrSelf(src), absOrSelf(out))[:24]+".json")
}

// loadManifest reads the manifest of src built into out, or an empty one.
func loadManifest(cacheDir, src, out string) *manifest {
	m := &manifest{}
	data, err := os.ReadFile(manifestPath(cacheDir, src, out))
	if err != nil || json.Unmarshal(data, m) != nil || m.Format != manifestFormat {
		return &manifest{}
	}
	return m
}

// outputsIfCurrent returns the remembered output keys when out still holds
// exactly the build they describe, and nil otherwise.
func (m *manifest) outputsIfCurrent(out string) map[string]string {
	if m.Stamp == "" {
		return nil
	}
	marker, err := os.ReadFile(filepath.Join(out, publish.Marker))
	if err != nil || !strings.Contains(string(marker), m.Stamp) {
		return nil
	}
	return m.Outputs
}

// stampOf identifies a build by the keys of all its outputs.
func stampOf(keys map[string]string) string {
	parts := make([]string, 0, 2*len(keys))
	for _, rel := range slices.Sorted(maps.Keys(keys)) {
		parts = append(parts, rel, keys[rel])
	}
	return hashOf(parts...)
}

// saveManifest records a finished build; failure to write the cache is not
// a failure of the build.
func saveManifest(cacheDir, src, out, stamp string, keys map[string]string, links map[string][]string) {
	m := manifest{Format: manifestFormat, Stamp: stamp, Outputs: keys, Links: links}
	data, err := json.Marshal(m)
	if err != nil {
		return
	}
	p := manifestPath(cacheDir, src, out)
	if os.MkdirAll(filepath.Dir(p), 0o755) != nil {
		return
	}
	tmp := p + ".tmp"
	if os.WriteFile(tmp, data, 0o644) == nil {
		os.Rename(tmp, p)
	}
}
