package site

import (
	"errors"
	"fmt"
	"path"
	"strings"
	"time"

	"scorebook/generator/internal/content"
	"scorebook/generator/internal/diag"
	template "scorebook/generator/internal/gotemplate/html"
	"scorebook/generator/internal/incr"
	"scorebook/generator/internal/markdown"
	"scorebook/generator/internal/model"
	"scorebook/generator/internal/render"
	"scorebook/generator/internal/routes"
)

// PageInput is a page of the site in base.html: a playbook page, a
// model-driven or generated page, a portfolio filter, the search page or
// the 404 page.
type PageInput struct {
	Frame       *incr.Shared[render.Site]
	Kind        string
	URL         string
	Title       string
	Description string
	// Page is the playbook page whose Markdown it shows; nil for a
	// generated page. *content.Page is a Part digested by its file.
	Page     *content.Page
	Nav      Nav
	Children *incr.Shared[[]render.Link] // a home or list page's children
	Crumbs   Crumbs
	Absolute bool // links as absolute paths, for a page served at any address
	// Shows is the model-driven or brand-driven part of the page, nil for
	// a plain page.
	Shows Shows
}

// Nav is what a page shows of its section: the side menu and the pages
// before and after it (zero Links for none).
type Nav struct {
	SectionPages *incr.Shared[[]render.Link]
	Prev, Next   render.Link
}

// Crumbs are a page's breadcrumbs, at most two (zero Links for none).
type Crumbs [2]render.Link

func crumbs(links ...render.Link) Crumbs {
	var c Crumbs
	copy(c[:], links)
	return c
}

// Shows fills the model-driven or brand-driven part of a page's view.
// Implementations are comparable structs of values and parts, like Input.
type Shows interface {
	fill(r *Renderer, v *render.View) error
}

// Render implements Input.
func (in PageInput) Render(r *Renderer) ([]byte, []string, error) {
	v := newView(in.Frame, in.Kind, in.URL, in.Title, in.Description, in.Nav, in.Crumbs)
	v.Absolute = in.Absolute
	if in.Children != nil {
		v.Children = in.Children.V
	}
	var links []string
	if p := in.Page; p != nil {
		res, err := r.Convert(p)
		var limit *markdown.LimitError
		if errors.As(err, &limit) {
			// A page too costly to convert is the page's problem, at
			// its place in the file.
			var errs diag.List
			errs.Add(p.Path, p.BodyLine-1+limit.Line, limit.Col, "%s", limit.Message)
			return nil, nil, errs
		}
		if err != nil {
			return nil, nil, fmt.Errorf("convert %s: %w", p.Path, err)
		}
		if r.FreeBodies {
			p.Body = nil // rendered once and for all: free it for the pages still to come
		}
		links = res.Links
		v.Page = &render.Page{HTML: template.HTML(res.HTML), Tags: p.Tags}
		if p.TOC {
			for _, h := range res.TOC {
				v.Page.TOC = append(v.Page.TOC, render.Heading{Level: h.Level, ID: h.ID, Text: h.Text})
			}
		}
		if !p.Date.IsZero() {
			v.Page.Date = p.Date.Format(time.DateOnly)
		}
	}
	if in.Shows != nil {
		if err := in.Shows.fill(r, v); err != nil {
			return nil, nil, err
		}
	}
	out, err := r.execute(v)
	return out, links, err
}

// newView starts the view of one page.
func newView(frame *incr.Shared[render.Site], kind, url, title, description string, nav Nav, c Crumbs) *render.View {
	v := &render.View{Site: &frame.V, Kind: kind, URL: url, Title: title, Description: description}
	if nav.SectionPages != nil {
		v.SectionPages = nav.SectionPages.V
	}
	if nav.Prev.URL != "" {
		prev := nav.Prev
		v.Prev = &prev
	}
	if nav.Next.URL != "" {
		next := nav.Next
		v.Next = &next
	}
	for _, l := range c {
		if l.URL != "" {
			v.Crumbs = append(v.Crumbs, l)
		}
	}
	return v
}

// ShowsDimension is a dimension's page.
type ShowsDimension struct {
	Model *incr.Shared[*model.Model]
	ID    string
}

func (s ShowsDimension) fill(_ *Renderer, v *render.View) error {
	v.Dimension = render.NewDimensionView(s.Model.V, s.Model.V.Dimension(s.ID))
	return nil
}

// ShowsPattern is a pattern's page, with the listed brands that run or
// plan it.
type ShowsPattern struct {
	Model  *incr.Shared[*model.Model]
	ID     string
	Brands *incr.Shared[[]render.PatternMember]
}

func (s ShowsPattern) fill(_ *Renderer, v *render.View) error {
	v.Pattern = render.NewPatternView(s.Model.V, s.Model.V.Pattern(s.ID), s.Brands.V)
	return nil
}

// ShowsCheck is a check's page, with the listed brands it fires for.
type ShowsCheck struct {
	Model  *incr.Shared[*model.Model]
	ID     string
	Firing *incr.Shared[[]render.Link]
}

