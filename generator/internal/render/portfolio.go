package render

import (
	"cmp"
	"html/template"
	"slices"
	"strings"

	"scorebook/generator/internal/assessment"
	"scorebook/generator/internal/chart"
	"scorebook/generator/internal/model"
	"scorebook/generator/internal/score"
)

// PortfolioView is every listed brand against every dimension, with the
// filters a reader can apply without JavaScript (each filter is a page).
type PortfolioView struct {
	Dimensions []Link
	Rows       []PortfolioRow
	Platforms  []Filter
	Patterns   []Filter
	Filter     string // the active filter's title, or ""
	All        string // the unfiltered portfolio's URL
	Totals     []SeverityCount
}

// Filter is a link to the portfolio narrowed to one platform or pattern.
type Filter struct {
	Link
	ID     string
	Count  int
	Active bool
}

// PortfolioRow is one brand's current scorecard in the portfolio.
type PortfolioRow struct {
	Brand      Link
	Slug       string
	Platform   string // id, for the filter script
	Pattern    string // id
	Assessed   string
	Overall    *float64
	Level      string
	Coverage   float64
	Cells      []HeatCell
	Severities []SeverityCount
	Trend      template.HTML
}

// HeatCell is one brand's score on one dimension.
type HeatCell struct {
	Score *float64
	Class string
}

// BrandCard pairs a brand's newest assessment with its scorecards, oldest
// first, for the portfolio and the pattern pages.
type BrandCard struct {
	Assessment *assessment.Assessment
	Cards      []*score.Scorecard
	URL        string
}

// Current returns the brand's newest scorecard.
func (b BrandCard) Current() *score.Scorecard { return b.Cards[len(b.Cards)-1] }

// PortfolioRows builds one row per brand, highest overall score first, so
// that the portfolio and each of its filtered pages share the work.
func PortfolioRows(m *model.Model, brands []BrandCard) []PortfolioRow {
	rows := make([]PortfolioRow, 0, len(brands))
	for _, b := range brands {
		a := b.Assessment
		card := b.Current()
		row := PortfolioRow{Brand: Link{Title: card.Brand, URL: b.URL}, Slug: card.Slug, Platform: a.Platform,
			Pattern: a.Pattern, Assessed: card.Assessed, Overall: card.Overall.Score, Coverage: card.Overall.Coverage,
			Severities: CountSeverities(card.Findings)}
		if card.Overall.Level != nil {
			row.Level = *card.Overall.Level
		}
		for _, d := range card.Dimensions {
			row.Cells = append(row.Cells, HeatCell{Score: d.Score,
				Class: chart.HeatClass(d.Score, float64(m.Scale.Min), float64(m.Scale.Max))})
		}
		if len(b.Cards) > 1 {
			vals := make([]*float64, len(b.Cards))
			for i, c := range b.Cards {
				vals[i] = c.Overall.Score
			}
			row.Trend = chart.Sparkline(vals, float64(m.Scale.Min), float64(m.Scale.Max), "Overall score trend for "+card.Brand)
		}
		rows = append(rows, row)
	}
	slices.SortStableFunc(rows, func(a, b PortfolioRow) int {
		switch {
		case a.Overall == nil && b.Overall == nil:
			return strings.Compare(a.Brand.Title, b.Brand.Title)
		case a.Overall == nil:
			return 1
		case b.Overall == nil:
			return -1
		}
		return cmp.Or(cmp.Compare(*b.Overall, *a.Overall), strings.Compare(a.Brand.Title, b.Brand.Title))
	})
	return rows
}

// NewPortfolioView builds the portfolio from rows made by PortfolioRows,
// narrowed to the platform or pattern with id filter when filterKind is
// "platform" or "pattern".
func NewPortfolioView(m *model.Model, rows []PortfolioRow, filterKind, filter string) *PortfolioView {
	v := &PortfolioView{All: "/scorecards/"}
	for _, d := range m.Dimensions {
		v.Dimensions = append(v.Dimensions, Link{Title: d.Name, URL: "/dimensions/" + d.ID + "/"})
	}
	filters := func(kind, id, name string, of func(PortfolioRow) string) Filter {
		f := Filter{Link: Link{Title: name, URL: "/scorecards/" + kind + "/" + id + "/"}, ID: id,
			Active: filterKind == kind && filter == id}
		for _, r := range rows {
			if of(r) == id {
				f.Count++
			}
		}
		if f.Active {
			v.Filter = name
		}
		return f
	}
	platform := func(r PortfolioRow) string { return r.Platform }
	pattern := func(r PortfolioRow) string { return r.Pattern }
	for _, p := range m.Platforms {
		v.Platforms = append(v.Platforms, filters("platform", p.ID, p.Name, platform))
	}
	for _, p := range m.Patterns {
		v.Patterns = append(v.Patterns, filters("pattern", p.ID, p.Name, pattern))
	}
	v.Totals = make([]SeverityCount, len(score.Severities))
	for i, sev := range score.Severities {
		v.Totals[i].Severity = sev
	}
	for _, r := range rows {
		if filterKind == "platform" && r.Platform != filter || filterKind == "pattern" && r.Pattern != filter {
			continue
		}
		v.Rows = append(v.Rows, r)
		for i, c := range r.Severities {
			v.Totals[i].Count += c.Count
		}
	}
	return v
}

// NewPatternsView builds the pattern comparison from the model's profiles
// and the listed brands' current and planned patterns.
func NewPatternsView(m *model.Model, brands []BrandCard) *PatternsView {
	v := &PatternsView{}
	for _, d := range m.Dimensions {
		v.Dimensions = append(v.Dimensions, Link{Title: d.Name, URL: "/dimensions/" + d.ID + "/"})
	}
	var profiles []chart.PatternProfile
	axes := make([]string, len(m.Dimensions))
	for i, d := range m.Dimensions {
		axes[i] = d.Name
	}
	for i := range m.Patterns {
		p := &m.Patterns[i]
		row := PatternRow{Pattern: Link{Title: p.Name, URL: "/patterns/" + p.ID + "/"}, Summary: p.Summary}
		for _, d := range m.Dimensions {
			row.Cells = append(row.Cells, profileCell(m, p, d.ID))
		}
		for _, b := range brands {
			link := Link{Title: b.Assessment.Brand, URL: b.URL}
			if b.Assessment.Pattern == p.ID {
				row.Brands = append(row.Brands, link)
			}
			if b.Assessment.PlannedPattern == p.ID && b.Assessment.Pattern != p.ID {
				row.Planned = append(row.Planned, link)
			}
		}
		v.Rows = append(v.Rows, row)
		levels := make([]string, len(m.Dimensions))
		for j, c := range row.Cells {
			levels[j] = c.Profile
		}
		profiles = append(profiles, chart.PatternProfile{Name: p.Name, Values: patternProfile(m, p), Levels: levels,
			Style: chart.PaletteStyle(i)})
	}
	v.Chart = chart.PatternMatrixChart(chart.PatternMatrixInput{Title: "Pattern profiles by dimension", Dimensions: axes,
		Min: float64(m.Scale.Min), Max: float64(m.Scale.Max), Patterns: profiles})
	return v
}
