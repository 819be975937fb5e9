package build

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"scorebook/generator/internal/config"
	"scorebook/generator/internal/fingerprint"
	"scorebook/generator/internal/incr"
	"scorebook/generator/internal/publish"
)

// The persistent cache remembers the last build of one source into one
// output in two records. The small one, read by every build, says which
// build is published (its stamp, also in the output's marker), under which
// settings, from which source files (their fingerprint), and what the build
// summary said; when all of that still holds, nothing needs to be read or
// rendered. The large one keeps the key of every output file and the links
// of every page, so that a build after some changes renders only the
// outputs whose inputs changed.
type (
	// state is the small record; the large one is an incr.Manifest.
	state struct {
		Format   int      `json:"format"`
		Stamp    string   `json:"stamp"`
		Settings string   `json:"settings"`
		Sources  string   `json:"sources"` // fingerprint.Scan of sourcePaths(Files); "" when untrusted
		Files    []string `json:"files"`   // source files beyond the folders, such as a model file
		Outputs  string   `json:"outputs"` // incr.FileSet of the published files
		Summary  Summary  `json:"summary"`
		// GitHead is the commit HEAD was at when the build read git info
		// (site.toml's git_info), "" without it: a commit changes no
		// source file, but does change what the scorecards show.
		GitHead string `json:"git_head,omitempty"`
	}
)

const cacheFormat = 4

func cachePath(cacheDir, src, out, suffix string) string {
	return filepath.Join(cacheDir, "builds", incr.Hash(absOrSelf(src), absOrSelf(out))[:24]+suffix)
}

// sourcePaths lists what a fingerprint covers: every folder the loaders
// read, site.toml and the other files the settings name.
func sourcePaths(files []string) []string {
	paths := []string{config.FileName, contentDir, assessmentsDir, layoutsDir, staticDir}
	for _, f := range files {
		if !slices.Contains(paths, f) {
			paths = append(paths, f)
		}
	}
	return paths
}

// settingsKey identifies everything besides the source files that an
// output depends on: the generator, the build date and the share key.
func (e *Engine) settingsKey() string {
	keyHash := ""
	if e.opts.ShareKey != nil {
		keyHash = incr.Hash(string(e.opts.ShareKey))
	}
	return incr.Hash(e.opts.Version, e.opts.Now.Format("2006-01-02"), keyHash)
}

// unchanged fingerprints the sources before anything is read, and returns
// the last build's summary when that build is still published and was made
// with the same settings from sources with the same fingerprint.
func (e *Engine) unchanged() (*Summary, bool) {
	var st state
	if !incr.ReadRecord(cachePath(e.opts.CacheDir, e.opts.Src, e.opts.Out, ".json"), &st) || st.Format != cacheFormat {
		st = state{}
	}
	// The sources must be as they were, and the output must still hold
	// every file of that build and no other, so that a file someone
	// deleted is written again. Both walks wait on the file system, so
	// they run side by side; the output's only when the settings and the
	// published build already match.
	var wg sync.WaitGroup
	outputOK := false
	candidate := st.Settings == e.settingsKey() && published(e.opts.Out, st.Stamp)
	if candidate {
		wg.Go(func() { outputOK = e.outputIs(st.Outputs) })
	}
	e.scanned = fingerprint.Scan(e.opts.Src, sourcePaths(st.Files))
	wg.Wait()
	if !candidate || !outputOK || e.scanned == "" || st.Sources != e.scanned {
		return nil, false
	}
	if st.GitHead != "" && st.GitHead != e.currentHead() {
		return nil, false
	}
	sum := st.Summary
	sum.Written, sum.Removed, sum.Changed = 0, 0, nil
	sum.Reused = sum.Outputs
	sum.UpToDate = true
	return &sum, true
}

// loadManifest reads the manifest of the build published in out, or nil.
func (e *Engine) loadManifest() *incr.Manifest {
	var m incr.Manifest
	if !incr.ReadRecord(cachePath(e.opts.CacheDir, e.opts.Src, e.opts.Out, ".outputs.json"), &m) ||
		m.Format != cacheFormat || !published(e.opts.Out, m.Stamp) {
		return nil
	}
	return &m
}

// published reports whether out holds the build stamped stamp.
func published(out, stamp string) bool {
	if stamp == "" {
		return false
	}
	marker, err := os.ReadFile(filepath.Join(out, publish.Marker))
	return err == nil && strings.Contains(string(marker), stamp)
}

// saveCache records a finished build: the manifest first, then the state
// that vouches for it. Failing to write the cache does not fail the build.
func (e *Engine) saveCache(stamp string, keys map[string]string, sum *Summary) {
	m := incr.Manifest{Format: cacheFormat, Stamp: stamp, Outputs: keys, Links: e.md.snapshotLinks()}
	if !incr.WriteRecord(cachePath(e.opts.CacheDir, e.opts.Src, e.opts.Out, ".outputs.json"), m) {
		return
	}
	st := state{Format: cacheFormat, Stamp: stamp, Settings: e.settingsKey(), Sources: e.scanned,
		Outputs: incr.FileSet(slices.Collect(maps.Keys(keys))), Summary: *sum}
	if e.in.site != nil {
		st.Files = e.in.site.Files
	}
	st.GitHead = e.gitHead()
	st.Summary.Changed = nil
	incr.WriteRecord(cachePath(e.opts.CacheDir, e.opts.Src, e.opts.Out, ".json"), st)
}

// outputsIntact reports whether the output holds exactly the files keys
// names.
func (e *Engine) outputsIntact(keys map[string]string) bool {
	return e.outputIs(incr.FileSet(slices.Collect(maps.Keys(keys))))
}

// outputIs reports whether the output's files are the list digested as
// list by incr.FileSet.
func (e *Engine) outputIs(list string) bool {
	files, err := filesIn(e.opts.Out)
	return err == nil && incr.FileSet(files) == list
}

// filesIn lists the files below dir, as slash paths, without the marker.
func filesIn(dir string) ([]string, error) {
	var rels []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := filepath.ToSlash(p[len(dir)+1:])
		if rel != publish.Marker {
			rels = append(rels, rel)
		}
		return nil
	})
	return rels, err
}
