package content

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"scorebook/generator/internal/fspath"
	"scorebook/generator/internal/ignore"
	"slices"
	"strings"

	"scorebook/generator/internal/diag"
	"scorebook/generator/internal/pool"
	"scorebook/generator/internal/routes"
)

// Load reads every page under <srcDir>/content: files ending in .md, in
// any folder. Hidden files and editor temporaries are skipped silently
// (see ignore.File); other files are skipped with a warning. Symbolic links are
// followed only while they stay inside srcDir. Pages come back in path
// order, drafts included; every problem found is in the list.
func Load(srcDir string) ([]*Page, diag.List) {
	return LoadContext(context.Background(), srcDir)
}

// LoadContext is Load that stops reading pages once ctx is done; what it
// returns then is incomplete, and the caller checks ctx.
func LoadContext(ctx context.Context, srcDir string) ([]*Page, diag.List) {
	var errs diag.List
	root, err := fspath.Real(srcDir)
	if err != nil {
		errs.Add(".", 0, 0, "cannot read the site source folder %s: %v", srcDir, err)
		return nil, errs
	}
	w := &walker{root: root}
	contentDir := filepath.Join(root, routes.ContentDir)
	info, err := os.Lstat(contentDir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		errs.Warn(routes.ContentDir, 0, 0, "there is no content folder, so the site has no playbook pages; add content/_index.md for a home page")
		return nil, errs
	case err != nil:
		errs.Add(routes.ContentDir, 0, 0, "cannot read the content folder: %v", err)
		return nil, errs
	case info.Mode()&fs.ModeSymlink != 0:
		w.symlink(contentDir, routes.ContentDir, nil)
	case info.IsDir():
		w.dir(contentDir, routes.ContentDir, []string{contentDir})
	default:
		errs.Add(routes.ContentDir, 0, 0, "content is a file; expected a folder of Markdown pages")
		return nil, errs
	}
	errs = append(errs, w.errs...)

	pages := make([]*Page, len(w.files))
	found := make([]diag.List, len(w.files))
	pool.Each(len(w.files), 0, func() bool { return ctx.Err() != nil }, func(i int) {
		pages[i], found[i] = readPage(w.files[i].abs, w.files[i].rel)
	})
	for _, l := range found {
		errs = append(errs, l...)
	}
	pages = slices.DeleteFunc(pages, func(p *Page) bool { return p == nil })
	slices.SortFunc(pages, func(a, b *Page) int { return strings.Compare(a.Path, b.Path) })
	errs.Sort()
	return pages, errs
}

// LoadFile reads the one page at relPath, slash-separated from srcDir
// ("content/dimensions/operations.md"), for rebuilding after an edit. A
// file that Load would skip silently gives nil and no diagnostics; one it
// would warn about gives nil and the warning.
func LoadFile(srcDir, relPath string) (*Page, diag.List) {
	var errs diag.List
	rel := path.Clean(filepath.ToSlash(relPath))
	if !strings.HasPrefix(rel, routes.ContentDir+"/") {
		errs.Add(rel, 0, 0, "a page must be in the content/ folder")
		return nil, errs
	}
	for _, name := range strings.Split(rel, "/") {
		if ignore.File(name) {
			return nil, nil
		}
	}
	if _, ok := cutSuffixFold(rel, ".md"); !ok {
		errs.Warn(rel, 0, 0, notMarkdown)
		return nil, errs
	}
	root, err := fspath.Real(srcDir)
	if err != nil {
		errs.Add(rel, 0, 0, "cannot read the site source folder %s: %v", srcDir, err)
		return nil, errs
	}
	target, err := fspath.Inside(root, filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		errs.Add(rel, 0, 0, "cannot read the page: %v", err)
		return nil, errs
	}
	return readPage(target, rel)
}

const (
	notMarkdown = "not a Markdown page (.md), so it is ignored; put images and downloads in static/"
)

// pageFile is a page found by the walker: where it is read from and the
// path it is known by (a symbolic link's own path, not its target's).
type pageFile struct {
	abs string
	rel string
}

// walker finds the page files under content/.
type walker struct {
	root  string // the real path of the site source
	files []pageFile
	errs  diag.List
}

// dir walks the folder at abs, known as rel. stack holds the real paths
// of the folders being walked, to catch links back to one of them.
func (w *walker) dir(abs, rel string, stack []string) {
	entries, err := os.ReadDir(abs)
	if err != nil {
		w.errs.Add(rel, 0, 0, "cannot read the folder: %v", err)
		return
	}
	for _, e := range entries {
		name := e.Name()
		if ignore.File(name) {
			continue
		}
		full := filepath.Join(abs, name)
		relName := rel + "/" + name
		switch t := e.Type(); {
		case t&fs.ModeSymlink != 0:
			w.symlink(full, relName, stack)
		case t.IsDir():
			w.dir(full, relName, append(slices.Clip(stack), full))
		case t.IsRegular():
			w.file(full, relName)
		default:
			w.errs.Warn(relName, 0, 0, "not a regular file, so it is ignored")
		}
	}
}

func (w *walker) file(abs, rel string) {
	if _, ok := cutSuffixFold(rel, ".md"); !ok {
		w.errs.Warn(rel, 0, 0, notMarkdown)
		return
	}
	w.files = append(w.files, pageFile{abs: abs, rel: rel})
}

// symlink follows the link at abs if it stays inside the site source.
func (w *walker) symlink(abs, rel string, stack []string) {
	target, err := fspath.Inside(w.root, abs)
	if err != nil {
		w.errs.Add(rel, 0, 0, "%v", err)
		return
	}
	info, err := os.Stat(target)
	if err != nil {
		w.errs.Add(rel, 0, 0, "cannot follow the symbolic link: %v", err)
		return
	}
	switch {
	case info.IsDir():
		for _, s := range stack {
			if fspath.Within(target, s) {
				w.errs.Add(rel, 0, 0, "the symbolic link leads back to a folder that contains it (%s), which would loop forever", target)
				return
			}
		}
		w.dir(target, rel, append(slices.Clip(stack), target))
	case info.Mode().IsRegular():
		w.file(target, rel)
	default:
		w.errs.Warn(rel, 0, 0, "the symbolic link leads to something that is not a file or folder, so it is ignored")
	}
}

// readPage reads and parses the page file at abs, known as rel.
func readPage(abs, rel string) (*Page, diag.List) {
	var errs diag.List
	data, err := fspath.ReadFile(abs, MaxPageSize)
	if err != nil {
		errs.Add(rel, 0, 0, "cannot read the page: %v", err)
		return nil, errs
	}
	return Parse(rel, data)
}
