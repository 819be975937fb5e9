package site

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"

	template "scorebook/generator/internal/gotemplate/html"
	"scorebook/generator/internal/incr"
	"scorebook/generator/internal/model"
	"scorebook/generator/internal/render"
	"scorebook/generator/internal/routes"
)

// ScorecardInput is one of a brand's scorecards as a page of the site, or
// the current one as the self-contained share file.
type ScorecardInput struct {
	Frame *incr.Shared[render.Site]
	Nav   Nav
	Model *incr.Shared[*model.Model]
	Brand *BrandAsOf // as its scorecard Index sees it
	URL   string     // the brand's address
	Index int        // which of the brand's assessments, oldest first
	Share bool
	// Unlisted scorecards link to nothing that would reveal where other
	// share paths are.
	Unlisted bool
	// PlatformPage says the playbook has a page on the brand's platform,
	// which the scorecard then links to.
	PlatformPage bool
	// Commit is the last commit that changed the assessment file (zero
	// when git info is off or the file is not committed): part of the
	// value, so a new commit renders the page again.
	Commit render.Commit
}

// scorecardID names a scorecard view, which the page and the share file
// of the current scorecard share, so that its charts are drawn once.
type scorecardID struct {
	brand, url   string
	index        int
	platformPage bool
}

// Render implements Input.
func (in ScorecardInput) Render(r *Renderer) ([]byte, []string, error) {
	b := in.Brand
	card := b.Cards[in.Index]
	view, err := in.view(r)
	if err != nil {
		return nil, nil, err
	}
	kind := render.KindScorecard
	if in.Share {
		kind = render.KindShare
	}
	title := card.Brand
	if !view.Current {
		title += ", assessed " + card.Assessed
	}
	var c Crumbs
	if !in.Unlisted {
		c = crumbs(render.Link{Title: "Scorecards", URL: routes.Portfolio})
		if !view.Current {
			c[1] = render.Link{Title: card.Brand, URL: in.URL}
		}
	}
	v := newView(in.Frame, kind, view.URL, title, "Integration capability scorecard of "+card.Brand+", assessed "+card.Assessed, in.Nav, c)
	v.Scorecard = view
	v.NoIndex = in.Unlisted
	if in.Commit.Hash != "" {
		commit := in.Commit
		v.Commit = &commit
	}
	out, err := r.execute(v)
	return out, nil, err
}

// view returns the scorecard's view. The current scorecard's is made once
// for its page and its share file: the first of the two to render leaves
// it in r.views and the second takes it out, so that a build holds the
// views (with their charts) only of the scorecards being rendered.
func (in ScorecardInput) view(r *Renderer) (*render.ScorecardView, error) {
	b := in.Brand
	shared := in.Index == len(b.Cards)-1
	id := scorecardID{b.Digest(), in.URL, in.Index, in.PlatformPage}
	if shared {
		if v, ok := r.views.LoadAndDelete(id); ok {
			return v.(*render.ScorecardView), nil
		}
	}
	card := b.Cards[in.Index]
	fresh := render.NewScorecardView(in.Model.V, b.Files.Assessments[in.Index], card, b.Cards, in.URL)
	if fresh.Platform != nil && !in.PlatformPage {
		fresh.Platform.URL = "" // the playbook has no page on this platform
	}
	if text := card.Summary; strings.TrimSpace(text) != "" {
		fresh.Summary = template.HTML("<p>" + template.HTMLEscapeString(text) + "</p>")
		if r.Text != nil {
			html, err := r.Text([]byte(text))
			if err != nil {
				return nil, err
			}
			fresh.Summary = template.HTML(html)
		}
	}
	if shared {
		if v, loaded := r.views.LoadOrStore(id, fresh); loaded {
			// The other one made its view meanwhile: use it, so that
			// the charts are drawn once, and take it out.
			r.views.Delete(id)
			return v.(*render.ScorecardView), nil
		}
	}
	return fresh, nil
}

// ScorecardJSON is one of a brand's scorecards as data: the current one
// at the brand's address, each earlier one at its own date's.
type ScorecardJSON struct {
	Brand *BrandAsOf // as its scorecard Index sees it
	Index int        // which of the brand's assessments, oldest first
}

// Render implements Input.
func (in ScorecardJSON) Render(*Renderer) ([]byte, []string, error) {
	out, err := encodeJSON(in.Brand.Cards[in.Index])
	return out, nil, err
}

