package site

import (
	"slices"

	"scorebook/generator/internal/content"
	"scorebook/generator/internal/incr"
	"scorebook/generator/internal/render"
	"scorebook/generator/internal/routes"
	"scorebook/generator/internal/search"
)

// PageText is what a playbook page says, as plain text, for the search
// index: its converted Markdown without markup, and its headings.
type PageText struct {
	Text     string
	Headings []string
}

// SearchFile is one file of the full-text search index (package search),
// as a part digested by its content: which files there are depends on the
// terms of every page, and each file on the terms and pages it holds.
type SearchFile struct {
	File *incr.Shared[[]byte]
}

// Render implements Input.
func (in SearchFile) Render(*Renderer) ([]byte, []string, error) {
	return in.File.V, nil, nil
}

// searchIndex indexes every page and listed brand's scorecard that the
// search entries list (never an unlisted brand), with each playbook
// page's text. The Memory's search.Builder reads again only the
// documents that changed: a document is its entry and, for a playbook
// page, the page (its text is a pure function of the page's file and of
// the converter, TextID); the same entry with the same page at the same
// place is the same document.
func (a *assembly) searchIndex() (ix *search.Index) {
	mem := a.mem
	if mem.searchText != a.in.TextID || mem.search == nil {
		mem.search, mem.searchText, mem.searchDocs = search.NewBuilder(search.Options{}), a.in.TextID, searchDocs{}
	}
	tree := a.in.Outline.tree
	if last := mem.searchDocs; last.index != nil && last.tree == tree && last.entries == a.entries {
		// The same entries over the same pages (a tree is never changed,
		// only replaced): the same documents, so the same index.
		if !verifyMemo {
			return last.index
		}
		defer func() {
			if ix != last.index {
				panic("site: stale memory of the search index: its documents changed under the same entries and tree")
			}
		}()
	}
	entries := a.entries.V
	pages := make([]*content.Page, len(entries))
	treePages := tree.Pages()
	for i, e := range entries {
		// The outline lists the tree's pages first, in the tree's order.
		if i < len(treePages) && treePages[i].URL == e.URL {
			pages[i] = treePages[i]
		} else {
			pages[i] = tree.ByURL(e.URL)
		}
	}
	last := mem.searchDocs
	var same func(int) bool
	if len(last.pages) == len(entries) {
		sameEntries := last.entries == a.entries
		same = func(i int) bool {
			return pages[i] == last.pages[i] && (sameEntries || entries[i] == last.entries.V[i])
		}
	}
	doc := func(i int) search.Document {
		e := entries[i]
		d := search.Document{URL: e.URL, Title: e.Title, Section: e.Section, Text: e.Description}
		if p := pages[i]; p != nil {
			t := a.in.PageTexts[p.Digest()]
			d.Headings = t.Headings
			if d.Text == "" {
				d.Text = t.Text
			} else if t.Text != "" {
				d.Text += " " + t.Text
			}
		}
		return d
	}
	ix = mem.search.Build(len(entries), same, doc)
	mem.searchDocs = searchDocs{entries: a.entries, pages: pages, tree: tree, index: ix}
	return ix
}

// searchFile is a file of the index as a part, kept while its content
// (sum) is the same, so that an unchanged file is the same part.
type searchFile struct {
	sum  string
	part *incr.Shared[[]byte]
}

// searchDocs are the documents the search.Builder last indexed, and the
// index it made of them.
type searchDocs struct {
	entries *incr.Shared[[]SearchEntry]
	pages   []*content.Page // each entry's playbook page, or nil
	tree    *content.Tree   // the pages were looked up in
	index   *search.Index
}

// searchOutputsMemo is what searchOutputs last returned, and for which
// index and search page.
type searchOutputsMemo struct {
	index *search.Index
	page  PageInput
	outs  []Output
}

// searchOutputs lists the search page and the files of its index.
func (a *assembly) searchOutputs() (outs []Output) {
	page := PageInput{Frame: a.frames.page, Kind: render.KindSearch, URL: routes.Search, Title: "Search",
		Description: "Every page of the playbook and every listed scorecard. Search for words in their titles, headings and text; with JavaScript off, every page is listed A to Z.",
		Nav:         a.in.Outline.nav(routes.Search), Children: a.searchLinks()}
	ix := a.searchIndex()
	if m := a.mem.searchOuts; m.index == ix && m.page == page {
		if !verifyMemo {
			return m.outs
		}
		defer func() {
			if !slices.Equal(m.outs, outs) {
				panic("site: stale memory of the search outputs: made again from the same index and page, they differ")
			}
		}()
	}
	outs = []Output{{Rel: routes.File(routes.Search), Source: "the search page", Page: true, In: page}}
	files := map[string]searchFile{}
	for _, f := range ix.Files {
		sf, ok := a.mem.searchFiles[f.Path]
		if !ok || sf.sum != f.Sum {
			sf = searchFile{sum: f.Sum, part: incr.Derive(f.Data, "search file", f.Sum)}
		}
		files[f.Path] = sf
		outs = append(outs, Output{Rel: f.Path, Source: "the search index", In: SearchFile{File: sf.part}})
	}
	a.mem.searchFiles = files
	a.mem.searchOuts = searchOutputsMemo{index: ix, page: page, outs: outs}
	return outs
}
