package markdown

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Text renders a short Markdown text that sits inside a generated page,
// such as a brand's summary on its scorecard and in its self-contained
// share file, so that it can neither break the page nor reach outside it:
// raw HTML is dropped whatever the site allows, headings become paragraphs
// (their ids could clash with the page's own), links show as their text
// and images as their alternative text. Emphasis, lists, code and
// paragraphs render as on any page.
func (c *Converter) Text(src []byte) ([]byte, error) {
	pc := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	pc.Set(pageStateKey, &pageState{url: "/"})
	doc := c.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	var nodes []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch n.Kind() {
			case ast.KindHTMLBlock, ast.KindRawHTML, ast.KindLink, ast.KindImage, ast.KindAutoLink, ast.KindHeading:
				nodes = append(nodes, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range nodes {
		parent := n.Parent()
		if parent == nil {
			continue // inside a node already dropped
		}
		switch n.Kind() {
		case ast.KindHTMLBlock, ast.KindRawHTML:
			parent.RemoveChild(parent, n)
		case ast.KindAutoLink:
			label := n.(*ast.AutoLink).Label(src)
			parent.ReplaceChild(parent, n, ast.NewString(label))
		case ast.KindHeading:
			p := ast.NewParagraph()
			p.SetLines(n.Lines())
			moveChildren(n, p)
			parent.ReplaceChild(parent, n, p)
		default: // links and images: their text in their place
			for child := n.FirstChild(); child != nil; {
				next := child.NextSibling()
				parent.InsertBefore(parent, n, child)
				child = next
			}
			parent.RemoveChild(parent, n)
		}
	}
	var buf bytes.Buffer
	if err := c.md.Renderer().Render(&buf, src, doc); err != nil {
		return nil, fmt.Errorf("render markdown text: %w", err)
	}
	return buf.Bytes(), nil
}

// moveChildren moves every child of from to the end of to.
func moveChildren(from, to ast.Node) {
	for child := from.FirstChild(); child != nil; {
		next := child.NextSibling()
		to.AppendChild(to, child)
		child = next
	}
}
