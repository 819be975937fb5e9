package chart

import (
	"math"
	"strconv"
	"strings"
)

// Style is how a series is drawn: a CSS class that gives its colour, a
// dash pattern and a marker shape, so that series stay distinct in print
// and for readers who do not see colour.
type Style int

// Styles with a meaning. Palette styles, for series with no particular
// meaning (the dimensions on a trend chart, the patterns on the pattern
// comparison), come from PaletteStyle.
const (
	// StyleAuto picks PaletteStyle(i) for the i-th series.
	StyleAuto Style = iota
	// StyleScore draws a brand's scores: solid, thick, round markers,
	// filled area on a radar.
	StyleScore
	// StyleTarget draws targets: dashed, square markers.
	StyleTarget
	// StylePattern draws a pattern's profile: dotted, diamond markers.
	StylePattern
	stylePalette
)

// PaletteSize is the number of distinct palette styles; PaletteStyle
// repeats after it.
const PaletteSize = 8

// PaletteStyle returns the i-th palette style (counting from 0). Give a
// dimension or pattern the style of its position in the model so that it
// keeps the same look on every chart.
func PaletteStyle(i int) Style {
	if i < 0 {
		i = -i
	}
	return stylePalette + Style(i%PaletteSize)
}

// Class returns the CSS class that colours the style, such as
// "chart-series-score" or "chart-series-3". A page can use it to key a
// table or list to a chart.
func (s Style) Class() string { return s.spec().class }

// styleSpec is what a style draws with.
type styleSpec struct {
	class  string
	dash   string
	width  float64
	marker markerShape
	area   bool
}

var paletteSpecs = [PaletteSize]styleSpec{
	{dash: "", width: 2, marker: markerSquare},
	{dash: "7 3", width: 2, marker: markerDiamond},
	{dash: "2 2.5", width: 2, marker: markerTriangle},
	{dash: "9 3 2 3", width: 2, marker: markerTriangleDown},
	{dash: "4 2", width: 2, marker: markerStar},
	{dash: "12 3", width: 2, marker: markerHexagon},
	{dash: "1.5 2 6 2", width: 2, marker: markerTriangleRight},
	{dash: "5 2 1.5 2 1.5 2", width: 2, marker: markerTriangleLeft},
}

func (s Style) spec() styleSpec {
	switch s {
	case StyleScore:
		return styleSpec{class: "chart-series-score", width: 2.75, marker: markerCircle, area: true}
	case StyleTarget:
		return styleSpec{class: "chart-series-target", dash: "6 4", width: 2, marker: markerSquare}
	case StylePattern:
		return styleSpec{class: "chart-series-pattern", dash: "2 3", width: 2, marker: markerDiamond}
	}
	i := int(s - stylePalette)
	if i < 0 || i >= PaletteSize {
		i = 0
	}
	sp := paletteSpecs[i]
	sp.class = "chart-series-" + strconv.Itoa(i+1)
	return sp
}

// resolve turns StyleAuto into the palette style of position i.
func (s Style) resolve(i int) Style {
	if s == StyleAuto || s < StyleAuto || s >= stylePalette+PaletteSize {
		return PaletteStyle(i)
	}
	return s
}

// lineAttrs returns the presentation attributes of a series line. They sit
// in the markup, not the stylesheet, so that dashes survive without CSS.
func (sp styleSpec) lineAttrs() string {
	a := `fill="none" stroke="currentColor" stroke-width="` + num(sp.width) + `" stroke-linejoin="round"`
	if sp.dash != "" {
		a += ` stroke-dasharray="` + sp.dash + `"`
	}
	return a
}

type markerShape int

const (
	markerCircle markerShape = iota
	markerSquare
	markerDiamond
	markerTriangle
	markerTriangleDown
	markerStar
	markerHexagon
	markerTriangleRight
	markerTriangleLeft
)

// marker returns a filled marker of the given shape centred on x, y, with
// an optional hover title.
func marker(shape markerShape, x, y, r float64, title string) string {
	var b strings.Builder
	if shape == markerCircle {
		b.WriteString(`<circle class="chart-marker" cx="` + num(x) + `" cy="` + num(y) + `" r="` + num(r) + `" fill="currentColor"`)
	} else {
		b.WriteString(`<path class="chart-marker" d="` + markerPath(shape, x, y, r) + `" fill="currentColor"`)
	}
	if title == "" {
		b.WriteString(`/>`)
		return b.String()
	}
	b.WriteString(`>` + tooltip(title))
	if shape == markerCircle {
		b.WriteString(`</circle>`)
	} else {
		b.WriteString(`</path>`)
	}
	return b.String()
}

// hollowMarker returns the ring drawn for a missing value.
func hollowMarker(x, y, r float64, title string) string {
	c := `<circle class="chart-marker-missing" cx="` + num(x) + `" cy="` + num(y) + `" r="` + num(r) +
		`" fill="none" stroke="currentColor" stroke-width="1.75" stroke-dasharray="2 1.5"`
	if title == "" {
		return c + `/>`
	}
	return c + `>` + tooltip(title) + `</circle>`
}

