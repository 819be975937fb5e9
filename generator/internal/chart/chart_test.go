package chart

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"

	template "scorebook/generator/internal/gotemplate/html"
)

// element is a parsed SVG element, enough to assert on.
type element struct {
	name  string
	attrs map[string]string
	text  string // character data directly inside
	kids  []*element
}

func (e *element) walk(f func(*element)) {
	f(e)
	for _, k := range e.kids {
		k.walk(f)
	}
}

func (e *element) find(f func(*element) bool) []*element {
	var out []*element
	e.walk(func(x *element) {
		if f(x) {
			out = append(out, x)
		}
	})
	return out
}

func (e *element) hasClass(c string) bool {
	for _, f := range strings.Fields(e.attrs["class"]) {
		if f == c {
			return true
		}
	}
	return false
}

// parseSVG parses markup strictly as XML, as a standalone .svg file is.
func parseSVG(s string) (*element, error) {
	d := xml.NewDecoder(strings.NewReader(s))
	d.Strict = true
	var root *element
	var stack []*element
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			e := &element{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				e.attrs[a.Name.Local] = a.Value
			}
			if len(stack) == 0 {
				if root != nil {
					return nil, fmt.Errorf("second root element <%s>", e.name)
				}
				root = e
			} else {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, e)
			}
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				if strings.TrimSpace(string(tok)) != "" {
					return nil, fmt.Errorf("text outside the root: %q", tok)
				}
				continue
			}
			stack[len(stack)-1].text += string(tok)
		}
	}
	if root == nil {
		return nil, errors.New("no root element")
	}
	return root, nil
}

// allText returns all character data under e.
func allText(e *element) string {
	var b strings.Builder
	e.walk(func(x *element) { b.WriteString(x.text) })
	return b.String()
}

// checkChart asserts what every chart must be: well-formed XML with an svg
// root, role="img", a title and description that aria-labelledby and
// aria-describedby name, a
// finite viewBox, and no NaN or Inf anywhere. It returns the parsed root.
func checkChart(t testing.TB, h template.HTML) *element {
	t.Helper()
	s := string(h)
	if err := chartProblem(s); err != nil {
		t.Fatalf("%v\n%s", err, s)
	}
	root, _ := parseSVG(s)
	return root
}

var numberRE = regexp.MustCompile(`^-?\d+(\.\d+)?$`)

// chartProblem is checkChart's logic, shared with the fuzz target.
func chartProblem(s string) error {
	if strings.Contains(s, "NaN") || strings.Contains(s, "Inf") {
		return errors.New("output contains NaN or Inf")
	}
	root, err := parseSVG(s)
	if err != nil {
		return fmt.Errorf("not well-formed XML: %w", err)
	}
	if root.name != "svg" || root.attrs["role"] != "img" {
		return fmt.Errorf("root is <%s role=%q>, want <svg role=\"img\">", root.name, root.attrs["role"])
	}
	if root.attrs["xmlns"] != "http://www.w3.org/2000/svg" {
		return errors.New("svg has no SVG namespace")
	}
	if root.attrs["preserveAspectRatio"] == "" {
		return errors.New("svg has no preserveAspectRatio")
	}
	vb := strings.Fields(root.attrs["viewBox"])
	if len(vb) != 4 {
		return fmt.Errorf("viewBox %q is not four numbers", root.attrs["viewBox"])
	}
	for i, f := range vb {
		if !numberRE.MatchString(f) {
			return fmt.Errorf("viewBox number %q is malformed", f)
		}
		if v, _ := strconv.ParseFloat(f, 64); i >= 2 && v <= 0 {
			return fmt.Errorf("viewBox %q has no area", root.attrs["viewBox"])
		}
	}
	if len(root.kids) < 2 || root.kids[0].name != "title" || root.kids[1].name != "desc" {
		return errors.New("svg does not start with <title> and <desc>")
	}
	if id := root.attrs["aria-labelledby"]; id == "" || id != root.kids[0].attrs["id"] {
		return fmt.Errorf("aria-labelledby %q does not name the title", id)
	}
	if id := root.attrs["aria-describedby"]; id == "" || id != root.kids[1].attrs["id"] {
		return fmt.Errorf("aria-describedby %q does not name the desc", id)
	}
	if strings.TrimSpace(root.kids[0].text) == "" {
		return errors.New("title is empty")
	}
	seen := map[string]bool{}
	var bad error
	root.walk(func(e *element) {
		if id := e.attrs["id"]; id != "" {
			if seen[id] {
				bad = fmt.Errorf("duplicate id %q", id)
			}
			seen[id] = true
		}
		for name, v := range e.attrs {
			if strings.HasPrefix(name, "on") {
				bad = fmt.Errorf("event handler attribute %s=%q", name, v)
			}
		}
		if e.name == "script" || e.name == "foreignObject" {
			bad = fmt.Errorf("<%s> element in output", e.name)
		}
	})
	return bad
}

