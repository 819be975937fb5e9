package site

import (
	"slices"

	"scorebook/generator/internal/content"
	"scorebook/generator/internal/incr"
	"scorebook/generator/internal/model"
	"scorebook/generator/internal/render"
	"scorebook/generator/internal/routes"
)

// Outline is what a site derives from its pages' places, titles and
// descriptions and from the model alone: the page tree, the menu, every
// section's list of pages, and the pages the model adds. It reads of a
// page only what content.Tree.With keeps the same when it swaps a page
// in, so an Outline stays true for a tree with pages swapped in (Swap):
// most edits in the dev server change a page's body, not its outline.
type Outline struct {
	tree      *content.Tree
	modelHash string
	derived   *outlineParts
}

// outlineParts is what an Outline derives, shared by the copies Swap makes.
type outlineParts struct {
	menu      *incr.Shared[[]render.Link]
	lists     map[string]*sectionList
	crumbs    map[string]render.Link // each section's link, for its pages' crumbs
	generated []generated            // model pages the playbook has no page for
	// pages lists every page and model page (the home page without its
	// title, which the settings give) for the search index and sitemap.
	pages []SearchEntry
}

// sectionList is the pages of one section in reading order, with each
// page's place in it, for lists, the side menu and previous/next links.
type sectionList struct {
	links *incr.Shared[[]render.Link]
	pos   map[string]int // URL → index in links
}

