package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"scorebook/generator/internal/fspath"
	"scorebook/generator/internal/ignore"
	"slices"
	"strings"
	"sync"

	"scorebook/generator/internal/assessment"
	"scorebook/generator/internal/config"
	"scorebook/generator/internal/content"
	"scorebook/generator/internal/diag"
	"scorebook/generator/internal/incr"
	"scorebook/generator/internal/routes"
	"scorebook/generator/internal/score"
	"scorebook/generator/internal/site"
)

// Source folders, relative to the site source.
const (
	contentDir     = routes.ContentDir
	assessmentsDir = routes.AssessmentsDir
	layoutsDir     = routes.LayoutsDir
	staticDir      = routes.StaticDir
)

// maxLayoutSize is the largest layout file read; a real one is a few
// kilobytes.
const maxLayoutSize = 1 << 20

// inputs is everything read from the source folder, with the problems
// found in each file, kept between builds so that a rebuild rereads only
// the files that changed.
type inputs struct {
	src    string
	loaded bool

	site     *config.Site
	siteErrs diag.List
	// settingsFiles are the files the settings were read from (site.toml
	// first), kept from the last good settings while they are broken.
	settingsFiles []string

	layouts     map[string][]byte
	layoutsHash string
	layoutErrs  diag.List

	pages    map[string]*content.Page // by source path
	pageErrs map[string]diag.List

	brands    map[string]*brandInput // by slug
	brandErrs diag.List              // problems of the assessments folder itself
	// brandList is the brands with assessments as the site takes them,
	// by slug, made again only after brands changes (nil until then).
	brandList []site.BrandFiles

	static     map[string]site.StaticFile // by path below static/
	staticErrs diag.List
}

// brandInput is one brand's assessments as loaded, and their hash.
type brandInput struct {
	brand *assessment.Brand // nil when nothing valid was loaded
	errs  diag.List
	hash  string
	// decoded holds the brand's files as last decoded, when the brand was
	// loaded on its own: its next load decodes only the files that changed.
	decoded *assessment.Decoded
}

func newInputs(src string) *inputs {
	return &inputs{src: src}
}

// touched says which pages a reload read.
type touched struct {
	allPages bool
	pages    []string // source paths, when not allPages
}

