package chart

import (
	"html/template"
	"math"
	"strings"
)

// RadarInput is a radar (spider) chart: one axis per dimension, rings at
// round values of the scale, and one polygon per series.
type RadarInput struct {
	// ID is the element id prefix; leave it empty to derive one from the
	// content. Set it when the same chart can appear twice on a page.
	ID string
	// Title is the accessible name of the chart; it is not drawn.
	Title string
	// AxisName heads the axis column of the table alternative
	// (default "Dimension").
	AxisName string
	// Axes names each axis, clockwise from the top. Three to eight read
	// well.
	Axes []string
	// Min and Max are the scale: the centre and the outer ring.
	Min, Max float64
	// Series are drawn last first, so the first series (the brand's
	// scores) is on top; the legend lists them in order.
	Series []Series
}

// Radar geometry, in viewBox units.
const (
	radarRadius   = 125.0
	radarLabelGap = 14.0
	radarWrap     = 20
)

// Radar draws a radar chart of the input's series on its axes.
func Radar(in RadarInput) template.HTML {
	n := len(in.Axes)
	var all [][]*float64
	for _, s := range in.Series {
		all = append(all, s.Values)
	}
	lo, hi := scaleRange(in.Min, in.Max, all...)
	desc := radarDesc(in, lo, hi)
	if n == 0 {
		return emptyChart("radar", in.ID, in.Title, desc)
	}
	angle := func(i int) float64 { return -math.Pi/2 + 2*math.Pi*float64(i)/float64(n) }
	at := func(i int, v float64) (float64, float64) {
		r := radarRadius * fraction(v, lo, hi)
		return r * math.Cos(angle(i)), r * math.Sin(angle(i))
	}

	var b strings.Builder
	var bb box
	bb.add(-radarRadius, -radarRadius)
	bb.add(radarRadius, radarRadius)

	// Grid: a ring at each round value, a spoke per axis.
	b.WriteString(`<g class="chart-grid" fill="none" stroke="currentColor" stroke-width="1">`)
	ts := ticks(lo, hi)
	for _, t := range ts {
		if t <= lo {
			continue
		}
		r := radarRadius * fraction(t, lo, hi)
		if n < 3 {
			b.WriteString(`<circle cx="0" cy="0" r="` + num(r) + `"/>`)
			continue
		}
		b.WriteString(`<path d="`)
		for i := 0; i < n; i++ {
			x, y := r*math.Cos(angle(i)), r*math.Sin(angle(i))
			b.WriteString(moveOrLine(i) + num(x) + " " + num(y))
		}
		b.WriteString(`Z"/>`)
	}
	b.WriteString(`</g><g class="chart-axis" stroke="currentColor" stroke-width="1">`)
	for i := 0; i < n; i++ {
		x, y := radarRadius*math.Cos(angle(i)), radarRadius*math.Sin(angle(i))
		b.WriteString(`<path d="M0 0L` + num(x) + " " + num(y) + `"/>`)
	}
	b.WriteString(`</g>`)

	// Axis labels, with a note under any axis whose score is missing.
	missing := make([]bool, n)
	anyMissing := false
	var missingStyle styleSpec
	for k, s := range in.Series {
		if !s.MarkMissing {
			continue
		}
		for i := 0; i < n; i++ {
			if _, ok := value(s.Values, i); !ok {
				if !anyMissing {
					missingStyle = s.Style.resolve(k).spec()
				}
				missing[i], anyMissing = true, true
			}
		}
	}
	b.WriteString(`<g class="chart-axis-labels">`)
	for i, name := range in.Axes {
		lines := wrap(name, radarWrap, 3)
		if len(lines) == 0 {
			lines = []string{"—"}
		}
		c, s := math.Cos(angle(i)), math.Sin(angle(i))
		lx, ly := (radarRadius+radarLabelGap)*c, (radarRadius+radarLabelGap)*s
		anchor := "middle"
		if c > 0.25 {
			anchor = "start"
		} else if c < -0.25 {
			anchor = "end"
		}
		count := len(lines)
		if missing[i] {
			count++
		}
		blockH := float64(count) * lineHeight
		top := ly - blockH*(1-s)/2
		base := top + 0.5*(lineHeight-fontSize) + 0.8*fontSize
		w := 0.0
		for _, l := range lines {
			w = math.Max(w, textWidth(l, fontSize))
		}
		textLines(&b, "chart-label", lx, base, anchor, fontSize, lines)
		if missing[i] {
			noteY := base + float64(len(lines))*lineHeight
			b.WriteString(`<text class="chart-note" x="` + num(lx) + `" y="` + num(noteY) + `"` + anchorAttr(anchor) +
				` font-size="` + num(smallFontSize) + `" font-style="italic">` + NotAssessed + `</text>`)
			w = math.Max(w, textWidth(NotAssessed, smallFontSize))
		}
		x0, x1 := anchoredText(lx, w, anchor)
		bb.add(x0, top)
		bb.add(x1, top+blockH)
	}
	b.WriteString(`</g>`)

	// Areas first, then lines and markers, last series first.
	for k := len(in.Series) - 1; k >= 0; k-- {
		s := in.Series[k]
		sp := s.Style.resolve(k).spec()
		if !sp.area || !complete(s.Values, n) {
			continue
		}
		b.WriteString(`<g class="` + sp.class + `"><path class="chart-area" d="`)
		for i := 0; i < n; i++ {
			v, _ := value(s.Values, i)
			x, y := at(i, v)
			b.WriteString(moveOrLine(i) + num(x) + " " + num(y))
		}
		b.WriteString(`Z" fill="currentColor" fill-opacity="0.14" stroke="none"/></g>`)
	}
	for k := len(in.Series) - 1; k >= 0; k-- {
		s := in.Series[k]
		sp := s.Style.resolve(k).spec()
		name := cleanText(s.Name)
		b.WriteString(`<g class="chart-series ` + sp.class + `">`)
		if d := radarPath(s.Values, n, at); d != "" {
			b.WriteString(`<path class="chart-line" d="` + d + `" ` + sp.lineAttrs() + `/>`)
		}
		for i := 0; i < n; i++ {
			label := cleanText(in.Axes[i])
			if v, ok := value(s.Values, i); ok {
				x, y := at(i, v)
				b.WriteString(marker(sp.marker, x, y, markerRadius, name+" — "+label+": "+formatValue(v, 1)))
			} else if s.MarkMissing {
				b.WriteString(hollowMarker(0, 0, markerRadius, name+" — "+label+": "+NotAssessed))
			}
		}
		b.WriteString(`</g>`)
	}

	// Ring labels sit where each ring crosses the bisector of the first
	// and last axes, away from the markers, which all sit on axes.
	b.WriteString(`<g class="chart-tick-labels">`)
	mid := -math.Pi/2 - math.Pi/float64(n)
	reach := math.Cos(math.Pi / float64(n))
	if n < 3 {
		mid, reach = -3*math.Pi/4, 1
	}
	for _, t := range ts {
		if t <= lo {
			continue
		}
		r := radarRadius * fraction(t, lo, hi) * reach
		textLines(&b, "chart-tick-label", r*math.Cos(mid), r*math.Sin(mid)+smallFontSize*0.35, "middle", smallFontSize, []string{formatTick(t)})
	}
	b.WriteString(`</g>`)

	// Centre the drawing horizontally and put the legend below it.
	half := math.Max(math.Max(-bb.minX, bb.maxX), 170)
	var entries []legendEntry
	for k, s := range in.Series {
		entries = append(entries, legendEntry{label: s.Name, kind: legendLine, style: s.Style.resolve(k).spec()})
	}
	if anyMissing {
		entries = append(entries, legendEntry{label: NotAssessed, kind: legendMissing, style: missingStyle})
	}
	leg, legH := legend(entries, -half, bb.maxY+14, 2*half)
	b.WriteString(leg)
	const pad = 8
	height := bb.maxY - bb.minY + 2*pad
	if legH > 0 {
		height += 14 + legH
	}
	return document("radar", in.ID, in.Title, desc, -half-pad, bb.minY-pad, 2*half+2*pad, height, b.String())
}

