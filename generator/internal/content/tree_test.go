package content

import (
	"fmt"
	"slices"
	"testing"
)

// mkPage makes a page as Parse would for path.
func mkPage(t *testing.T, path, title string, weight int, draft bool) *Page {
	t.Helper()
	loc, problem := locate(path)
	if problem != "" {
		t.Fatalf("locate(%q): %s", path, problem)
	}
	return &Page{Path: path, URL: loc.url, Section: loc.section, IsSection: loc.isSection, Title: title, Weight: weight, Draft: draft, TOC: true}
}

func urls(pages []*Page) []string {
	out := make([]string, len(pages))
	for i, p := range pages {
		out[i] = p.URL
	}
	return out
}

func TestTree_Order(t *testing.T) {
	pages := []*Page{
		mkPage(t, "content/patterns/_index.md", "Patterns", 2, false),
		mkPage(t, "content/patterns/hybrid.md", "Hybrid", 0, false),
		mkPage(t, "content/patterns/composable.md", "Composable", 0, false),
		mkPage(t, "content/patterns/hub-and-spoke.md", "Hub and spoke", 1, false),
		mkPage(t, "content/patterns/event-driven.md", "Event-driven", 2, false),
		mkPage(t, "content/patterns/draft.md", "A draft", 1, true),
		mkPage(t, "content/dimensions/_index.md", "Dimensions", 1, false),
		mkPage(t, "content/dimensions/operations.md", "Operations", 0, false),
		mkPage(t, "content/dimensions/b-same.md", "Same", 0, false),
		mkPage(t, "content/dimensions/a-same.md", "same", 0, false),
		mkPage(t, "content/checks/stale.md", "Stale", 0, false),
		mkPage(t, "content/_index.md", "Home", 0, false),
		mkPage(t, "content/faq.md", "FAQ", 0, false),
		mkPage(t, "content/about.md", "About", 0, false),
	}
	tree := NewTree(pages)
	if len(tree.Diagnostics()) != 0 {
		t.Fatalf("unexpected problems: %v", tree.Diagnostics())
	}

	var names []string
	for _, s := range tree.Sections() {
		names = append(names, s.Name)
	}
	// Weighted sections first (dimensions 1, patterns 2), then the unweighted.
	if want := []string{"dimensions", "patterns", "checks"}; !slices.Equal(names, want) {
		t.Errorf("sections = %q, want %q", names, want)
	}
	if s := tree.Section("checks"); s.Index != nil || s.Title() != "checks" || s.URL() != "/checks/" {
		t.Errorf("section without an index: %+v", s)
	}
	if s := tree.Section("patterns"); s.Index == nil || s.Index.Title != "Patterns" {
		t.Errorf("patterns index = %+v", s.Index)
	}

	tests := []struct {
		section string
		want    []string
	}{
		// Weight 1, 2, then unweighted by title; the draft is left out.
		{"patterns", []string{"/patterns/hub-and-spoke/", "/patterns/event-driven/", "/patterns/composable/", "/patterns/hybrid/"}},
		// Titles equal but for case fall back to case, then path.
		{"dimensions", []string{"/dimensions/operations/", "/dimensions/b-same/", "/dimensions/a-same/"}},
		{"", []string{"/about/", "/faq/"}},
		{"nosuch", []string{}},
	}
	for _, tc := range tests {
		if got := urls(tree.Children(tc.section)); !slices.Equal(got, tc.want) {
			t.Errorf("Children(%q) = %q, want %q", tc.section, got, tc.want)
		}
	}

	wantAll := []string{"/", "/about/", "/faq/",
		"/dimensions/", "/dimensions/operations/", "/dimensions/b-same/", "/dimensions/a-same/",
		"/patterns/", "/patterns/hub-and-spoke/", "/patterns/event-driven/", "/patterns/composable/", "/patterns/hybrid/",
		"/checks/stale/"}
	if got := urls(tree.Pages()); !slices.Equal(got, wantAll) {
		t.Errorf("Pages() = %q\nwant %q", got, wantAll)
	}
	if tree.Home() == nil || tree.Home().Title != "Home" {
		t.Errorf("Home() = %+v", tree.Home())
	}
}

func TestTree_ByURL(t *testing.T) {
	b := mkPage(t, "content/s/b.md", "B", 2, false)
	index := mkPage(t, "content/s/_index.md", "S", 0, false)
	draft := mkPage(t, "content/s/d.md", "D", 0, true)
	tree := NewTree([]*Page{index, b, draft})
	if tree.ByURL("/s/b/") != b || tree.ByURL("/s/") != index || tree.ByURL("/s/d/") != nil || tree.ByURL("/nope/") != nil {
		t.Error("ByURL found the wrong pages")
	}
}

