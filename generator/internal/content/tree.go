package content

import (
	"cmp"
	"maps"
	"slices"
	"strings"

	"scorebook/generator/internal/diag"
)

// Section is a first-level folder of content/ and the pages in it.
type Section struct {
	Name  string  // the folder name, "dimensions"
	Index *Page   // its _index.md, or nil when it has none
	Pages []*Page // every other page in the folder and below it, in order
}

// Title is the title of the section's index page, or its folder name.
func (s *Section) Title() string {
	if s.Index != nil {
		return s.Index.Title
	}
	return s.Name
}

// Weight is the weight of the section's index page, or 0.
func (s *Section) Weight() int {
	if s.Index != nil {
		return s.Index.Weight
	}
	return 0
}

// URL is where the section is published, "/dimensions/".
func (s *Section) URL() string { return "/" + s.Name + "/" }

// Tree is the published pages in reading order: the home page, the
// top-level pages, then each section's index and pages. Drafts are left
// out. Order is by weight (0, the default, after every other weight), then
// title, then path.
type Tree struct {
	home     *Page
	top      []*Page // top-level pages other than the home page
	sections []*Section
	byName   map[string]*Section
	byURL    map[string]*Page
	// swapped holds the pages With swapped in since byURL was made, by
	// URL, so that a swap copies this small map rather than byURL; it is
	// folded into a new byURL once it grows.
	swapped  map[string]*Page
	problems diag.List
}

// maxSwapped is how many swapped pages a Tree keeps beside byURL.
const maxSwapped = 64

// NewTree orders pages. Two pages with one URL (a.md and a/_index.md) are
// reported by Diagnostics; the one whose path sorts first is kept.
func NewTree(pages []*Page) *Tree {
	t := &Tree{
		byName: map[string]*Section{},
		byURL:  map[string]*Page{},
	}
	sorted := slices.Clone(pages)
	slices.SortFunc(sorted, func(a, b *Page) int { return strings.Compare(a.Path, b.Path) })
	for _, p := range sorted {
		if p == nil || p.Draft {
			continue
		}
		if other, dup := t.byURL[p.URL]; dup {
			t.problems.Add(p.Path, 0, 0, "this page would be published at %s, like %s; rename or remove one of them", p.URL, other.Path)
			continue
		}
		t.byURL[p.URL] = p
		t.place(p)
	}

	sortPages(t.top)
	for _, s := range t.sections {
		sortPages(s.Pages)
	}
	slices.SortFunc(t.sections, func(a, b *Section) int {
		return cmp.Or(compareWeight(a.Weight(), b.Weight()), compareTitle(a.Title(), b.Title()), strings.Compare(a.Name, b.Name))
	})
	return t
}

func (t *Tree) place(p *Page) {
	switch {
	case p.URL == "/":
		t.home = p
		return
	case p.Section == "":
		t.top = append(t.top, p)
		return
	}
	s := t.byName[p.Section]
	if s == nil {
		s = &Section{Name: p.Section}
		t.byName[p.Section] = s
		t.sections = append(t.sections, s)
	}
	if p.URL == s.URL() {
		s.Index = p
		return
	}
	s.Pages = append(s.Pages, p)
}

// sortPages orders pages by weight, title and path. Each title is
// lowercased once rather than at every comparison: a section can hold
// thousands of pages, and the tree is rebuilt on every rebuild.
func sortPages(pages []*Page) {
	type keyed struct {
		p     *Page
		lower string
	}
	ks := make([]keyed, len(pages))
	for i, p := range pages {
		ks[i] = keyed{p, strings.ToLower(p.Title)}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		return cmp.Or(compareWeight(a.p.Weight, b.p.Weight), strings.Compare(a.lower, b.lower),
			strings.Compare(a.p.Title, b.p.Title), strings.Compare(a.p.Path, b.p.Path))
	})
	for i, k := range ks {
		pages[i] = k.p
	}
}

