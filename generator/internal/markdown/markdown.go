// Package markdown converts the playbook's Markdown to HTML: GitHub
// flavoured Markdown with footnotes, definition lists and typographic
// punctuation, code highlighted with CSS classes, headings with stable ids
// and permalinks, and links made safe and relative to the page.
//
// A Converter is built once per site and is safe for concurrent use.
package markdown

import (
	"bufio"
	"bytes"
	"fmt"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// Options configures a Converter.
type Options struct {
	// UnsafeHTML passes raw HTML in the Markdown through to the page. Off,
	// raw HTML is left out (goldmark writes an HTML comment in its place).
	UnsafeHTML bool
}

// Heading is one entry of a page's table of contents.
type Heading struct {
	Level int    // 2 or 3
	ID    string // the id attribute of the heading, unique on the page
	Text  string // plain text, not HTML-escaped
}

// Result is one converted page.
type Result struct {
	HTML []byte
	// TOC lists the page's h2 and h3 headings in document order.
	TOC []Heading
	// Title is the plain text of the first h1, or "" when there is none.
	Title string
	// Links lists the root-relative link and image destinations of the
	// page as written ("/dimensions/operations/#owner": character
	// references resolved, not yet made relative), with any ?query or
	// #fragment, in document order without repeats, so that the build can
	// check they resolve.
	Links []string
	// Text is what a reader of the page reads, for the search index, as
	// PlainText returns it; Headings the text of each of its headings.
	Text     string
	Headings []string
}

// Converter turns Markdown into HTML. Build one with New and share it.
type Converter struct {
	md goldmark.Markdown
}

// New builds a Converter.
func New(opts Options) *Converter {
	var rendererOpts []renderer.Option
	if opts.UnsafeHTML {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.GFM,
			extension.Footnote,
			extension.DefinitionList,
			extension.Typographer,
			NewHighlighting(),
			NewHeadingAnchors(),
			NewLinkPolicy(),
		),
		goldmark.WithParser(newParser()),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	return &Converter{md: md}
}

// output is a buffer a page is rendered into, with the buffered writer
// goldmark's renderer writes through (it makes a new one, 4 KiB, for any
// other writer).
type output struct {
	buf bytes.Buffer
	w   *bufio.Writer
}

// outPool recycles outputs; each Result gets its own exactly sized copy.
var outPool = sync.Pool{New: func() any {
	o := new(output)
	o.w = bufio.NewWriter(&o.buf)
	return o
}}

// Convert renders src, the Markdown body of the page published at pageURL
// (a root-relative URL such as "/patterns/hybrid/"), to HTML. A page that
// breaks one of the limits (MaxNesting and the others) is not rendered: the
// error is a *LimitError saying where.
func (c *Converter) Convert(src []byte, pageURL string) (Result, error) {
	if err := checkLines(src); err != nil {
		return Result{}, err
	}
	page := &pageState{url: pageURL}
	pc := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	pc.Set(pageStateKey, page)
	doc := c.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	if page.limit != nil {
		return Result{}, page.limit
	}
	text, headings := pageText(doc, src)

	out := outPool.Get().(*output)
	out.buf.Reset()
	out.w.Reset(&out.buf)
	defer outPool.Put(out)
	if err := c.md.Renderer().Render(out.w, src, doc); err != nil { // Render flushes
		return Result{}, fmt.Errorf("render markdown for %s: %w", pageURL, err)
	}
	return Result{
		HTML:     bytes.Clone(out.buf.Bytes()),
		TOC:      page.toc,
		Title:    page.title,
		Links:    page.links,
		Text:     text,
		Headings: headings,
	}, nil
}

// pageState carries what one Convert call knows and learns about its page
// through goldmark's parser context.
type pageState struct {
	url      string
	toc      []Heading
	title    string
	hasTitle bool
	links    []string
	seen     map[string]bool

	limit             *LimitError // the first limit the page breaks
	tableCells        int         // the table cells of the paragraphs so far, at most
	brackets          int         // the ] of the paragraphs so far
	longestReferences int         // the most bytes of reference definitions one paragraph held
}

var pageStateKey = parser.NewContextKey()

func pageStateOf(pc parser.Context) *pageState {
	if p, ok := pc.Get(pageStateKey).(*pageState); ok {
		return p
	}
	// Used through goldmark directly, without Convert: act for the site root.
	p := &pageState{url: "/"}
	pc.Set(pageStateKey, p)
	return p
}

func (p *pageState) addLink(dest string) {
	if p.seen == nil {
		p.seen = map[string]bool{}
	}
	if p.seen[dest] {
		return
	}
	p.seen[dest] = true
	p.links = append(p.links, dest)
}
