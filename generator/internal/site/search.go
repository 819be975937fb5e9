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
// documents whose key changed: a page's key is its entry and its file's
// digest (its text is a pure function of them and of the converter,
// TextID), a brand's its entry.
func (a *assembly) searchIndex() *search.Index {
	if a.mem.searchText != a.in.TextID || a.mem.search == nil {
		a.mem.search, a.mem.searchText = search.NewBuilder(search.Options{}), a.in.TextID
	}
	tree := a.in.Outline.tree
	entries := a.entries.V
	pages := make([]*content.Page, len(entries))
	for i, e := range entries {
		pages[i] = tree.ByURL(e.URL)
	}
	key := func(i int) string {
		e := entries[i]
		k := e.URL + "\x00" + e.Title + "\x00" + e.Section + "\x00" + e.Description
		if p := pages[i]; p != nil {
			k += "\x00" + p.Digest()
		}
		return k
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
	return a.mem.search.Build(len(entries), key, doc)
}

// searchOutputs lists the search page and the files of its index.
func (a *assembly) searchOutputs() []Output {
	page := PageInput{Frame: a.frames.page, Kind: render.KindSearch, URL: routes.Search, Title: "Search",
		Description: "Every page of the playbook and every listed scorecard. Search for words in their titles, headings and text; with JavaScript off, every page is listed A to Z.",
		Nav:         a.in.Outline.nav(routes.Search), Children: a.searchLinks()}
	outs := []Output{{Rel: routes.File(routes.Search), Source: "the search page", Page: true, In: page}}
	for _, f := range a.searchIndex().Files {
		outs = append(outs, Output{Rel: f.Path, Source: "the search index",
			In: SearchFile{File: incr.Keep(a.mem.parts, incr.Derive(f.Data, "search file", f.Sum))}})
	}
	return outs
}
