package chart

import (
	"math"
	"strings"

	template "scorebook/generator/internal/gotemplate/html"
)

// BarsInput is a horizontal bar chart: one labelled bar per row on a
// common scale, each with an optional target drawn as a tick. It serves
// the dimension scores of a scorecard (0 to 4 against targets) and the
// pattern fit (0 to 100 per cent).
type BarsInput struct {
	// ID is the element id prefix; empty derives one from the content.
	ID string
	// Title is the accessible name of the chart; it is not drawn.
	Title string
	// LabelName heads the label column of the table alternative
	// (default "Dimension").
	LabelName string
	// ValueName and TargetName name the bars and the target ticks in the
	// legend and the table (defaults "Score" and "Target").
	ValueName, TargetName string
	// Min and Max are the scale; bars start at Min.
	Min, Max float64
	// Decimals is how many decimals values show, 0 to 2: the zero value
	// shows whole numbers, as for percentages; scores want 1.
	Decimals int
	// Suffix follows every value and axis label, such as "%".
	Suffix string
	// Bars are drawn top to bottom.
	Bars []Bar
}

// Bar is one row of a bar chart.
type Bar struct {
	// Label names the row, such as a dimension or a pattern.
	Label string
	// Value is the bar's length; nil draws "not assessed" instead.
	Value *float64
	// Target, when set, is drawn as a tick across the bar.
	Target *float64
	// Text, when set, is shown instead of the formatted value (such as a
	// profile level, "High").
	Text string
	// Style colours the bar; StyleAuto means StyleScore.
	Style Style
	// Highlight sets the row's label in bold, such as the brand's current
	// pattern in a pattern fit chart.
	Highlight bool
}

// barGroup is a run of bars under a heading (the pattern comparison groups
// its bars by dimension).
type barGroup struct {
	heading string
	bars    []Bar
}

// Bar geometry, in viewBox units.
const (
	barsWidth     = 560.0
	barsWrap      = 26
	barThickness  = 14.0
	barsRowHeight = 28.0
	// barsGroupedRowHeight and barGroupedThickness apply under headings.
	barsGroupedRowHeight = 22.0
	barGroupedThickness  = 12.0
	barsHeadingH         = 24.0
	barsMinTrack         = 220.0
)

// Bars draws a horizontal bar chart of the input.
func Bars(in BarsInput) template.HTML {
	groups := []barGroup{{bars: in.Bars}}
	return drawBars("bars", in, groups, barsDesc(in, groups))
}

// barText returns the value shown beside a bar (empty when there is
// none) and the muted target note (empty without a target).
func barText(in BarsInput, bar Bar) (string, string) {
	val := ""
	if v, ok := value([]*float64{bar.Value}, 0); ok {
		val = formatValue(v, in.Decimals) + cleanText(in.Suffix)
	}
	if t := cleanText(bar.Text); t != "" {
		val = t
	}
	note := ""
	if t, ok := value([]*float64{bar.Target}, 0); ok {
		note = strings.ToLower(orDefault(in.TargetName, "Target")) + " " + formatValue(t, in.Decimals) + cleanText(in.Suffix)
	}
	return val, note
}

// barLayout is where the columns of a bar chart fall: labels from 0, the
// track from x0 to x1, the values after it.
type barLayout struct {
	in                   BarsInput
	lo, hi               float64
	x0, x1, width        float64
	rowHeight, thickness float64
}

// xAt is the x position of value v on the track.
func (l barLayout) xAt(v float64) float64 { return l.x0 + fraction(v, l.lo, l.hi)*(l.x1-l.x0) }