// radarPath returns the outline of a series: a closed polygon when every
// axis has a value, otherwise only the sides between neighbouring axes that
// both have one.
func radarPath(vs []*float64, n int, at func(int, float64) (float64, float64)) string {
	var b strings.Builder
	if n >= 3 && complete(vs, n) {
		for i := 0; i < n; i++ {
			v, _ := value(vs, i)
			x, y := at(i, v)
			b.WriteString(moveOrLine(i) + num(x) + " " + num(y))
		}
		b.WriteString("Z")
		return b.String()
	}
	sides := n
	if n < 3 {
		sides = n - 1
	}
	for i := 0; i < sides; i++ {
		j := (i + 1) % n
		v, ok1 := value(vs, i)
		w, ok2 := value(vs, j)
		if !ok1 || !ok2 {
			continue
		}
		x1, y1 := at(i, v)
		x2, y2 := at(j, w)
		b.WriteString("M" + num(x1) + " " + num(y1) + "L" + num(x2) + " " + num(y2))
	}
	return b.String()
}

// complete reports whether the first n values all exist.
func complete(vs []*float64, n int) bool {
	for i := 0; i < n; i++ {
		if _, ok := value(vs, i); !ok {
			return false
		}
	}
	return n > 0
}

func moveOrLine(i int) string {
	if i == 0 {
		return "M"
	}
	return "L"
}

