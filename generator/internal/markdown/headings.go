package markdown

import (
	"bytes"
	"html"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// headingIDs makes heading ids from the headings' plain text: letters and
// digits lowercased, runs of spaces, hyphens and underscores as one hyphen,
// everything else dropped; repeats get -1, -2... so each id on a page is
// unique and the same text always gets the same id.
type headingIDs struct {
	used map[string]bool
	// next is the suffix to try first for a base: each suffix is tried
	// once per base, so 10,000 equal headings cost 10,000 tries, not 50
	// million. An id that holds a suffix already ("a-1" written as a
	// heading of its own, or put explicitly) is still skipped.
	next map[string]int
}

func newHeadingIDs() *headingIDs {
	return &headingIDs{used: map[string]bool{}, next: map[string]int{}}
}

// Generate implements parser.IDs.
func (ids *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	base := slug(value)
	if base == "" {
		base = "section"
		if kind != ast.KindHeading {
			base = "id"
		}
	}
	id := base
	if ids.used[id] {
		i := max(ids.next[base], 1)
		for id = base + "-" + strconv.Itoa(i); ids.used[id]; id = base + "-" + strconv.Itoa(i) {
			i++
		}
		ids.next[base] = i + 1
	}
	ids.used[id] = true
	return []byte(id)
}

// Put implements parser.IDs.
func (ids *headingIDs) Put(value []byte) { ids.used[string(value)] = true }

func slug(value []byte) string {
	var b strings.Builder
	pendingHyphen := false
	for len(value) > 0 {
		r, size := utf8.DecodeRune(value)
		value = value[size:]
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if pendingHyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			pendingHyphen = false
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsSpace(r) || r == '-' || r == '_':
			pendingHyphen = true
		}
	}
	return b.String()
}

// plainText returns the text a reader sees in n's inline content: no
// markup, entities resolved, no raw HTML or footnote markers.
func plainText(n ast.Node, source []byte) string {
	var b strings.Builder
	writePlainText(&b, n, source)
	return strings.TrimSpace(b.String())
}

func writePlainText(b *strings.Builder, n ast.Node, source []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Value(source)
			switch {
			case c.IsRaw():
				b.Write(v)
			case bytes.IndexByte(v, '&') < 0: // nothing to unescape: skip the copies
				b.Write(unescapePunct(v))
			default:
				b.WriteString(html.UnescapeString(string(unescapePunct(v))))
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			if c.IsCode() {
				// Typographer substitutions are HTML entities.
				b.WriteString(html.UnescapeString(string(c.Value)))
			} else {
				b.Write(c.Value)
			}
		case *ast.AutoLink:
			b.Write(c.Label(source))
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					b.Write(t.Value(source))
				}
			}
		case *ast.RawHTML, *east.FootnoteLink:
		default:
			writePlainText(b, c, source)
		}
	}
}

// unescapePunct removes the backslash of Markdown escapes such as \*.
func unescapePunct(v []byte) []byte {
	if !strings.ContainsRune(string(v), '\\') {
		return v
	}
	out := make([]byte, 0, len(v))
	for i := 0; i < len(v); i++ {
		if v[i] == '\\' && i+1 < len(v) && util.IsPunct(v[i+1]) {
			i++
		}
		out = append(out, v[i])
	}
	return out
}

// headingAnchors is the goldmark extension that gives every heading an id,
// h2 to h4 a permalink, and fills the page's table of contents and title.
type headingAnchors struct{}

// HeadingAnchors is the goldmark extension for heading ids, permalinks and
// the table of contents.
var HeadingAnchors = &headingAnchors{}

// NewHeadingAnchors returns the heading extension.
func NewHeadingAnchors() goldmark.Extender { return HeadingAnchors }

// Extend implements goldmark.Extender.
func (e *headingAnchors) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(headingTransformer{}, 1001)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(NewHeadingRenderer(), 100)))
}

type headingTransformer struct{}

var idAttr = []byte("id")

// Transform implements parser.ASTTransformer.
func (headingTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	page := pageStateOf(pc)
	source := reader.Source()
	ids := pc.IDs()
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		visitHeadings(n, source, ids, page)
	}
}

func visitHeadings(n ast.Node, source []byte, ids parser.IDs, page *pageState) {
	h, ok := n.(*ast.Heading)
	if !ok {
		// Headings also live in block quotes, list items and footnotes.
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if c.Type() == ast.TypeBlock {
				visitHeadings(c, source, ids, page)
			}
		}
		return
	}
	txt := plainText(h, source)
	id := ids.Generate([]byte(txt), ast.KindHeading)
	h.SetAttribute(idAttr, id)
	switch {
	case h.Level == 1 && !page.hasTitle:
		page.title, page.hasTitle = txt, true
	case h.Level == 2 || h.Level == 3:
		page.toc = append(page.toc, Heading{Level: h.Level, ID: string(id), Text: txt})
	}
}

// HeadingRenderer renders headings with their id and, for h2 to h4, a
// permalink after the text.
type HeadingRenderer struct {
	ghtml.Config
}

// NewHeadingRenderer returns a heading renderer.
func NewHeadingRenderer(opts ...ghtml.Option) renderer.NodeRenderer {
	r := &HeadingRenderer{Config: ghtml.NewConfig()}
	for _, opt := range opts {
		opt.SetHTMLOption(&r.Config)
	}
	return r
}

// RegisterFuncs implements renderer.NodeRenderer.
func (r *HeadingRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.renderHeading)
}

func (r *HeadingRenderer) renderHeading(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	level := "0123456"[n.Level]
	if entering {
		_, _ = w.WriteString("<h")
		_ = w.WriteByte(level)
		if n.Attributes() != nil {
			ghtml.RenderAttributes(w, node, ghtml.HeadingAttributeFilter)
		}
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if id, ok := n.AttributeString("id"); ok && n.Level >= 2 && n.Level <= 4 {
		if idb, ok := id.([]byte); ok {
			_, _ = w.WriteString(` <a class="anchor" href="#`)
			_, _ = w.Write(util.EscapeHTML(util.URLEscape(idb, false)))
			_, _ = w.WriteString(`" aria-label="Link to this section">#</a>`)
		}
	}
	_, _ = w.WriteString("</h")
	_ = w.WriteByte(level)
	_, _ = w.WriteString(">\n")
	return ast.WalkContinue, nil
}
