package content

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"scorebook/generator/internal/fspath"
	"scorebook/generator/internal/ignore"
	"slices"
	"strings"
	"sync"

	"scorebook/generator/internal/diag"
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
	contentDir := filepath.Join(root, "content")
	info, err := os.Lstat(contentDir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		errs.Warn("content", 0, 0, "there is no content folder, so the site has no playbook pages; add content/_index.md for a home page")
		return nil, errs
	case err != nil:
		errs.Add("content", 0, 0, "cannot read the content folder: %v", err)
		return nil, errs
	case info.Mode()&fs.ModeSymlink != 0:
		w.symlink(contentDir, "content", nil)
	case info.IsDir():
		w.dir(contentDir, "content", []string{contentDir})
	default:
		errs.Add("content", 0, 0, "content is a file; expected a folder of Markdown pages")
		return nil, errs
	}
	errs = append(errs, w.errs...)

	pages := make([]*Page, len(w.files))
	found := make([]diag.List, len(w.files))
	parallel(len(w.files), func(i int) {
		if ctx.Err() == nil {
			pages[i], found[i] = readPage(w.files[i].abs, w.files[i].rel)
		}
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
	if !strings.HasPrefix(rel, "content/") {
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
	target, err := filepath.EvalSymlinks(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		errs.Add(rel, 0, 0, "cannot read the page: %s", linkError(err))
		return nil, errs
	}
	if !fspath.Within(root, target) {
		errs.Add(rel, 0, 0, outsideSource, target)
		return nil, errs
	}
	return readPage(target, rel)
}

const (
	notMarkdown   = "not a Markdown page (.md), so it is ignored; put images and downloads in static/"
	outsideSource = "the symbolic link leads outside the site source folder (to %s); links are followed only within it"
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
	target, err := filepath.EvalSymlinks(abs)
	if err != nil {
		w.errs.Add(rel, 0, 0, "cannot follow the symbolic link: %s", linkError(err))
		return
	}
	if !fspath.Within(w.root, target) {
		w.errs.Add(rel, 0, 0, outsideSource, target)
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
	f, err := os.Open(abs)
	if err != nil {
		errs.Add(rel, 0, 0, "cannot read the page: %v", err)
		return nil, errs
	}
	defer f.Close()
	size := int64(512)
	if info, err := f.Stat(); err == nil {
		if info.Size() > MaxPageSize {
			errs.Add(rel, 0, 0, "the page is %d bytes; pages may be at most %d bytes (4 MiB)", info.Size(), MaxPageSize)
			return nil, errs
		}
		size = info.Size() + 1
	}
	data, err := readAtMost(f, size, MaxPageSize+1)
	if err != nil {
		errs.Add(rel, 0, 0, "cannot read the page: %v", err)
		return nil, errs
	}
	return Parse(rel, data)
}

// readAtMost reads r to its end, or to limit bytes, into a buffer sized
// for the expected size so that a page is read without regrowing. Reading
// one byte past MaxPageSize catches a file that grew after it was measured.
func readAtMost(r io.Reader, expected, limit int64) ([]byte, error) {
	buf := make([]byte, 0, min(expected, limit))
	for int64(len(buf)) < limit {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, int(min(int64(cap(buf)), limit-int64(len(buf)))))
		}
		n, err := r.Read(buf[len(buf):min(int64(cap(buf)), limit)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
	return buf, nil
}

// linkError describes a failure to resolve a path, naming loops plainly.
func linkError(err error) string {
	if strings.Contains(err.Error(), "too many links") {
		return "the symbolic link loops (it leads back to itself)"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) && errors.Is(err, fs.ErrNotExist) {
		return fmt.Sprintf("%s does not exist", pe.Path)
	}
	return err.Error()
}

// parallel calls fn(0) to fn(n-1) on as many goroutines as there are CPUs.
func parallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Go(func() {
			for i := range next {
				fn(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
