package build

import (
	"scorebook/generator/internal/content"
	"scorebook/generator/internal/pool"
	"scorebook/generator/internal/site"
)

// pageTexts returns the plain text and headings of every page of the
// outline, by the page's Digest, for the search index. Each is read from
// the page's parsed Markdown (markdown.Converter.PlainText: no rendering,
// no highlighting) once per page content and converter settings and
// remembered between builds, so a rebuild reads only the pages that
// changed. A page that does not convert has no text here: its
// own render reports the problem at its file, line and column.
func (e *Engine) pageTexts(o *site.Outline) map[string]site.PageText {
	conv := e.converter()
	if e.texts == nil || e.textsConv != conv {
		e.texts, e.textsConv = map[string]site.PageText{}, conv
	}
	pages := o.Tree().Pages()
	out := make(map[string]site.PageText, len(pages))
	var todo []*content.Page
	for _, p := range pages {
		if t, ok := e.texts[p.Digest()]; ok {
			out[p.Digest()] = t
		} else {
			todo = append(todo, p)
		}
	}
	texts := make([]site.PageText, len(todo))
	ok := make([]bool, len(todo))
	pool.Each(len(todo), e.opts.Workers, nil, func(i int) {
		p := todo[i]
		text, headings, err := conv.PlainText(p.Body, p.URL)
		if err != nil {
			return
		}
		texts[i], ok[i] = site.PageText{Text: text, Headings: headings}, true
	})
	for i, p := range todo {
		if ok[i] {
			out[p.Digest()] = texts[i]
		}
	}
	e.texts = out // only the pages of this build: deleted pages are forgotten
	return out
}