// markerPath returns the outline of a marker as path data.
func markerPath(shape markerShape, x, y, r float64) string {
	var pts [][2]float64
	poly := func(n int, r, start float64) {
		for i := 0; i < n; i++ {
			a := start + 2*math.Pi*float64(i)/float64(n)
			pts = append(pts, [2]float64{x + r*math.Cos(a), y + r*math.Sin(a)})
		}
	}
	switch shape {
	case markerSquare:
		s := r * 0.85
		pts = [][2]float64{{x - s, y - s}, {x + s, y - s}, {x + s, y + s}, {x - s, y + s}}
	case markerDiamond:
		poly(4, r*1.2, -math.Pi/2)
	case markerTriangle:
		poly(3, r*1.2, -math.Pi/2)
	case markerTriangleDown:
		poly(3, r*1.2, math.Pi/2)
	case markerTriangleRight:
		poly(3, r*1.2, 0)
	case markerTriangleLeft:
		poly(3, r*1.2, math.Pi)
	case markerHexagon:
		poly(6, r*1.05, 0)
	case markerStar:
		for i := 0; i < 10; i++ {
			rr := r * 1.3
			if i%2 == 1 {
				rr = r * 0.55
			}
			a := -math.Pi/2 + math.Pi*float64(i)/5
			pts = append(pts, [2]float64{x + rr*math.Cos(a), y + rr*math.Sin(a)})
		}
	default:
		poly(12, r, 0)
	}
	var b strings.Builder
	for i, p := range pts {
		if i == 0 {
			b.WriteString("M")
		} else {
			b.WriteString("L")
		}
		b.WriteString(num(p[0]) + " " + num(p[1]))
	}
	b.WriteString("Z")
	return b.String()
}

// legendKind is what a legend entry's sample shows.
type legendKind int

const (
	legendLine legendKind = iota
	legendBar
	legendTick
	legendMissing
)

type legendEntry struct {
	label string
	kind  legendKind
	style styleSpec
}

// sampleWidth is the width of a legend entry's sample.
func sampleWidth(k legendKind) float64 {
	switch k {
	case legendTick:
		return 8
	case legendMissing:
		return 12
	case legendBar:
		return 22
	}
	return 28
}

// legend lays entries out in centred rows no wider than width, starting at
// top between x0 and x0+width, and returns the markup and the height used.
func legend(entries []legendEntry, x0, top, width float64) (string, float64) {
	if len(entries) == 0 {
		return "", 0
	}
	const gap, spacing = 6.0, 20.0
	rowH := lineHeight + 6
	type placed struct {
		e legendEntry
		w float64
	}
	var rows [][]placed
	var rowW []float64
	for _, e := range entries {
		label := cleanText(e.label)
		if label == "" {
			label = "Series"
		}
		e.label = label
		w := sampleWidth(e.kind) + gap + textWidth(label, fontSize)
		if n := len(rows); n == 0 || rowW[n-1]+spacing+w > width {
			rows = append(rows, nil)
			rowW = append(rowW, -spacing)
		}
		n := len(rows) - 1
		rows[n] = append(rows[n], placed{e, w})
		rowW[n] += spacing + w
	}
	var b strings.Builder
	b.WriteString(`<g class="chart-legend">`)
	for r, row := range rows {
		x := x0 + math.Max(0, (width-rowW[r])/2)
		cy := top + float64(r)*rowH + rowH/2
		for _, p := range row {
			sp := p.e.style
			sample := sampleWidth(p.e.kind)
			b.WriteString(`<g class="` + sp.class + `">`)
			switch p.e.kind {
			case legendLine:
				b.WriteString(`<path class="chart-line" d="M` + num(x) + " " + num(cy) + "H" + num(x+sample) + `" ` + sp.lineAttrs() + `/>`)
				b.WriteString(marker(sp.marker, x+sample/2, cy, markerRadius, ""))
			case legendBar:
				b.WriteString(`<rect class="chart-bar" x="` + num(x) + `" y="` + num(cy-6) + `" width="` + num(sample) + `" height="12" fill="currentColor"/>`)
			case legendTick:
				b.WriteString(`<path class="chart-target-tick" d="M` + num(x+sample/2) + " " + num(cy-8) + "V" + num(cy+8) + `" stroke="currentColor" stroke-width="3"/>`)
			case legendMissing:
				b.WriteString(hollowMarker(x+sample/2, cy, markerRadius, ""))
			}
			b.WriteString(`</g>`)
			textLines(&b, "chart-legend-label", x+sample+gap, cy+fontSize*0.35, "", fontSize, []string{p.e.label})
			x += p.w + spacing
		}
	}
	b.WriteString(`</g>`)
	return b.String(), float64(len(rows)) * rowH
}
