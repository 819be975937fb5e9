// Package snapshot loads and scores a site as it is in the working tree or
// at a git revision, for `scorebook diff`: the model from site.toml (and
// the model file it names) and the current scorecard of every brand, all
// judged as of one date.
//
// A revision is read from git's objects without a checkout: the files the
// loaders need (site.toml, the model file, assessments/) are written into
// a temporary folder and loaded there by config.Load and assessment.Load,
// the very loaders the build uses, so that every rule about those files
// (layout, sizes, symbolic links, validation) has one place.
package snapshot

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"scorebook/generator/internal/assessment"
	"scorebook/generator/internal/config"
	"scorebook/generator/internal/diag"
	"scorebook/generator/internal/gitrev"
	"scorebook/generator/internal/score"
	"scorebook/generator/internal/scorediff"
)

// WorkingTree loads and scores the site in src as it is on disk.
// Problems are reported with paths relative to src.
func WorkingTree(src string, now time.Time) (*scorediff.Side, diag.List) {
	return load(src, now)
}

// Revision loads and scores the site at commit (which ref named), reading
// only git's objects. Problems in the site's files are in the list, their
// paths written REF:path as git names a file of a revision; an error is a
// failure to read the revision at all.
func Revision(ctx context.Context, repo *gitrev.Repo, ref, commit string, now time.Time) (*scorediff.Side, diag.List, error) {
	entries, err := repo.Files(ctx, commit)
	if err != nil {
		return nil, nil, fmt.Errorf("list the files of %s: %w", ref, err)
	}
	at := ref + ":" + repo.Prefix()
	byPath := make(map[string]gitrev.Entry, len(entries))
	for _, e := range entries {
		byPath[e.Path] = e
	}
	siteEntry, ok := byPath[config.FileName]
	if !ok {
		var errs diag.List
		where := "the repository's top folder"
		if repo.Prefix() != "" {
			where = strings.TrimSuffix(repo.Prefix(), "/")
		}
		errs.Add(at+config.FileName, 0, 0, "no %s in %s at this revision: was the site added later, or does -src point elsewhere?", config.FileName, where)
		return nil, errs, nil
	}

	dir, err := os.MkdirTemp("", "scorebook-diff-")
	if err != nil {
		return nil, nil, fmt.Errorf("make a folder to read %s into: %w", ref, err)
	}
	defer os.RemoveAll(dir)

	want := []gitrev.Entry{siteEntry}
	siteData, _, err := repo.Read(ctx, []string{siteEntry.Object}, 8<<20)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s%s: %w", at, config.FileName, err)
	}
	if name := modelFile(siteData[0]); name != "" {
		if e, ok := byPath[name]; ok {
			want = append(want, e)
			if e.Symlink {
				// The loader follows a link only inside the site; give it
				// what the link leads to when that is in the tree.
				if target, ok := linkTarget(ctx, repo, e, byPath); ok {
					want = append(want, target)
				}
			}
		}
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Path, assessment.Dir+"/") {
			want = append(want, e)
		}
	}
	if err := materialize(ctx, repo, dir, want); err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", ref, err)
	}
	side, errs := load(dir, now)
	if side != nil {
		side.Ref, side.Commit = ref, commit
	}
	for i := range errs {
		errs[i].Path = at + errs[i].Path
	}
	return side, errs, nil
}

// load reads the site in dir and scores the current assessment of every
// brand as of now. The side is nil when the list holds an error.
func load(dir string, now time.Time) (*scorediff.Side, diag.List) {
	site, errs := config.Load(dir, score.CheckParams())
	if errs.HasErrors() {
		return nil, errs
	}
	brands, berrs := assessment.Load(dir, &site.Model)
	errs = append(errs, berrs...)
	if errs.HasErrors() {
		errs.Sort()
		return nil, errs
	}
	side := &scorediff.Side{Model: &site.Model, ModelHash: site.ModelHash, Cards: []*score.Scorecard{}}
	for _, b := range brands {
		if len(b.Assessments) == 0 {
			continue
		}
		if !b.Listed() {
			side.Unlisted = append(side.Unlisted, b.Slug)
			continue
		}
		cards := score.Brand(&site.Model, b, now)
		side.Cards = append(side.Cards, cards[len(cards)-1])
	}
	return side, errs
}

// modelFile returns the cleaned path of the model file site.toml names, or
// "" when it names none (or does not parse: config.Load reports that).
func modelFile(siteToml []byte) string {
	var raw struct {
		Model any `toml:"model"`
	}
	if _, err := toml.Decode(string(siteToml), &raw); err != nil {
		return ""
	}
	name, ok := raw.Model.(string)
	if !ok || name == "" {
		return ""
	}
	return path.Clean(filepath.ToSlash(name))
}

// linkTarget finds the tree entry a symbolic link entry leads to.
func linkTarget(ctx context.Context, repo *gitrev.Repo, link gitrev.Entry, byPath map[string]gitrev.Entry) (gitrev.Entry, bool) {
	data, _, err := repo.Read(ctx, []string{link.Object}, 4096)
	if err != nil || data[0] == nil {
		return gitrev.Entry{}, false
	}
	target := path.Join(path.Dir(link.Path), string(data[0]))
	e, ok := byPath[target]
	return e, ok && !e.Symlink
}

// materialize writes the entries' blobs under dir, symbolic links as
// links, with one git process for all of them. A blob over the loaders'
// size limits is written truncated to one byte over the limit, so that
// the loader reports it as too large without git's whole blob in memory.
func materialize(ctx context.Context, repo *gitrev.Repo, dir string, entries []gitrev.Entry) error {
	objects := make([]string, len(entries))
	for i, e := range entries {
		objects[i] = e.Object
	}
	const limit = 8 << 20 // config's limit; assessments' is smaller
	contents, sizes, err := repo.Read(ctx, objects, limit)
	if err != nil {
		return err
	}
	made := map[string]bool{}
	for i, e := range entries {
		if made[e.Path] {
			continue
		}
		made[e.Path] = true
		full := filepath.Join(dir, filepath.FromSlash(e.Path))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		data := contents[i]
		if data == nil && sizes[i] > limit {
			data = make([]byte, limit+1)
		}
		if e.Symlink {
			if err := os.Symlink(string(data), full); err != nil {
				return err
			}
			continue
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
