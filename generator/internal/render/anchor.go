package render

import (
	template "scorebook/generator/internal/gotemplate/html"
	"scorebook/generator/internal/markdown"
)

// Anchor is a link as a table row of a scorecard or the portfolio shows
// it, made in Go so that the row costs the layout one field read instead
// of a function call per link.
type Anchor struct {
	Text string
	// Href is the target relative to the page the anchor is on, or ""
	// where the page may not link: the share file, or the page itself.
	Href string
	// HTML is <a href="Href">Text</a>, escaped, or the escaped text alone
	// when Href is empty.
	HTML template.HTML
}

// anchorFrom returns the anchor on page (a root-relative URL) that shows
// text and links to target, a root-relative URL; an empty target makes
// plain text.
func anchorFrom(page, target, text string) Anchor {
	href := ""
	if target != "" {
		href = markdown.RelURL(page, target)
	}
	return Anchor{Text: text}.linked(href)
}

// linked returns a with href, and its HTML to match: plain text when href
// is empty.
func (a Anchor) linked(href string) Anchor {
	t := template.HTMLEscapeString(a.Text)
	a.Href, a.HTML = href, template.HTML(t)
	if href != "" {
		a.HTML = template.HTML(`<a href="` + template.HTMLEscapeString(href) + `">` + t + `</a>`)
	}
	return a
}
