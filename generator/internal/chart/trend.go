package chart

import (
	"math"
	"strings"

	template "scorebook/generator/internal/gotemplate/html"
)

// TrendInput is a line chart over assessment dates: the dates evenly
// spaced along the x axis, the scale on the y axis with gridlines, one line
// per series (the overall score and each dimension, say).
type TrendInput struct {
	// ID is the element id prefix; empty derives one from the content.
	ID string
	// Title is the accessible name of the chart; it is not drawn.
	Title string
	// DateName heads the date column of the table alternative
	// (default "Assessed").
	DateName string
	// Dates labels each point, oldest first, such as "2026-09-30".
	Dates []string
	// Min and Max are the y scale.
	Min, Max float64
	// Series hold one value per date; the first is drawn on top.
	Series []Series
}

// Trend geometry, in viewBox units.
const (
	trendWidth  = 640.0
	trendHeight = 220.0
	trendInset  = 12.0
	trendMarks  = 24 // beyond this many dates only the latest point is marked
)

// Trend draws a line chart of the input's series over its dates.
func Trend(in TrendInput) template.HTML {
	n := len(in.Dates)
	var all [][]*float64
	for _, s := range in.Series {
		all = append(all, s.Values)
	}
	lo, hi := scaleRange(in.Min, in.Max, all...)
	desc := trendDesc(in, lo, hi)
	if n == 0 {
		return emptyChart("trend", in.ID, in.Title, desc)
	}
	dates := make([]string, n)
	dateW := 0.0
	for i, d := range in.Dates {
		dates[i] = cleanText(d)
		dateW = math.Max(dateW, textWidth(dates[i], smallFontSize))
	}
	ts := ticks(lo, hi)
	tickW := 0.0
	for _, t := range ts {
		tickW = math.Max(tickW, textWidth(formatTick(t), smallFontSize))
	}
	left := math.Max(tickW+10, dateW/2-trendInset+2)
	right := trendWidth - math.Max(10, dateW/2-trendInset+2)
	top, bottom := 8.0, 8.0+trendHeight
	x := func(i int) float64 {
		if n == 1 {
			return (left + right) / 2
		}
		return left + trendInset + float64(i)*(right-left-2*trendInset)/float64(n-1)
	}
	y := func(v float64) float64 { return bottom - fraction(v, lo, hi)*(bottom-top) }

	var b strings.Builder
	b.WriteString(`<g class="chart-grid" stroke="currentColor" stroke-width="1">`)
	for _, t := range ts {
		if t > lo {
			b.WriteString(`<path d="M` + num(left) + " " + num(y(t)) + "H" + num(right) + `"/>`)
		}
	}
	b.WriteString(`</g><g class="chart-axis" stroke="currentColor" stroke-width="1">`)
	b.WriteString(`<path d="M` + num(left) + " " + num(bottom) + "H" + num(right) + `"/>`)
	for i := 0; i < n; i++ {
		b.WriteString(`<path d="M` + num(x(i)) + " " + num(bottom) + "v4" + `"/>`)
	}
	b.WriteString(`</g><g class="chart-tick-labels">`)
	for _, t := range ts {
		textLines(&b, "chart-tick-label", left-6, y(t)+smallFontSize*0.35, "end", smallFontSize, []string{formatTick(t)})
	}
	for _, i := range shownLabels(n, x, dateW+10) {
		textLines(&b, "chart-tick-label", x(i), bottom+6+smallFontSize, "middle", smallFontSize, []string{dates[i]})
	}
	b.WriteString(`</g>`)

	for k := len(in.Series) - 1; k >= 0; k-- {
		s := in.Series[k]
		sp := s.Style.resolve(k).spec()
		name := cleanText(s.Name)
		b.WriteString(`<g class="chart-series ` + sp.class + `">`)
		var d strings.Builder
		last := -1
		for i := 0; i < n; i++ {
			v, ok := value(s.Values, i)
			if !ok {
				continue
			}
			last = i
			if _, prev := value(s.Values, i-1); prev && i > 0 {
				d.WriteString("L")
			} else {
				d.WriteString("M")
			}
			d.WriteString(num(x(i)) + " " + num(y(v)))
		}
		if d.Len() > 0 {
			b.WriteString(`<path class="chart-line" d="` + d.String() + `" ` + sp.lineAttrs() + `/>`)
		}
		for i := 0; i < n; i++ {
			v, ok := value(s.Values, i)
			if !ok {
				continue
			}
			_, prev := value(s.Values, i-1)
			_, next := value(s.Values, i+1)
			if n <= trendMarks || i == last || (!prev && !next) {
				b.WriteString(marker(sp.marker, x(i), y(v), markerRadius, name+" — "+dates[i]+": "+formatValue(v, 1)))
			}
		}
		b.WriteString(`</g>`)
	}

	var entries []legendEntry
	for k, s := range in.Series {
		entries = append(entries, legendEntry{label: s.Name, kind: legendLine, style: s.Style.resolve(k).spec()})
	}
	legTop := bottom + 6 + smallFontSize + 14
	leg, legH := legend(entries, 0, legTop, trendWidth)
	b.WriteString(leg)
	height := legTop + legH + 4
	return document("trend", in.ID, in.Title, desc, 0, 0, trendWidth, height, b.String())
}

// shownLabels picks which of n evenly spaced x labels to draw so that
// labels of width w do not overlap: every k-th, always the first and the
// latest.
func shownLabels(n int, x func(int) float64, w float64) []int {
	if n <= 1 {
		return []int{0}[:n]
	}
	spacing := x(1) - x(0)
	k := 1
	if spacing > 0 && spacing < w {
		k = int(math.Ceil(w / spacing))
	}
	var out []int
	for i := 0; i < n; i += k {
		out = append(out, i)
	}
	if out[len(out)-1] != n-1 {
		if len(out) > 1 && x(n-1)-x(out[len(out)-1]) < w {
			out = out[:len(out)-1]
		}
		out = append(out, n-1)
	}
	return out
}

// trendDesc describes every series in words, for the <desc>.
func trendDesc(in TrendInput, lo, hi float64) string {
	var parts []string
	for _, s := range in.Series {
		var vals []string
		for i, d := range in.Dates {
			if v, ok := value(s.Values, i); ok {
				vals = append(vals, cleanText(d)+" "+formatValue(v, 1))
			}
		}
		if len(vals) > 0 {
			parts = append(parts, cleanText(s.Name)+": "+strings.Join(vals, ", "))
		}
	}
	return "Scale " + formatTick(lo) + " to " + formatTick(hi) + ". " + joinSentences(parts)
}

// Table returns the trend's values as a table: one row per date, one
// column per series.
func (in TrendInput) Table() Table {
	t := Table{Caption: cleanText(in.Title), Columns: []string{orDefault(in.DateName, "Assessed")}}
	for _, s := range in.Series {
		t.Columns = append(t.Columns, cleanText(s.Name))
	}
	for i, d := range in.Dates {
		row := TableRow{Label: cleanText(d)}
		for _, s := range in.Series {
			row.Cells = append(row.Cells, cell(s, i, 1))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
