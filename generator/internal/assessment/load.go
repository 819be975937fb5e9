package assessment

import (
	"cmp"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"scorebook/generator/internal/fspath"
	"scorebook/generator/internal/ignore"
	"slices"
	"strings"

	"scorebook/generator/internal/diag"
	"scorebook/generator/internal/model"
	"scorebook/generator/internal/pool"
	"scorebook/generator/internal/routes"
)

// Dir is the folder of the site source that holds the assessments.
const Dir = routes.AssessmentsDir

// MaxFileSize is the largest assessment file read; a real one is a few
// kilobytes, so anything larger is a mistake and is refused unread.
const MaxFileSize = 1 << 20

const layout = "assessments/<brand-slug>/<YYYY-MM-DD>.toml"

// file is an assessment file found on disk.
type file struct {
	rel  string // slash path relative to the source, for messages
	full string // path to open
	slug string
}

// Load reads and validates every assessment under <srcDir>/assessments
// against the model and groups them by brand: brands sorted by slug, each
// brand's assessments oldest first. A site without an assessments folder
// has no brands. Only assessments without errors are returned; the list
// holds every problem found, in every file.
func Load(srcDir string, m *model.Model) ([]*Brand, diag.List) {
	return LoadContext(context.Background(), srcDir, m)
}

// LoadContext is Load that stops reading assessments once ctx is done;
// what it returns then is incomplete, and the caller checks ctx.
func LoadContext(ctx context.Context, srcDir string, m *model.Model) ([]*Brand, diag.List) {
	var errs diag.List
	root, err := realDir(srcDir)
	if err != nil {
		errs.Add(Dir, 0, 0, "%v", err)
		return nil, errs
	}
	files := find(root, filepath.Join(srcDir, Dir), &errs)
	assessments := make([]*Assessment, len(files))
	fileErrs := make([]diag.List, len(files))
	pool.Each(len(files), 0, func() bool { return ctx.Err() != nil }, func(i int) {
		f := files[i]
		data, err := fspath.ReadFile(f.full, MaxFileSize)
		if err != nil {
			fileErrs[i].Add(f.rel, 0, 0, "%v", err)
			return
		}
		a, errs := Decode(f.rel, f.slug, data, m)
		fileErrs[i] = errs
		if !errs.HasErrors() {
			assessments[i] = a
		}
	})
	for _, e := range fileErrs {
		errs = append(errs, e...)
	}
	brands, gerrs := Group(slices.DeleteFunc(assessments, func(a *Assessment) bool { return a == nil }))
	errs = append(errs, gerrs...)
	errs.Sort()
	return brands, errs
}

// LoadFile reads and validates one assessment, given its slash path
// relative to the source ("assessments/acme/2026-09-30.toml"), so that a
// build can reload only the file that changed. The Assessment is nil when
// the list holds an error.
func LoadFile(srcDir, relPath string, m *model.Model) (*Assessment, diag.List) {
	return loadFile(srcDir, relPath, m, nil)
}

// loadFile is LoadFile, taking the file's assessment from last when its
// bytes are those last decoded (nil: decode every file).
func loadFile(srcDir, relPath string, m *model.Model, last *Decoded) (*Assessment, diag.List) {
	var errs diag.List
	rel := path.Clean(filepath.ToSlash(relPath))
	parts := strings.Split(rel, "/")
	if len(parts) != 3 || parts[0] != Dir {
		errs.Add(relPath, 0, 0, "expected an assessment at %s", layout)
		return nil, errs
	}
	slug, name := parts[1], parts[2]
	if !ValidSlug(slug) {
		errs.Add(Dir+"/"+slug, 0, 0, "%s", slugMessage(slug))
		return nil, errs
	}
	if _, ok := FileDate(name); !ok {
		errs.Add(rel, 0, 0, "%s", fileNameMessage(name))
		return nil, errs
	}
	root, err := realDir(srcDir)
	if err != nil {
		errs.Add(rel, 0, 0, "%v", err)
		return nil, errs
	}
	full := filepath.Join(srcDir, filepath.FromSlash(rel))
	target, err := fspath.Inside(root, full)
	if err != nil {
		errs.Add(rel, 0, 0, "%v", err)
		return nil, errs
	}
	// Stat before opening: opening a named pipe would block the build.
	if info, err := os.Stat(target); err != nil || !info.Mode().IsRegular() {
		errs.Add(rel, 0, 0, "expected a regular file")
		return nil, errs
	}
	data, err := fspath.ReadFile(full, MaxFileSize)
	if err != nil {
		errs.Add(rel, 0, 0, "%v", err)
		return nil, errs
	}
	a, errs := last.decode(rel, slug, data, m)
	if errs.HasErrors() {
		return nil, errs
	}
	return a, errs
}