// newBarLayout sizes the label and value columns from their text.
func newBarLayout(in BarsInput, groups []barGroup, lo, hi float64) barLayout {
	l := barLayout{in: in, lo: lo, hi: hi, rowHeight: barsRowHeight, thickness: barThickness}
	// Grouped bars sit closer together, so each group reads as one.
	if len(groups) > 1 || groups[0].heading != "" {
		l.rowHeight, l.thickness = barsGroupedRowHeight, barGroupedThickness
	}
	labelW, valueW := 0.0, 0.0
	for _, g := range groups {
		for _, bar := range g.bars {
			for _, line := range wrap(bar.Label, barsWrap, 2) {
				w := textWidth(line, fontSize)
				if bar.Highlight {
					w *= 1.1 // bold
				}
				labelW = math.Max(labelW, w)
			}
			val, note := barText(in, bar)
			valueW = math.Max(valueW, textWidth(orDefault(val, noValue), fontSize)+textWidth(" "+note, smallFontSize))
		}
		// A heading may run over the track, not past half of it.
		for _, line := range wrap(g.heading, 2*barsWrap, 1) {
			labelW = math.Max(labelW, textWidth(line, fontSize)-barsMinTrack/2)
		}
	}
	l.width = math.Max(barsWidth, labelW+12+barsMinTrack+12+valueW)
	l.x0 = labelW + 12
	l.x1 = l.width - valueW - 12
	return l
}

// row draws one bar at y into rows, and its target tick into marks (drawn
// later, over every bar); it returns the row's height.
func (l barLayout) row(rows, marks *strings.Builder, y float64, bar Bar, k int) float64 {
	lines := wrap(bar.Label, barsWrap, 2)
	if len(lines) == 0 {
		lines = []string{noValue}
	}
	h := math.Max(l.rowHeight, float64(len(lines))*lineHeight+8)
	mid := y + h/2
	top := mid - l.thickness/2
	base := mid - float64(len(lines))*lineHeight/2 + 0.5*(lineHeight-fontSize) + 0.8*fontSize
	rows.WriteString(`<g class="chart-row">`)
	if bar.Highlight {
		textLinesAttrs(rows, "chart-label chart-label-strong", ` font-weight="700"`, 0, base, "", fontSize, lines)
	} else {
		textLines(rows, "chart-label", 0, base, "", fontSize, lines)
	}
	rows.WriteString(`<rect class="chart-track" x="` + num(l.x0) + `" y="` + num(top) + `" width="` + num(l.x1-l.x0) +
		`" height="` + num(l.thickness) + `" fill="currentColor" fill-opacity="0.1"/>`)
	style := bar.Style
	if style == StyleAuto {
		style = StyleScore
	}
	label := cleanText(bar.Label)
	val, note := barText(l.in, bar)
	val = orDefault(val, noValue)
	if v, ok := value([]*float64{bar.Value}, 0); ok {
		rows.WriteString(`<g class="` + style.resolve(k).spec().class + `"><rect class="chart-bar" x="` + num(l.x0) + `" y="` + num(top) +
			`" width="` + num(l.xAt(v)-l.x0) + `" height="` + num(l.thickness) + `" fill="currentColor">` +
			tooltip(label+": "+val) + `</rect></g>`)
	} else {
		rows.WriteString(`<text class="chart-note" x="` + num(l.x0+6) + `" y="` + num(mid+smallFontSize*0.35) +
			`" font-size="` + num(smallFontSize) + `" font-style="italic">` + NotAssessed + `</text>`)
	}
	if t, ok := value([]*float64{bar.Target}, 0); ok {
		d := `d="M` + num(l.xAt(t)) + " " + num(top-5) + "V" + num(top+l.thickness+5) + `"`
		marks.WriteString(`<g class="chart-series-target"><path class="chart-halo" ` + d + ` stroke="none" stroke-width="6"/>`)
		marks.WriteString(`<path class="chart-target-tick" ` + d + ` stroke="currentColor" stroke-width="3">` +
			tooltip(label+": "+note) + `</path></g>`)
	}
	rows.WriteString(`<text class="chart-value" x="` + num(l.x1+10) + `" y="` + num(mid+fontSize*0.35) + `">` + esc(val))
	if note != "" {
		rows.WriteString(`<tspan class="chart-muted" font-size="` + num(smallFontSize) + `"> ` + esc(note) + `</tspan>`)
	}
	rows.WriteString(`</text></g>`)
	return h
}

