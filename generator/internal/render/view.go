package render

import (
	"sort"
	"strings"

	template "scorebook/generator/internal/gotemplate/html"
	"scorebook/generator/internal/markdown"
)

// Site is what every page shows of the site as a whole.
type Site struct {
	Title        string
	Description  string
	Language     string
	BaseURL      string // as configured: "/" or "/playbook/" or a full URL
	ModelVersion string
	BuildDate    string // YYYY-MM-DD
	Menu         []Link // the top navigation: sections and top-level pages
	Stylesheets  []string
	Scripts      []string
	Icon         string // the site icon below static/, "" when there is none
	// InlineCSS is the whole stylesheet, for share.html, which may make no
	// outside request.
	InlineCSS template.CSS
}

// Link is a titled link to a page of the site, by its root-relative URL.
type Link struct {
	Title       string
	URL         string
	Description string
	Note        string // a short annotation, such as a score
}

// View is everything a layout needs to render one page. Exactly one of the
// kind-specific fields is set for the generated kinds; Page is set whenever
// the playbook has prose for the page.
type View struct {
	Site        *Site
	Kind        string
	URL         string // root-relative, e.g. "/dimensions/operations/"
	Title       string
	Description string
	NoIndex     bool // keep out of search engines (unlisted scorecards)
	// Absolute makes links absolute paths under the base URL, for pages
	// served at any address, such as 404.html.
	Absolute bool

	Page     *Page
	Children []Link
	Prev     *Link
	Next     *Link
	Crumbs   []Link
	// SectionPages lists the pages of the section the page is in, for the
	// side menu; empty for sections too large to list on every page.
	SectionPages []Link

	Dimension *DimensionView
	Pattern   *PatternView
	Check     *CheckView
	Patterns  *PatternsView
	Portfolio *PortfolioView
	Scorecard *ScorecardView
	Scoring   *ScoringView
	// Commit is the last commit that changed a scorecard's assessment
	// file, when site.toml sets git_info; nil otherwise.
	Commit *Commit
}

// Commit is what a scorecard shows of the last commit that changed its
// assessment file.
type Commit struct {
	Hash    string // the full hash, for the title
	Short   string // a fixed-length prefix of the hash
	Date    string // YYYY-MM-DD
	Subject string
}

// Page is a playbook page's rendered Markdown.
type Page struct {
	HTML template.HTML
	TOC  []Heading
	Date string
	Tags []string
}

// Heading is one entry of a page's table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Rel returns target, a root-relative URL, as a link relative to this
// page, so the site works from any sub-path and from a plain folder.
func (v *View) Rel(target string) string {
	if v.Absolute && strings.HasPrefix(target, "/") {
		return BasePath(v.Site.BaseURL) + strings.TrimPrefix(target, "/")
	}
	return markdown.RelURL(v.URL, target)
}

// Address returns target, a root-relative URL, as someone outside the site
// writes it: absolute under a base URL with a scheme, a path below the
// base path otherwise.
func (v *View) Address(target string) string {
	if base := v.Site.BaseURL; strings.Contains(base, "://") {
		return strings.TrimSuffix(base, "/") + target
	}
	return BasePath(v.Site.BaseURL) + strings.TrimPrefix(target, "/")
}

// BasePath returns the path of a base URL, with a trailing slash.
func BasePath(base string) string {
	if i := strings.Index(base, "://"); i >= 0 {
		rest := base[i+3:]
		j := strings.IndexByte(rest, '/')
		if j < 0 {
			return "/"
		}
		base = rest[j:]
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	return base
}

// Active reports whether target is this page or one of its ancestors, for
// highlighting the menu.
func (v *View) Active(target string) bool {
	if target == "/" {
		return v.URL == "/"
	}
	return strings.HasPrefix(v.URL, target)
}

// Asset returns a link to a site file such as "css/site.css".
func (v *View) Asset(name string) string {
	return v.Rel("/" + strings.TrimPrefix(name, "/"))
}

// Link renders an anchor to target with text, both escaped. In the
// self-contained share file, which may point nowhere outside itself, it
// renders the text alone.
func (v *View) Link(target, text string) template.HTML {
	t := template.HTMLEscapeString(text)
	if v.Kind == KindShare {
		return template.HTML(t)
	}
	return template.HTML(`<a href="` + template.HTMLEscapeString(v.Rel(target)) + `">` + t + `</a>`)
}

// SortLinks orders links by title, A to Z, regardless of case.
func SortLinks(links []Link) {
	sort.SliceStable(links, func(i, j int) bool {
		return strings.ToLower(links[i].Title) < strings.ToLower(links[j].Title)
	})
}