// Decoded remembers what Decode made of each file of one brand, by the
// file's bytes and the model, so that loading the brand again (LoadBrand)
// decodes only the files that changed. The zero value is ready to use; a
// nil *Decoded remembers nothing.
type Decoded struct {
	model *model.Model
	files map[string]decodedFile // by slash path
	next  map[string]decodedFile // the files of the load under way
}

type decodedFile struct {
	sum  [sha256.Size]byte
	a    *Assessment
	errs diag.List
}

// decode is Decode, from memory when the file at rel held data under m
// when last decoded; it remembers the result for the next load.
func (d *Decoded) decode(rel, slug string, data []byte, m *model.Model) (*Assessment, diag.List) {
	if d == nil {
		return Decode(rel, slug, data, m)
	}
	sum := sha256.Sum256(data)
	f, ok := d.files[rel]
	if !ok || d.model != m || f.sum != sum {
		f.sum = sum
		f.a, f.errs = Decode(rel, slug, data, m)
	}
	if d.next == nil {
		d.next = map[string]decodedFile{}
	}
	d.next[rel] = f
	return f.a, f.errs
}

// done ends a load: only the files it read are remembered, under m.
func (d *Decoded) done(m *model.Model) {
	if d != nil {
		d.model, d.files, d.next = m, d.next, nil
	}
}

// Group gathers assessments into brands: sorted by slug, each brand's
// assessments oldest first. It warns when a brand's assessments disagree
// on the brand's name (the newest wins) and reports two assessments of one
// brand on the same date.
func Group(assessments []*Assessment) ([]*Brand, diag.List) {
	var errs diag.List
	bySlug := map[string]*Brand{}
	for _, a := range assessments {
		b := bySlug[a.Slug]
		if b == nil {
			b = &Brand{Slug: a.Slug}
			bySlug[a.Slug] = b
		}
		b.Assessments = append(b.Assessments, a)
	}
	brands := make([]*Brand, 0, len(bySlug))
	for _, b := range bySlug {
		slices.SortStableFunc(b.Assessments, func(x, y *Assessment) int {
			return cmp.Or(x.Assessed.Compare(y.Assessed), cmp.Compare(x.Path, y.Path))
		})
		for i := 1; i < len(b.Assessments); i++ {
			prev, a := b.Assessments[i-1], b.Assessments[i]
			if a.Assessed.Equal(prev.Assessed) {
				errs.Add(a.Path, 0, 0, "a second assessment of %q dated %s (the other is %s); keep one assessment per date", b.Slug, Date(a.Assessed), prev.Path)
			}
		}
		current := b.Current()
		for _, a := range b.Assessments[:len(b.Assessments)-1] {
			if a.Brand != current.Brand {
				errs.Warn(a.Path, a.brandPos.Line, a.brandPos.Col, "brand %q differs from %q in the newest assessment, %s; the newest name is shown",
					a.Brand, current.Brand, current.Path)
			}
		}
		brands = append(brands, b)
	}
	slices.SortFunc(brands, func(x, y *Brand) int { return cmp.Compare(x.Slug, y.Slug) })
	errs.Sort()
	return brands, errs
}

