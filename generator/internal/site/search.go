package site

import (
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
	matched := 0 // entries that are the tree's page at their place
	for i, e := range entries {
		// The outline lists the tree's pages first, in the tree's order.
		switch {
		case i < len(treePages) && treePages[i].URL == e.URL:
			pages[i] = treePages[i]
			matched++
		case matched == len(treePages):
			// Every page of the tree is an entry before this one, and a
			// tree holds one page per address: this entry has none.
		default:
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

// searchDocs are the documents the search.Builder last indexed, and the
// index it made of them.
type searchDocs struct {
	entries *incr.Shared[[]SearchEntry]
	pages   []*content.Page // each entry's playbook page, or nil
	tree    *content.Tree   // the pages were looked up in
	index   *search.Index
}

// searchFiles is the last build's files of the index, in its order,
// each with its content's sum, and the index they were made from.
type searchFiles struct {
	index *search.Index
	outs  []*Output
	sums  []string
}

// searchPage is the search page, which lists every entry A to Z.
func (a *assembly) searchPage() Output {
	page := PageInput{Frame: a.frames.page, Kind: render.KindSearch, URL: routes.Search, Title: "Search",
		Description: "Every page of the playbook and every listed scorecard. Search for words in their titles, headings and text; with JavaScript off, every page is listed A to Z.",
		Nav:         a.in.Outline.nav(routes.Search), Children: a.searchLinks()}
	return Output{Rel: routes.File(routes.Search), Source: "the search page", Page: true, In: page}
}

// searchFileOutputs lists the files of the search index. A file with the
// path and content it had in the last build is the same *Output: one
// page's edit changes a few of the index's thousands of files, and
// finding the others at their place costs no lookup (a file that moved
// is found by its path).
func (a *assembly) searchFileOutputs() []*Output {
	ix := a.searchIndex()
	last := a.mem.searchFiles
	if last.index == ix {
		return last.outs
	}
	var at map[string]int // the last files by path, made when one is out of place
	next := searchFiles{index: ix, outs: make([]*Output, len(ix.Files)), sums: make([]string, len(ix.Files))}
	for k, f := range ix.Files {
		next.sums[k] = f.Sum
		j := k
		if j >= len(last.outs) || last.outs[j].Rel != f.Path {
			if at == nil {
				at = make(map[string]int, len(last.outs))
				for i, o := range last.outs {
					at[o.Rel] = i
				}
			}
			var ok bool
			if j, ok = at[f.Path]; !ok {
				j = -1
			}
		}
		if j >= 0 && last.sums[j] == f.Sum {
			next.outs[k] = last.outs[j]
			continue
		}
		next.outs[k] = &Output{Rel: f.Path, Source: "the search index", In: SearchFile{File: incr.Derive(f.Data, "search file", f.Sum)}}
	}
	a.mem.searchFiles = next
	return next.outs
}