func (s ShowsCheck) fill(_ *Renderer, v *render.View) error {
	var firing []render.Link
	if s.Firing != nil {
		firing = s.Firing.V
	}
	v.Check = render.NewCheckView(s.Model.V.Check(s.ID), firing)
	return nil
}

// ShowsPatterns is the pattern comparison.
type ShowsPatterns struct {
	Model  *incr.Shared[*model.Model]
	Brands *incr.Shared[[]render.PatternMember]
}

func (s ShowsPatterns) fill(_ *Renderer, v *render.View) error {
	v.Patterns = render.NewPatternsView(s.Model.V, s.Brands.V)
	return nil
}

// ShowsPortfolio is a page of the portfolio, or of one of its filters:
// the rows it shows and its place among the pages, the figures over every
// page's rows (on the first page only), and the counts of every filter.
type ShowsPortfolio struct {
	Model              *incr.Shared[*model.Model]
	Rows               *incr.Shared[[]portfolioEntry]
	Page               render.PortfolioPage
	Stats              *incr.Shared[*render.PortfolioStats] // nil but on the first page
	Counts             *incr.Shared[render.FilterCounts]
	FilterKind, Filter string
}

func (s ShowsPortfolio) fill(r *Renderer, v *render.View) error {
	rows := rowsOf(s.Rows.V)
	var stats *render.PortfolioStats
	if s.Stats != nil {
		stats = s.Stats.V
	}
	pv := render.NewPortfolioView(s.Model.V, rows, s.Page, stats, s.Counts.V, s.FilterKind, s.Filter)
	for i := range pv.Rows {
		// NewPortfolioView keeps the order of the rows it is given.
		html, err := s.Rows.V[i].Brand.renderRow(r.Layouts, &pv.Rows[i])
		if err != nil {
			return err
		}
		pv.Rows[i].HTML = html
	}
	pv.JoinRows()
	v.Portfolio = pv
	return nil
}

// ShowsScoring is the "How scores are computed" page with its worked
// example.
type ShowsScoring struct {
	Model   *incr.Shared[*model.Model]
	Example *incr.Shared[*render.ScorecardView]
}

func (s ShowsScoring) fill(_ *Renderer, v *render.View) error {
	var ex *render.ScorecardView
	if s.Example != nil {
		ex = s.Example.V
	}
	v.Scoring = render.NewScoringView(s.Model.V, ex)
	return nil
}

// kindOf chooses the layout of a playbook page: its front matter's layout,
// or the model-driven kind its place implies, or page, list or home.
func kindOf(m *model.Model, p *content.Page) string {
	if p.Layout != "" {
		return p.Layout
	}
	return placeKind(m, p)
}

// placeKind is the layout a page's place implies: the model-driven kind
// of a model entry's page, else page, list or home.
func placeKind(m *model.Model, p *content.Page) string {
	if p.URL == routes.Home {
		return render.KindHome
	}
	dir, id := path.Split(strings.TrimSuffix(p.URL, "/"))
	switch {
	case dir == routes.Dimensions && m.Dimension(id) != nil:
		return render.KindDimension
	case dir == routes.Patterns && m.Pattern(id) != nil:
		return render.KindPattern
	case dir == routes.Checks && m.Check(id) != nil:
		return render.KindCheck
	case p.URL == routes.Patterns, p.URL == routes.Portfolio, p.URL == routes.Scoring:
		return sectionKind(p.URL)
	case p.IsSection:
		return render.KindList
	}
	return render.KindPage
}

// shows returns what a page of kind at url shows beyond its prose.
func (a *assembly) shows(kind, url string) Shows {
	switch kind {
	case render.KindDimension:
		return ShowsDimension{Model: a.model, ID: routes.Last(url)}
	case render.KindPattern:
		return ShowsPattern{Model: a.model, ID: routes.Last(url), Brands: a.parts.members}
	case render.KindCheck:
		return ShowsCheck{Model: a.model, ID: routes.Last(url), Firing: a.parts.firing[routes.Last(url)]}
	case render.KindPatterns:
		return ShowsPatterns{Model: a.model, Brands: a.parts.members}
	case render.KindPortfolio:
		return a.portfolioPage(a.parts.views[routes.Portfolio], "", "", 1)
	case render.KindScoring:
		return ShowsScoring{Model: a.model, Example: a.parts.example}
	}
	return nil
}

// entryKinds are the layouts that show one entry of the model, the one
// at the page's address.
var entryKinds = map[string]bool{render.KindDimension: true, render.KindPattern: true, render.KindCheck: true}

// kindCrumbs are the crumbs of the model-driven kinds.
var kindCrumbs = map[string]render.Link{
	render.KindDimension: {Title: "Dimensions", URL: routes.Dimensions},
	render.KindPattern:   {Title: "Patterns", URL: routes.Patterns},
	render.KindCheck:     {Title: "Checks", URL: routes.Checks},
}

