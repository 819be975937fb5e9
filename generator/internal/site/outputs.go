package site

import (
	"bytes"
	"sync"

	"scorebook/generator/internal/content"
	"scorebook/generator/internal/markdown"
	"scorebook/generator/internal/render"
)

// An Output is one file of the site: where it goes, what asks for it, and
// the value it is rendered from.
type Output struct {
	Rel string // below the output folder, slash-separated
	// Source names what asks for the file, for messages: a source file
	// or folder ("content/faq.md", "assessments/acme/"), or what the
	// generator makes it for ("the search page").
	Source string
	Page   bool  // an HTML page, counted in the summary
	In     Input // the value it is rendered from; its key is derived from it
	// Markdown is the playbook page it renders, whose links the build
	// checks; nil for generated files.
	Markdown *content.Page
}

// An Input is the value an output is rendered from. Every implementation
// is a comparable struct whose fields are plain values or incr.Parts, and
// Render reads nothing but its fields and the Renderer, whose identity is
// part of every key: so the output's key, derived from the value by
// incr.Key, changes whenever what the output shows may change.
type Input interface {
	// Render returns the file and, for a page, the root-relative links
	// its Markdown makes.
	Render(r *Renderer) (data []byte, links []string, err error)
}

// Renderer is what every output is rendered with: the layouts and the
// Markdown converter. Identity must name both (and the generator), since
// it is part of every output's key.
type Renderer struct {
	Layouts *render.Layouts
	// Convert converts a page's Markdown with the site's converter.
	Convert func(p *content.Page) (markdown.Result, error)
	// Text converts a short Markdown text set inside a generated page,
	// such as a brand's summary (markdown.Converter.Text); nil shows
	// such texts as they are written, escaped.
	Text func(src []byte) ([]byte, error)
	// FreeBodies lets go of each page's Markdown once it is converted,
	// for builds that render every page once.
	FreeBodies bool

	views sync.Map // scorecardID → *render.ScorecardView, left by a page for its share file or the other way round
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// execute renders a page view with the layouts.
func (r *Renderer) execute(v *render.View) ([]byte, error) {
	buf := bufPool.Get().(*bytes.Buffer)
	defer bufPool.Put(buf)
	buf.Reset()
	if err := r.Layouts.Render(buf, v); err != nil {
		return nil, err
	}
	return bytes.Clone(buf.Bytes()), nil
}
