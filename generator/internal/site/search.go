package site

import (
	"fmt"

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
// rendered from the whole index: which files there are depends on the
// terms of every page.
type SearchFile struct {
	Index *incr.Shared[*search.Index]
	Path  string
}

// Render implements Input.
func (in SearchFile) Render(*Renderer) ([]byte, []string, error) {
	for _, f := range in.Index.V.Files {
		if f.Path == in.Path {
			return f.Data, nil, nil
		}
	}
	return nil, nil, fmt.Errorf("the search index has no file %s", in.Path)
}

// searchMemo remembers the index by the documents it was built from.
type searchMemo struct {
	docs  string // incr.Key of the documents
	index *incr.Shared[*search.Index]
}

// searchIndex indexes every page and listed brand's scorecard that the
// search entries list (never an unlisted brand), with each playbook
// page's text; it is built again only when a document changed.
func (a *assembly) searchIndex() *incr.Shared[*search.Index] {
	tree := a.in.Outline.tree
	docs := make([]search.Document, 0, len(a.entries.V))
	for _, e := range a.entries.V {
		d := search.Document{URL: e.URL, Title: e.Title, Section: e.Section, Text: e.Description}
		if p := tree.ByURL(e.URL); p != nil {
			t := a.in.PageTexts[p.Digest()]
			d.Headings = t.Headings
			if d.Text == "" {
				d.Text = t.Text
			} else if t.Text != "" {
				d.Text += " " + t.Text
			}
		}
		docs = append(docs, d)
	}
	key := incr.Key(docs)
	if m := a.mem.search; m != nil && m.docs == key {
		return m.index
	}
	ix := incr.Derive(search.Build(docs, search.Options{}), "search index", key)
	a.mem.search = &searchMemo{docs: key, index: ix}
	return ix
}

// searchOutputs lists the search page and the files of its index.
func (a *assembly) searchOutputs() []Output {
	page := PageInput{Frame: a.frames.page, Kind: render.KindSearch, URL: routes.Search, Title: "Search",
		Description: "Every page of the playbook and every listed scorecard. Search for words in their titles, headings and text; with JavaScript off, every page is listed A to Z.",
		Nav:         a.in.Outline.nav(routes.Search), Children: a.searchLinks()}
	outs := []Output{{Rel: routes.File(routes.Search), Source: "the search page", Page: true, In: page}}
	ix := a.searchIndex()
	for _, f := range ix.V.Files {
		outs = append(outs, Output{Rel: f.Path, Source: "the search index", In: SearchFile{Index: ix, Path: f.Path}})
	}
	return outs
}
