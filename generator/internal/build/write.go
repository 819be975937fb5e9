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
	// finish publishes everything, stamped, removing files not in keep;
	// it returns the files it wrote and removed in doing so.
	finish(keep map[string]string, stamp string) (written, removed []string, err error)
	abort()
}

// write renders the jobs whose keys changed, reuses the rest, checks the
// links every page makes, and publishes the result.
// It returns the build's stamp when it publishes a new site.
func (e *Engine) write(ctx context.Context, r *site.Renderer, jobs []job, sum *Summary) (string, error) {
	keys := make(map[string]string, len(jobs))
	for _, j := range jobs {
		keys[j.out.Rel] = j.key
	}
	stamp := ""
	if e.opts.Mode == Publish {
		stamp = incr.Stamp(keys)
	}
	prev := e.prev
	if prev == nil && e.opts.CacheDir != "" && e.opts.Mode == Publish {
		if m := e.loadManifest(); m != nil {
			if m.Stamp == stamp && e.outputsIntact(keys) {
				// The published site is exactly what this build would
				// write: every output's value is unchanged, and every
				// file is still there.
				sum.Reused = len(jobs)
				e.prev = keys
				return stamp, nil
			}
			prev = m.Outputs
			e.md.load(m.Links)
		}
	}
	out, err := e.openSink()
	if err != nil {
		return "", err
	}
	links, err := e.render(ctx, r, out, jobs, prev, sum)
	if err == nil {
		err = canceled(ctx)
	}
	if err == nil {
		if errs := e.checkLinks(links, keys); errs.HasErrors() {
			err = errs.Err()
		}
	}
	if err != nil {
		out.abort()
		return "", err
	}
	if err := e.publish(out, keys, stamp, sum); err != nil {
		return "", err
	}
	return stamp, nil
}

// render renders or reuses every job into out, and returns the links of
// the pages whose links need checking.
func (e *Engine) render(ctx context.Context, r *site.Renderer, out sink, jobs []job, prev map[string]string, sum *Summary) (map[*content.Page][]string, error) {
	// While the set of output files is what it was, a reused page's links
	// still resolve: only the pages rendered now need checking.
	sameOutputs := prev != nil && len(prev) == len(jobs)
	for _, j := range jobs {
		if !sameOutputs {
			break
		}
		_, sameOutputs = prev[j.out.Rel]
	}
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
		for _, j := range jobs[b*batch : min((b+1)*batch, len(jobs))] {
			w, reuse, pageLinks, jerr := e.runJob(r, out, j, prev, sameOutputs)
			var list diag.List
			switch {
			case errors.As(jerr, &list):
				inputs = append(inputs, list...)
				continue
			case jerr != nil:
				err = cmp.Or(err, jerr)
				continue
			case reuse:
				reused++
			default:
				written++
				if w {
					wrote = append(wrote, j.out.Rel)
				}
			}
			if p := j.out.Markdown; p != nil && (!reuse || !sameOutputs) {
				found[p] = pageLinks
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
	return links, firstErr
}

// publish finishes the output and records what changed.
func (e *Engine) publish(out sink, keys map[string]string, stamp string, sum *Summary) error {
	flushed, removed, err := out.finish(keys, stamp)
	if err != nil {
		return err
	}
	sum.Removed = len(removed)
	sum.Changed = append(append(sum.Changed, flushed...), removed...)
	sort.Strings(sum.Changed)
	e.prev = keys
	e.md.prune(e.in.pages)
	return nil
}

// runJob reuses or renders one output. A reused page's links are checked
// again only when the set of outputs changed (sameOutputs false); then a
// page whose links are not known is rendered to learn them.
func (e *Engine) runJob(r *site.Renderer, out sink, j job, prev map[string]string, sameOutputs bool) (wrote, reused bool, links []string, err error) {
	if prev != nil && prev[j.out.Rel] == j.key {
		var cached []string
		ok := sameOutputs || j.out.Markdown == nil
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
		return &inPlace{f: e.folder, workers: e.opts.Workers, prev: e.prev}, nil
	}
	st, err := publish.Stage(e.opts.Out)
	if err != nil {
		return nil, err
	}
	return &staged{st: st}, nil
}

// checkLinks reports every root-relative link of a page that resolves to
// no output, at the line and column where the page writes it.
func (e *Engine) checkLinks(links map[*content.Page][]string, outputs map[string]string) diag.List {
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
			if target == "" || routes.Resolves(target, outputs) {
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
func (s *staged) finish(_ map[string]string, stamp string) ([]string, []string, error) {
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
	prev    map[string]string
	mu      sync.Mutex
	pending map[string][]byte
}

func (p *inPlace) write(rel string, data []byte) (bool, error) {
	if p.prev == nil {
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

func (p *inPlace) finish(keep map[string]string, _ string) (written, removed []string, err error) {
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
	gone := slices.Collect(maps.Keys(p.prev))
	if p.prev == nil {
		// The first build of this engine wrote straight into the folder,
		// which may also hold the files of a first build that failed, or
		// of an earlier run: only the outputs stay.
		if gone, err = filesIn(p.f.Dir()); err != nil {
			return written, removed, err
		}
	}
	for _, rel := range gone {
		if _, ok := keep[rel]; !ok {
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
func (discard) finish(map[string]string, string) ([]string, []string, error) {
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
