// Package site assembles one build's site from the loaded inputs: the
// page outline, every brand's scorecards, and every output file as a value
// that holds exactly what the file shows, with the method that renders it
// from that value alone. It writes nothing and keeps nothing between
// builds beyond what a Memory remembers of pure computations; the build
// package keys outputs by their values (see package incr), renders the
// ones whose key changed and publishes them.
package site

import (
	"maps"
	"os"
	"slices"
	"strings"
	"time"

	"scorebook/generator/internal/assessment"
	"scorebook/generator/internal/chart"
	"scorebook/generator/internal/config"
	"scorebook/generator/internal/diag"
	template "scorebook/generator/internal/gotemplate/html"
	"scorebook/generator/internal/incr"
	"scorebook/generator/internal/model"
	"scorebook/generator/internal/pool"
	"scorebook/generator/internal/render"
	"scorebook/generator/internal/routes"
	"scorebook/generator/internal/score"
	"scorebook/generator/internal/search"
)

// Inputs is everything a build has loaded.
type Inputs struct {
	Config   *config.Site
	Outline  *Outline
	Brands   []BrandFiles          // every brand with valid assessments, by slug
	Static   map[string]StaticFile // by path below static/
	Now      time.Time             // the build date, as of which current assessments are judged
	ShareKey []byte                // secret for unlisted brands' paths; nil leaves them out
	// Commits holds, by assessment path ("assessments/acme/2026-09-30.toml"),
	// the last commit that changed the file, shown on its scorecard; nil
	// unless site.toml sets git_info.
	Commits map[string]render.Commit
	// PageTexts is each playbook page's text for the search index, by
	// the page's Digest.
	PageTexts map[string]PageText
	// TextID identifies how PageTexts were made (the Markdown converter's
	// settings): new texts for the same pages.
	TextID string
}

// BrandFiles is one brand's assessments as loaded, with the hash of
// their files.
type BrandFiles struct {
	Brand *assessment.Brand
	Hash  string
}

// StaticFile is one file of static/, copied as is.
type StaticFile struct {
	Rel  string // below static/
	Abs  string
	Hash string // of its content
}

// Site is the result of assembling: every output, the brands, and the
// problems found.
type Site struct {
	// Outputs are every file of the site. An output whose value cannot
	// have changed since an earlier Assemble with the same Memory is the
	// same pointer as then (outputMemo).
	Outputs    []*Output
	Brands     []Published // every brand with assessments, by slug
	ShareLinks map[string]string
	Warnings   diag.List
	Errs       diag.List
}

// Published is one brand as this build publishes it.
type Published struct {
	Brand     *Brand
	URL       string // routes.Scorecard or routes.Shared; "" when left out
	Unlisted  bool
	Published bool
}

// Memory is what an engine keeps between builds for Assemble: the
// results of pure computations, by the inputs they were computed from,
// and the parts of the last builds, so that unchanged parts are the same
// pointers and the inputs holding them compare equal.
type Memory struct {
	parts   *incr.Parts
	brands  placed[string, *Brand] // by slug, and at their places in the last Inputs.Brands
	listed  *listedParts
	entries *entriesMemo
	// search builds the full-text index again from the documents that
	// changed, for texts made as TextID says.
	search      *search.Builder
	searchText  string
	searchDocs  searchDocs
	searchFiles searchFiles
	outputs     *outputMemo
}

// NewMemory returns an empty memory.
func NewMemory() *Memory {
	return &Memory{parts: incr.NewParts(), brands: newPlaced(func(b *Brand) string { return b.Slug }), outputs: newOutputMemo()}
}

// ForgetSearch lets go of what the search index is built again from
// (the builder's postings and page rows), for an engine that builds once:
// the index's files are in the outputs already. A later Assemble with
// this Memory indexes every document again.
func (m *Memory) ForgetSearch() {
	m.search, m.searchDocs, m.searchFiles = nil, searchDocs{}, searchFiles{}
}

// assembly is the state of one Assemble call.
type assembly struct {
	in      Inputs
	mem     *Memory
	m       *model.Model
	model   *incr.Shared[*model.Model]
	frames  frames
	out     *Site
	listed  []Published
	parts   *listedParts
	entries *incr.Shared[[]SearchEntry]
}

// frames are what pages show of the site as a whole: the listed pages
// with the menu, unlisted scorecards without it, and the share files with
// the stylesheet inline; the pages of earlier assessments, which are
// permanent, leave out the build date.
type frames struct {
	page, bare, share, bareShare, earlier, bareEarlier *incr.Shared[render.Site]
}

// Assemble derives the site's outputs from in.
func Assemble(in Inputs, mem *Memory) *Site {
	mem.parts.Begin()
	a := &assembly{in: in, mem: mem, m: &in.Config.Model, out: &Site{ShareLinks: map[string]string{}}}
	a.model = incr.Keep(mem.parts, incr.Derive(a.m, "model", in.Config.ModelHash))
	a.frames = a.makeFrames()
	a.scoreBrands()
	a.parts = a.listedParts()
	a.entries = a.searchEntries()
	a.out.Outputs = a.outputs()
	mem.parts.Sweep()
	return a.out
}

