package build

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"sync"

	"scorebook/generator/internal/chart"
	"scorebook/generator/internal/content"
	"scorebook/generator/internal/markdown"
	"scorebook/generator/internal/render"
)

// renderPage renders a playbook page, with the model-driven parts its kind
// calls for.
func (s *site) renderPage(p *content.Page, kind string) ([]byte, []string, error) {
	res, err := s.e.md.convert(s.conv, p)
	if err != nil {
		return nil, nil, fmt.Errorf("convert %s: %w", p.Path, err)
	}
	if s.e.opts.OneShot {
		p.Body = nil // rendered once and for all: free it for the pages still to come
	}
	v := s.view(kind, p.URL, p.Title, p.Description)
	v.Page = &render.Page{HTML: template.HTML(res.HTML), Tags: p.Tags}
	if p.TOC {
		for _, h := range res.TOC {
			v.Page.TOC = append(v.Page.TOC, render.Heading{Level: h.Level, ID: h.ID, Text: h.Text})
		}
	}
	if !p.Date.IsZero() {
		v.Page.Date = p.Date.Format("2006-01-02")
	}
	if p.URL == "/" || p.IsSection {
		v.Children = s.children(p.URL)
	}
	if sec := s.tree.Section(p.Section); sec != nil && !p.IsSection {
		v.Crumbs = append(v.Crumbs, sectionLink(sec))
	}
	if err := s.fill(v); err != nil {
		return nil, nil, err
	}
	out, err := s.execute(v)
	return out, res.Links, err
}

// renderGenerated renders a model-driven page the playbook has no prose for.
func (s *site) renderGenerated(g generated) ([]byte, error) {
	v := s.view(g.kind, g.url, g.title, g.description)
	if g.kind == render.KindList || g.kind == render.KindHome {
		v.Children = s.children(g.url)
	}
	if err := s.fill(v); err != nil {
		return nil, err
	}
	return s.execute(v)
}

// view starts the view of one page.
func (s *site) view(kind, url, title, description string) *render.View {
	v := &render.View{Site: s.rsite, Kind: kind, URL: url, Title: title, Description: description}
	v.SectionPages = s.sectionPages(url)
	v.Prev, v.Next = s.neighbours(url)
	return v
}

// fill adds the model-driven and portfolio parts a kind of page shows.
func (s *site) fill(v *render.View) (err error) {
	switch v.Kind {
	case render.KindDimension:
		v.Dimension = render.NewDimensionView(s.m, s.m.Dimension(lastSegment(v.URL)))
		v.Crumbs = []render.Link{{Title: "Dimensions", URL: "/dimensions/"}}
	case render.KindPattern:
		v.Pattern = render.NewPatternView(s.m, s.m.Pattern(lastSegment(v.URL)), s.brandCards())
		v.Crumbs = []render.Link{{Title: "Patterns", URL: "/patterns/"}}
	case render.KindCheck:
		id := lastSegment(v.URL)
		v.Check = render.NewCheckView(s.m.Check(id), s.firing(id))
		v.Crumbs = []render.Link{{Title: "Checks", URL: "/checks/"}}
	case render.KindPatterns:
		v.Patterns = render.NewPatternsView(s.m, s.brandCards())
	case render.KindPortfolio:
		v.Portfolio, err = s.portfolioView("", "")
	case render.KindScoring:
		v.Scoring = render.NewScoringView(s.m, s.example())
	}
	return err
}

func (s *site) renderPortfolioFilter(url, kind, id string) ([]byte, error) {
	pv, err := s.portfolioView(kind, id)
	if err != nil {
		return nil, err
	}
	v := s.view(render.KindPortfolio, url, "Scorecards: "+pv.Filter, "")
	v.Portfolio = pv
	v.Crumbs = []render.Link{{Title: "Scorecards", URL: "/scorecards/"}}
	return s.execute(v)
}

// renderScorecard renders the i-th assessment of brand b, as a page of the
// site or as the self-contained share file.
func (s *site) renderScorecard(b *brandOut, i int, share bool) ([]byte, error) {
	card := b.cards[i]
	var sv *render.ScorecardView
	if i == len(b.cards)-1 {
		// The page and the share file of the current scorecard show one
		// view: its charts are drawn once.
		b.viewOnce.Do(func() { b.view = s.scorecardView(b, i) })
		sv = b.view
		if b.viewUses.Add(1) == 2 {
			b.view = nil // both have it: let it go
		}
	} else {
		sv = s.scorecardView(b, i)
	}
	kind := render.KindScorecard
	if share {
		kind = render.KindShare
	}
	title := card.Brand
	if !sv.Current {
		title += ", assessed " + card.Assessed
	}
	v := s.view(kind, sv.URL, title, "Integration capability scorecard of "+card.Brand+", assessed "+card.Assessed)
	v.Scorecard = sv
	v.NoIndex = b.unlisted
	if share {
		site := *s.rsite
		site.InlineCSS = s.inlineCSS()
		v.Site = &site
	}
	if !sv.Current {
		// An earlier assessment's page is permanent: nothing on it may
		// change with the build date, not even the footer.
		site := *v.Site
		site.BuildDate = ""
		v.Site = &site
	}
	if !b.unlisted {
		v.Crumbs = []render.Link{{Title: "Scorecards", URL: "/scorecards/"}}
		if !sv.Current {
			v.Crumbs = append(v.Crumbs, render.Link{Title: card.Brand, URL: b.url})
		}
	} else {
		// An unlisted scorecard links to nothing that would reveal where
		// the other share paths are, and shows no site menu.
		site := *v.Site
		site.Menu = nil
		v.Site = &site
	}
	return s.execute(v)
}

