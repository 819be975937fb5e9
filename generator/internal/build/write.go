package build

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"scorebook/generator/internal/content"
	"scorebook/generator/internal/diag"
	"scorebook/generator/internal/incr"
	"scorebook/generator/internal/pool"
	"scorebook/generator/internal/publish"
	"scorebook/generator/internal/render"
	"scorebook/generator/internal/routes"
	"scorebook/generator/internal/site"
)

// sink is where a build's files go.
type sink interface {
	// write stores a rendered file; it reports whether bytes changed.
	write(rel string, data []byte) (bool, error)
	// reuse keeps the previous build's copy of rel; false when it cannot.
	reuse(rel string) (bool, error)
	// finish publishes everything, stamped: it removes the files of the
	// paths removed, and, where it cannot know what an earlier run left,
	// every file no output has (has false). It returns the files it
	// wrote and removed in doing so.
	finish(removed []string, has func(rel string) bool, stamp string) (written, gone []string, err error)
	abort()
}

// write renders the jobs whose keys changed, reuses the rest, checks the
// links every page makes, and publishes the result.
// It returns the build's stamp when it publishes a new site.
func (e *Engine) write(ctx context.Context, r *site.Renderer, p *plan, sum *Summary) (string, error) {
	stamp := ""
	if e.opts.Mode == Publish {
		stamp = incr.Stamp(p.keys)
		if stamp == e.manifestStamp && e.outputsIntact(p.keys) {
			// The published site is exactly what this build would
			// write: every output's value is unchanged, and every file
			// is still there.
			sum.Reused = len(p.outputs)
			return stamp, nil
		}
	}
	out, err := e.openSink()
	if err != nil {
		return "", err
	}
	has := func(rel string) bool { return p.has(&e.ledger, rel) }
	links, err := e.render(ctx, r, out, p, sum)
	if err == nil {
		err = canceled(ctx)
	}
	if err == nil {
		if errs := e.checkLinks(links, has); errs.HasErrors() {
			err = errs.Err()
		}
	}
	if err != nil {
		out.abort()
		return "", err
	}
	flushed, removed, err := out.finish(p.removed, has, stamp)
	if err != nil {
		return "", err
	}
	sum.Removed = len(removed)
	sum.Changed = append(append(sum.Changed, flushed...), removed...)
	sort.Strings(sum.Changed)
	e.md.prune(e.in.pages)
	return stamp, nil
}

// render renders or reuses every job into out, and returns the links of
// the pages whose links need checking.
func (e *Engine) render(ctx context.Context, r *site.Renderer, out sink, p *plan, sum *Summary) (map[*content.Page][]string, error) {
	// While no file of the last build is removed, a reused page's links
	// still resolve: only the pages rendered now need checking. When one
	// is, every page's links are checked again, those of the pages that
	// are not jobs too.
	allLinks := len(p.removed) > 0
	jobs := p.jobs
	// The pages that are no jobs kept their links, and each resolved
	// when it was published: only a link to a removed path can break.
	unchanged := map[*content.Page][]string{}
	gone := removedTargets(p.removed)
	if allLinks && p.keys == nil && e.linksToAny(gone) {
		for _, o := range p.outputs {
			if _, ok := p.added[o.Rel]; ok || o.Markdown == nil {
				continue
			}
			links, ok := e.md.cachedLinks(o.Markdown)
			if !ok {
				key := e.ledger.outs[o].key
				jobs = append(slices.Clip(jobs), job{out: o, key: key, prev: key}) // rendered to learn them
				continue
			}
			if slices.ContainsFunc(links, func(l string) bool { return gone[e.linkTarget(l)] }) {
				unchanged[o.Markdown] = links
			}
		}
	}
	sum.Reused = len(p.outputs) - len(p.jobs) // the outputs that are no jobs are the last build's
	var (
		mu       sync.Mutex
		firstErr error     // the first failure that is no input's fault
		problems diag.List // every input's problems, reported together
		links    = map[*content.Page][]string{}
	)
	// Jobs go to the workers in batches: most are reused, and a channel
	// send per output would cost more than deciding that. Small sites get
	// small batches, so that every worker has some.
	batch := min(64, max(1, len(jobs)/(8*e.opts.Workers)))
	batches := (len(jobs) + batch - 1) / batch
	pool.Each(batches, e.opts.Workers, func() bool { return ctx.Err() != nil }, func(b int) {
		var (
			reused, written int
			wrote           []string
			found           = map[*content.Page][]string{}
			err             error
			inputs          diag.List
		)
		for k, j := range jobs[b*batch : min((b+1)*batch, len(jobs))] {
			w, reuse, pageLinks, jerr := e.runJob(r, out, j, allLinks)
			var list diag.List
			switch {
			case errors.As(jerr, &list):
				inputs = append(inputs, list...)
				continue
			case jerr != nil:
				err = cmp.Or(err, jerr)
				continue
			case b*batch+k >= len(p.jobs):
				// a page that is no job, read again for its links
			case reuse:
				reused++
			default:
				written++
				if w {
					wrote = append(wrote, j.out.Rel)
				}
			}
			if pg := j.out.Markdown; pg != nil && (!reuse || allLinks) {
				found[pg] = pageLinks
			}
		}
		mu.Lock()
		firstErr = cmp.Or(firstErr, err)
		problems = append(problems, inputs...)
		sum.Reused += reused
		sum.Written += written
		sum.Changed = append(sum.Changed, wrote...)
		maps.Copy(links, found)
		mu.Unlock()
	})
	if firstErr == nil && problems.HasErrors() {
		problems.Sort()
		firstErr = problems.Err()
	}
	maps.Copy(links, unchanged)
	if e.opts.Mode == InPlace {
		for _, ls := range links {
			for _, l := range ls {
				e.linked[e.linkTarget(l)] = true
			}
		}
	}
	return links, firstErr
}

