// Package chart draws the site's charts as inline SVG at build time: the
// radar of dimension scores against targets and a pattern profile, trend
// lines and sparklines of a brand's history, horizontal bars for scores and
// pattern fit, and the pattern comparison. It also names the bucket classes
// of the portfolio heatmap.
//
// Every function is pure: the same input gives byte-identical markup, with
// no I/O and no map iteration. Colours never appear in the markup; each
// element carries a class whose colour comes from a CSS custom property in
// the stylesheet returned by CSS, so charts follow light and dark mode and
// print in black and white. Series differ by dash pattern and marker shape
// as well as colour. Every label is escaped, so names typed by users are
// safe to pass in. Each chart has role="img", a <title> and a <desc>; the
// caller shows a visible heading and a table alternative (see Table).
package chart

import (
	"hash/fnv"
	"html"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	template "scorebook/generator/internal/gotemplate/html"
	"scorebook/generator/internal/inputtext"
)

// Series is one named set of values drawn on a chart, one value per axis
// (radar) or per date (trend). A nil value is missing: it leaves a gap.
type Series struct {
	// Name labels the series in the legend and the table alternative.
	Name string
	// Style sets the series' colour class, dash pattern and marker shape.
	// The zero value, StyleAuto, picks a palette style by position.
	Style Style
	// Values holds one value per axis or date; entries past the end count
	// as missing and extra entries are ignored.
	Values []*float64
	// MarkMissing draws each missing value of a radar as a hollow marker at
	// the centre and says "not assessed" for it; otherwise missing values
	// are simply skipped. Use it for a brand's own scores.
	MarkMissing bool
}

// Table is the text alternative of a chart: the same numbers, rounded as
// the chart shows them, for the caller to render as an HTML table next to
// the chart. Its strings are plain text; html/template escapes them.
type Table struct {
	Caption string
	// Columns heads each column; Columns[0] heads the row labels.
	Columns []string
	Rows    []TableRow
}

// TableRow is one row of a Table: its label and one cell per remaining
// column.
type TableRow struct {
	Label string
	Cells []string
}

// NotAssessed is the text shown for a score that does not exist.
const NotAssessed = "not assessed"

// noValue is the table text for a missing value of a series that does not
// mark missing values (a target that was not set, say).
const noValue = "—"

// Geometry shared by every chart, in viewBox units.
const (
	fontSize      = 13.0
	smallFontSize = 11.0
	lineHeight    = 1.25 * fontSize
	markerRadius  = 4.5
)

// Float returns a pointer to v: a convenience for building chart inputs
// from plain numbers.
func Float(v float64) *float64 { return &v }

// value returns the i-th value of vs if it exists and is a finite number.
func value(vs []*float64, i int) (float64, bool) {
	if i < 0 || i >= len(vs) || vs[i] == nil {
		return 0, false
	}
	v := *vs[i]
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// finite reports whether x is neither NaN nor infinite.
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// scaleRange returns the range a chart draws: min..max as given when it is
// a usable range, otherwise a range that holds every finite value (and 0),
// so that a bad scale never produces NaN coordinates.
func scaleRange(min, max float64, values ...[]*float64) (float64, float64) {
	if finite(min) && finite(max) && max > min {
		return min, max
	}
	lo, hi := 0.0, 0.0
	if finite(min) {
		lo, hi = min, min
	}
	for _, vs := range values {
		for i := range vs {
			if v, ok := value(vs, i); ok {
				lo = math.Min(lo, v)
				hi = math.Max(hi, v)
			}
		}
	}
	if !(hi > lo) {
		hi = lo + 1
	}
	return lo, hi
}

// fraction places v on lo..hi as 0..1, clamped so that out-of-scale values
// stay on the chart.
func fraction(v, lo, hi float64) float64 {
	f := (v - lo) / (hi - lo)
	if !finite(f) || f < 0 {
		return 0
	}
	if f > 1 {
		return 1
	}
	return f
}

// num formats a coordinate with at most two decimals and no trailing
// zeros, never "-0".
func num(x float64) string {
	if !finite(x) {
		x = 0
	}
	s := strconv.FormatFloat(x, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" || s == "" {
		return "0"
	}
	return s
}

// formatValue formats a value for display with the given number of
// decimals (0, 1 or 2), never "-0.0".
func formatValue(v float64, decimals int) string {
	if decimals < 0 {
		decimals = 0
	}
	if decimals > 2 {
		decimals = 2
	}
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if strings.HasPrefix(s, "-") && strings.Trim(s, "-0.") == "" {
		s = s[1:]
	}
	return s
}

// formatTick formats an axis tick value with as few decimals as it needs.
func formatTick(v float64) string {
	for _, d := range []int{0, 1, 2} {
		if math.Abs(v*math.Pow10(d)-math.Round(v*math.Pow10(d))) < 1e-9 {
			return formatValue(v, d)
		}
	}
	return formatValue(v, 2)
}

// cleanText makes a user's label safe to measure and to place in XML: valid
// UTF-8, no control or non-XML characters, whitespace collapsed, and
// isolated when it could turn the direction of the text around it.
func cleanText(s string) string {
	if isPlain(s) {
		return s
	}
	return clean(s)
}

// clean is cleanText's rule for any text.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\uFFFE' || r == '\uFFFF':
			return -1
		case unicode.IsControl(r) || unicode.IsSpace(r):
			return ' '
		}
		return r
	}, s)
	return inputtext.Isolate(strings.Join(strings.Fields(s), " "))
}