// TestTree_With checks that a page whose outline is unchanged takes its
// predecessor's place in a copy of the tree, equal to a tree built anew,
// and that every change that could move a page is refused.
func TestTree_With(t *testing.T) {
	build := func() []*Page {
		return []*Page{
			mkPage(t, "content/_index.md", "Home", 0, false),
			mkPage(t, "content/about.md", "About", 0, false),
			mkPage(t, "content/s/_index.md", "S", 1, false),
			mkPage(t, "content/s/a.md", "A", 1, false),
			mkPage(t, "content/s/b.md", "B", 2, false),
			mkPage(t, "content/t/x.md", "X", 0, false),
		}
	}
	for i := range build() {
		pages := build()
		tree := NewTree(pages)
		before := urls(tree.Pages())
		edited := *pages[i]
		edited.Body = []byte("new body")
		edited.Hash = "new"
		got, ok := tree.With(&edited)
		if !ok {
			t.Fatalf("%s: a body edit was refused", edited.Path)
		}
		pages[i] = &edited
		want := NewTree(pages)
		if !slices.Equal(got.Pages(), want.Pages()) || got.ByURL(edited.URL) != &edited {
			t.Errorf("%s: With gives %v, a new tree %v", edited.Path, urls(got.Pages()), urls(want.Pages()))
		}
		for _, sec := range want.Sections() {
			if g := got.Section(sec.Name); g == nil || g.Index != sec.Index || !slices.Equal(g.Pages, sec.Pages) {
				t.Errorf("%s: section %s differs from a new tree's", edited.Path, sec.Name)
			}
		}
		if !slices.Equal(urls(tree.Pages()), before) || slices.Contains(tree.Pages(), &edited) {
			t.Errorf("%s: With changed the tree it was called on", edited.Path)
		}
	}

	refused := map[string]func(p *Page){
		"retitled":    func(p *Page) { p.Title = "A2" },
		"described":   func(p *Page) { p.Description = "now described" },
		"reweighted":  func(p *Page) { p.Weight = 9 },
		"made draft":  func(p *Page) { p.Draft = true },
		"moved":       func(p *Page) { p.Path, p.URL = "content/s/a2.md", "/s/a2/" },
		"other path":  func(p *Page) { p.Path = "content/s/a/_index.md" },
		"not in tree": func(p *Page) { p.Path, p.URL = "content/s/new.md", "/s/new/" },
	}
	for name, change := range refused {
		pages := build()
		tree := NewTree(pages)
		edited := *pages[3]
		change(&edited)
		if _, ok := tree.With(&edited); ok {
			t.Errorf("a page %s was accepted in place", name)
		}
	}
}

// TestTree_WithManyTimes swaps in more pages than a tree keeps beside its
// address map, several times each, and checks every address against a
// tree built anew, and that no earlier tree changed.
func TestTree_WithManyTimes(t *testing.T) {
	var pages []*Page
	for i := range 3 * maxSwapped {
		pages = append(pages, mkPage(t, fmt.Sprintf("content/s/p%03d.md", i), fmt.Sprintf("P%03d", i), 0, false))
	}
	tree := NewTree(pages)
	var trees []*Tree
	var snapshots [][]*Page
	for round := range 3 {
		for i := range pages {
			edited := *pages[i]
			edited.Hash = fmt.Sprint("round ", round)
			next, ok := tree.With(&edited)
			if !ok {
				t.Fatalf("%s: a body edit was refused", edited.Path)
			}
			trees, snapshots = append(trees, tree), append(snapshots, slices.Clone(pages))
			pages[i], tree = &edited, next
		}
	}
	want := NewTree(pages)
	for _, p := range pages {
		if tree.ByURL(p.URL) != p || want.ByURL(p.URL) != p {
			t.Fatalf("%s: ByURL gives an old version", p.URL)
		}
	}
	if !slices.Equal(tree.Pages(), want.Pages()) {
		t.Error("the swapped tree's pages differ from a new tree's")
	}
	for k, old := range trees {
		for _, p := range snapshots[k] {
			if old.ByURL(p.URL) != p {
				t.Fatalf("tree %d: With changed an earlier tree at %s", k, p.URL)
			}
		}
	}
}

func TestTree_DuplicateURLs(t *testing.T) {
	leaf := mkPage(t, "content/a.md", "A", 0, false)
	index := mkPage(t, "content/a/_index.md", "A section", 0, false)
	upper := mkPage(t, "content/B.md", "B upper", 0, false)
	lower := mkPage(t, "content/b.md", "B lower", 0, false)
	draft := mkPage(t, "content/c.md", "C", 0, false)
	draftTwin := mkPage(t, "content/c/_index.md", "C draft", 0, true)
	tree := NewTree([]*Page{index, leaf, lower, upper, draft, draftTwin})

	got := diagStrings(tree.Diagnostics())
	want := []string{
		"content/a/_index.md: this page would be published at /a/, like content/a.md; rename or remove one of them",
		"content/b.md: this page would be published at /b/, like content/B.md; rename or remove one of them",
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems = %q, want %q", got, want)
	}
	if tree.ByURL("/a/") != leaf || tree.ByURL("/c/") != draft {
		t.Error("ByURL should keep the page whose path sorts first, and ignore drafts")
	}
}