// scorecardView builds the view of a brand's i-th scorecard.
func (s *site) scorecardView(b *brandOut, i int) *render.ScorecardView {
	sv := render.NewScorecardView(s.m, b.in.brand.Assessments[i], b.cards[i], b.cards, b.url)
	if sv.Platform != nil && s.tree.ByURL(sv.Platform.URL) == nil {
		sv.Platform.URL = "" // the playbook has no page on this platform
	}
	return sv
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func (s *site) execute(v *render.View) ([]byte, error) {
	buf := bufPool.Get().(*bytes.Buffer)
	defer bufPool.Put(buf)
	buf.Reset()
	if err := s.layouts.Render(buf, v); err != nil {
		return nil, err
	}
	return bytes.Clone(buf.Bytes()), nil
}

// brandCards returns the listed brands for portfolio views.
func (s *site) brandCards() []render.BrandCard {
	s.cardsOnce.Do(func() {
		for _, b := range s.listed {
			s.cardList = append(s.cardList, b.card())
		}
	})
	return s.cardList
}

// portfolioRows returns the portfolio's rows, built once per build from
// each brand's row as the Engine keeps it.
func (s *site) portfolioRows() []render.PortfolioRow {
	s.rowsOnce.Do(func() {
		s.rows = make([]render.PortfolioRow, 0, len(s.listed))
		for _, b := range s.listed {
			s.rows = append(s.rows, b.cc.portfolioRow(s.m, b.card()))
		}
		render.SortPortfolioRows(s.rows)
	})
	return s.rows
}

// portfolioView builds the portfolio, or one of its filtered pages, with
// every row rendered.
func (s *site) portfolioView(filterKind, filter string) (*render.PortfolioView, error) {
	pv := render.NewPortfolioView(s.m, s.portfolioRows(), filterKind, filter)
	for i := range pv.Rows {
		r := &pv.Rows[i]
		html, err := s.e.cards[r.Slug].rowHTML(s.layouts, s.e.layoutsHash, r)
		if err != nil {
			return nil, err
		}
		r.HTML = html
	}
	return pv, nil
}

// firing lists the listed brands whose current scorecard has a finding
// of check id, for the check's page.
func (s *site) firing(id string) []render.Link {
	s.firingOnce.Do(func() {
		type fired struct {
			check, worst string
			n            int
		}
		s.firingBy = map[string][]render.Link{}
		var checks []fired
		for _, b := range s.listed {
			checks = checks[:0]
			for _, f := range b.current().Findings {
				i := slices.IndexFunc(checks, func(c fired) bool { return c.check == f.Check })
				if i < 0 {
					// Findings come worst first: the first of a check is its worst.
					checks = append(checks, fired{check: f.Check, worst: f.Severity})
					i = len(checks) - 1
				}
				checks[i].n++
			}
			for _, c := range checks {
				s.firingBy[c.check] = append(s.firingBy[c.check], render.Link{Title: b.current().Brand, URL: b.url,
					Note: strconv.Itoa(c.n) + " finding" + plural(c.n) + ", worst " + c.worst})
			}
		}
	})
	return s.firingBy[id]
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// example picks the brand for the worked example on the scoring page: the
// listed brand whose current scorecard is most complete.
func (s *site) example() *render.ScorecardView {
	best := s.exampleBrand()
	if best == nil {
		return nil
	}
	return render.NewScorecardView(s.m, best.in.brand.Current(), best.current(), best.cards, best.url)
}

// exampleBrand is the listed brand whose current scorecard is most
// complete, the first by slug among equals.
func (s *site) exampleBrand() *brandOut {
	var best *brandOut
	for _, b := range s.listed {
		if best == nil || b.current().Overall.Coverage > best.current().Overall.Coverage {
			best = b
		}
	}
	return best
}

func lastSegment(url string) string {
	url = url[:len(url)-1]
	for i := len(url) - 1; i >= 0; i-- {
		if url[i] == '/' {
			return url[i+1:]
		}
	}
	return url
}

// generatedStylesheet is the CSS for code highlighting and charts.
func generatedStylesheet() []byte {
	var b bytes.Buffer
	b.WriteString("/* Generated by scorebook: code highlighting and charts. */\n")
	b.Write(markdown.ChromaCSS())
	b.WriteString(chart.CSS())
	return b.Bytes()
}
