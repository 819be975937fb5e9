package site

import (
	"fmt"
	"maps"
	"slices"

	"scorebook/generator/internal/content"
	"scorebook/generator/internal/incr"
	"scorebook/generator/internal/model"
	"scorebook/generator/internal/render"
)

// outputMemo keeps the outputs of the last builds, so that an output whose
// value cannot have changed is the same *Output as before: the build keys
// and renders only outputs that are new pointers, and an edit costs what it
// changed, not what the site holds. Each kind of output is remembered by
// exactly what its value is made from, compared, never trusted:
//   - a playbook page by the page and pageDeps;
//   - a brand's files by brandDeps;
//   - every other output by its path and its whole value.
//
// With verify set (tests), every output taken from memory is made again
// and compared with it, so a dependency missing from pageDeps or brandDeps
// fails the build instead of publishing a stale page.
type outputMemo struct {
	gen    int
	pages  placed[*content.Page, *pageMemo]
	brands placed[string, *brandMemo] // by slug
	byPath map[string]*pathMemo
}

// placed is a memory by key that also holds each entry at its place in
// the last build's list (of pages, of brands): an entry at the same place
// is found there, without a lookup by key. An entry found at its place
// may be older than the one under its key (the item went and came back);
// callers compare what an entry was made from before using it, so that
// costs a remake, never a stale output.
type placed[K comparable, V comparable] struct {
	byKey map[K]V
	at    []V
	keyOf func(V) K
}

func newPlaced[K comparable, V comparable](keyOf func(V) K) placed[K, V] {
	return placed[K, V]{byKey: map[K]V{}, keyOf: keyOf}
}

// begin starts a build's list of n items.
func (p *placed[K, V]) begin(n int) {
	if len(p.at) != n {
		p.at = make([]V, n)
	}
}

// get returns the entry of k, the build's i-th item (the zero V for none).
func (p *placed[K, V]) get(i int, k K) V {
	var none V
	if v := p.at[i]; v != none && p.keyOf(v) == k {
		return v
	}
	v := p.byKey[k]
	p.at[i] = v
	return v
}

// put remembers v as the entry of k, the build's i-th item.
func (p *placed[K, V]) put(i int, k K, v V) { p.byKey[k], p.at[i] = v, v }

// drop forgets every entry by key that gone reports.
func (p *placed[K, V]) drop(gone func(K, V) bool) {
	maps.DeleteFunc(p.byKey, gone)
}

// verifyMemo makes every Assemble check its memory against a fresh
// assembly (VerifyMemory).
var verifyMemo bool

// VerifyMemory makes every later Assemble make each output it takes from
// memory again and panic if the two differ: for tests, which then prove
// that the memory's dependencies are complete for the edits they make.
func VerifyMemory(on bool) { verifyMemo = on }

func newOutputMemo() *outputMemo {
	return &outputMemo{pages: newPlaced(func(e *pageMemo) *content.Page { return e.page }),
		brands: newPlaced(func(e *brandMemo) string { return e.deps.brand.Slug }), byPath: map[string]*pathMemo{}}
}

// pageDeps is everything a playbook page's input is made from besides the
// page itself: its frame, the outline's menus, lists and crumbs, the model,
// and, for a page that shows brands or model entries, the listed brands'
// parts (nil otherwise).
type pageDeps struct {
	frame   *incr.Shared[render.Site]
	outline *outlineParts
	model   *incr.Shared[*model.Model]
	parts   *listedParts
}

type pageMemo struct {
	page  *content.Page
	deps  pageDeps
	shows bool // the page shows brands or model entries: parts is a dependency
	out   *Output
	gen   int
}

// brandDeps is everything a published brand's files are made from: the
// brand (its assessments and scorecards), where and how it is published,
// the frames and model, the outline (the scorecards' menu and whether the
// playbook has a page on each platform the brand ran), and the commit of
// each assessment.
type brandDeps struct {
	brand    *Brand
	url      string
	unlisted bool
	frames   frames
	model    *incr.Shared[*model.Model]
	outline  *outlineParts
}

type brandMemo struct {
	deps    brandDeps
	commits []commitOf
	outs    []*Output
	gen     int
}

type pathMemo struct {
	out *Output
	gen int
}

// begin starts a build.
func (m *outputMemo) begin() { m.gen++ }

// page returns the output of playbook page p, the i-th of the build's
// pages, from memory when p and deps are those it was made from; made
// makes it (nil when the page has a problem, which is not remembered).
func (m *outputMemo) page(i int, p *content.Page, deps pageDeps, made func() *Output) *Output {
	if e := m.pages.get(i, p); e != nil {
		d := deps
		if !e.shows {
			d.parts = nil
		}
		if e.deps == d {
			e.gen = m.gen
			if verifyMemo {
				verify(e.out, made())
			}
			return e.out
		}
	}
	out := made()
	if out == nil {
		return nil
	}
	shows := out.In.(PageInput).Shows != nil
	if !shows {
		deps.parts = nil
	}
	m.pages.put(i, p, &pageMemo{page: p, deps: deps, shows: shows, out: out, gen: m.gen})
	return out
}

// commitOf is the commit shown on one of a brand's scorecards.
type commitOf = render.Commit

// brand returns the outputs of a published brand, the i-th of the
// build's brands, from memory when deps and commits are those they were
// made from.
func (m *outputMemo) brand(i int, deps brandDeps, commits []commitOf, made func() []Output) []*Output {
	slug := deps.brand.Slug
	if e := m.brands.get(i, slug); e != nil && e.deps == deps && slices.Equal(e.commits, commits) {
		e.gen = m.gen
		if verifyMemo {
			fresh := made()
			if len(fresh) != len(e.outs) {
				panic(fmt.Sprintf("site: stale memory of brand %s: %d outputs remembered, %d made", slug, len(e.outs), len(fresh)))
			}
			for i := range fresh {
				verify(e.outs[i], &fresh[i])
			}
		}
		return e.outs
	}
	values := made()
	outs := make([]*Output, len(values))
	for i := range values {
		outs[i] = &values[i]
	}
	m.brands.put(i, slug, &brandMemo{deps: deps, commits: commits, outs: outs, gen: m.gen})
	return outs
}

// output returns o, or the output remembered at its path when that has
// the same value.
func (m *outputMemo) output(o Output) *Output {
	if e := m.byPath[o.Rel]; e != nil && *e.out == o {
		e.gen = m.gen
		return e.out
	}
	m.byPath[o.Rel] = &pathMemo{out: &o, gen: m.gen}
	return &o
}

// sweep forgets what this build did not ask for, once enough of it is
// stale to make walking the memory worth it: n is the number of playbook
// pages this build has.
func (m *outputMemo) sweep(pages int) {
	if len(m.pages.byKey) > pages+pages/8+16 {
		m.pages.drop(func(_ *content.Page, e *pageMemo) bool { return e.gen != m.gen })
	}
	m.brands.drop(func(_ string, e *brandMemo) bool { return e.gen != m.gen })
	for rel, e := range m.byPath {
		if e.gen != m.gen {
			delete(m.byPath, rel)
		}
	}
}

// verify panics when an output taken from memory differs from the one
// made again: a dependency the memory does not compare.
func verify(remembered, fresh *Output) {
	if fresh == nil || *remembered != *fresh {
		panic(fmt.Sprintf("site: stale memory of %s: its remembered value differs from the one made now", remembered.Rel))
	}
}
