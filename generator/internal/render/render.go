// Package render turns views of the playbook and the scorecards into HTML
// with the html/template files in layouts/. It knows nothing of the file
// system: the build hands it the layout sources and a writer.
package render

import (
	"bytes"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"scorebook/generator/internal/diag"
	template "scorebook/generator/internal/gotemplate/html"
)

// Kinds of page, each rendered by the layout file of the same name.
const (
	KindHome      = "home"
	KindPage      = "page"
	KindList      = "list"
	KindDimension = "dimension"
	KindPattern   = "pattern"
	KindCheck     = "check"
	KindPatterns  = "patterns"
	KindPortfolio = "portfolio"
	KindScorecard = "scorecard"
	KindScoring   = "scoring"
	KindSearch    = "search"
	KindNotFound  = "404"
	KindShare     = "share"
)

// pageKinds are rendered inside base.html; share.html stands alone.
var pageKinds = []string{KindHome, KindPage, KindList, KindDimension, KindPattern, KindCheck,
	KindPatterns, KindPortfolio, KindScorecard, KindScoring, KindSearch, KindNotFound}

// Layouts is the parsed template set: one template per kind of page.
type Layouts struct {
	sets map[string]*template.Template
}

// LayoutPath returns the source path of a layout file for messages.
func LayoutPath(name string) string { return "layouts/" + name }

// Parse parses the layout files, keyed by their path below layouts/ (e.g.
// "base.html", "partials/findings.html"). Every kind of page needs
// <kind>.html; base.html wraps all but share.html. All problems are
// reported together.
func Parse(files map[string][]byte) (*Layouts, diag.List) {
	var errs diag.List
	names := slices.Sorted(maps.Keys(files))
	common := template.New("").Funcs(Funcs)
	for _, name := range names {
		if !strings.HasPrefix(name, "partials/") {
			continue
		}
		if _, err := common.New(name).Parse(string(files[name])); err != nil {
			addTemplateError(&errs, name, err)
		}
	}
	if _, ok := files["base.html"]; !ok {
		errs.Add(LayoutPath("base.html"), 0, 0, "missing layout; every page is rendered inside base.html")
	}
	if _, ok := files[PortfolioRowLayout]; !ok {
		errs.Add(LayoutPath(PortfolioRowLayout), 0, 0, "missing layout; the portfolio renders each brand's row with it")
	}
	l := &Layouts{sets: map[string]*template.Template{}}
	for _, kind := range append(slices.Clone(pageKinds), KindShare) {
		name := kind + ".html"
		src, ok := files[name]
		if !ok {
			errs.Add(LayoutPath(name), 0, 0, "missing layout for %s pages", kind)
			continue
		}
		set, err := common.Clone()
		if err != nil {
			errs.Add(LayoutPath(name), 0, 0, "clone templates: %v", err)
			continue
		}
		if kind != KindShare {
			if _, err := set.New("base.html").Parse(string(files["base.html"])); err != nil {
				if kind == KindHome { // report base.html once
					addTemplateError(&errs, "base.html", err)
				}
				continue
			}
		}
		if _, err := set.New(name).Parse(string(src)); err != nil {
			addTemplateError(&errs, name, err)
			continue
		}
		l.sets[kind] = set
	}
	if errs.HasErrors() {
		return nil, errs
	}
	return l, errs
}

// PortfolioRowLayout renders one row of the portfolio, given the row alone,
// so that the build can render each brand's row once and reuse it.
const PortfolioRowLayout = "partials/portfolio-row.html"

// Fragment executes the partial layout name (PortfolioRowLayout, say) with
// data as part of a page of kind, and returns the HTML with the white space
// around it removed, so that a partial file may end in a newline.
func (l *Layouts) Fragment(kind, name string, data any) (template.HTML, error) {
	set, ok := l.sets[kind]
	if !ok {
		return "", fmt.Errorf("render %s: no layout for kind %q", name, kind)
	}
	var buf bytes.Buffer
	if err := set.ExecuteTemplate(&buf, name, data); err != nil {
		var errs diag.List
		addTemplateError(&errs, name, err)
		return "", errs
	}
	return template.HTML(bytes.TrimSpace(buf.Bytes())), nil
}

// Render executes the layout for v.Kind, appending the page to buf. A
// template error never leaves half a page behind: buf is cut back to what
// it held before.
func (l *Layouts) Render(buf *bytes.Buffer, v *View) error {
	set, ok := l.sets[v.Kind]
	if !ok {
		return fmt.Errorf("render %s: no layout for kind %q", v.URL, v.Kind)
	}
	entry := "base.html"
	if v.Kind == KindShare {
		entry = "share.html"
	}
	start := buf.Len()
	if err := set.ExecuteTemplate(buf, entry, v); err != nil {
		buf.Truncate(start)
		var errs diag.List
		addTemplateError(&errs, entry, err)
		errs[0].Message = fmt.Sprintf("rendering %s: %s", v.URL, errs[0].Message)
		return errs
	}
	return nil
}

// templateErrPos matches the "template: name:line:col:" or
// "template: name:line:" prefix of html/template errors.
var templateErrPos = regexp.MustCompile(`template: ([^:\s]+):(\d+)(?::(\d+))?: ?`)

// addTemplateError converts a template error into a diagnostic that names
// the layout file, line and column when the error gives them.
func addTemplateError(errs *diag.List, name string, err error) {
	msg := err.Error()
	line, col := 0, 0
	if m := templateErrPos.FindStringSubmatchIndex(msg); m != nil {
		name = msg[m[2]:m[3]]
		line, _ = strconv.Atoi(msg[m[4]:m[5]])
		if m[6] >= 0 {
			col, _ = strconv.Atoi(msg[m[6]:m[7]])
		}
		msg = msg[:m[0]] + msg[m[1]:]
	}
	msg = strings.TrimPrefix(strings.TrimSpace(msg), "html/template:")
	errs.Add(LayoutPath(name), line, col, "template error: %s", strings.TrimSpace(msg))
}