// linksToAny reports whether a page this Engine rendered ever linked to
// one of targets (linkTarget): when none did, no page's link can lead to
// them, and removing them breaks none.
func (e *Engine) linksToAny(targets map[string]bool) bool {
	for t := range targets {
		if e.linked[t] {
			return true
		}
	}
	return false
}

// removedTargets is every link target (as linkTarget gives it) that led
// to one of the removed paths, as routes.Resolves resolves a link.
func removedTargets(removed []string) map[string]bool {
	gone := make(map[string]bool, 2*len(removed))
	for _, rel := range removed {
		gone[rel] = true
		if dir, ok := strings.CutSuffix(rel, "index.html"); ok {
			gone[dir] = true
			gone[strings.TrimSuffix(dir, "/")] = true
		}
	}
	return gone
}

// linkTarget is the output path a root-relative link leads to, or the
// folder of its index.html: without query, fragment, base path and
// leading slash.
func (e *Engine) linkTarget(link string) string {
	for i := 0; i < len(link); i++ {
		if link[i] == '?' || link[i] == '#' {
			link = link[:i]
			break
		}
	}
	if base := strings.TrimSuffix(render.BasePath(e.in.site.BaseURL), "/"); base != "" {
		link = strings.TrimPrefix(link, base)
	}
	return strings.TrimPrefix(link, "/")
}

// runJob reuses or renders one output. A reused page's links are looked
// up when allLinks says every page's need checking; then a page whose
// links are not known is rendered to learn them.
func (e *Engine) runJob(r *site.Renderer, out sink, j job, allLinks bool) (wrote, reused bool, links []string, err error) {
	if j.prev != "" && j.prev == j.key {
		var cached []string
		ok := !allLinks || j.out.Markdown == nil
		if !ok {
			cached, ok = e.md.cachedLinks(j.out.Markdown)
		}
		if ok {
			if ok, err := out.reuse(j.out.Rel); err != nil {
				return false, false, nil, err
			} else if ok {
				return false, true, cached, nil
			}
		}
	}
	data, links, err := j.out.In.Render(r)
	if err != nil {
		return false, false, nil, err
	}
	wrote, err = out.write(j.out.Rel, data)
	return wrote, false, links, err
}

func (e *Engine) openSink() (sink, error) {
	switch e.opts.Mode {
	case DryRun:
		return discard{}, nil
	case InPlace:
		if e.folder == nil {
			f, err := publish.OpenFolder(e.opts.Out)
			if err != nil {
				return nil, err
			}
			e.folder = f
		}
		return &inPlace{f: e.folder, workers: e.opts.Workers, first: e.ledger.keys == nil}, nil
	}
	st, err := publish.Stage(e.opts.Out)
	if err != nil {
		return nil, err
	}
	return &staged{st: st}, nil
}

// checkLinks reports every root-relative link of a page that resolves to
// no output, at the line and column where the page writes it.
func (e *Engine) checkLinks(links map[*content.Page][]string, has func(rel string) bool) diag.List {
	var errs diag.List
	base := strings.TrimSuffix(render.BasePath(e.in.site.BaseURL), "/")
	for p, ls := range links {
		var broken []string
		for _, l := range ls {
			target := l
			if i := strings.IndexAny(target, "?#"); i >= 0 {
				target = target[:i]
			}
			if base != "" {
				target = strings.TrimPrefix(target, base)
			}
			if target == "" || routes.Resolves(target, has) {
				continue
			}
			broken = append(broken, l)
		}
		if len(broken) == 0 {
			continue
		}
		for i, at := range locate(e.opts.Src, p, broken) {
			errs.Add(p.Path, at.line, at.col, "link to %s leads nowhere: no page or file of the site has that address", broken[i])
		}
	}
	return errs
}