// isPlain reports whether cleanText would return s as it is: printable
// ASCII, words separated by single spaces, which is most labels.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' {
			if i == 0 || i == len(s)-1 || s[i-1] == ' ' {
				return false
			}
			continue
		}
		if c < '!' || c > '~' {
			return false
		}
	}
	return true
}

// esc cleans and escapes text for an SVG text node or attribute value.
func esc(s string) string { return html.EscapeString(cleanText(s)) }

// textWidth estimates the rendered width of s at the given font size. The
// charts size their layout from it, so it errs on the wide side.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case r >= 0x2E80:
			w += 1.0
		case r == 'm' || r == 'w' || r == 'M' || r == 'W' || r == '@':
			w += 0.85
		case r == 'i' || r == 'l' || r == 'j' || r == '.' || r == ',' || r == ' ' || r == '\'' || r == '|':
			w += 0.3
		case unicode.IsUpper(r):
			w += 0.68
		default:
			w += 0.56
		}
	}
	return w * size
}

// wrap breaks a label into at most maxLines lines of about maxChars
// characters, at spaces where it can, ending with "…" if it had to cut.
func wrap(s string, maxChars, maxLines int) []string {
	s = cleanText(s)
	if s == "" {
		return nil
	}
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		for utf8.RuneCountInString(word) > maxChars {
			if line != "" {
				lines = append(lines, line)
				line = ""
			}
			r := []rune(word)
			lines = append(lines, string(r[:maxChars]))
			word = string(r[maxChars:])
		}
		switch {
		case line == "":
			line = word
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) <= maxChars:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	if len(lines) > maxLines {
		lines = lines[:maxLines]
		last := []rune(lines[maxLines-1])
		if len(last) >= maxChars {
			last = last[:maxChars-1]
		}
		lines[maxLines-1] = strings.TrimRight(string(last), " ") + "…"
	}
	return lines
}

// ticks returns round values from lo to hi for gridlines and rings: at
// most five intervals of 1, 2, 2.5 or 5 times a power of ten, always
// ending at hi.
func ticks(lo, hi float64) []float64 {
	span := hi - lo
	if !finite(span) || span <= 0 {
		return []float64{lo}
	}
	mag := math.Pow10(int(math.Floor(math.Log10(span / 5))))
	step := 10 * mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if span/(m*mag) <= 5+1e-9 {
			step = m * mag
			break
		}
	}
	var ts []float64
	first := math.Ceil(lo/step-1e-9) * step
	if first-lo > 1e-9*span {
		ts = append(ts, lo)
	}
	for i := 0; i <= 12; i++ {
		t := first + float64(i)*step
		if t > hi-0.3*step {
			break
		}
		ts = append(ts, t)
	}
	return append(ts, hi)
}

// box accumulates the extent of everything drawn, to size the viewBox.
type box struct {
	minX, minY, maxX, maxY float64
	set                    bool
}

func (b *box) add(x, y float64) {
	if !b.set {
		b.minX, b.maxX, b.minY, b.maxY, b.set = x, x, y, y, true
		return
	}
	b.minX = math.Min(b.minX, x)
	b.maxX = math.Max(b.maxX, x)
	b.minY = math.Min(b.minY, y)
	b.maxY = math.Max(b.maxY, y)
}

