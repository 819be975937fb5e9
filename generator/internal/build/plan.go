package build

import (
	"maps"
	"os"
	"path"
	"slices"
	"strings"

	"scorebook/generator/internal/content"
	"scorebook/generator/internal/render"
)

// job is one output file: its path, the key of everything it depends on,
// and how to render it. A job whose key matches the last build's is reused
// without rendering.
type job struct {
	rel    string
	key    string
	page   bool          // an HTML page, counted in the summary
	source *content.Page // the Markdown page it renders, if any
	// render makes the output for the site being built. It is handed the
	// site rather than holding on to one, so that a job planned by an
	// earlier build of the Engine may be carried over (see pageJobs).
	render func(*site) ([]byte, []string, error)
}

// plan lists every output of the site.
func (s *site) plan() []job {
	pages := s.pageJobs()
	jobs := make([]job, 0, len(pages)+6*len(s.brands)+64)
	jobs = append(jobs, pages...)
	for _, g := range s.generatedPages() {
		jobs = append(jobs, s.generatedJob(g))
	}
	jobs = append(jobs, s.portfolioFilterJobs()...)
	for _, b := range s.brands {
		if b.published {
			jobs = append(jobs, s.brandJobs(b)...)
		}
	}
	s.e.brandKeys.sweep()
	jobs = append(jobs, s.dataJobs()...)
	jobs = append(jobs, s.staticJobs()...)
	return jobs
}

// pagePlan is the page jobs of a build, with what they have in common.
type pagePlan struct {
	shared pageShared
	jobs   []job // in tree order
}

// pageShared is what every page's key may depend on beyond the page
// itself and its place in the outline.
type pageShared struct {
	outline         int
	base, menu, nav string
	listed          *listedKeys
}

// pageJobs plans the playbook's pages, in tree order. While the outline
// and everything the pages' keys share are the last build's, the last
// build's jobs are carried over and only the pages read since (swapped
// into the tree, so not the same *content.Page) are planned again: a page
// edit in a large site does not plan every page anew.
func (s *site) pageJobs() []job {
	pages := s.tree.Pages()
	shared := pageShared{outline: s.outline.id, base: s.base, menu: s.menu, nav: s.nav, listed: s.listedKeys}
	last := s.e.pagePlan
	carry := last != nil && last.shared == shared && len(last.jobs) == len(pages)
	jobs := make([]job, len(pages))
	for i, p := range pages {
		if carry && last.jobs[i].source == p {
			jobs[i] = last.jobs[i]
		} else {
			jobs[i] = s.pageJob(p)
		}
	}
	if s.e.pageKeys != nil {
		if !carry {
			s.e.pageKeys.sweep()
		}
		s.e.pagePlan = &pagePlan{shared: shared, jobs: jobs}
	}
	return jobs
}

// keyed is an output's path and key.
type keyed struct{ rel, key string }

// pageInputs is everything a playbook page's output depends on.
type pageInputs struct {
	base, menu, place, hash, url, kind, nav, shown string
}

// brandInputs is everything a brand's outputs depend on.
type brandInputs struct {
	base, menu, platforms, hash, url, css string
}

// kindOf chooses the layout of a playbook page: its front matter's layout,
// or the model-driven kind its place implies, or page, list or home.
func (s *site) kindOf(p *content.Page) string {
	if p.Layout != "" {
		return p.Layout
	}
	if p.URL == "/" {
		return render.KindHome
	}
	dir, id := path.Split(strings.TrimSuffix(p.URL, "/"))
	switch {
	case dir == "/dimensions/" && s.m.Dimension(id) != nil:
		return render.KindDimension
	case dir == "/patterns/" && s.m.Pattern(id) != nil:
		return render.KindPattern
	case dir == "/checks/" && s.m.Check(id) != nil:
		return render.KindCheck
	case p.URL == "/patterns/":
		return render.KindPatterns
	case p.URL == "/scorecards/":
		return render.KindPortfolio
	case p.URL == "/scoring/":
		return render.KindScoring
	case p.IsSection:
		return render.KindList
	}
	return render.KindPage
}

