package chart

import (
	"strings"

	template "scorebook/generator/internal/gotemplate/html"
)

// Sparkline geometry, in viewBox units: a word-sized trend.
const (
	sparkWidth  = 80.0
	sparkHeight = 28.0
	sparkPad    = 4.0
)

// Sparkline draws a word-sized trend line of values on min..max, oldest
// first, evenly spaced. Missing values leave gaps, a value with no
// neighbours is drawn as a dot, and the latest value is marked. label is
// the accessible name, such as "Overall score, 2024 to 2026"; it is not
// drawn.
func Sparkline(values []*float64, min, max float64, label string) template.HTML {
	lo, hi := scaleRange(min, max, values)
	n := len(values)
	x := func(i int) float64 {
		if n <= 1 {
			return sparkWidth - sparkPad
		}
		return sparkPad + float64(i)*(sparkWidth-2*sparkPad)/float64(n-1)
	}
	y := func(v float64) float64 {
		return sparkHeight - sparkPad - fraction(v, lo, hi)*(sparkHeight-2*sparkPad)
	}

	var b strings.Builder
	last := -1
	var parts []string
	for i := range values {
		if v, ok := value(values, i); ok {
			last = i
			parts = append(parts, formatValue(v, 1))
		} else {
			parts = append(parts, NotAssessed)
		}
	}
	sp := StyleScore.spec()
	if last < 0 {
		b.WriteString(`<path class="chart-grid" d="M` + num(sparkPad) + " " + num(sparkHeight/2) + "H" + num(sparkWidth-sparkPad) +
			`" stroke="currentColor" stroke-width="1" stroke-dasharray="3 3"/>`)
		return document("sparkline", "", label, "No data.", 0, 0, sparkWidth, sparkHeight, b.String())
	}
	b.WriteString(`<g class="chart-series ` + sp.class + `">`)
	var d strings.Builder
	for i := range values {
		v, ok := value(values, i)
		if !ok {
			continue
		}
		_, prev := value(values, i-1)
		_, next := value(values, i+1)
		switch {
		case prev:
			d.WriteString("L" + num(x(i)) + " " + num(y(v)))
		case next:
			d.WriteString("M" + num(x(i)) + " " + num(y(v)))
		case i != last:
			b.WriteString(`<circle class="chart-marker" cx="` + num(x(i)) + `" cy="` + num(y(v)) + `" r="2" fill="currentColor"/>`)
		}
	}
	if d.Len() > 0 {
		b.WriteString(`<path class="chart-line" d="` + d.String() + `" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>`)
	}
	v, _ := value(values, last)
	b.WriteString(`<circle class="chart-marker chart-marker-last" cx="` + num(x(last)) + `" cy="` + num(y(v)) + `" r="3.2" fill="currentColor"/>`)
	b.WriteString(`</g>`)
	desc := "Values, oldest first: " + strings.Join(parts, ", ") + ". Latest " + formatValue(v, 1) +
		" on a scale of " + formatTick(lo) + " to " + formatTick(hi) + "."
	return document("sparkline", "", label, desc, 0, 0, sparkWidth, sparkHeight, b.String())
}
