package chart

import (
	template "scorebook/generator/internal/gotemplate/html"
)

// PatternMatrixInput compares the profiles of the integration patterns
// across the dimensions: a bar per pattern, grouped by dimension, each
// labelled with its pattern's name so that nothing depends on colour.
type PatternMatrixInput struct {
	// ID is the element id prefix; empty derives one from the content.
	ID string
	// Title is the accessible name of the chart; it is not drawn.
	Title string
	// Dimensions names each group, in model order.
	Dimensions []string
	// Min and Max are the scale the profiles are drawn on.
	Min, Max float64
	// Patterns are the bars of every group, in the same order each time.
	Patterns []PatternProfile
}

// PatternProfile is how one pattern tends to score on each dimension.
type PatternProfile struct {
	// Name labels the pattern's bar in every group.
	Name string
	// Values holds the score the profile is drawn at, per dimension.
	Values []*float64
	// Levels optionally names each value ("High", "Medium"); a named level
	// is shown instead of the number.
	Levels []string
	// Style colours the pattern's bars; StyleAuto means PaletteStyle of
	// the pattern's position.
	Style Style
}

// PatternMatrixChart draws the pattern comparison: for each dimension, one
// bar per pattern.
func PatternMatrixChart(in PatternMatrixInput) template.HTML {
	bars := BarsInput{ID: in.ID, Title: in.Title, Min: in.Min, Max: in.Max, Decimals: 1}
	groups := make([]barGroup, 0, len(in.Dimensions))
	for d, dim := range in.Dimensions {
		g := barGroup{heading: orDefault(dim, noValue)}
		for p, pat := range in.Patterns {
			bar := Bar{Label: pat.Name, Style: pat.Style.resolve(p)}
			if v, ok := value(pat.Values, d); ok {
				bar.Value = Float(v)
			}
			if d < len(pat.Levels) {
				bar.Text = pat.Levels[d]
			}
			g.bars = append(g.bars, bar)
		}
		groups = append(groups, g)
	}
	if len(in.Patterns) == 0 {
		groups = nil
	}
	return drawBars("patterns", bars, groups, barsDesc(bars, groups))
}

// Table returns the comparison as a table: one row per dimension, one
// column per pattern, each cell the level name or the value.
func (in PatternMatrixInput) Table() Table {
	t := Table{Caption: cleanText(in.Title), Columns: []string{"Dimension"}}
	for _, p := range in.Patterns {
		t.Columns = append(t.Columns, cleanText(p.Name))
	}
	for d, dim := range in.Dimensions {
		row := TableRow{Label: cleanText(dim)}
		for _, p := range in.Patterns {
			text := ""
			if d < len(p.Levels) {
				text = cleanText(p.Levels[d])
			}
			if text == "" {
				text = cell(Series{Values: p.Values}, d, 1)
			}
			row.Cells = append(row.Cells, text)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