// NewOutline orders pages (no drafts) and derives everything else from
// them and the model m, whose source has the hash modelHash.
func NewOutline(pages []*content.Page, m *model.Model, modelHash string) *Outline {
	tree := content.NewTree(pages)
	d := &outlineParts{lists: map[string]*sectionList{}, crumbs: map[string]render.Link{}}
	d.menu = incr.Share(topMenu(tree))
	names := []string{""}
	for _, sec := range tree.Sections() {
		names = append(names, sec.Name)
		d.crumbs[sec.Name] = sectionLink(sec)
	}
	for _, name := range []string{"dimensions", "patterns", "checks"} {
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	for _, name := range names {
		links := pagesOf(tree, name, m)
		l := &sectionList{links: incr.Share(links), pos: make(map[string]int, len(links))}
		for i, link := range links {
			l.pos[link.URL] = i
		}
		d.lists[name] = l
	}
	o := &Outline{tree: tree, modelHash: modelHash, derived: d}
	for _, g := range modelPages(tree, m) {
		if tree.ByURL(g.URL) == nil && !slices.ContainsFunc(d.generated, func(h generated) bool { return h.URL == g.URL }) {
			d.generated = append(d.generated, g)
		}
	}
	for _, p := range tree.Pages() {
		section := ""
		if sec := tree.Section(p.Section); sec != nil && !p.IsSection {
			section = sectionLink(sec).Title
		}
		d.pages = append(d.pages, SearchEntry{p.Title, p.URL, p.Description, section})
	}
	for _, g := range d.generated {
		d.pages = append(d.pages, SearchEntry{g.Title, g.URL, g.Description, ""})
	}
	return o
}

// Tree returns the outline's pages.
func (o *Outline) Tree() *content.Tree { return o.tree }

// ModelHash identifies the model the outline was made with.
func (o *Outline) ModelHash() string { return o.modelHash }

// Swap returns the outline with page p read again, when p changed nothing
// an outline shows; false when p is gone, moved or retitled.
func (o *Outline) Swap(p *content.Page) (*Outline, bool) {
	switch {
	case p == nil:
		return nil, false
	case p.Draft:
		// A draft is in no tree: the outline stands unless p was published.
		old := o.tree.ByURL(p.URL)
		return o, old == nil || old.Path != p.Path
	}
	tree, ok := o.tree.With(p)
	if !ok {
		return nil, false
	}
	return &Outline{tree: tree, modelHash: o.modelHash, derived: o.derived}, true
}

// nav returns what a page at url shows of its section: the side menu
// (nothing for the home page or a section too large to list on every
// page) and the pages before and after it.
func (o *Outline) nav(url string) Nav {
	l := o.derived.lists[routes.Section(url)]
	if l == nil {
		return Nav{}
	}
	var n Nav
	if routes.Section(url) != "" && len(l.links.V) <= maxSideMenu {
		n.SectionPages = l.links
	}
	if i, ok := l.pos[url]; ok {
		if i > 0 {
			n.Prev = l.links.V[i-1]
		}
		if i+1 < len(l.links.V) {
			n.Next = l.links.V[i+1]
		}
	}
	return n
}

// children lists the pages a section or home page shows.
func (o *Outline) children(url string) *incr.Shared[[]render.Link] {
	if url == routes.Home {
		return o.derived.menu
	}
	if l := o.derived.lists[routes.Section(url)]; l != nil {
		return l.links
	}
	return nil
}

// maxSideMenu is the most pages of one section the side menu lists; a
// larger section is reached through its own page.
const maxSideMenu = 60

// pagesOf lists a section's pages. The model's sections list the model's
// dimensions, patterns or checks in model order, with the title and
// description of the playbook's page where it has one, followed by the
// section's other pages; other sections list their pages in tree order.
func pagesOf(tree *content.Tree, name string, m *model.Model) []render.Link {
	var links []render.Link
	type entry struct{ url, name, summary string }
	var ids []entry
	switch name {
	case "dimensions":
		for _, d := range m.Dimensions {
			ids = append(ids, entry{routes.Dimension(d.ID), d.Name, d.Summary})
		}
	case "patterns":
		for _, p := range m.Patterns {
			ids = append(ids, entry{routes.Pattern(p.ID), p.Name, p.Summary})
		}
	case "checks":
		for _, c := range m.Checks {
			ids = append(ids, entry{routes.Check(c.ID), c.Name, c.Summary})
		}
	}
	listed := map[string]bool{}
	for _, id := range ids {
		link := render.Link{Title: id.name, URL: id.url, Description: id.summary}
		if p := tree.ByURL(id.url); p != nil {
			link.Title = p.Title
			if p.Description != "" {
				link.Description = p.Description
			}
		}
		listed[id.url] = true
		links = append(links, link)
	}
	for _, p := range tree.Children(name) {
		if !listed[p.URL] {
			links = append(links, linkOf(p))
		}
	}
	return links
}

// linkOf is a page as lists and menus show it.
func linkOf(p *content.Page) render.Link {
	return render.Link{Title: p.Title, URL: p.URL, Description: p.Description}
}

// topMenu returns the top navigation: the sections and top-level pages in
// weight order, then the model-driven sections the content lacks.
func topMenu(tree *content.Tree) []render.Link {
	type item struct {
		link   render.Link
		weight int
	}
	var items []item
	seen := map[string]bool{}
	for _, sec := range tree.Sections() {
		items = append(items, item{sectionLink(sec), sec.Weight()})
	}
	for _, p := range tree.Children("") {
		items = append(items, item{linkOf(p), p.Weight})
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
	for _, g := range generatedSections {
		if !seen[g.URL] {
			links = append(links, g)
		}
	}
	return links
}

// sectionLink is a section as menus, lists and crumbs show it: its index
// page's title and description; without an _index.md, those of the
// model's section at the same address, else its folder name.
func sectionLink(sec *content.Section) render.Link {
	l := render.Link{Title: sec.Title(), URL: sec.URL()}
	if sec.Index != nil {
		l.Description = sec.Index.Description
		return l
	}
	for _, g := range generatedSections {
		if g.URL == l.URL {
			return g
		}
	}
	return l
}

// generatedSections are the sections the model and the scorecards
// provide, whether or not the playbook has prose for them.
var generatedSections = []render.Link{
	{Title: "Dimensions", URL: routes.Dimensions, Description: "The dimensions of integration capability and their criteria."},
	{Title: "Patterns", URL: routes.Patterns, Description: "The integration patterns compared."},
	{Title: "Checks", URL: routes.Checks, Description: "What each check detects and how to remediate it."},
	{Title: "How scores are computed", URL: routes.Scoring, Description: "The formula, the weights and a worked example."},
	{Title: "Scorecards", URL: routes.Portfolio, Description: "Every listed brand against every dimension."},
}

// generated is a model-driven page the playbook may have no prose for.
type generated struct {
	URL, Kind, Title, Description string
}

// modelPages lists the pages the model and scorecards call for.
func modelPages(tree *content.Tree, m *model.Model) []generated {
	g := []generated{{URL: routes.Home, Kind: render.KindHome}}
	for _, sec := range generatedSections {
		g = append(g, generated{URL: sec.URL, Kind: sectionKind(sec.URL), Title: sec.Title, Description: sec.Description})
	}
	for _, d := range m.Dimensions {
		g = append(g, generated{URL: routes.Dimension(d.ID), Kind: render.KindDimension, Title: d.Name, Description: d.Summary})
	}
	for _, p := range m.Patterns {
		g = append(g, generated{URL: routes.Pattern(p.ID), Kind: render.KindPattern, Title: p.Name, Description: p.Summary})
	}
	for _, c := range m.Checks {
		g = append(g, generated{URL: routes.Check(c.ID), Kind: render.KindCheck, Title: c.Name, Description: c.Summary})
	}
	// A folder of pages without an _index.md still gets the list page
	// the menu links to.
	for _, sec := range tree.Sections() {
		if sec.Index == nil {
			l := sectionLink(sec)
			g = append(g, generated{URL: l.URL, Kind: render.KindList, Title: l.Title, Description: l.Description})
		}
	}
	return g
}

// sectionKind is the layout of a generated section's page.
func sectionKind(url string) string {
	switch url {
	case routes.Patterns:
		return render.KindPatterns
	case routes.Portfolio:
		return render.KindPortfolio
	case routes.Scoring:
		return render.KindScoring
	}
	return render.KindList
}