// hostile is a label that breaks markup that is not escaped.
const hostile = `<script>alert("x")</script>" onload="alert(1)' &amp;`

func hostileInputs() map[string]template.HTML {
	h := Float(2)
	return map[string]template.HTML{
		"radar": Radar(RadarInput{ID: hostile, Title: hostile, AxisName: hostile, Axes: []string{hostile, hostile, hostile}, Min: 0, Max: 4,
			Series: []Series{{Name: hostile, Values: []*float64{h, nil, h}, MarkMissing: true}}}),
		"trend": Trend(TrendInput{ID: hostile, Title: hostile, Dates: []string{hostile, hostile}, Min: 0, Max: 4,
			Series: []Series{{Name: hostile, Values: []*float64{h, h}}}}),
		"bars": Bars(BarsInput{ID: hostile, Title: hostile, ValueName: hostile, TargetName: hostile, Suffix: hostile, Min: 0, Max: 4,
			Bars: []Bar{{Label: hostile, Value: h, Target: h, Text: hostile}, {Label: hostile, Highlight: true}}}),
		"patterns": PatternMatrixChart(PatternMatrixInput{ID: hostile, Title: hostile, Dimensions: []string{hostile}, Min: 0, Max: 4,
			Patterns: []PatternProfile{{Name: hostile, Values: []*float64{h}, Levels: []string{hostile}}}}),
		"sparkline": Sparkline([]*float64{h, h}, 0, 4, hostile),
	}
}