// find lists the assessment files under dir, reporting every entry that
// does not fit the layout.
func find(root, dir string, errs *diag.List) []file {
	info, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		errs.Add(Dir, 0, 0, "read assessments: %v", err)
		return nil
	}
	info, ok := follow(root, dir, Dir, info, errs)
	if !ok {
		return nil
	}
	if !info.IsDir() {
		errs.Add(Dir, 0, 0, "expected a folder of brand folders, holding %s", layout)
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		errs.Add(Dir, 0, 0, "read assessments: %v", err)
		return nil
	}
	var files []file
	for _, e := range entries {
		name := e.Name()
		if ignore.File(name) || strings.EqualFold(name, "README.md") && !e.IsDir() {
			continue
		}
		rel, full := Dir+"/"+name, filepath.Join(dir, name)
		info, ok := entryInfo(root, full, rel, e, errs)
		if !ok {
			continue
		}
		if !info.IsDir() {
			errs.Add(rel, 0, 0, "expected only brand folders (and a README.md) in assessments/, holding %s", layout)
			continue
		}
		if !ValidSlug(name) {
			errs.Add(rel, 0, 0, "%s", slugMessage(name))
			continue
		}
		files = append(files, findBrand(root, full, rel, name, errs)...)
	}
	return files
}

func findBrand(root, dir, rel, slug string, errs *diag.List) []file {
	entries, err := os.ReadDir(dir)
	if err != nil {
		errs.Add(rel, 0, 0, "read brand folder: %v", err)
		return nil
	}
	var files []file
	problems := false
	for _, e := range entries {
		name := e.Name()
		if ignore.File(name) {
			continue
		}
		frel, full := rel+"/"+name, filepath.Join(dir, name)
		info, ok := entryInfo(root, full, frel, e, errs)
		switch {
		case !ok:
		case info.IsDir():
			errs.Add(frel, 0, 0, "expected only assessment files in a brand folder, found a folder; the layout is %s", layout)
		case !info.Mode().IsRegular():
			errs.Add(frel, 0, 0, "expected a regular file, found %s", info.Mode().Type())
		case !validFileName(name):
			errs.Add(frel, 0, 0, "%s", fileNameMessage(name))
		case info.Size() > MaxFileSize:
			errs.Add(frel, 0, 0, "the file is %d bytes; an assessment may be at most %d (1 MiB)", info.Size(), MaxFileSize)
		default:
			files = append(files, file{rel: frel, full: full, slug: slug})
			continue
		}
		problems = true
	}
	if len(files) == 0 && !problems {
		errs.Warn(rel, 0, 0, "no assessments in this brand folder (expected files named <YYYY-MM-DD>.toml); the brand is left out")
	}
	return files
}

func validFileName(name string) bool {
	_, ok := FileDate(name)
	return ok
}

func slugMessage(name string) string {
	return fmt.Sprintf("folder name %q is not a brand slug; expected lowercase letters, digits and hyphens, starting with a letter or digit, such as \"northwind-outfitters\"", name)
}

func fileNameMessage(name string) string {
	return fmt.Sprintf("file name %q is not an assessment; expected <YYYY-MM-DD>.toml, named by the assessment's date, such as 2026-09-30.toml", name)
}

// entryInfo returns what a directory entry is, following a symbolic link
// only when it stays inside the source folder.
func entryInfo(root, full, rel string, e fs.DirEntry, errs *diag.List) (fs.FileInfo, bool) {
	info, err := e.Info()
	if err != nil {
		errs.Add(rel, 0, 0, "read: %v", err)
		return nil, false
	}
	return follow(root, full, rel, info, errs)
}

// follow returns info unchanged for anything but a symbolic link, and the
// target's info for a link that resolves inside root.
func follow(root, full, rel string, info fs.FileInfo, errs *diag.List) (fs.FileInfo, bool) {
	if info.Mode()&fs.ModeSymlink == 0 {
		return info, true
	}
	target, err := fspath.Inside(root, full)
	if err != nil {
		errs.Add(rel, 0, 0, "%v", err)
		return nil, false
	}
	info, err = os.Stat(target)
	if err != nil {
		errs.Add(rel, 0, 0, "read: %v", err)
		return nil, false
	}
	return info, true
}

// realDir returns the absolute path of dir with symbolic links resolved.
func realDir(dir string) (string, error) {
	real, err := fspath.Real(dir)
	if err != nil {
		return "", fmt.Errorf("resolve site folder: %w", err)
	}
	return real, nil
}