// anchoredText returns the horizontal extent of text of width w anchored at
// x with the given text-anchor.
func anchoredText(x, w float64, anchor string) (float64, float64) {
	switch anchor {
	case "end":
		return x - w, x
	case "middle":
		return x - w/2, x + w/2
	}
	return x, x + w
}

// textLines writes a multi-line <text> whose first baseline is at y.
func textLines(b *strings.Builder, class string, x, y float64, anchor string, size float64, lines []string) {
	textLinesAttrs(b, class, "", x, y, anchor, size, lines)
}

// textLinesAttrs is textLines with extra presentation attributes, written
// as given (the caller's constants, never user text).
func textLinesAttrs(b *strings.Builder, class, attrs string, x, y float64, anchor string, size float64, lines []string) {
	b.WriteString(`<text class="` + class + `" x="` + num(x) + `" y="` + num(y) + `"` + attrs)
	if anchor != "" && anchor != "start" {
		b.WriteString(` text-anchor="` + anchor + `"`)
	}
	if size != fontSize {
		b.WriteString(` font-size="` + num(size) + `"`)
	}
	b.WriteString(`>`)
	if len(lines) == 1 {
		b.WriteString(esc(lines[0]))
	} else {
		for i, l := range lines {
			b.WriteString(`<tspan x="` + num(x) + `" y="` + num(y+float64(i)*size*1.25) + `">` + esc(l) + `</tspan>`)
		}
	}
	b.WriteString("</text>")
}

// tooltip returns a <title> child element, shown on hover.
func tooltip(s string) string { return "<title>" + esc(s) + "</title>" }

// document wraps a chart body into the <svg> element with its accessible
// name (the <title>, short) and description (the <desc>, every value in
// words). The id is the caller's if given, otherwise derived
// from the content so that output stays deterministic.
func document(kind, id, title, desc string, x, y, w, h float64, body string) template.HTML {
	title = cleanText(title)
	if title == "" {
		title = "Chart"
	}
	id = chartID(id, kind, title, desc, body)
	var b strings.Builder
	b.Grow(len(body) + 512)
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-` + kind + `"`)
	b.WriteString(` viewBox="` + num(x) + " " + num(y) + " " + num(w) + " " + num(h) + `"`)
	b.WriteString(` preserveAspectRatio="xMidYMid meet" role="img" aria-labelledby="` + id + `-title" aria-describedby="` + id + `-desc"`)
	b.WriteString(` font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="` + num(fontSize) + `">`)
	b.WriteString(`<title id="` + id + `-title">` + esc(title) + `</title>`)
	b.WriteString(`<desc id="` + id + `-desc">` + esc(desc) + `</desc>`)
	b.WriteString(body)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// chartID sanitises an explicit id, or derives one from the content.
func chartID(explicit string, parts ...string) string {
	var b strings.Builder
	for _, r := range explicit {
		if r < 0x80 && (r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		}
	}
	id := b.String()
	if id != "" {
		if c := id[0]; c < 'A' || (c > 'Z' && c < 'a') || c > 'z' {
			id = "chart-" + id
		}
		return id
	}
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return "chart-" + strconv.FormatUint(h.Sum64(), 36)
}

// moveOrLine starts a path at its first point and continues it after.
func moveOrLine(i int) string {
	if i == 0 {
		return "M"
	}
	return "L"
}

// anchorAttr returns a text-anchor attribute, none for the default.
func anchorAttr(anchor string) string {
	if anchor == "" || anchor == "start" {
		return ""
	}
	return ` text-anchor="` + anchor + `"`
}

// joinSentences joins descriptions of series into the end of a <desc>.
func joinSentences(parts []string) string {
	if len(parts) == 0 {
		return "No data."
	}
	return strings.Join(parts, "; ") + "."
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

// orDefault returns the cleaned s, or def when s is blank.
func orDefault(s, def string) string {
	if s = cleanText(s); s == "" {
		return def
	}
	return s
}

// emptyChart is drawn when there is nothing to plot, so the page still has
// a labelled figure rather than a hole.
func emptyChart(kind, id, title, desc string) template.HTML {
	// As wide as a chart, so the note shows at the size of chart labels.
	body := `<text class="chart-note" x="280" y="34" text-anchor="middle" font-style="italic">No data to chart</text>`
	return document(kind, id, title, desc, 0, 0, 560, 56, body)
}
