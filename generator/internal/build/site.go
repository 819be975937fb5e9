package build

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"html/template"
	"maps"
	"os"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"scorebook/generator/internal/chart"
	"scorebook/generator/internal/config"
	"scorebook/generator/internal/diag"
	"scorebook/generator/internal/markdown"
	"scorebook/generator/internal/model"
	"scorebook/generator/internal/render"
	"scorebook/generator/internal/score"
)

// site is one build's view of the inputs: the parsed layouts, the page
// tree, every brand's scorecards, and the hashes that key each output.
type site struct {
	e       *Engine
	cfg     *config.Site
	m       *model.Model
	layouts *render.Layouts
	*outline
	conv  *markdown.Converter
	rsite *render.Site

	brands     []*brandOut // every brand, by slug
	listed     []*brandOut // listed brands, by slug
	shareLinks map[string]string

	// Keys, besides the outline's and the listed brands': base covers
	// everything global (generator, settings, model, layouts, build date).
	base string
	*listedKeys
	// platforms lists the model platforms the playbook has a page for,
	// which scorecards link to.
	platforms string

	errs     diag.List
	warnings diag.List

	inlineOnce sync.Once
	inline     template.CSS
	cardsOnce  sync.Once
	cardList   []render.BrandCard

	rowsOnce sync.Once
	rows     []render.PortfolioRow

	firingOnce sync.Once
	firingBy   map[string][]render.Link // listed brands by the checks firing for them
}

// brandOut is one brand as published.
type brandOut struct {
	in        *brandInput
	slug      string
	cc        *cachedCards
	cards     []*score.Scorecard
	url       string // /scorecards/<slug>/ or /s/<token>/
	unlisted  bool
	published bool

	viewOnce sync.Once
	view     *render.ScorecardView // the current scorecard's, shared by its page and share file
	viewUses atomic.Int32
}

func (b *brandOut) current() *score.Scorecard { return b.cards[len(b.cards)-1] }

func (b *brandOut) card() render.BrandCard {
	return render.BrandCard{Assessment: b.in.brand.Current(), Cards: b.cards, URL: b.url}
}

// generatedCSS is the stylesheet made at build time: code highlighting
// and charts, for light, dark and print.
const generatedCSS = "css/generated.css"

// assemble derives this build's site from the loaded inputs.
func (e *Engine) assemble(ctx context.Context) (*site, error) {
	in := e.in
	s := &site{e: e, cfg: in.site, m: &in.site.Model, shareLinks: map[string]string{}}
	layouts, errs := e.parseLayouts()
	if errs.HasErrors() {
		return nil, errs.Err()
	}
	s.layouts = layouts
	s.conv = e.converter(s.cfg.UnsafeHTML)

	s.outline = e.pageOutline(s.m, s.cfg.ModelHash)
	s.errs = append(s.errs, s.tree.Diagnostics()...)

	keyHash := ""
	if e.opts.ShareKey != nil {
		keyHash = hashOf(string(e.opts.ShareKey))
	}
	s.base = hashOf(e.opts.Version, s.cfg.Hash, in.layoutsHash, e.opts.Now.Format("2006-01-02"), keyHash)
	s.scoreBrands()
	s.hashBrands()
	s.rsite = s.renderSite()
	return s, canceled(ctx)
}

func (e *Engine) parseLayouts() (*render.Layouts, diag.List) {
	if e.layouts != nil && e.layoutsHash == e.in.layoutsHash {
		return e.layouts, nil
	}
	l, errs := render.Parse(e.in.layouts)
	if !errs.HasErrors() {
		e.layouts, e.layoutsHash = l, e.in.layoutsHash
	}
	return l, errs
}

func (e *Engine) converter(unsafe bool) *markdown.Converter {
	if e.conv == nil || e.convUnsafe != unsafe {
		e.conv, e.convUnsafe = markdown.New(markdown.Options{UnsafeHTML: unsafe}), unsafe
		e.md.reset()
	}
	return e.conv
}

// scoreBrands computes every brand's scorecards, reusing those of brands
// whose files, model and build date are unchanged since the last build.
func (s *site) scoreBrands() {
	e := s.e
	if e.cards == nil {
		e.cards = map[string]*cachedCards{}
	}
	for _, slug := range slices.Sorted(maps.Keys(e.in.brands)) {
		bi := e.in.brands[slug]
		if bi.brand == nil || len(bi.brand.Assessments) == 0 {
			continue
		}
		key := hashOf(bi.hash, s.cfg.ModelHash, e.opts.Now.Format("2006-01-02"))
		cc, ok := e.cards[slug]
		if !ok || cc.key != key {
			cc = &cachedCards{key: key, cards: score.Brand(s.m, bi.brand, e.opts.Now)}
			e.cards[slug] = cc
		}
		b := &brandOut{in: bi, slug: slug, cc: cc, cards: cc.cards, unlisted: !bi.brand.Listed()}
		switch {
		case !b.unlisted:
			b.url = "/scorecards/" + slug + "/"
			b.published = true
			s.listed = append(s.listed, b)
		case e.opts.ShareKey != nil:
			b.url = "/s/" + ShareToken(e.opts.ShareKey, slug) + "/"
			b.published = true
			s.shareLinks[slug] = b.url
		default:
			s.warnings.Warn(assessmentsDir+"/"+slug, 0, 0,
				"brand %q is unlisted and SCOREBOOK_SHARE_KEY is not set: left out of the build", bi.brand.Name())
		}
		s.brands = append(s.brands, b)
	}
	for slug := range e.cards {
		if _, ok := e.in.brands[slug]; !ok {
			delete(e.cards, slug)
		}
	}
}