func (a *assembly) makeFrames() frames {
	cfg := a.in.Config
	rs := render.Site{
		Title: cfg.Title, Description: cfg.Description, Language: cfg.Language, BaseURL: cfg.BaseURL,
		ModelVersion: a.m.Version, BuildDate: a.in.Now.Format(time.DateOnly), Menu: a.in.Outline.derived.menu.V,
	}
	if _, ok := a.in.Static[routes.SiteCSS]; ok {
		rs.Stylesheets = append(rs.Stylesheets, routes.SiteCSS)
	}
	rs.Stylesheets = append(rs.Stylesheets, routes.GeneratedCSS)
	if _, ok := a.in.Static[routes.SiteScript]; ok {
		rs.Scripts = append(rs.Scripts, routes.SiteScript)
	}
	if _, ok := a.in.Static[routes.Favicon]; ok {
		rs.Icon = routes.Favicon
	}
	bare := rs
	bare.Menu = nil
	share, bareShare := rs, bare
	share.InlineCSS = a.inlineCSS()
	bareShare.InlineCSS = share.InlineCSS
	earlier, bareEarlier := rs, bare
	earlier.BuildDate, bareEarlier.BuildDate = "", ""
	keep := func(s render.Site) *incr.Shared[render.Site] { return incr.Keep(a.mem.parts, incr.Share(s)) }
	return frames{page: keep(rs), bare: keep(bare), share: keep(share), bareShare: keep(bareShare),
		earlier: keep(earlier), bareEarlier: keep(bareEarlier)}
}

// inlineCSS is the whole stylesheet for the self-contained share file.
func (a *assembly) inlineCSS() template.CSS {
	var b strings.Builder
	if css, ok := a.in.Static[routes.SiteCSS]; ok {
		if data, err := os.ReadFile(css.Abs); err == nil {
			b.Write(data)
		}
	}
	b.WriteString(chart.CSS())
	return template.CSS(b.String())
}

// scoreBrands computes every brand's scorecards, reusing those of brands
// whose files, model and build date are unchanged since the last build,
// and decides where each is published.
func (a *assembly) scoreBrands() {
	brands := a.brands()
	a.out.Brands = make([]Published, 0, len(a.in.Brands))
	a.listed = make([]Published, 0, len(a.in.Brands))
	for i, bf := range a.in.Brands {
		b := brands[i]
		p := Published{Brand: b, Unlisted: !bf.Brand.Listed()}
		switch {
		case !p.Unlisted:
			p.URL, p.Published = routes.Scorecard(b.Slug), true
			a.listed = append(a.listed, p)
		case a.in.ShareKey != nil:
			p.URL, p.Published = routes.Shared(routes.ShareToken(a.in.ShareKey, b.Slug)), true
			a.out.ShareLinks[b.Slug] = p.URL
		default:
			a.out.Warnings.Warn(routes.AssessmentsDir+"/"+b.Slug, 0, 0,
				"brand %q is unlisted and SCOREBOOK_SHARE_KEY is not set: left out of the build", bf.Brand.Name())
		}
		a.out.Brands = append(a.out.Brands, p)
	}
	// Every brand scored is in memory now, each under its own folder's
	// name: only when memory holds more are some of them gone.
	if len(a.mem.brands.byKey) > len(a.in.Brands) {
		seen := make(map[string]bool, len(a.in.Brands))
		for _, bf := range a.in.Brands {
			seen[bf.Brand.Slug] = true
		}
		a.mem.brands.drop(func(slug string, _ *Brand) bool { return !seen[slug] })
	}
}

// brands returns the scorecards of every brand of the build, in its
// order: from memory for a brand whose files, the model and the build
// date are unchanged, scored again, side by side, for the others.
func (a *assembly) brands() []*Brand {
	a.mem.brands.begin(len(a.in.Brands))
	out := make([]*Brand, len(a.in.Brands))
	var todo []int // indices of the brands to score
	for i, bf := range a.in.Brands {
		if b := a.mem.brands.get(i, bf.Brand.Slug); b != nil && b.from == a.sources(bf) {
			out[i] = b
		} else {
			todo = append(todo, i)
		}
	}
	pool.Each(len(todo), 0, nil, func(k int) { out[todo[k]] = a.score(a.in.Brands[todo[k]]) })
	for _, i := range todo {
		a.mem.brands.put(i, a.in.Brands[i].Brand.Slug, out[i])
	}
	return out
}

// sources is what a brand's scorecards are computed from.
func (a *assembly) sources(bf BrandFiles) brandSources {
	return brandSources{files: bf.Hash, model: a.in.Config.ModelHash, now: a.in.Now}
}

// score computes a brand's scorecards.
func (a *assembly) score(bf BrandFiles) *Brand {
	digest := incr.Hash("brand", bf.Hash, a.in.Config.ModelHash, a.in.Now.Format(time.DateOnly))
	b := &Brand{Slug: bf.Brand.Slug, Files: bf.Brand, Cards: score.Brand(a.m, bf.Brand, a.in.Now), digest: digest, from: a.sources(bf)}
	for _, c := range b.Cards {
		linkFindings(c.Findings)
		if c.Changes != nil {
			linkFindings(c.Changes.NewFindings)
			linkFindings(c.Changes.ClearedFindings)
		}
	}
	return b
}

// linkFindings points each finding at its check's playbook page.
func linkFindings(fs []score.Finding) {
	for i := range fs {
		fs[i].Page = routes.Check(fs[i].Check)
	}
}

// StaticPaths lists the files of static/ in order.
func (in Inputs) staticPaths() []string { return slices.Sorted(maps.Keys(in.Static)) }
