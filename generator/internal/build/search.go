package build

import (
	"os"

	"scorebook/generator/internal/content"
	"scorebook/generator/internal/markdown"
	"scorebook/generator/internal/pool"
	"scorebook/generator/internal/site"
)

// pageTexts returns the plain text and headings of every page of the
// outline, by the page's Digest, for the search index. Each is read from
// the page's parsed Markdown once per page content and converter settings
// and remembered between builds, so a rebuild reads only the pages that
// changed. A page whose render is to come in this build is converted in
// full here, and the render takes that conversion (mdCache.convertAhead),
// so that each page is parsed once; otherwise only its text is read
// (markdown.Converter.PlainText: no rendering, no highlighting). A page
// that does not convert has no text here: its own render reports the
// problem at its file, line and column.
func (e *Engine) pageTexts(o *site.Outline) map[string]site.PageText {
	conv := e.converter()
	if e.texts == nil || e.textsConv != conv {
		e.texts, e.textsConv, e.textPages = map[string]site.PageText{}, conv, nil
	}
	e.md.dropAhead()
	pages := o.Tree().Pages()
	// A page at the same place as in the last build's tree is the same
	// page, whose text is known: only the others are looked up.
	var todo []*content.Page
	same := len(pages) == len(e.textPages)
	for i, p := range pages {
		if same && p == e.textPages[i] {
			continue
		}
		if _, ok := e.texts[p.Digest()]; !ok {
			todo = append(todo, p)
		}
	}
	ahead := e.rendersNewPages()
	texts := make([]site.PageText, len(todo))
	ok := make([]bool, len(todo))
	pool.Each(len(todo), e.opts.Workers, nil, func(i int) {
		p := todo[i]
		var (
			t   site.PageText
			err error
		)
		if ahead {
			var res markdown.Result
			res, err = e.md.convertAhead(conv, p)
			t = site.PageText{Text: res.Text, Headings: res.Headings}
			if err == nil && e.opts.OneShot {
				p.Body = nil // the render takes the HTML: free the Markdown for the HTML held till then
			}
		} else {
			t.Text, t.Headings, err = conv.PlainText(p.Body, p.URL)
		}
		if err != nil {
			return
		}
		texts[i], ok[i] = t, true
	})
	for i, p := range todo {
		if ok[i] {
			e.texts[p.Digest()] = texts[i]
		}
	}
	if len(e.texts) > len(pages)+len(pages)/8+16 {
		// Forget the texts of pages gone or changed, once there are
		// enough of them to make the sweep worth it.
		live := make(map[string]site.PageText, len(pages))
		for _, p := range pages {
			if t, ok := e.texts[p.Digest()]; ok {
				live[p.Digest()] = t
			}
		}
		e.texts = live
	}
	e.textPages = pages
	return e.texts
}

// rendersNewPages reports whether this build renders every page whose
// text it does not know yet: a page new to this Engine changed since its
// last build, so its key did too. Only a first build that publishes over
// a site recorded in the persistent cache may reuse such a page's output.
func (e *Engine) rendersNewPages() bool {
	if e.ledger.keys != nil || e.opts.Mode != Publish || e.opts.CacheDir == "" {
		return true
	}
	_, err := os.Stat(cachePath(e.opts.CacheDir, e.opts.Src, e.opts.Out, ".outputs.json"))
	return err != nil
}