// drawBars draws groups of bars: the chart behind Bars and
// PatternMatrixChart.
func drawBars(kind string, in BarsInput, groups []barGroup, desc string) template.HTML {
	var all []*float64
	anyTarget := false
	for _, g := range groups {
		for _, bar := range g.bars {
			all = append(all, bar.Value, bar.Target)
			_, ok := value([]*float64{bar.Target}, 0)
			anyTarget = anyTarget || ok
		}
	}
	lo, hi := scaleRange(in.Min, in.Max, all)
	if len(all) == 0 {
		return emptyChart(kind, in.ID, in.Title, desc)
	}
	l := newBarLayout(in, groups, lo, hi)

	var rows, marks strings.Builder
	y := 4.0
	for gi, g := range groups {
		if g.heading != "" {
			if gi > 0 {
				y += 6
			}
			textLines(&rows, "chart-group-label", 0, y+barsHeadingH-8, "", fontSize, wrap(g.heading, 2*barsWrap, 1))
			rows.WriteString(`<path class="chart-grid" d="M0 ` + num(y+barsHeadingH-3) + "H" + num(l.width) + `" stroke="currentColor" stroke-width="1"/>`)
			y += barsHeadingH
		}
		for k, bar := range g.bars {
			y += l.row(&rows, &marks, y, bar, k)
		}
	}
	bottom := y + 2

	var b strings.Builder
	ts := ticks(lo, hi)
	b.WriteString(`<g class="chart-grid" stroke="currentColor" stroke-width="1">`)
	for _, t := range ts {
		b.WriteString(`<path d="M` + num(l.xAt(t)) + " 0V" + num(bottom) + `"/>`)
	}
	b.WriteString(`</g>`)
	b.WriteString(rows.String())
	b.WriteString(marks.String())
	b.WriteString(`<g class="chart-tick-labels">`)
	for _, t := range ts {
		textLines(&b, "chart-tick-label", l.xAt(t), bottom+4+smallFontSize, "middle", smallFontSize, []string{formatTick(t) + cleanText(in.Suffix)})
	}
	b.WriteString(`</g>`)
	height := bottom + 8 + smallFontSize

	// A key only when there is more than one kind of mark to tell apart;
	// the pattern comparison labels every bar directly.
	if anyTarget {
		var entries []legendEntry
		if kind == "bars" {
			entries = append(entries, legendEntry{label: orDefault(in.ValueName, "Score"), kind: legendBar, style: StyleScore.spec()})
		}
		entries = append(entries, legendEntry{label: orDefault(in.TargetName, "Target"), kind: legendTick, style: StyleTarget.spec()})
		leg, legH := legend(entries, 0, height+8, l.width)
		b.WriteString(leg)
		height += 8 + legH
	}
	return document(kind, in.ID, in.Title, desc, -4, 0, l.width+8, height+4, b.String())
}

// barsDesc describes every bar in words, for the <desc>.
func barsDesc(in BarsInput, groups []barGroup) string {
	var parts []string
	var all []*float64
	for _, g := range groups {
		for _, bar := range g.bars {
			all = append(all, bar.Value, bar.Target)
			val, note := barText(in, bar)
			p := cleanText(bar.Label)
			if g.heading != "" {
				p = cleanText(g.heading) + ", " + p
			}
			p += " " + orDefault(val, NotAssessed)
			if note != "" {
				p += ", " + note
			}
			parts = append(parts, p)
		}
	}
	lo, hi := scaleRange(in.Min, in.Max, all)
	suffix := cleanText(in.Suffix)
	return "Scale " + formatTick(lo) + suffix + " to " + formatTick(hi) + suffix + ". " + joinSentences(parts)
}

// Table returns the bars as a table: one row per bar, a value column and,
// when any bar has a target, a target column.
func (in BarsInput) Table() Table {
	t := Table{Caption: cleanText(in.Title), Columns: []string{orDefault(in.LabelName, "Dimension"), orDefault(in.ValueName, "Score")}}
	anyTarget := false
	for _, bar := range in.Bars {
		anyTarget = anyTarget || bar.Target != nil
	}
	if anyTarget {
		t.Columns = append(t.Columns, orDefault(in.TargetName, "Target"))
	}
	for _, bar := range in.Bars {
		val, _ := barText(in, bar)
		row := TableRow{Label: cleanText(bar.Label), Cells: []string{orDefault(val, NotAssessed)}}
		if anyTarget {
			tv := noValue
			if v, ok := value([]*float64{bar.Target}, 0); ok {
				tv = formatValue(v, in.Decimals) + cleanText(in.Suffix)
			}
			row.Cells = append(row.Cells, tv)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