// reload rereads what changed; nil or a first build reads everything.
func (in *inputs) reload(ctx context.Context, changed []string) touched {
	if !in.loaded || changed == nil {
		in.loadSite()
		// The pages and the assessments are independent: read them side by
		// side so that neither loader's serial tail leaves a core idle.
		var wg sync.WaitGroup
		wg.Go(func() { in.loadContent(ctx) })
		wg.Go(func() {
			in.loadLayouts()
			in.loadStatic()
			in.loadAssessments(ctx)
		})
		wg.Wait()
		// Interrupted, the loaders read only part of the site: load it
		// all again next time.
		in.loaded = ctx.Err() == nil
		return touched{allPages: true}
	}
	var site, layouts, static, allContent, allBrands bool
	pages := map[string]bool{}
	brands := map[string]bool{}
	for _, p := range changed {
		p = path.Clean(filepath.ToSlash(p))
		first, rest, _ := strings.Cut(p, "/")
		if p == config.FileName || contains(in.settingsFiles, p) {
			// settingsFiles, not the settings' own list: while they are
			// broken, fixing the model file they named must be seen.
			// A model file may also sit in a source folder (static/, say,
			// to publish it as is): it is then that folder's file too.
			site = true
		}
		switch {
		case p == config.FileName:
		case first == layoutsDir:
			layouts = true
		case first == staticDir:
			static = true
		case first == contentDir && strings.HasSuffix(p, ".md") && rest != "":
			pages[p] = true
		case first == contentDir:
			allContent = true
		case first == assessmentsDir && rest != "":
			slug, _, _ := strings.Cut(rest, "/")
			if in.besideBrands(slug) {
				// A file beside the brand folders (a README.md, which
				// the loader passes over, or a stray file it refuses)
				// is no brand: only the whole folder's loader judges it.
				allBrands = true
			} else {
				brands[slug] = true
			}
		case first == assessmentsDir:
			allBrands = true
		}
	}
	if site {
		oldModel := ""
		if in.site != nil {
			oldModel = in.site.ModelHash
		}
		in.loadSite()
		// Assessments are validated against the model: a new model means
		// every assessment must be checked again.
		if in.site == nil || in.site.ModelHash != oldModel {
			allBrands = true
		}
	}
	if layouts {
		in.loadLayouts()
	}
	if static {
		in.loadStatic()
	}
	t := touched{allPages: allContent}
	if allContent {
		in.loadContent(ctx)
	} else {
		for p := range pages {
			in.loadPage(p)
			t.pages = append(t.pages, p)
		}
	}
	if allBrands {
		in.loadAssessments(ctx)
	} else {
		for slug := range brands {
			in.loadBrand(slug)
		}
	}
	return t
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// problems returns every problem of every input, sorted.
func (in *inputs) problems() diag.List {
	var all diag.List
	all = append(all, in.siteErrs...)
	all = append(all, in.layoutErrs...)
	all = append(all, in.staticErrs...)
	for _, errs := range in.pageErrs {
		all = append(all, errs...)
	}
	all = append(all, in.brandErrs...)
	for _, b := range in.brands {
		all = append(all, b.errs...)
	}
	all.Sort()
	return all
}

func (in *inputs) loadSite() {
	in.site, in.siteErrs = config.Load(in.src, score.CheckParams())
	if in.siteErrs.HasErrors() {
		in.site = nil
	}
	files := []string{config.FileName}
	if in.site != nil {
		files = in.site.Files
	} else {
		// Keep following the files the last good settings named, and any
		// file a problem is in, so that fixing it is seen.
		files = append(files, in.settingsFiles...)
		for _, d := range in.siteErrs {
			files = append(files, d.Path)
		}
	}
	slices.Sort(files[1:])
	in.settingsFiles = slices.Compact(files)
}

func (in *inputs) loadLayouts() {
	in.layouts = map[string][]byte{}
	in.layoutErrs = nil
	root := filepath.Join(in.src, layoutsDir)
	realSrc, err := fspath.Real(in.src)
	if err != nil {
		realSrc = in.src
	}
	var hashes []string
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".html") || ignore.File(d.Name()) {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.Type()&fs.ModeSymlink != 0 {
			if _, err := fspath.Inside(realSrc, p); err != nil {
				in.layoutErrs.Add(layoutsDir+"/"+rel, 0, 0, "%v", err)
				return nil
			}
		}
		data, err := fspath.ReadFile(p, maxLayoutSize)
		if err != nil {
			in.layoutErrs.Add(layoutsDir+"/"+rel, 0, 0, "cannot read layout: %v", err)
			return nil
		}
		in.layouts[rel] = data
		sum := sha256.Sum256(data)
		hashes = append(hashes, rel, hex.EncodeToString(sum[:]))
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		in.layoutErrs.Add(layoutsDir+"/", 0, 0, "no layouts folder; a site needs layouts/base.html and one layout per kind of page")
	} else if err != nil {
		in.layoutErrs.Add(layoutsDir+"/", 0, 0, "cannot read layouts: %v", err)
	}
	in.layoutsHash = incr.Hash(hashes...)
}

func (in *inputs) loadStatic() {
	in.static = map[string]site.StaticFile{}
	in.staticErrs = nil
	root := filepath.Join(in.src, staticDir)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if ignore.File(d.Name()) && p != root {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			if d.Type()&fs.ModeSymlink != 0 {
				rel, _ := filepath.Rel(in.src, p)
				in.staticErrs.Warn(filepath.ToSlash(rel), 0, 0, "symbolic link not copied; static/ holds plain files only")
			}
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		data, err := os.ReadFile(p)
		if err != nil {
			in.staticErrs.Add(staticDir+"/"+filepath.ToSlash(rel), 0, 0, "cannot read: %v", err)
			return nil
		}
		sum := sha256.Sum256(data)
		in.static[filepath.ToSlash(rel)] = site.StaticFile{Rel: filepath.ToSlash(rel), Abs: p, Hash: hex.EncodeToString(sum[:])}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		in.staticErrs.Add(staticDir+"/", 0, 0, "cannot read static files: %v", err)
	}
}

