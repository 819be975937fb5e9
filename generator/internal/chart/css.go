package chart

import (
	"strconv"
	"strings"
	"sync"
)

// palette is one colour scheme of the charts: the values of the
// --chart-* custom properties.
type palette struct {
	bg, text, muted, grid, axis, track string
	score, target, pattern             string
	series                             [PaletteSize]string
	heatNone                           swatch
	heat                               [HeatBuckets]swatch
}

// swatch is a heatmap cell's background and the text colour on it.
type swatch struct{ bg, text string }

// lightPalette assumes a white page; every colour is checked for contrast
// against bg by the tests (text 4.5:1, lines and markers 3:1).
var lightPalette = palette{
	bg: "#ffffff", text: "#1f2430", muted: "#596170", grid: "#dde1e7", axis: "#8c95a3", track: "#eceff3",
	score: "#1d5fae", target: "#b4490b", pattern: "#6a3d9a",
	series:   [PaletteSize]string{"#00796b", "#c2410c", "#a3347a", "#0369a1", "#8a5a00", "#6d28d9", "#4b5563", "#9f1239"},
	heatNone: swatch{"#f1f2f4", "#4f5664"},
	heat: [HeatBuckets]swatch{
		{"#eef4fb", "#1f2430"},
		{"#cfe1f5", "#1f2430"},
		{"#8fbbe8", "#10161f"},
		{"#2f6fb8", "#ffffff"},
		{"#173f78", "#ffffff"},
	},
}

// darkPalette assumes a near-black page.
var darkPalette = palette{
	bg: "#15181d", text: "#e6e9ef", muted: "#a3abb9", grid: "#323844", axis: "#5f6877", track: "#252a33",
	score: "#6fa8ff", target: "#ff9d57", pattern: "#c7a2ff",
	series:   [PaletteSize]string{"#3fd0bd", "#ff8a5c", "#f08bd0", "#5cc0ff", "#f0c040", "#b69cff", "#c0c6d0", "#ff7b9c"},
	heatNone: swatch{"#20252d", "#a3abb9"},
	heat: [HeatBuckets]swatch{
		{"#1b2636", "#e6e9ef"},
		{"#1f3a5c", "#e6e9ef"},
		{"#2a5d96", "#ffffff"},
		{"#5b9be0", "#0b0f14"},
		{"#a9d0ff", "#0b0f14"},
	},
}

// printPalette is black and white friendly: series differ by dash and
// marker, heat by shades of grey.
var printPalette = palette{
	bg: "#ffffff", text: "#000000", muted: "#333333", grid: "#bbbbbb", axis: "#666666", track: "#e6e6e6",
	score: "#000000", target: "#333333", pattern: "#555555",
	series:   [PaletteSize]string{"#000000", "#333333", "#555555", "#000000", "#333333", "#555555", "#000000", "#333333"},
	heatNone: swatch{"#ffffff", "#333333"},
	heat: [HeatBuckets]swatch{
		{"#f2f2f2", "#000000"},
		{"#d4d4d4", "#000000"},
		{"#a8a8a8", "#000000"},
		{"#6b6b6b", "#ffffff"},
		{"#303030", "#ffffff"},
	},
}

// vars writes the palette as custom property declarations.
func (p palette) vars(b *strings.Builder, indent string) {
	decl := func(name, value string) { b.WriteString(indent + "--chart-" + name + ": " + value + ";\n") }
	decl("bg", p.bg)
	decl("text", p.text)
	decl("muted", p.muted)
	decl("grid", p.grid)
	decl("axis", p.axis)
	decl("track", p.track)
	decl("score", p.score)
	decl("target", p.target)
	decl("pattern", p.pattern)
	for i, c := range p.series {
		decl("series-"+strconv.Itoa(i+1), c)
	}
	decl("heat-none", p.heatNone.bg)
	decl("heat-none-text", p.heatNone.text)
	for i, s := range p.heat {
		decl("heat-"+strconv.Itoa(i), s.bg)
		decl("heat-"+strconv.Itoa(i)+"-text", s.text)
	}
}

const chartRules = `.chart {
  display: block;
  width: 100%;
  height: auto;
  max-width: 40rem;
  margin: 1rem auto;
  overflow: visible;
  color: var(--chart-text);
  font-family: inherit;
}
.chart-radar { max-width: 34rem; }
.chart-trend { max-width: 46rem; }
.chart-bars, .chart-patterns { max-width: 42rem; }
.chart-sparkline {
  display: inline-block;
  width: 5em;
  height: 1.75em;
  margin: 0;
  vertical-align: middle;
}
.chart text { fill: var(--chart-text); }
.chart .chart-tick-label, .chart .chart-muted, .chart .chart-note { fill: var(--chart-muted); }
.chart .chart-tick-label {
  paint-order: stroke;
  stroke: var(--chart-bg);
  stroke-width: 4px;
  stroke-linejoin: round;
}
.chart .chart-group-label { font-weight: 600; }
.chart-grid { color: var(--chart-grid); }
.chart-axis { color: var(--chart-axis); }
.chart .chart-track { fill: var(--chart-track); fill-opacity: 1; }
.chart .chart-halo { stroke: var(--chart-bg); }
.chart .chart-marker { stroke: var(--chart-bg); stroke-width: 1px; }
.chart .chart-marker-missing { fill: var(--chart-bg); }
.chart-series-score { color: var(--chart-score); }
.chart-series-target { color: var(--chart-target); }
.chart-series-pattern { color: var(--chart-pattern); }
`

// cssOnce holds the stylesheet, built once.
var cssOnce = sync.OnceValue(buildCSS)

// CSS returns the stylesheet for the charts and the heatmap classes: the
// --chart-* custom properties with light defaults, dark overrides under
// prefers-color-scheme, and black-and-white print rules. Write it once per
// site (or inline it in a self-contained page). A site whose background is
// not white or near-black should set --chart-bg to it, since markers and
// labels are outlined in that colour.
func CSS() string { return cssOnce() }

func buildCSS() string {
	var b strings.Builder
	b.WriteString("/* scorebook charts: colours come from these custom properties. */\n:root {\n")
	lightPalette.vars(&b, "  ")
	b.WriteString("}\n@media (prefers-color-scheme: dark) {\n  :root {\n")
	darkPalette.vars(&b, "    ")
	b.WriteString("  }\n}\n")
	b.WriteString(chartRules)
	for i := 1; i <= PaletteSize; i++ {
		n := strconv.Itoa(i)
		b.WriteString(".chart-series-" + n + " { color: var(--chart-series-" + n + "); }\n")
	}
	b.WriteString(".heat-none { background-color: var(--chart-heat-none); color: var(--chart-heat-none-text); }\n")
	for i := 0; i < HeatBuckets; i++ {
		n := strconv.Itoa(i)
		b.WriteString(".heat-" + n + " { background-color: var(--chart-heat-" + n + "); color: var(--chart-heat-" + n + "-text); }\n")
	}
	b.WriteString("@media print {\n  :root {\n")
	printPalette.vars(&b, "    ")
	b.WriteString("  }\n")
	b.WriteString("  .chart { max-width: 100%; break-inside: avoid; page-break-inside: avoid; }\n")
	b.WriteString("  .chart .chart-area { fill-opacity: 0.08; }\n")
	b.WriteString("  .chart .chart-bar { fill-opacity: 0.45; }\n")
	b.WriteString("  .heat-none, .heat-0, .heat-1, .heat-2, .heat-3, .heat-4 { print-color-adjust: exact; -webkit-print-color-adjust: exact; }\n")
	b.WriteString("}\n")
	return b.String()
}