func TestCharts_EscapeHostileLabels(t *testing.T) {
	for name, svg := range hostileInputs() {
		t.Run(name, func(t *testing.T) {
			root := checkChart(t, svg)
			s := string(svg)
			if strings.Contains(strings.ToLower(s), "<script") {
				t.Errorf("raw <script in output:\n%s", s)
			}
			if strings.Contains(s, `" onload="`) || strings.Contains(s, `alert("x")`) {
				t.Errorf("unescaped quote from a label in output:\n%s", s)
			}
			// The label is still shown, escaped, in the accessible name.
			if got := root.kids[0].text; !strings.Contains(got, `<script>alert("x")</script>`) {
				t.Errorf("title = %q, want the label shown as text", got)
			}
			for _, id := range []string{root.attrs["aria-labelledby"], root.attrs["aria-describedby"]} {
				if !regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*$`).MatchString(id) {
					t.Errorf("id %q is not a safe token", id)
				}
			}
		})
	}
}

func TestCharts_WellFormedOnEdgeCases(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		name string
		svg  template.HTML
	}{
		{"radar no axes", Radar(RadarInput{Title: "Empty"})},
		{"radar no series", Radar(RadarInput{Title: "t", Axes: []string{"a", "b", "c"}, Min: 0, Max: 4})},
		{"radar all nil", Radar(RadarInput{Title: "t", Axes: []string{"a", "b", "c"}, Min: 0, Max: 4,
			Series: []Series{{Name: "s", Values: []*float64{nil, nil, nil}, MarkMissing: true}}})},
		{"radar short values", Radar(RadarInput{Title: "t", Axes: []string{"a", "b", "c", "d"}, Min: 0, Max: 4,
			Series: []Series{{Name: "s", Values: []*float64{Float(1)}}}})},
		{"radar one axis", Radar(RadarInput{Title: "t", Axes: []string{"a"}, Min: 0, Max: 4, Series: []Series{{Values: []*float64{Float(1)}}}})},
		{"radar two axes", Radar(RadarInput{Title: "t", Axes: []string{"a", "b"}, Min: 0, Max: 4, Series: []Series{{Values: floats(1, 3)}}})},
		{"radar NaN and Inf values", Radar(RadarInput{Title: "t", Axes: []string{"a", "b", "c"}, Min: 0, Max: 4,
			Series: []Series{{Values: floats(nan, inf, math.Inf(-1)), MarkMissing: true}}})},
		{"radar NaN scale", Radar(RadarInput{Title: "t", Axes: []string{"a", "b", "c"}, Min: nan, Max: inf, Series: []Series{{Values: floats(1, 2, 3)}}})},
		{"radar empty scale", Radar(RadarInput{Title: "t", Axes: []string{"a", "b", "c"}, Min: 2, Max: 2, Series: []Series{{Values: floats(2, 2, 2)}}})},
		{"radar out of scale", Radar(RadarInput{Title: "t", Axes: []string{"a", "b", "c"}, Min: 0, Max: 4, Series: []Series{{Values: floats(-3, 9, 1e300)}}})},
		{"radar no title", Radar(RadarInput{Axes: []string{"", "", ""}, Min: 0, Max: 4})},
		{"trend no dates", Trend(TrendInput{Title: "t"})},
		{"trend one date", Trend(TrendInput{Title: "t", Dates: []string{"2026-01-01"}, Min: 0, Max: 4, Series: []Series{{Values: floats(2)}}})},
		{"trend all nil", Trend(TrendInput{Title: "t", Dates: []string{"a", "b"}, Min: 0, Max: 4, Series: []Series{{Values: []*float64{nil, nil}}}})},
		{"trend bad scale", Trend(TrendInput{Title: "t", Dates: []string{"a", "b"}, Min: 4, Max: 0, Series: []Series{{Values: floats(nan, 2)}}})},
		{"bars none", Bars(BarsInput{Title: "t"})},
		{"bars all nil", Bars(BarsInput{Title: "t", Min: 0, Max: 4, Bars: []Bar{{Label: "a"}, {Label: "b", Target: Float(nan)}}})},
		{"bars bad scale", Bars(BarsInput{Title: "t", Min: inf, Max: nan, Bars: []Bar{{Label: "a", Value: Float(3)}}})},
		{"bars many decimals", Bars(BarsInput{Title: "t", Min: 0, Max: 1, Decimals: 9, Bars: []Bar{{Label: "a", Value: Float(1.0 / 3)}}})},
		{"patterns none", PatternMatrixChart(PatternMatrixInput{Title: "t"})},
		{"patterns no dimensions", PatternMatrixChart(PatternMatrixInput{Title: "t", Patterns: []PatternProfile{{Name: "p"}}})},
		{"patterns ragged", PatternMatrixChart(PatternMatrixInput{Title: "t", Dimensions: []string{"a", "b"}, Min: 0, Max: 4,
			Patterns: []PatternProfile{{Name: "p", Values: floats(1), Levels: []string{"Low", "High", "extra"}}}})},
		{"sparkline empty", Sparkline(nil, 0, 4, "t")},
		{"sparkline one", Sparkline(floats(2), 0, 4, "t")},
		{"sparkline all nil", Sparkline([]*float64{nil, nil}, 0, 4, "t")},
		{"sparkline NaN scale", Sparkline(floats(1, 2), nan, nan, "")},
		{"sparkline huge", Sparkline(floats(1e308, -1e308), -math.MaxFloat64, math.MaxFloat64, "t")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { checkChart(t, tc.svg) })
	}
}

func TestCharts_Examples(t *testing.T) {
	for _, c := range exampleCharts() {
		t.Run(c.name, func(t *testing.T) { checkChart(t, c.svg) })
	}
}

func TestCharts_RadarThreeToEightAxes(t *testing.T) {
	for n := 3; n <= 8; n++ {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			axes := make([]string, n)
			vals := make([]*float64, n)
			for i := range axes {
				axes[i] = fmt.Sprintf("Dimension number %d of the model", i+1)
				vals[i] = Float(float64(i % 5))
			}
			root := checkChart(t, Radar(RadarInput{Title: "t", Axes: axes, Min: 0, Max: 4,
				Series: []Series{{Name: "s", Style: StyleScore, Values: vals}}}))
			markers := root.find(func(e *element) bool { return e.hasClass("chart-marker") && e.name == "circle" })
			// n points plus one in the legend.
			if len(markers) != n+1 {
				t.Errorf("%d round markers, want %d", len(markers), n+1)
			}
			labels := root.find(func(e *element) bool { return e.hasClass("chart-label") })
			if len(labels) != n {
				t.Errorf("%d axis labels, want %d", len(labels), n)
			}
		})
	}
}

func TestCharts_Deterministic(t *testing.T) {
	for i, a := range exampleCharts() {
		b := exampleCharts()[i]
		if a.svg != b.svg {
			t.Errorf("%s: two renderings differ", a.name)
		}
	}
	if string(CSS()) != buildCSS() {
		t.Error("CSS differs between calls")
	}
}

func TestCharts_IDs(t *testing.T) {
	idOf := func(h template.HTML) string {
		t.Helper()
		root := checkChart(t, h)
		return root.kids[0].attrs["id"]
	}
	a := idOf(Sparkline(floats(1, 2), 0, 4, "Northwind"))
	b := idOf(Sparkline(floats(1, 3), 0, 4, "Northwind"))
	c := idOf(Sparkline(floats(1, 2), 0, 4, "Contoso"))
	if a == b || a == c || b == c {
		t.Errorf("derived ids collide: %s %s %s", a, b, c)
	}
	tests := []struct{ in, want string }{
		{"radar-north", "radar-north-title"},
		{"2026 radar!", "chart-2026radar-title"},
		{"Ünïcode", "ncode-title"},
	}
	for _, tc := range tests {
		if got := idOf(Radar(RadarInput{ID: tc.in, Title: "t", Axes: []string{"a", "b", "c"}})); got != tc.want {
			t.Errorf("ID %q gives title id %q, want %q", tc.in, got, tc.want)
		}
	}
}

// classesIn returns every class used in markup.
func classesIn(root *element) []string {
	seen := map[string]bool{}
	var out []string
	root.walk(func(e *element) {
		for _, c := range strings.Fields(e.attrs["class"]) {
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	})
	return out
}

func TestCSS_StylesEveryClassTheChartsUse(t *testing.T) {
	css := CSS()
	// Classes that only group or label elements and need no rule.
	structural := map[string]bool{
		"chart-series": true, "chart-legend": true, "chart-legend-label": true, "chart-tick-labels": true,
		"chart-axis-labels": true, "chart-row": true, "chart-label": true, "chart-value": true, "chart-line": true,
		"chart-label-strong": true, "chart-marker-last": true, "chart-target-tick": true,
	}
	var svgs []template.HTML
	for _, c := range exampleCharts() {
		svgs = append(svgs, c.svg)
	}
	for i := 0; i < PaletteSize; i++ {
		svgs = append(svgs, Trend(TrendInput{Title: "t", Dates: []string{"a"}, Series: []Series{{Style: PaletteStyle(i), Values: floats(1)}}}))
	}
	for _, svg := range svgs {
		for _, c := range classesIn(checkChart(t, svg)) {
			if structural[c] {
				continue
			}
			if !regexp.MustCompile(`\.` + regexp.QuoteMeta(c) + `\b`).MatchString(css) {
				t.Errorf("class %q is used but CSS has no rule for it", c)
			}
		}
	}
	for _, want := range []string{"@media (prefers-color-scheme: dark)", "@media print", ".heat-none", ".heat-4", "--chart-bg"} {
		if !strings.Contains(css, want) {
			t.Errorf("CSS lacks %q", want)
		}
	}
	if strings.Count(css, "{") != strings.Count(css, "}") {
		t.Error("CSS braces do not balance")
	}
}

func TestCSS_NoColoursInMarkup(t *testing.T) {
	colour := regexp.MustCompile(`#[0-9a-fA-F]{3,6}\b|rgb\(|hsl\(`)
	for _, c := range exampleCharts() {
		if m := colour.FindString(string(c.svg)); m != "" {
			t.Errorf("%s: colour %q written into the markup; use a class", c.name, m)
		}
	}
}

// luminance is the WCAG relative luminance of a #rrggbb colour.
func luminance(t *testing.T, hex string) float64 {
	t.Helper()
	if len(hex) != 7 || hex[0] != '#' {
		t.Fatalf("colour %q is not #rrggbb", hex)
	}
	var l [3]float64
	for i := range l {
		v, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		if err != nil {
			t.Fatalf("colour %q: %v", hex, err)
		}
		c := float64(v) / 255
		if c <= 0.03928 {
			l[i] = c / 12.92
		} else {
			l[i] = math.Pow((c+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
}

func contrast(t *testing.T, a, b string) float64 {
	t.Helper()
	la, lb := luminance(t, a), luminance(t, b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func TestCSS_PalettesHaveContrast(t *testing.T) {
	for _, p := range []struct {
		name string
		pal  palette
	}{{"light", lightPalette}, {"dark", darkPalette}, {"print", printPalette}} {
		t.Run(p.name, func(t *testing.T) {
			pal := p.pal
			check := func(what, fg, bg string, min float64) {
				t.Helper()
				if c := contrast(t, fg, bg); c < min {
					t.Errorf("%s %s on %s: contrast %.2f, want at least %.1f", what, fg, bg, c, min)
				}
			}
			check("text", pal.text, pal.bg, 7)
			check("muted text", pal.muted, pal.bg, 4.5)
			check("axis", pal.axis, pal.bg, 2)
			for i, c := range append([]string{pal.score, pal.target, pal.pattern}, pal.series[:]...) {
				check(fmt.Sprintf("series colour %d", i), c, pal.bg, 3)
				check(fmt.Sprintf("series colour %d on track", i), c, pal.track, 2.5)
			}
			check("heat-none text", pal.heatNone.text, pal.heatNone.bg, 4.5)
			for i, s := range pal.heat {
				check(fmt.Sprintf("heat-%d text", i), s.text, s.bg, 4.5)
				if i > 0 && luminance(t, s.bg) == luminance(t, pal.heat[i-1].bg) {
					t.Errorf("heat-%d and heat-%d share a background", i-1, i)
				}
			}
		})
	}
}

// Plain labels skip cleaning: the shortcut must only take texts that
// cleaning would leave as they are.
func TestCleanText_PlainShortcutChangesNothing(t *testing.T) {
	pieces := []string{"a", "Z", "9", " ", "  ", "\t", "\n", "\x00", "\x7f", "~", "!", "<", "&", "é", "\u202e", "שלום", "\xff", "\u00a0", "\uFFFE"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := cleanText(s), clean(s); got != want {
			t.Fatalf("cleanText(%q) = %q, want %q", s, got, want)
		}
	}
}