func (in *inputs) loadContent(ctx context.Context) {
	pages, errs := content.LoadContext(ctx, in.src)
	in.pages = map[string]*content.Page{}
	in.pageErrs = map[string]diag.List{}
	for _, p := range pages {
		in.pages[p.Path] = p
	}
	for _, d := range errs {
		in.pageErrs[d.Path] = append(in.pageErrs[d.Path], d)
	}
}

func (in *inputs) loadPage(rel string) {
	delete(in.pageErrs, rel)
	if _, err := os.Lstat(filepath.Join(in.src, filepath.FromSlash(rel))); errors.Is(err, fs.ErrNotExist) {
		delete(in.pages, rel)
		return
	}
	p, errs := content.LoadFile(in.src, rel)
	if p == nil || errs.HasErrors() {
		delete(in.pages, rel)
	} else {
		in.pages[rel] = p
	}
	if len(errs) > 0 {
		in.pageErrs[rel] = errs
	}
}

func (in *inputs) loadAssessments(ctx context.Context) {
	in.brands, in.brandList = map[string]*brandInput{}, nil
	in.brandErrs = nil
	if in.site == nil {
		return // assessments cannot be checked without a model
	}
	brands, errs := assessment.LoadContext(ctx, in.src, &in.site.Model)
	for _, b := range brands {
		in.brands[b.Slug] = &brandInput{brand: b, hash: brandHash(b)}
	}
	for _, d := range errs {
		slug := slugOf(d.Path)
		if slug == "" {
			in.brandErrs = append(in.brandErrs, d)
			continue
		}
		bi := in.brands[slug]
		if bi == nil {
			bi = &brandInput{}
			in.brands[slug] = bi
		}
		bi.errs = append(bi.errs, d)
	}
}

func (in *inputs) loadBrand(slug string) {
	if in.site == nil {
		return
	}
	in.brandList = nil
	if _, err := os.Lstat(filepath.Join(in.src, assessmentsDir, slug)); errors.Is(err, fs.ErrNotExist) {
		delete(in.brands, slug)
		return
	}
	decoded := &assessment.Decoded{}
	if last := in.brands[slug]; last != nil && last.decoded != nil {
		decoded = last.decoded
	}
	b, errs := assessment.LoadBrand(in.src, slug, &in.site.Model, decoded)
	bi := &brandInput{brand: b, errs: errs, decoded: decoded}
	if b != nil {
		bi.hash = brandHash(b)
	}
	in.brands[slug] = bi
}

// brandFiles lists the brands with assessments, by slug, as the site
// takes them.
func (in *inputs) brandFiles() []site.BrandFiles {
	if in.brandList == nil {
		in.brandList = []site.BrandFiles{}
		for _, slug := range slices.Sorted(maps.Keys(in.brands)) {
			if b := in.brands[slug]; b.brand != nil && len(b.brand.Assessments) > 0 {
				in.brandList = append(in.brandList, site.BrandFiles{Brand: b.brand, Hash: b.hash})
			}
		}
	}
	return in.brandList
}

// besideBrands reports whether assessments/<name> is something other
// than a brand folder: a file there now, or an entry the assessments
// folder's own problems name (a file since removed, say).
func (in *inputs) besideBrands(name string) bool {
	rel := assessmentsDir + "/" + name
	if info, err := os.Lstat(filepath.Join(in.src, assessmentsDir, name)); err == nil && !info.IsDir() {
		return true
	}
	return slices.ContainsFunc(in.brandErrs, func(d diag.Diagnostic) bool { return d.Path == rel })
}

// slugOf returns the brand folder of an assessment path, or "".
func slugOf(p string) string {
	rest, ok := strings.CutPrefix(p, assessmentsDir+"/")
	if !ok {
		return ""
	}
	slug, _, found := strings.Cut(rest, "/")
	if !found {
		return ""
	}
	return slug
}

// brandHash identifies a brand's assessments by their files' contents.
func brandHash(b *assessment.Brand) string {
	parts := []string{b.Slug}
	for _, a := range b.Assessments {
		parts = append(parts, a.Path, a.Hash)
	}
	return incr.Hash(parts...)
}
