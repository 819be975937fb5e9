package build

import (
	"scorebook/generator/internal/content"
	"scorebook/generator/internal/site"
)

// pageOutline returns this build's outline: the last one, with the pages
// read since swapped in, when none of them changed its place, title or
// description and the model is the same; else a new one.
func (e *Engine) pageOutline() *site.Outline {
	modelHash := e.in.site.ModelHash
	if o := e.outline; o != nil && !e.stale.all && o.ModelHash() == modelHash {
		ok := true
		for rel := range e.stale.pages {
			if o, ok = o.Swap(e.in.pages[rel]); !ok {
				break
			}
		}
		if ok {
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
	e.outline, e.stale = site.NewOutline(pages, &e.in.site.Model, modelHash), staleness{}
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

// siteInputs hands the loaded inputs to the site's assembly.
func (e *Engine) siteInputs(o *site.Outline) site.Inputs {
	return site.Inputs{Config: e.in.site, Outline: o, Static: e.in.static, Now: e.opts.Now, ShareKey: e.opts.ShareKey,
		Brands: e.in.brandFiles()}
}