// compareWeight orders weights ascending with 0, meaning "not set", last.
func compareWeight(a, b int) int {
	switch {
	case a == b:
		return 0
	case a == 0:
		return 1
	case b == 0:
		return -1
	}
	return cmp.Compare(a, b)
}

func compareTitle(a, b string) int {
	return cmp.Or(strings.Compare(strings.ToLower(a), strings.ToLower(b)), strings.Compare(a, b))
}

// Diagnostics returns the problems found while building the tree.
func (t *Tree) Diagnostics() diag.List { return t.problems }

// Home returns the home page (content/_index.md), or nil.
func (t *Tree) Home() *Page { return t.home }

// Sections returns the sections in order.
func (t *Tree) Sections() []*Section { return t.sections }

// Section returns the section with the given folder name, or nil.
func (t *Tree) Section(name string) *Section { return t.byName[name] }

// Children returns the pages of a section in order, without its index
// page; for "" they are the top-level pages other than the home page.
func (t *Tree) Children(section string) []*Page {
	if section == "" {
		return t.top
	}
	if s := t.byName[section]; s != nil {
		return s.Pages
	}
	return nil
}

// Pages returns every published page in reading order: home, top-level
// pages, then each section's index followed by its pages.
func (t *Tree) Pages() []*Page {
	out := make([]*Page, 0, len(t.byURL))
	if t.home != nil {
		out = append(out, t.home)
	}
	out = append(out, t.top...)
	for _, s := range t.sections {
		if s.Index != nil {
			out = append(out, s.Index)
		}
		out = append(out, s.Pages...)
	}
	return out
}

// ByURL returns the published page at url ("/dimensions/operations/"), or nil.
func (t *Tree) ByURL(url string) *Page {
	if p, ok := t.swapped[url]; ok {
		return p
	}
	return t.byURL[url]
}

// With returns a tree in which p takes the place of the page at the same
// path, when that page is in the tree and p differs from it only in what
// no other page shows (its body, date, tags, layout, table of contents):
// same address, section, title, description and weight, and not a draft.
// It returns false when p would move, be renamed or leave the tree; then
// NewTree must order the pages again. t itself is left as it was.
func (t *Tree) With(p *Page) (*Tree, bool) {
	old := t.ByURL(p.URL)
	if old == nil || !sameOutline(old, p) {
		return nil, false
	}
	n := *t
	if len(t.swapped) < maxSwapped {
		n.swapped = maps.Clone(t.swapped)
		if n.swapped == nil {
			n.swapped = map[string]*Page{}
		}
	} else {
		n.byURL, n.swapped = maps.Clone(t.byURL), map[string]*Page{}
		maps.Copy(n.byURL, t.swapped)
	}
	n.swapped[p.URL] = p
	swap := func(list []*Page) []*Page {
		i := slices.Index(list, old)
		if i < 0 {
			return list
		}
		list = slices.Clone(list)
		list[i] = p
		return list
	}
	switch {
	case t.home == old:
		n.home = p
	case p.Section == "":
		n.top = swap(t.top)
	default:
		sec := *t.byName[p.Section]
		if sec.Index == old {
			sec.Index = p
		} else {
			sec.Pages = swap(sec.Pages)
		}
		n.byName = maps.Clone(t.byName)
		n.byName[p.Section] = &sec
		n.sections = slices.Clone(t.sections)
		n.sections[slices.Index(t.sections, t.byName[p.Section])] = &sec
	}
	return &n, true
}

// sameOutline reports whether two versions of a page sit at the same place
// in the tree and show the same to other pages.
func sameOutline(a, b *Page) bool {
	return a.Path == b.Path && a.URL == b.URL && a.Section == b.Section && a.IsSection == b.IsSection &&
		a.Title == b.Title && a.Description == b.Description && a.Weight == b.Weight && !a.Draft && !b.Draft
}