// staged writes a fresh folder and swaps it in.
type staged struct{ st *publish.Staging }

func (s *staged) write(rel string, data []byte) (bool, error) { return true, s.st.WriteFile(rel, data) }
func (s *staged) reuse(rel string) (bool, error)              { return s.st.Reuse(rel) }
func (s *staged) abort()                                      { s.st.Abort() }
func (s *staged) finish(_ []string, _ func(string) bool, stamp string) ([]string, []string, error) {
	if err := s.st.Stamp(stamp); err != nil {
		s.st.Abort()
		return nil, nil, err
	}
	return nil, nil, s.st.Commit()
}

// inPlace updates the served folder. After the first build it holds every
// rendered file in memory until the whole build succeeded, so a failed
// rebuild leaves the served site exactly as it was.
type inPlace struct {
	f       *publish.Folder
	workers int
	first   bool // the Engine's first build: it writes straight into the folder
	mu      sync.Mutex
	pending map[string][]byte
}

func (p *inPlace) write(rel string, data []byte) (bool, error) {
	if p.first {
		return p.f.WriteFile(rel, data)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.pending == nil {
		p.pending = map[string][]byte{}
	}
	p.pending[rel] = data
	return false, nil
}

// reuse keeps the file the last build of this engine wrote: it is there,
// and its inputs have not changed.
func (p *inPlace) reuse(string) (bool, error) { return true, nil }

func (p *inPlace) abort() { p.pending = nil }

func (p *inPlace) finish(gone []string, has func(string) bool, _ string) (written, removed []string, err error) {
	// Write the held files side by side: an edit to one assessment
	// rewrites a few large files (the portfolio, its filters, the index).
	rels := slices.Sorted(maps.Keys(p.pending))
	wrote := make([]bool, len(rels))
	errs := make([]error, len(rels))
	pool.Each(len(rels), p.workers, nil, func(i int) {
		wrote[i], errs[i] = p.f.WriteFile(rels[i], p.pending[rels[i]])
	})
	for i, rel := range rels {
		if errs[i] != nil {
			return written, removed, errs[i]
		}
		if wrote[i] {
			written = append(written, rel)
		}
	}
	if p.first {
		// The first build of this engine wrote straight into the folder,
		// which may also hold the files of a first build that failed, or
		// of an earlier run: only the outputs stay.
		if gone, err = filesIn(p.f.Dir()); err != nil {
			return written, removed, err
		}
	}
	for _, rel := range gone {
		if !has(rel) {
			if err := p.f.Remove(rel); err != nil {
				return written, removed, err
			}
			removed = append(removed, rel)
		}
	}
	return written, removed, nil
}

// discard renders and throws away, for scorebook check.
type discard struct{}

func (discard) write(string, []byte) (bool, error) { return false, nil }
func (discard) reuse(string) (bool, error)         { return false, nil }
func (discard) abort()                             {}
func (discard) finish([]string, func(string) bool, string) ([]string, []string, error) {
	return nil, nil, nil
}

// locate finds where a page's Markdown writes each of texts, as lines and
// columns of the page's file; 0, 0 for one it cannot find. texts are in the
// order the page writes them (as markdown.Result.Links are), so one pass
// over the page finds them all: 100,000 broken links cost one read of the
// page, not 100,000. It reads the file again when a one-shot build has let
// go of the page's body.
func locate(src string, p *content.Page, texts []string) []position {
	at := make([]position, len(texts))
	body, first := p.Body, p.BodyLine
	if body == nil {
		data, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(p.Path)))
		if err != nil {
			return at
		}
		body, first = data, 1
	}
	// from is where the search for the next text starts; line and col
	// are the position of from.
	from, line, col := 0, first, 1
	advance := func(to int) {
		skipped := body[from:to]
		if n := bytes.Count(skipped, []byte("\n")); n > 0 {
			line += n
			col = 1
			skipped = skipped[bytes.LastIndexByte(skipped, '\n')+1:]
		}
		col += utf8.RuneCount(skipped)
		from = to
	}
	// A reference link's destination is written at its definition, often
	// further down than the links after it: those are looked for from the
	// start again, but only so many times, so that the search stays linear.
	lookBack := 100
	for k, text := range texts {
		// The first place the text is written from here on; searching
		// for "(text" first would find a later place, or scan the rest of
		// the page for every link written another way.
		if i := bytes.Index(body[from:], []byte(text)); i >= 0 {
			advance(from + i)
			at[k] = position{line, col}
			continue
		}
		if lookBack > 0 {
			lookBack--
			if i := bytes.Index(body[:from], []byte(text)); i >= 0 {
				before := body[:i]
				at[k] = position{first + bytes.Count(before, []byte("\n")),
					utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1}
			}
		}
	}
	return at
}

// position is a 1-based line and column in a file.
type position struct{ line, col int }
