package build

import (
	"slices"

	"scorebook/generator/internal/content"
	"scorebook/generator/internal/model"
	"scorebook/generator/internal/render"
)

// outline is what a build derives from the pages' places, titles and
// descriptions and from the model alone: the page tree, the menu, every
// section's list of pages, and the keys of what pages show of one another.
// An Engine keeps it between builds and reuses it whole when an edit
// changed no page's outline, which is what most edits in the dev server
// are: the body of one page, or an assessment.
type outline struct {
	// id tells outlines apart: a copy with pages swapped in by
	// content.Tree.With keeps it, since its lists and keys are the same.
	id        int
	tree      *content.Tree
	modelHash string // the model the section lists were made from
	menuLinks []render.Link
	// Keys: menu covers the top navigation, sections each section's list
	// of pages, nav every page's address, title and description.
	menu     string
	sections map[string]string
	nav      string
	lists    map[string]*sectionList
	// places remembers each page's placeKey, filled as pages are planned;
	// it stays valid for as long as the outline does.
	places map[string]string
}

// newOutline orders pages and derives everything else from them and m.
func newOutline(pages []*content.Page, m *model.Model, modelHash string) *outline {
	o := &outline{tree: content.NewTree(pages), modelHash: modelHash, places: map[string]string{}}
	o.menuLinks = topMenu(o.tree)
	var menu, all []string
	for _, l := range o.menuLinks {
		menu = append(menu, l.URL, l.Title, l.Description)
	}
	o.menu = hashOf(menu...)
	o.sections = map[string]string{"": hashPages(o.tree.Children(""))}
	for _, sec := range o.tree.Sections() {
		o.sections[sec.Name] = hashPages(sec.Pages)
	}
	for _, p := range o.tree.Pages() {
		all = append(all, p.URL, p.Title, p.Description)
	}
	o.nav = hashOf(all...)
	o.lists = map[string]*sectionList{"": listOf(o.pagesOf("", m))}
	for _, sec := range o.tree.Sections() {
		o.lists[sec.Name] = listOf(o.pagesOf(sec.Name, m))
	}
	for _, name := range []string{"dimensions", "patterns", "checks"} {
		if _, ok := o.lists[name]; !ok {
			o.lists[name] = listOf(o.pagesOf(name, m))
		}
	}
	return o
}

// pageOutline returns this build's outline: the last one when no page
// read since changed its outline and the model is the same, else a new one.
func (e *Engine) pageOutline(m *model.Model, modelHash string) *outline {
	if o := e.outline; o != nil && !e.stale.all && o.modelHash == modelHash {
		tree, ok := o.tree, true
		for rel := range e.stale.pages {
			if tree, ok = withPage(tree, e.in.pages[rel]); !ok {
				break
			}
		}
		if ok {
			if tree != o.tree {
				same := *o
				same.tree = tree
				o = &same
			}
			e.outline, e.stale = o, staleness{}
			return o
		}
	}
	var pages []*content.Page
	for _, p := range e.in.pages {
		if !p.Draft {
			pages = append(pages, p)
		}
	}
	e.outlines++
	e.outline, e.stale = newOutline(pages, m, modelHash), staleness{}
	e.outline.id = e.outlines
	return e.outline
}

// staleness is what was read again since the outline was made.
type staleness struct {
	all   bool            // every page
	pages map[string]bool // these pages, by source path
}

func (st *staleness) add(t touched) {
	st.all = st.all || t.allPages
	for _, rel := range t.pages {
		if st.pages == nil {
			st.pages = map[string]bool{}
		}
		st.pages[rel] = true
	}
}

// withPage returns tree with the page p read again; false when p is gone
// or its outline changed.
func withPage(tree *content.Tree, p *content.Page) (*content.Tree, bool) {
	switch {
	case p == nil:
		return nil, false
	case p.Draft:
		// A draft is in no tree: the tree stands unless p was published.
		old := tree.ByURL(p.URL)
		return tree, old == nil || old.Path != p.Path
	}
	return tree.With(p)
}

// hashPages identifies what a list of pages shows of each page.
func hashPages(pages []*content.Page) string {
	parts := make([]string, 0, 3*len(pages))
	for _, p := range pages {
		parts = append(parts, p.URL, p.Title, p.Description)
	}
	return hashOf(parts...)
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
	{Title: "Dimensions", URL: "/dimensions/", Description: "The dimensions of integration capability and their criteria."},
	{Title: "Patterns", URL: "/patterns/", Description: "The integration patterns compared."},
	{Title: "Checks", URL: "/checks/", Description: "What each check detects and how to remediate it."},
	{Title: "How scores are computed", URL: "/scoring/", Description: "The formula, the weights and a worked example."},
	{Title: "Scorecards", URL: "/scorecards/", Description: "Every listed brand against every dimension."},
}