// ShareToken derives the unguessable path segment of an unlisted brand
// from the publisher's secret key: an HMAC of the slug.
func ShareToken(key []byte, slug string) string {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(slug))
	return hex.EncodeToString(mac.Sum(nil))[:32]
}

// hashBrands computes the keys of what pages show of the brands, or
// takes the last build's while the listed brands are the same.
func (s *site) hashBrands() {
	parts := make([]string, 0, 3*len(s.listed))
	for _, b := range s.listed {
		parts = append(parts, b.slug, b.cc.key, b.url)
	}
	if id := hashOf(parts...); s.e.listedKeys == nil || s.e.listedKeys.id != id {
		s.e.listedKeys = s.newListedKeys(id)
	}
	s.listedKeys = s.e.listedKeys
	var platforms []string
	for _, p := range s.m.Platforms {
		if s.tree.ByURL(platformURL(p.ID)) != nil {
			platforms = append(platforms, p.ID)
		}
	}
	s.platforms = hashOf(platforms...)
}

// listedKeys are the keys of what pages show of the listed brands, which
// depend on nothing but each listed brand's scorecards and address.
type listedKeys struct {
	id string // the listed brands they were computed for
	// portfolio covers every listed brand's assessments; roster every
	// name and assessment date; patternRoster every name, platform and
	// pattern; exampleKey the scoring page's worked example; firingKeys each
	// check page's list of the brands it fires for.
	portfolio, roster, patternRoster, exampleKey string
	firingKeys                                   map[string]string
}

func (s *site) newListedKeys(id string) *listedKeys {
	k := &listedKeys{id: id, firingKeys: map[string]string{}}
	var brands, roster, patterns []string
	for _, b := range s.listed {
		brands = append(brands, b.slug, b.in.hash)
		c := b.current()
		roster = append(roster, b.slug, c.Brand, c.Assessed, strings.Join(assessedDates(b), ","))
		a := b.in.brand.Current()
		patterns = append(patterns, b.slug, c.Brand, a.Platform, a.Pattern, a.PlannedPattern)
	}
	k.portfolio = hashOf(brands...)
	k.roster = hashOf(roster...)
	k.patternRoster = hashOf(patterns...)
	if b := s.exampleBrand(); b != nil {
		k.exampleKey = hashOf(b.slug, b.in.hash)
	}
	for _, c := range s.m.Checks {
		var parts []string
		for _, l := range s.firing(c.ID) {
			parts = append(parts, l.Title, l.URL, l.Note)
		}
		k.firingKeys[c.ID] = hashOf(parts...)
	}
	return k
}

func platformURL(id string) string { return "/platforms/" + id + "/" }

func (s *site) renderSite() *render.Site {
	css := s.e.in.static["css/site.css"]
	rs := &render.Site{
		Title: s.cfg.Title, Description: s.cfg.Description, Language: s.cfg.Language, BaseURL: s.cfg.BaseURL,
		ModelVersion: s.m.Version, BuildDate: s.e.opts.Now.Format("2006-01-02"), Menu: s.menuLinks,
	}
	if css.abs != "" {
		rs.Stylesheets = append(rs.Stylesheets, "css/site.css")
	}
	rs.Stylesheets = append(rs.Stylesheets, generatedCSS)
	if _, ok := s.e.in.static["js/site.js"]; ok {
		rs.Scripts = append(rs.Scripts, "js/site.js")
	}
	if _, ok := s.e.in.static["favicon.svg"]; ok {
		rs.Icon = "favicon.svg"
	}
	return rs
}

// inlineCSS is the whole stylesheet for the self-contained share file.
func (s *site) inlineCSS() template.CSS {
	s.inlineOnce.Do(func() { s.inline = s.readInlineCSS() })
	return s.inline
}

func (s *site) readInlineCSS() template.CSS {
	var b strings.Builder
	if css := s.e.in.static["css/site.css"]; css.abs != "" {
		if data, err := os.ReadFile(css.abs); err == nil {
			b.Write(data)
		}
	}
	b.WriteString(chart.CSS())
	return template.CSS(b.String())
}

// pagePath returns the output file of a page URL.
func pagePath(url string) string {
	return strings.TrimPrefix(path.Join(url, "index.html"), "/")
}

// assessedDates lists the dates of a brand's assessments, oldest first.
func assessedDates(b *brandOut) []string {
	dates := make([]string, len(b.cards))
	for i, c := range b.cards {
		dates[i] = c.Assessed
	}
	return dates
}