func anchorAttr(anchor string) string {
	if anchor == "" || anchor == "start" {
		return ""
	}
	return ` text-anchor="` + anchor + `"`
}

// radarDesc describes every value in words, for the <desc>.
func radarDesc(in RadarInput, lo, hi float64) string {
	var parts []string
	for _, s := range in.Series {
		var vals []string
		for i, a := range in.Axes {
			v, ok := value(s.Values, i)
			switch {
			case ok:
				vals = append(vals, cleanText(a)+" "+formatValue(v, 1))
			case s.MarkMissing:
				vals = append(vals, cleanText(a)+" "+NotAssessed)
			}
		}
		if len(vals) > 0 {
			parts = append(parts, cleanText(s.Name)+": "+strings.Join(vals, ", "))
		}
	}
	return "Scale " + formatTick(lo) + " to " + formatTick(hi) + ". " + joinSentences(parts)
}

func joinSentences(parts []string) string {
	if len(parts) == 0 {
		return "No data."
	}
	return strings.Join(parts, "; ") + "."
}

// Table returns the radar's values as a table: one row per axis, one column
// per series.
func (in RadarInput) Table() Table {
	t := Table{Caption: cleanText(in.Title), Columns: []string{orDefault(in.AxisName, "Dimension")}}
	for _, s := range in.Series {
		t.Columns = append(t.Columns, cleanText(s.Name))
	}
	for i, a := range in.Axes {
		row := TableRow{Label: cleanText(a)}
		for _, s := range in.Series {
			row.Cells = append(row.Cells, cell(s, i, 1))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// cell formats the i-th value of a series for a table.
func cell(s Series, i, decimals int) string {
	if v, ok := value(s.Values, i); ok {
		return formatValue(v, decimals)
	}
	if s.MarkMissing {
		return NotAssessed
	}
	return noValue
}

func orDefault(s, def string) string {
	if s = cleanText(s); s == "" {
		return def
	}
	return s
}

// emptyChart is drawn when there is nothing to plot, so the page still has
// a labelled figure rather than a hole.
func emptyChart(kind, id, title, desc string) template.HTML {
	body := `<text class="chart-note" x="160" y="44" text-anchor="middle" font-style="italic">No data to chart</text>`
	return document(kind, id, title, desc, 0, 0, 320, 80, body)
}