// pageInput is the input of a playbook page (p set) or a generated page.
func (a *assembly) pageInput(p *content.Page, kind, url, title, description string) PageInput {
	o := a.in.Outline
	in := PageInput{Frame: a.frames.page, Kind: kind, URL: url, Title: title, Description: description, Page: p,
		Nav: o.nav(url), Shows: a.shows(kind, url)}
	if kind == render.KindList || kind == render.KindHome || p != nil && (p.IsSection || p.URL == routes.Home) {
		in.Children = o.children(url)
	}
	if c, ok := kindCrumbs[kind]; ok {
		in.Crumbs = crumbs(c)
	} else if p != nil && !p.IsSection {
		if c, ok := o.derived.crumbs[p.Section]; ok {
			in.Crumbs = crumbs(c)
		}
	}
	return in
}

// pageOutputs lists the playbook's pages, the model pages it has no page
// for, and the portfolio's filter pages. A playbook page's output comes
// from memory while the page and what it is made from (pageDeps) are
// unchanged.
func (a *assembly) pageOutputs() []*Output {
	tree := a.in.Outline.tree
	pages := tree.Pages()
	outs := make([]*Output, 0, len(pages)+len(a.in.Outline.derived.generated)+16)
	deps := pageDeps{frame: a.frames.page, outline: a.in.Outline.derived, model: a.model, parts: a.parts}
	a.mem.outputs.pages.begin(len(pages))
	for i, p := range pages {
		if o := a.mem.outputs.page(i, p, deps, func() *Output { return a.pageOutput(p) }); o != nil {
			outs = append(outs, o)
		}
	}
	for _, g := range a.in.Outline.derived.generated {
		title, description := g.Title, g.Description
		if g.URL == routes.Home {
			title, description = a.in.Config.Title, a.in.Config.Description
		}
		in := a.pageInput(nil, g.Kind, g.URL, title, description)
		outs = append(outs, a.mem.outputs.output(Output{Rel: routes.File(g.URL), Source: "the model's " + g.Kind + " page", Page: true, In: in}))
	}
	outs = a.portfolioOutputs(outs, "", "")
	for _, kind := range routes.FilterKinds {
		for _, id := range a.filterIDs(kind) {
			outs = a.portfolioOutputs(outs, kind, id)
		}
	}
	return outs
}

// portfolioPage is what page n of v, the portfolio filtered by kind and
// id ("" for none), shows.
func (a *assembly) portfolioPage(v *portfolioPart, kind, id string, n int) ShowsPortfolio {
	s := ShowsPortfolio{Model: a.model, Rows: v.paged[n-1], Page: v.pages[n-1], Counts: a.parts.counts, FilterKind: kind, Filter: id}
	if n == 1 {
		s.Stats = v.stats
	}
	return s
}

// portfolioOutputs appends the pages of the portfolio filtered by kind and
// id ("" for none) that are not playbook pages: every page of a filter,
// and the portfolio's pages after its first, which is the playbook's
// page at routes.Portfolio.
func (a *assembly) portfolioOutputs(outs []*Output, kind, id string) []*Output {
	title, source, first := "Scorecards", "the portfolio", 2
	if kind != "" {
		title, source, first = "Scorecards: "+a.filterName(kind, id), "the portfolio filtered by "+kind, 1
	}
	v := a.parts.views[routes.Filter(kind, id)]
	for n := first; n <= len(v.pages); n++ {
		url, t := routes.FilterPage(kind, id, n), title
		if len(v.pages) > 1 {
			t += fmt.Sprintf(", page %d of %d", n, len(v.pages))
		}
		in := PageInput{Frame: a.frames.page, Kind: render.KindPortfolio, URL: url, Title: t, Nav: a.in.Outline.nav(url),
			Crumbs: crumbs(render.Link{Title: "Scorecards", URL: routes.Portfolio}), Shows: a.portfolioPage(v, kind, id, n)}
		outs = append(outs, a.mem.outputs.output(Output{Rel: routes.File(url), Source: source, Page: true, In: in}))
	}
	return outs
}

// pageOutput is the output of playbook page p, made from p and what
// pageDeps names alone; nil when p has a problem, which it reports.
func (a *assembly) pageOutput(p *content.Page) *Output {
	kind := kindOf(a.m, p)
	if entryKinds[kind] && placeKind(a.m, p) != kind {
		a.out.Errs.Add(p.Path, 0, 0, "layout %q shows the model's %s at the page's address, but the model has no %s at %s: "+
			"expected the page of a %s the model names, or another layout (or none)", kind, kind, kind, p.URL, kind)
		return nil
	}
	in := a.pageInput(p, kind, p.URL, p.Title, p.Description)
	return &Output{Rel: routes.File(p.URL), Source: p.Path, Page: true, In: in, Markdown: p}
}

func (a *assembly) filterIDs(kind string) []string {
	var ids []string
	switch kind {
	case "platform":
		for _, p := range a.m.Platforms {
			ids = append(ids, p.ID)
		}
	case "pattern":
		for _, p := range a.m.Patterns {
			ids = append(ids, p.ID)
		}
	}
	return ids
}

func (a *assembly) filterName(kind, id string) string {
	switch kind {
	case "platform":
		if p := a.m.Platform(id); p != nil {
			return p.Name
		}
	case "pattern":
		if p := a.m.Pattern(id); p != nil {
			return p.Name
		}
	}
	return id
}