// brandsShown digests what a page of kind at url shows of the listed
// brands, so that an edited assessment re-renders only the pages it shows
// on: the portfolio shows every score, a check page the brands it fires
// for, the pattern pages who runs or plans what, the scoring page its
// worked example.
func (s *site) brandsShown(kind, url string) string {
	switch kind {
	case render.KindPortfolio:
		return s.portfolio
	case render.KindCheck:
		return s.firingKeys[lastSegment(url)]
	case render.KindPattern, render.KindPatterns:
		return s.patternRoster
	case render.KindScoring:
		return s.exampleKey
	}
	return ""
}

func (s *site) pageJob(p *content.Page) job {
	kind := s.kindOf(p)
	in := pageInputs{base: s.base, menu: s.menu, place: s.placeKey(p), hash: p.Hash, url: p.URL, kind: kind,
		shown: s.brandsShown(kind, p.URL)}
	if p.URL == "/" {
		in.nav = s.nav
	}
	out := s.e.pageKeys.get(p.URL, in, func(in pageInputs) keyed {
		return keyed{pagePath(in.url), hashOf("page", in.base, in.menu, in.place, in.hash, in.url, in.kind, in.nav, in.shown)}
	})
	return job{rel: out.rel, key: out.key, page: true, source: p,
		render: func(s *site) ([]byte, []string, error) { return s.renderPage(p, kind) }}
}

// placeKey digests what a page shows of its section: every page of it
// when the side menu lists them or the page is the section's list, else
// only the pages before and after it, so that retitling one page of a
// large section re-renders its neighbours, not the whole section.
func (s *site) placeKey(p *content.Page) string {
	if k, ok := s.places[p.URL]; ok {
		return k
	}
	k := s.placeKeyOf(p)
	s.places[p.URL] = k
	return k
}

func (s *site) placeKeyOf(p *content.Page) string {
	l := s.lists[sectionName(p.URL)]
	if p.IsSection || p.URL == "/" || l == nil || len(l.links) <= maxSideMenu {
		return s.sections[p.Section]
	}
	prev, next := s.neighbours(p.URL)
	parts := []string{"neighbours"}
	for _, n := range []*render.Link{prev, next} {
		if n != nil {
			parts = append(parts, n.Title, n.URL)
		} else {
			parts = append(parts, "", "")
		}
	}
	return hashOf(parts...)
}

// generated is a model-driven page the playbook has no prose for.
type generated struct {
	url, kind, title, description string
}

// modelPages lists the pages the model and scorecards call for.
func (s *site) modelPages() []generated {
	g := []generated{{url: "/", kind: render.KindHome, title: s.cfg.Title, description: s.cfg.Description}}
	for _, sec := range generatedSections {
		kind := render.KindList
		switch sec.URL {
		case "/patterns/":
			kind = render.KindPatterns
		case "/scorecards/":
			kind = render.KindPortfolio
		case "/scoring/":
			kind = render.KindScoring
		}
		g = append(g, generated{url: sec.URL, kind: kind, title: sec.Title, description: sec.Description})
	}
	for _, d := range s.m.Dimensions {
		g = append(g, generated{url: "/dimensions/" + d.ID + "/", kind: render.KindDimension, title: d.Name, description: d.Summary})
	}
	for _, p := range s.m.Patterns {
		g = append(g, generated{url: "/patterns/" + p.ID + "/", kind: render.KindPattern, title: p.Name, description: p.Summary})
	}
	for _, c := range s.m.Checks {
		g = append(g, generated{url: "/checks/" + c.ID + "/", kind: render.KindCheck, title: c.Name, description: c.Summary})
	}
	// A folder of pages without an _index.md still gets the list page
	// the menu links to.
	for _, sec := range s.tree.Sections() {
		if sec.Index == nil {
			l := sectionLink(sec)
			g = append(g, generated{url: l.URL, kind: render.KindList, title: l.Title, description: l.Description})
		}
	}
	return g
}