// Badge is a brand's current level and score as a small SVG badge.
type Badge struct {
	Model *incr.Shared[*model.Model]
	Brand *Brand
}

// Render implements Input.
func (in Badge) Render(*Renderer) ([]byte, []string, error) {
	return render.BadgeSVG(in.Model.V, in.Brand.Current()), nil, nil
}

// ScorecardCSV is a brand's current scorecard, one row per criterion.
type ScorecardCSV struct {
	Model *incr.Shared[*model.Model]
	Brand *Brand
}

// Render implements Input.
func (in ScorecardCSV) Render(*Renderer) ([]byte, []string, error) {
	m, c := in.Model.V, in.Brand.Current()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"brand", "slug", "assessed", "model_version", "dimension_id", "dimension", "dimension_score",
		"criterion_id", "criterion", "weight", "level", "exempt", "reason", "evidence", "confidence"})
	for i, d := range c.Dimensions {
		dim := m.Dimensions[i]
		for j, cr := range d.Criteria {
			level := ""
			if cr.Level != nil {
				level = strconv.Itoa(*cr.Level)
			}
			w.Write(csvSafe(c.Brand, c.Slug, c.Assessed, c.ModelVersion, d.ID, dim.Name, optional(d.Score),
				cr.ID, dim.Criteria[j].Name, strconv.FormatFloat(dim.Criteria[j].Weight, 'f', -1, 64), level,
				strconv.FormatBool(cr.Exempt), cr.Reason, cr.Evidence, cr.Confidence))
		}
	}
	w.Flush()
	return b.Bytes(), nil, w.Error()
}

func optional(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

// csvSafe defuses cells a spreadsheet would run as a formula by prefixing
// them with an apostrophe. Numbers written by the generator are left alone.
func csvSafe(cells ...string) []string {
	for i, c := range cells {
		if c == "" {
			continue
		}
		if _, err := strconv.ParseFloat(c, 64); err == nil {
			continue
		}
		if strings.ContainsRune("=+-@\t\r|", rune(c[0])) {
			cells[i] = "'" + c
		}
	}
	return cells
}

// brandOutputs lists a published brand's files: its data, its share file
// and a page per assessment.
func (a *assembly) brandOutputs(p Published) []Output {
	b := p.Brand
	source := routes.AssessmentsDir + "/" + b.Slug + "/"
	frame, shareFrame, earlierFrame := a.frames.page, a.frames.share, a.frames.earlier
	if p.Unlisted {
		frame, shareFrame, earlierFrame = a.frames.bare, a.frames.bareShare, a.frames.bareEarlier
	}
	current := len(b.Cards) - 1
	card := func(i int, share bool) ScorecardInput {
		f := frame
		switch {
		case share:
			f = shareFrame
		case i != current:
			f = earlierFrame
		}
		url := routes.Assessment(p.URL, b.Cards[i].Assessed, i == current)
		return ScorecardInput{Frame: f, Nav: a.in.Outline.nav(url), Model: a.model, Brand: b.AsOf(i), URL: p.URL, Index: i,
			Share: share, Unlisted: p.Unlisted, PlatformPage: a.platformPage(b, i),
			Commit: a.in.Commits[b.Files.Assessments[i].Path]}
	}
	outs := []Output{
		{Rel: routes.In(p.URL, routes.ScorecardJSON), Source: source, In: ScorecardJSON{Brand: b.AsOf(current), Index: current}},
		{Rel: routes.In(p.URL, routes.Badge), Source: source, In: Badge{Model: a.model, Brand: b}},
		{Rel: routes.In(p.URL, routes.ScorecardCSV), Source: source, In: ScorecardCSV{Model: a.model, Brand: b}},
		{Rel: routes.In(p.URL, routes.ShareFile), Source: source, In: card(current, true)},
	}
	for i := range b.Cards {
		url := routes.Assessment(p.URL, b.Cards[i].Assessed, i == current)
		outs = append(outs, Output{Rel: routes.File(url), Source: source, Page: true, In: card(i, false)})
		if i != current {
			outs = append(outs, Output{Rel: routes.In(url, routes.ScorecardJSON), Source: source, In: ScorecardJSON{Brand: b.AsOf(i), Index: i}})
		}
	}
	return outs
}

// platformPage reports whether the playbook has a page on the platform of
// the brand's i-th assessment.
func (a *assembly) platformPage(b *Brand, i int) bool {
	id := b.Files.Assessments[i].Platform
	return id != "" && a.in.Outline.tree.ByURL(routes.Platform(id)) != nil
}
