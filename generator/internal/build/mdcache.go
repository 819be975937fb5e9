package build

import (
	"sync"

	"scorebook/generator/internal/content"
	"scorebook/generator/internal/markdown"
)

// mdCache remembers converted Markdown by page content and address: the
// links of every page (small, kept always and across runs, to check links
// without converting pages whose output is reused) and, in the dev server,
// the HTML too, so that a navigation change re-renders pages without
// converting them again. A page converted ahead of its render (for its
// search text, see pageTexts) is held until the render takes it.
type mdCache struct {
	keepHTML bool
	mu       sync.Mutex
	html     map[string]markdown.Result // by mdKey, when keepHTML
	links    map[string][]string        // by mdKey
	ahead    map[string]markdown.Result // by mdKey, converted for this build's render to take
}

func newMDCache(keepHTML bool) *mdCache {
	return &mdCache{keepHTML: keepHTML, html: map[string]markdown.Result{}, links: map[string][]string{},
		ahead: map[string]markdown.Result{}}
}

// mdKey identifies a page's converted Markdown: its file's hash and the
// address its links are made relative to.
func mdKey(p *content.Page) string { return p.Hash + " " + p.URL }

// convert returns the page's converted Markdown, from memory when it can.
// A conversion made ahead is handed out once.
func (c *mdCache) convert(conv *markdown.Converter, p *content.Page) (markdown.Result, error) {
	k := mdKey(p)
	c.mu.Lock()
	res, ok := c.html[k]
	if !ok {
		if res, ok = c.ahead[k]; ok {
			delete(c.ahead, k)
		}
	}
	c.mu.Unlock()
	if ok {
		return res, nil
	}
	return c.store(k, conv, p, false)
}

// convertAhead converts a page whose render is still to come in this
// build and holds the result for it (see convert).
func (c *mdCache) convertAhead(conv *markdown.Converter, p *content.Page) (markdown.Result, error) {
	return c.store(mdKey(p), conv, p, true)
}

func (c *mdCache) store(k string, conv *markdown.Converter, p *content.Page, ahead bool) (markdown.Result, error) {
	res, err := conv.Convert(p.Body, p.URL)
	if err != nil {
		return res, err
	}
	c.mu.Lock()
	c.links[k] = res.Links
	if c.keepHTML {
		c.html[k] = res
	} else if ahead {
		held := res
		held.Text, held.Headings = "", nil // the search index's, which the render needs not
		c.ahead[k] = held
	}
	c.mu.Unlock()
	return res, nil
}

// dropAhead forgets the conversions made ahead that no render took.
func (c *mdCache) dropAhead() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.ahead) > 0 {
		c.ahead = map[string]markdown.Result{}
	}
}

// cachedLinks returns the links of a page converted before.
func (c *mdCache) cachedLinks(p *content.Page) ([]string, bool) {
	if p == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	l, ok := c.links[mdKey(p)]
	return l, ok
}

// reset forgets everything, when the converter's settings change.
func (c *mdCache) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.html = map[string]markdown.Result{}
	c.links = map[string][]string{}
	c.ahead = map[string]markdown.Result{}
}

// prune forgets the pages that are gone, once enough of them are to make
// the sweep worth it, and the conversions made ahead for a build that is
// over.
func (c *mdCache) prune(pages map[string]*content.Page) {
	c.dropAhead()
	c.mu.Lock()
	n := len(c.links)
	c.mu.Unlock()
	if n <= len(pages)+len(pages)/4+16 {
		return
	}
	live := make(map[string]bool, len(pages))
	for _, p := range pages {
		live[mdKey(p)] = true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.links {
		if !live[k] {
			delete(c.links, k)
			delete(c.html, k)
		}
	}
}

// load adds links remembered by an earlier run.
func (c *mdCache) load(links map[string][]string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, l := range links {
		if _, ok := c.links[k]; !ok {
			c.links[k] = l
		}
	}
}

// snapshotLinks copies the links of every page, for the persistent cache.
func (c *mdCache) snapshotLinks() map[string][]string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string][]string, len(c.links))
	for k, l := range c.links {
		out[k] = l
	}
	return out
}