// generatedPages lists the model pages the playbook has no page for.
func (s *site) generatedPages() []generated {
	var out []generated
	seen := map[string]bool{}
	for _, g := range s.modelPages() {
		if s.tree.ByURL(g.url) == nil && !seen[g.url] {
			seen[g.url] = true
			out = append(out, g)
		}
	}
	return out
}

func (s *site) generatedJob(g generated) job {
	key := hashOf("generated", s.base, s.menu, s.sections[sectionName(g.url)], g.url, g.kind, s.brandsShown(g.kind, g.url))
	return job{rel: pagePath(g.url), key: key, page: true, render: noLinks(func(s *site) ([]byte, error) { return s.renderGenerated(g) })}
}

func (s *site) portfolioFilterJobs() []job {
	var jobs []job
	add := func(kind, id string) {
		url := "/scorecards/" + kind + "/" + id + "/"
		parts := []string{"filter", s.base, s.menu, s.patternRoster, url}
		for _, b := range s.listed {
			if a := b.in.brand.Current(); kind == "platform" && a.Platform == id || kind == "pattern" && a.Pattern == id {
				parts = append(parts, b.in.hash)
			}
		}
		jobs = append(jobs, job{rel: pagePath(url), key: hashOf(parts...), page: true,
			render: noLinks(func(s *site) ([]byte, error) { return s.renderPortfolioFilter(url, kind, id) })})
	}
	for _, p := range s.m.Platforms {
		add("platform", p.ID)
	}
	for _, p := range s.m.Patterns {
		add("pattern", p.ID)
	}
	return jobs
}

func (s *site) brandJobs(b *brandOut) []job {
	in := brandInputs{base: s.base, menu: s.menu, platforms: s.platforms, hash: b.in.hash, url: b.url,
		css: s.e.in.static["css/site.css"].hash}
	// The assessment dates the pages are named by come from the brand's
	// files, which in.hash covers.
	outs := s.e.brandKeys.get(b.slug, in, func(in brandInputs) []keyed {
		dir := strings.TrimPrefix(in.url, "/")
		k := func(rel, kind string) keyed {
			return keyed{rel, hashOf(kind, in.base, in.menu, in.platforms, in.hash, in.url)}
		}
		outs := []keyed{k(dir+"scorecard.json", "json"), k(dir+"scorecard.csv", "csv"), k(dir+"share.html", "share "+in.css)}
		for i, c := range b.cards {
			url := render.PageOfAssessment(in.url, c.Assessed, i == len(b.cards)-1)
			outs = append(outs, k(pagePath(url), "card "+c.Assessed))
		}
		return outs
	})
	j := func(out keyed, page bool, render func(*site) ([]byte, error)) job {
		return job{rel: out.rel, key: out.key, page: page, render: noLinks(render)}
	}
	jobs := []job{
		j(outs[0], false, func(*site) ([]byte, error) { return scorecardJSON(b.current()) }),
		j(outs[1], false, func(s *site) ([]byte, error) { return scorecardCSV(s.m, b.current()) }),
		j(outs[2], false, func(s *site) ([]byte, error) { return s.renderScorecard(b, len(b.cards)-1, true) }),
	}
	for i := range b.cards {
		jobs = append(jobs, j(outs[3+i], true, func(s *site) ([]byte, error) { return s.renderScorecard(b, i, false) }))
	}
	return jobs
}

func (s *site) staticJobs() []job {
	var jobs []job
	for _, rel := range slices.Sorted(maps.Keys(s.e.in.static)) {
		f := s.e.in.static[rel]
		jobs = append(jobs, job{rel: rel, key: hashOf("static", f.hash), render: noLinks(func(*site) ([]byte, error) { return os.ReadFile(f.abs) })})
	}
	jobs = append(jobs, job{rel: generatedCSS, key: hashOf("css", s.e.opts.Version), render: noLinks(func(*site) ([]byte, error) { return generatedStylesheet(), nil })})
	return jobs
}

// noLinks adapts a renderer of an output that links to nothing to check.
func noLinks(f func(*site) ([]byte, error)) func(*site) ([]byte, []string, error) {
	return func(s *site) ([]byte, []string, error) {
		out, err := f(s)
		return out, nil, err
	}
}
