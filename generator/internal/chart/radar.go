package chart

import (
	"math"
	"strings"

	template "scorebook/generator/internal/gotemplate/html"
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

// radarGeometry places values on a radar of n axes with scale lo..hi,
// centred on the origin.
type radarGeometry struct {
	n      int
	lo, hi float64
}

// angle is the direction of axis i: the first points up, the rest follow
// clockwise.
func (g radarGeometry) angle(i int) float64 {
	return -math.Pi/2 + 2*math.Pi*float64(i)/float64(g.n)
}

// at returns where value v sits on axis i.
func (g radarGeometry) at(i int, v float64) (float64, float64) {
	r := radarRadius * fraction(v, g.lo, g.hi)
	return r * math.Cos(g.angle(i)), r * math.Sin(g.angle(i))
}

// Radar draws a radar chart of the input's series on its axes.
func Radar(in RadarInput) template.HTML {
	var all [][]*float64
	for _, s := range in.Series {
		all = append(all, s.Values)
	}
	lo, hi := scaleRange(in.Min, in.Max, all...)
	desc := radarDesc(in, lo, hi)
	if len(in.Axes) == 0 {
		return emptyChart("radar", in.ID, in.Title, desc)
	}
	g := radarGeometry{n: len(in.Axes), lo: lo, hi: hi}

	var b strings.Builder
	var bb box
	bb.add(-radarRadius, -radarRadius)
	bb.add(radarRadius, radarRadius)
	g.grid(&b)
	missing, missingStyle := radarMissing(in)
	g.axisLabels(&b, &bb, in.Axes, missing)
	g.series(&b, in)
	g.ringLabels(&b)

	// Centre the drawing horizontally and put the legend below it.
	half := math.Max(math.Max(-bb.minX, bb.maxX), 170)
	var entries []legendEntry
	for k, s := range in.Series {
		entries = append(entries, legendEntry{label: s.Name, kind: legendLine, style: s.Style.resolve(k).spec()})
	}
	if missingStyle != nil {
		entries = append(entries, legendEntry{label: NotAssessed, kind: legendMissing, style: *missingStyle})
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

// grid draws a ring at each round value of the scale and a spoke per axis.
func (g radarGeometry) grid(b *strings.Builder) {
	b.WriteString(`<g class="chart-grid" fill="none" stroke="currentColor" stroke-width="1">`)
	for _, t := range ticks(g.lo, g.hi) {
		if t <= g.lo {
			continue
		}
		if g.n < 3 {
			b.WriteString(`<circle cx="0" cy="0" r="` + num(radarRadius*fraction(t, g.lo, g.hi)) + `"/>`)
			continue
		}
		b.WriteString(`<path d="`)
		for i := 0; i < g.n; i++ {
			x, y := g.at(i, t)
			b.WriteString(moveOrLine(i) + num(x) + " " + num(y))
		}
		b.WriteString(`Z"/>`)
	}
	b.WriteString(`</g><g class="chart-axis" stroke="currentColor" stroke-width="1">`)
	for i := 0; i < g.n; i++ {
		x, y := g.at(i, g.hi)
		b.WriteString(`<path d="M0 0L` + num(x) + " " + num(y) + `"/>`)
	}
	b.WriteString(`</g>`)
}

// radarMissing reports which axes lack a value in a series that marks
// missing values, and the style of the first such series (nil if none).
func radarMissing(in RadarInput) ([]bool, *styleSpec) {
	missing := make([]bool, len(in.Axes))
	var style *styleSpec
	for k, s := range in.Series {
		if !s.MarkMissing {
			continue
		}
		for i := range in.Axes {
			if _, ok := value(s.Values, i); !ok {
				if style == nil {
					sp := s.Style.resolve(k).spec()
					style = &sp
				}
				missing[i] = true
			}
		}
	}
	return missing, style
}

// axisLabels draws each axis's name beyond its end, wrapped, with a
// "not assessed" note under it when its score is missing, and grows bb to
// hold them.
func (g radarGeometry) axisLabels(b *strings.Builder, bb *box, axes []string, missing []bool) {
	b.WriteString(`<g class="chart-axis-labels">`)
	for i, name := range axes {
		lines := wrap(name, radarWrap, 3)
		if len(lines) == 0 {
			lines = []string{noValue}
		}
		c, s := math.Cos(g.angle(i)), math.Sin(g.angle(i))
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
		// Labels above the centre grow upwards, below it downwards, and
		// beside it both ways.
		blockH := float64(count) * lineHeight
		top := ly - blockH*(1-s)/2
		base := top + 0.5*(lineHeight-fontSize) + 0.8*fontSize
		w := 0.0
		for _, l := range lines {
			w = math.Max(w, textWidth(l, fontSize))
		}
		textLines(b, "chart-label", lx, base, anchor, fontSize, lines)
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
}

// series draws the filled areas, then each series' outline and markers,
// last series first so that the first is on top.
func (g radarGeometry) series(b *strings.Builder, in RadarInput) {
	for k := len(in.Series) - 1; k >= 0; k-- {
		s := in.Series[k]
		sp := s.Style.resolve(k).spec()
		if !sp.area || !complete(s.Values, g.n) {
			continue
		}
		b.WriteString(`<g class="` + sp.class + `"><path class="chart-area" d="`)
		for i := 0; i < g.n; i++ {
			v, _ := value(s.Values, i)
			x, y := g.at(i, v)
			b.WriteString(moveOrLine(i) + num(x) + " " + num(y))
		}
		b.WriteString(`Z" fill="currentColor" fill-opacity="0.14" stroke="none"/></g>`)
	}
	for k := len(in.Series) - 1; k >= 0; k-- {
		s := in.Series[k]
		sp := s.Style.resolve(k).spec()
		name := cleanText(s.Name)
		b.WriteString(`<g class="chart-series ` + sp.class + `">`)
		if d := radarPath(s.Values, g.n, g.at); d != "" {
			b.WriteString(`<path class="chart-line" d="` + d + `" ` + sp.lineAttrs() + `/>`)
		}
		for i := 0; i < g.n; i++ {
			label := cleanText(in.Axes[i])
			if v, ok := value(s.Values, i); ok {
				x, y := g.at(i, v)
				b.WriteString(marker(sp.marker, x, y, markerRadius, name+" — "+label+": "+formatValue(v, 1)))
			} else if s.MarkMissing {
				b.WriteString(hollowMarker(0, 0, markerRadius, name+" — "+label+": "+NotAssessed))
			}
		}
		b.WriteString(`</g>`)
	}
}

// ringLabels numbers the rings where they cross the bisector of the first
// and last axes, away from the markers, which all sit on axes. They come
// after the series so that their halo keeps them legible over lines.
func (g radarGeometry) ringLabels(b *strings.Builder) {
	b.WriteString(`<g class="chart-tick-labels">`)
	mid := -math.Pi/2 - math.Pi/float64(g.n)
	reach := math.Cos(math.Pi / float64(g.n))
	if g.n < 3 {
		mid, reach = -3*math.Pi/4, 1
	}
	for _, t := range ticks(g.lo, g.hi) {
		if t <= g.lo {
			continue
		}
		r := radarRadius * fraction(t, g.lo, g.hi) * reach
		textLines(b, "chart-tick-label", r*math.Cos(mid), r*math.Sin(mid)+smallFontSize*0.35, "middle", smallFontSize, []string{formatTick(t)})
	}
	b.WriteString(`</g>`)
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
	// Walk the axes from one that follows a gap, so that each run of
	// neighbouring values is one stroke and dashes flow along it.
	first, cyclic := 0, n >= 3
	if cyclic {
		for i := 0; i < n; i++ {
			if _, ok := value(vs, (i+n-1)%n); !ok {
				first = i
				break
			}
		}
	}
	prev := false
	for k := 0; k < n; k++ {
		i := (first + k) % n
		v, ok := value(vs, i)
		if !ok {
			prev = false
			continue
		}
		_, nextOK := value(vs, (i+1)%n)
		if !prev && !(nextOK && (cyclic || i+1 < n)) {
			continue // a lone value is shown by its marker alone
		}
		x, y := at(i, v)
		if prev {
			b.WriteString("L")
		} else {
			b.WriteString("M")
		}
		b.WriteString(num(x) + " " + num(y))
		prev = true
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
