// Package routes owns the site's addresses and the source folders' names:
// every URL the generator publishes is made here, and nowhere else, so
// that a link, a sitemap entry and the file written for it cannot
// disagree.
package routes

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"path"
	"strconv"
	"strings"
)

// Source folders and the settings file, relative to the site source.
const (
	ContentDir     = "content"
	AssessmentsDir = "assessments"
	LayoutsDir     = "layouts"
	StaticDir      = "static"
	ConfigFile     = "site.toml"
)

// SourceDirs are the folders a build reads, in the order they are loaded.
var SourceDirs = []string{ContentDir, AssessmentsDir, LayoutsDir, StaticDir}

// Section pages the model and the scorecards provide.
const (
	Home       = "/"
	Dimensions = "/dimensions/"
	Patterns   = "/patterns/"
	Checks     = "/checks/"
	Platforms  = "/platforms/"
	Scoring    = "/scoring/"
	Portfolio  = "/scorecards/"
	Search     = "/search/"
	NotFound   = "/404.html"
)

// Data files and generated assets, as paths below the output folder.
const (
	NotFoundFile = "404.html"
	ModelJSON    = "model.json"
	IndexJSON    = "scorecards/index.json"
	// AssessmentSchema is the JSON Schema of an assessment file.
	AssessmentSchema = "schema/assessment.json"
	Sitemap          = "sitemap.xml"
	GeneratedCSS     = "css/generated.css"
	SiteCSS          = "css/site.css"
	SiteScript       = "js/site.js"
	Favicon          = "favicon.svg"
	ScorecardJSON    = "scorecard.json"
	ScorecardCSV     = "scorecard.csv"
	ShareFile        = "share.html"
	Badge            = "badge.svg"
)

// Dimension returns the page of a model dimension.
func Dimension(id string) string { return Dimensions + id + "/" }

// Pattern returns the page of a model pattern.
func Pattern(id string) string { return Patterns + id + "/" }

// Check returns the page of a check, with what it detects and how to
// remediate it.
func Check(id string) string { return Checks + id + "/" }

// Platform returns the playbook page of a platform; the playbook may not
// have one.
func Platform(id string) string { return Platforms + id + "/" }

// Scorecard returns the address of a listed brand's current scorecard.
func Scorecard(slug string) string { return Portfolio + slug + "/" }

// Shared returns the unguessable address of an unlisted brand's
// scorecard, from its share token.
func Shared(token string) string { return "/s/" + token + "/" }

// Assessment returns the page of the assessment of a brand made on date
// (YYYY-MM-DD), below the brand's address base: the current one is the
// brand's page itself, earlier ones have a page of their own.
func Assessment(base, date string, current bool) string {
	if current {
		return base
	}
	return base + date + "/"
}

// Filter returns the portfolio narrowed to the brands of one platform or
// pattern (kind "platform" or "pattern"); the whole portfolio for kind "".
func Filter(kind, id string) string {
	if kind == "" {
		return Portfolio
	}
	return Portfolio + kind + "/" + id + "/"
}

// FilterPage returns page n (from 1) of the portfolio filtered as
// Filter(kind, id) says: the filter's own address for the first page, and
// "page/<n>/" below it for the others.
func FilterPage(kind, id string, n int) string {
	if n <= 1 {
		return Filter(kind, id)
	}
	return Filter(kind, id) + "page/" + strconv.Itoa(n) + "/"
}

// FilterKinds are the kinds of portfolio filter, each with a page per
// model entry.
var FilterKinds = []string{"platform", "pattern"}

// File returns the output file of a URL: a page URL ("/a/b/") is written
// as "a/b/index.html", a file URL ("/a/b.json") as itself.
func File(url string) string {
	if strings.HasSuffix(url, "/") {
		return strings.TrimPrefix(path.Join(url, "index.html"), "/")
	}
	return strings.TrimPrefix(url, "/")
}

// In returns the file name below a page's address base ("/scorecards/x/").
func In(base, name string) string { return strings.TrimPrefix(base, "/") + name }

// Section returns the section a URL belongs to: its first segment.
func Section(url string) string {
	name, _, _ := strings.Cut(strings.TrimPrefix(url, "/"), "/")
	return name
}

// Last returns the last segment of a page URL: the id in "/checks/<id>/".
func Last(url string) string {
	return path.Base(strings.TrimSuffix(url, "/"))
}

// Resolves reports whether target, a root-relative link without query or
// fragment, leads to an output: a path below the output folder for which
// has is true.
func Resolves(target string, has func(rel string) bool) bool {
	rel := strings.TrimPrefix(target, "/")
	return has(rel) || has(path.Join(rel, "index.html"))
}

// ShareToken derives the unguessable path segment of an unlisted brand
// from the publisher's secret key: an HMAC of the slug.
func ShareToken(key []byte, slug string) string {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(slug))
	return hex.EncodeToString(mac.Sum(nil))[:32]
}

// CriterionID is the id of a criterion's section on its dimension's page.
func CriterionID(criterion string) string { return "criterion-" + criterion }

// LevelID is the id of one level of a criterion on its dimension's page.
func LevelID(criterion string, level int) string {
	return CriterionID(criterion) + "-level-" + strconv.Itoa(level)
}

// Criterion returns the place of a criterion on its dimension's page.
func Criterion(dimension, criterion string) string {
	return Dimension(dimension) + "#" + CriterionID(criterion)
}

// CriterionLevel returns the row of one level of a criterion on its
// dimension's page.
func CriterionLevel(dimension, criterion string, level int) string {
	return Dimension(dimension) + "#" + LevelID(criterion, level)
}

// ContentPage returns the address of a playbook page from the lowercased
// parts of its path below content/, without ".md" and without a final
// "_index": content/a/b.md is published at /a/b/, content/_index.md at /.
func ContentPage(parts ...string) string {
	if len(parts) == 0 {
		return Home
	}
	return "/" + path.Join(parts...) + "/"
}
