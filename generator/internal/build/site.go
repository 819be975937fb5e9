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
	"scorebook/generator/internal/content"
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
	tree    *content.Tree
	conv    *markdown.Converter
	rsite   *render.Site

	brands     []*brandOut // every brand, by slug
	listed     []*brandOut // listed brands, by slug
	shareLinks map[string]string

	// Keys: base covers everything global (generator, settings, model,
	// layouts, build date); menu the top navigation; sections each
	// section's list of pages; nav every page's title; portfolio every
	// listed brand's assessments.
	base      string
	menu      string
	sections  map[string]string
	nav       string
	portfolio string
	roster    string // every listed brand's name and assessment dates
	// patternRoster is every listed brand's name, platform and patterns.
	patternRoster string
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

	sectionsOnce sync.Once
	lists        map[string]*sectionList
}

// brandOut is one brand as published.
type brandOut struct {
	in        *brandInput
	slug      string
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

	var pages []*content.Page
	for _, p := range in.pages {
		if !p.Draft {
			pages = append(pages, p)
		}
	}
	s.tree = content.NewTree(pages)
	s.errs = append(s.errs, s.tree.Diagnostics()...)

	keyHash := ""
	if e.opts.ShareKey != nil {
		keyHash = hashOf(string(e.opts.ShareKey))
	}
	s.base = hashOf(e.opts.Version, s.cfg.Hash, in.layoutsHash, e.opts.Now.Format("2006-01-02"), keyHash)
	s.scoreBrands()
	s.hashNavigation()
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
		e.cards = map[string]cachedCards{}
	}
	for _, slug := range slices.Sorted(maps.Keys(e.in.brands)) {
		bi := e.in.brands[slug]
		if bi.brand == nil || len(bi.brand.Assessments) == 0 {
			continue
		}
		key := hashOf(bi.hash, s.cfg.ModelHash, e.opts.Now.Format("2006-01-02"))
		cc, ok := e.cards[slug]
		if !ok || cc.key != key {
			cc = cachedCards{key: key, cards: score.Brand(s.m, bi.brand, e.opts.Now)}
			e.cards[slug] = cc
		}
		b := &brandOut{in: bi, slug: slug, cards: cc.cards, unlisted: !bi.brand.Listed()}
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

// cachedCards are a brand's scorecards with the key they were computed for.
type cachedCards struct {
	key   string
	cards []*score.Scorecard
}

// ShareToken derives the unguessable path segment of an unlisted brand
// from the publisher's secret key: an HMAC of the slug.
func ShareToken(key []byte, slug string) string {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(slug))
	return hex.EncodeToString(mac.Sum(nil))[:32]
}

// hashNavigation computes the keys of what pages show of other pages.
func (s *site) hashNavigation() {
	var menu, all []string
	for _, l := range s.menuLinks() {
		menu = append(menu, l.URL, l.Title, l.Description)
	}
	s.menu = hashOf(menu...)
	s.sections = map[string]string{"": hashPages(s.tree.Children(""))}
	for _, sec := range s.tree.Sections() {
		s.sections[sec.Name] = hashPages(sec.Pages)
	}
	for _, p := range s.tree.Pages() {
		all = append(all, p.URL, p.Title, p.Description)
	}
	s.nav = hashOf(all...)
	var brands, roster, patterns []string
	for _, b := range s.listed {
		brands = append(brands, b.slug, b.in.hash)
		c := b.current()
		roster = append(roster, b.slug, c.Brand, c.Assessed, strings.Join(assessedDates(b), ","))
		a := b.in.brand.Current()
		patterns = append(patterns, b.slug, c.Brand, a.Platform, a.Pattern, a.PlannedPattern)
	}
	s.portfolio = hashOf(brands...)
	s.roster = hashOf(roster...)
	s.patternRoster = hashOf(patterns...)
	var platforms []string
	for _, p := range s.m.Platforms {
		if s.tree.ByURL(platformURL(p.ID)) != nil {
			platforms = append(platforms, p.ID)
		}
	}
	s.platforms = hashOf(platforms...)
}

func platformURL(id string) string { return "/platforms/" + id + "/" }

// hashPages identifies what a list of pages shows of each page.
func hashPages(pages []*content.Page) string {
	parts := make([]string, 0, 3*len(pages))
	for _, p := range pages {
		parts = append(parts, p.URL, p.Title, p.Description)
	}
	return hashOf(parts...)
}

// menuLinks returns the top navigation: the sections and top-level pages
// in weight order, then the model-driven sections the content lacks.
func (s *site) menuLinks() []render.Link {
	type item struct {
		link   render.Link
		weight int
	}
	var items []item
	seen := map[string]bool{}
	for _, sec := range s.tree.Sections() {
		items = append(items, item{s.sectionLink(sec), sec.Weight()})
	}
	for _, p := range s.tree.Children("") {
		items = append(items, item{render.Link{Title: p.Title, URL: p.URL, Description: p.Description}, p.Weight})
	}
	slices.SortStableFunc(items, func(a, b item) int {
		switch {
		case a.weight == b.weight:
			return 0
		case a.weight == 0:
			return 1
		case b.weight == 0:
			return -1
		}
		return a.weight - b.weight
	})
	links := make([]render.Link, 0, len(items))
	for _, it := range items {
		links = append(links, it.link)
		seen[it.link.URL] = true
	}
	for _, g := range s.generatedSections() {
		if !seen[g.URL] {
			links = append(links, g)
		}
	}
	return links
}

// sectionLink is a section as menus, lists and crumbs show it: its index
// page's title and description; without an _index.md, those of the
// model's section at the same address, else its folder name.
func (s *site) sectionLink(sec *content.Section) render.Link {
	l := render.Link{Title: sec.Title(), URL: sec.URL()}
	if sec.Index != nil {
		l.Description = sec.Index.Description
		return l
	}
	for _, g := range s.generatedSections() {
		if g.URL == l.URL {
			return g
		}
	}
	return l
}

// generatedSections are the sections the model and the scorecards
// provide, whether or not the playbook has prose for them.
func (s *site) generatedSections() []render.Link {
	return []render.Link{
		{Title: "Dimensions", URL: "/dimensions/", Description: "The dimensions of integration capability and their criteria."},
		{Title: "Patterns", URL: "/patterns/", Description: "The integration patterns compared."},
		{Title: "Checks", URL: "/checks/", Description: "What each check detects and how to remediate it."},
		{Title: "How scores are computed", URL: "/scoring/", Description: "The formula, the weights and a worked example."},
		{Title: "Scorecards", URL: "/scorecards/", Description: "Every listed brand against every dimension."},
	}
}

func (s *site) renderSite() *render.Site {
	css := s.e.in.static["css/site.css"]
	rs := &render.Site{
		Title: s.cfg.Title, Description: s.cfg.Description, Language: s.cfg.Language, BaseURL: s.cfg.BaseURL,
		ModelVersion: s.m.Version, BuildDate: s.e.opts.Now.Format("2006-01-02"), Menu: s.menuLinks(),
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
