package chart

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
)

// at returns the attributes of e as a "cx,cy" style key for lookups.
func point(e *element, xa, ya string) string { return e.attrs[xa] + "," + e.attrs[ya] }

func TestRadar_PointsWhereTheMathSays(t *testing.T) {
	// Five axes, scale 0..4: the second axis points 72° clockwise from the
	// top, and 3 sits three quarters of the way out.
	in := RadarInput{Title: "t", Axes: []string{"a", "b", "c", "d", "e"}, Min: 0, Max: 4,
		Series: []Series{{Name: "Brand", Style: StyleScore, Values: floats(4, 3, 0, 2, 1)}}}
	root := checkChart(t, Radar(in))
	theta := -math.Pi/2 + 2*math.Pi/5
	r := radarRadius * 3 / 4
	want := fmt.Sprintf("%.2f,%.2f", r*math.Cos(theta), r*math.Sin(theta)) // 89.16,-28.97
	if want != "89.16,-28.97" {
		t.Fatalf("test arithmetic: %s", want)
	}
	var got []string
	for _, m := range root.find(func(e *element) bool { return e.name == "circle" && e.hasClass("chart-marker") }) {
		got = append(got, point(m, "cx", "cy"))
	}
	if !contains(got, want) {
		t.Errorf("markers at %v, want one at %s", got, want)
	}
	if !contains(got, fmt.Sprintf("0,-%s", num(radarRadius))) {
		t.Errorf("markers at %v, want the maximum on the top axis at 0,-%s", got, num(radarRadius))
	}
	if !contains(got, "0,0") {
		t.Errorf("markers at %v, want the minimum at the centre", got)
	}
	// The series outline is one closed polygon through every point.
	lines := root.find(func(e *element) bool { return e.hasClass("chart-line") && !inLegend(root, e) })
	if len(lines) != 1 {
		t.Fatalf("%d series lines, want 1", len(lines))
	}
	if d := lines[0].attrs["d"]; !strings.HasPrefix(d, "M0 -125L89.16 -28.97L0 0L") || !strings.HasSuffix(d, "Z") {
		t.Errorf("outline %q is not the closed polygon through the points", d)
	}
	if areas := root.find(func(e *element) bool { return e.hasClass("chart-area") }); len(areas) != 1 {
		t.Errorf("%d filled areas for a complete score series, want 1", len(areas))
	}
}

// inLegend reports whether e sits inside the chart's legend.
func inLegend(root, e *element) bool {
	found := false
	for _, g := range root.find(func(x *element) bool { return x.hasClass("chart-legend") }) {
		g.walk(func(x *element) {
			if x == e {
				found = true
			}
		})
	}
	return found
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func TestRadar_MissingScoreIsHollowAtCentreAndNamed(t *testing.T) {
	in := exampleRadar()
	root := checkChart(t, Radar(in))
	hollow := root.find(func(e *element) bool { return e.hasClass("chart-marker-missing") && !inLegend(root, e) })
	if len(hollow) != 1 {
		t.Fatalf("%d hollow markers, want 1 for the one missing score", len(hollow))
	}
	if p := point(hollow[0], "cx", "cy"); p != "0,0" {
		t.Errorf("hollow marker at %s, want the centre", p)
	}
	if tip := allText(hollow[0]); !strings.Contains(tip, "Vendor ecosystem fit: not assessed") {
		t.Errorf("hollow marker title %q does not name the axis as not assessed", tip)
	}
	notes := root.find(func(e *element) bool { return e.hasClass("chart-note") })
	if len(notes) != 1 || notes[0].text != NotAssessed {
		t.Errorf("want one %q note under the axis label, got %d", NotAssessed, len(notes))
	}
	if desc := root.kids[1].text; !strings.Contains(desc, "Vendor ecosystem fit not assessed") {
		t.Errorf("desc %q does not say the dimension was not assessed", desc)
	}
	legend := allText(root.find(func(e *element) bool { return e.hasClass("chart-legend") })[0])
	if !strings.Contains(legend, NotAssessed) {
		t.Errorf("legend %q does not explain the hollow marker", legend)
	}
	// A partial score series has no filled area and no closed outline.
	scoreGroups := root.find(func(e *element) bool { return e.hasClass("chart-series-score") && !inLegend(root, e) })
	for _, g := range scoreGroups {
		for _, k := range g.kids {
			if k.hasClass("chart-area") {
				t.Error("partial score series is filled")
			}
			if k.hasClass("chart-line") && strings.Contains(k.attrs["d"], "Z") {
				t.Errorf("partial score series outline %q is closed", k.attrs["d"])
			}
		}
	}
	// A missing target is skipped: four target markers for four targets.
	for _, g := range root.find(func(e *element) bool { return e.hasClass("chart-series-target") && !inLegend(root, e) }) {
		if n := len(g.find(func(e *element) bool { return e.hasClass("chart-marker") })); n != 4 {
			t.Errorf("%d target markers, want 4 (one target is not set)", n)
		}
		if n := len(g.find(func(e *element) bool { return e.hasClass("chart-marker-missing") })); n != 0 {
			t.Errorf("%d hollow target markers, want none", n)
		}
	}
}

func TestRadar_RingsLabelledOnTheScale(t *testing.T) {
	root := checkChart(t, Radar(RadarInput{Title: "t", Axes: []string{"a", "b", "c", "d", "e"}, Min: 0, Max: 4}))
	var got []string
	for _, e := range root.find(func(e *element) bool { return e.hasClass("chart-tick-label") }) {
		got = append(got, e.text)
	}
	if want := []string{"1", "2", "3", "4"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ring labels %v, want %v", got, want)
	}
}

func TestRadar_SeriesDifferByDashAndMarker(t *testing.T) {
	root := checkChart(t, Radar(exampleRadar()))
	dashes := map[string]string{}
	shapes := map[string]string{}
	for _, g := range root.find(func(e *element) bool { return e.hasClass("chart-series") }) {
		class := strings.Fields(g.attrs["class"])[1]
		for _, k := range g.kids {
			if k.hasClass("chart-line") {
				dashes[class] = k.attrs["stroke-dasharray"]
			}
			if k.hasClass("chart-marker") && shapes[class] == "" {
				// The outline relative to its first point names the shape.
				shapes[class] = k.name + " " + relativeOutline(t, k.attrs["d"])
			}
		}
	}
	classes := []string{"chart-series-score", "chart-series-target", "chart-series-pattern"}
	for i, a := range classes {
		for _, b := range classes[i+1:] {
			if dashes[a] == dashes[b] {
				t.Errorf("%s and %s share the dash pattern %q", a, b, dashes[a])
			}
			if shapes[a] == shapes[b] {
				t.Errorf("%s and %s share the marker %q", a, b, shapes[a])
			}
		}
	}
}

// relativeOutline rewrites path data as offsets from its first point.
func relativeOutline(t *testing.T, d string) string {
	t.Helper()
	if d == "" {
		return ""
	}
	fields := strings.FieldsFunc(d, func(r rune) bool { return r == 'M' || r == 'L' || r == 'Z' || r == ' ' })
	var out []string
	x0, y0 := atof(t, fields[0]), atof(t, fields[1])
	for i := 0; i+1 < len(fields); i += 2 {
		out = append(out, fmt.Sprintf("%.1f,%.1f", atof(t, fields[i])-x0, atof(t, fields[i+1])-y0))
	}
	return strings.Join(out, " ")
}

func TestRadar_Table(t *testing.T) {
	got := exampleRadar().Table()
	if want := []string{"Dimension", "Northwind Outfitters", "Target", "Hybrid profile"}; !reflect.DeepEqual(got.Columns, want) {
		t.Errorf("columns %v, want %v", got.Columns, want)
	}
	if len(got.Rows) != 5 {
		t.Fatalf("%d rows, want 5", len(got.Rows))
	}
	if want := (TableRow{Label: "Vendor ecosystem fit", Cells: []string{NotAssessed, "—", "2.5"}}); !reflect.DeepEqual(got.Rows[3], want) {
		t.Errorf("row 4 = %v, want %v", got.Rows[3], want)
	}
	if want := []string{"2.6", "3.0", "3.5"}; !reflect.DeepEqual(got.Rows[0].Cells, want) {
		t.Errorf("row 1 cells = %v, want %v", got.Rows[0].Cells, want)
	}
}

func TestSparkline(t *testing.T) {
	tests := []struct {
		name     string
		values   []*float64
		segments int // "M" commands in the line
		dots     int // isolated points drawn as dots
		last     string
	}{
		{"steady", floats(2, 3, 4), 1, 0, "76,4"},
		{"gap splits the line", []*float64{Float(1), Float(2), nil, Float(3), Float(4)}, 2, 0, "76,4"},
		{"isolated point is a dot", []*float64{Float(1), nil, Float(2), nil, Float(3), Float(4)}, 1, 2, "76,4"},
		{"single point", floats(2), 0, 0, "76,14"},
		{"latest missing marks the last value", []*float64{Float(0), Float(4), nil}, 1, 0, "40,4"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := checkChart(t, Sparkline(tc.values, 0, 4, "Overall"))
			var segments int
			for _, l := range root.find(func(e *element) bool { return e.hasClass("chart-line") }) {
				segments += strings.Count(l.attrs["d"], "M")
			}
			if segments != tc.segments {
				t.Errorf("%d line segments, want %d", segments, tc.segments)
			}
			lasts := root.find(func(e *element) bool { return e.hasClass("chart-marker-last") })
			if len(lasts) != 1 {
				t.Fatalf("%d latest-point markers, want 1", len(lasts))
			}
			if p := point(lasts[0], "cx", "cy"); p != tc.last {
				t.Errorf("latest point at %s, want %s", p, tc.last)
			}
			dots := len(root.find(func(e *element) bool { return e.hasClass("chart-marker") })) - 1
			if dots != tc.dots {
				t.Errorf("%d dots, want %d", dots, tc.dots)
			}
		})
	}
	t.Run("no values", func(t *testing.T) {
		root := checkChart(t, Sparkline([]*float64{nil}, 0, 4, "Overall"))
		if root.kids[1].text != "No data." {
			t.Errorf("desc %q, want No data.", root.kids[1].text)
		}
		if len(root.find(func(e *element) bool { return e.hasClass("chart-marker") })) != 0 {
			t.Error("markers drawn without values")
		}
	})
	t.Run("desc lists values", func(t *testing.T) {
		root := checkChart(t, Sparkline([]*float64{Float(1.24), nil, Float(2.25)}, 0, 4, "Overall"))
		want := "Values, oldest first: 1.2, not assessed, 2.2. Latest 2.2 on a scale of 0 to 4."
		if got := root.kids[1].text; got != want {
			t.Errorf("desc %q, want %q", got, want)
		}
	})
}

func TestTrend(t *testing.T) {
	t.Run("gaps and markers", func(t *testing.T) {
		root := checkChart(t, Trend(exampleTrend()))
		groups := root.find(func(e *element) bool { return e.hasClass("chart-series") })
		if len(groups) != 6 {
			t.Fatalf("%d series, want 6", len(groups))
		}
		// Series are drawn last first; the vendor series (index 4) lacks
		// its latest value.
		var vendor *element
		for _, g := range groups {
			if g.hasClass(PaletteStyle(3).Class()) {
				vendor = g
			}
		}
		markers := vendor.find(func(e *element) bool { return e.hasClass("chart-marker") })
		if len(markers) != 5 {
			t.Errorf("%d markers on a series with 5 of 6 values, want 5", len(markers))
		}
		legend := root.find(func(e *element) bool { return e.hasClass("chart-legend-label") })
		if len(legend) != 6 || legend[0].text != "Overall" {
			t.Errorf("legend has %d entries, first %q; want 6 starting with Overall", len(legend), legend[0].text)
		}
	})
	t.Run("gridlines on the scale", func(t *testing.T) {
		root := checkChart(t, Trend(exampleTrend()))
		var got []string
		for _, e := range root.find(func(e *element) bool { return e.hasClass("chart-tick-label") }) {
			got = append(got, e.text)
		}
		if want := []string{"0", "1", "2", "3", "4"}; !reflect.DeepEqual(got[:5], want) {
			t.Errorf("y labels %v, want %v", got[:5], want)
		}
		if len(got) != 5+6 {
			t.Errorf("%d tick labels, want 5 on y and 6 dates", len(got))
		}
	})
	t.Run("many dates are thinned", func(t *testing.T) {
		in := TrendInput{Title: "t", Min: 0, Max: 4}
		var vals []*float64
		for i := 0; i < 40; i++ {
			in.Dates = append(in.Dates, fmt.Sprintf("2026-%02d-%02d", i/28+1, i%28+1))
			vals = append(vals, Float(float64(i%5)))
		}
		in.Series = []Series{{Name: "Overall", Style: StyleScore, Values: vals}}
		root := checkChart(t, Trend(in))
		var dates []string
		for _, e := range root.find(func(e *element) bool { return e.hasClass("chart-tick-label") && strings.HasPrefix(e.text, "2026") }) {
			dates = append(dates, e.text)
		}
		if len(dates) < 3 || len(dates) > 12 {
			t.Errorf("%d date labels for 40 dates, want a readable handful", len(dates))
		}
		if dates[0] != in.Dates[0] || dates[len(dates)-1] != in.Dates[39] {
			t.Errorf("date labels %v do not include the first and the latest", dates)
		}
		if n := len(root.find(func(e *element) bool { return e.hasClass("chart-marker") && !inLegend(root, e) })); n != 1 {
			t.Errorf("%d markers on a long series, want only the latest", n)
		}
	})
	t.Run("table", func(t *testing.T) {
		got := exampleTrend().Table()
		if got.Columns[0] != "Assessed" || got.Columns[1] != "Overall" || len(got.Columns) != 7 {
			t.Errorf("columns %v", got.Columns)
		}
		if want := (TableRow{Label: "2026-09-30", Cells: []string{"2.5", "2.6", "1.8", "3.1", "—", "2.2"}}); !reflect.DeepEqual(got.Rows[5], want) {
			t.Errorf("latest row = %v, want %v", got.Rows[5], want)
		}
	})
}

func TestShownLabels(t *testing.T) {
	x := func(i int) float64 { return float64(i) * 10 }
	tests := []struct {
		n    int
		w    float64
		want []int
	}{
		{0, 30, nil},
		{1, 30, []int{0}},
		{5, 5, []int{0, 1, 2, 3, 4}},
		{5, 20, []int{0, 2, 4}},
		{6, 20, []int{0, 2, 5}},
		{7, 30, []int{0, 3, 6}},
	}
	for _, tc := range tests {
		if got := shownLabels(tc.n, x, tc.w); !reflect.DeepEqual(got, tc.want) && !(len(got) == 0 && len(tc.want) == 0) {
			t.Errorf("shownLabels(%d, w=%v) = %v, want %v", tc.n, tc.w, got, tc.want)
		}
	}
}

func TestBars(t *testing.T) {
	root := checkChart(t, Bars(exampleBars()))
	bars := root.find(func(e *element) bool { return e.hasClass("chart-bar") && !inLegend(root, e) })
	if len(bars) != 4 {
		t.Fatalf("%d bars, want 4 (one dimension not assessed)", len(bars))
	}
	tracks := root.find(func(e *element) bool { return e.hasClass("chart-track") })
	x0 := atof(t, tracks[0].attrs["x"])
	full := atof(t, tracks[0].attrs["width"])
	// 2.6 of 4 fills 65% of the track.
	if w := atof(t, bars[0].attrs["width"]); math.Abs(w-0.65*full) > 0.01 {
		t.Errorf("bar for 2.6 is %.2f wide, want %.2f", w, 0.65*full)
	}
	ticks := root.find(func(e *element) bool { return e.hasClass("chart-target-tick") && !inLegend(root, e) })
	if len(ticks) != 4 {
		t.Fatalf("%d target ticks, want 4", len(ticks))
	}
	// Target 3.0 sits at 75% of the track.
	if d, want := ticks[0].attrs["d"], "M"+num(x0+0.75*full)+" "; !strings.HasPrefix(d, want) {
		t.Errorf("target tick %q, want it to start %q", d, want)
	}
	text := allText(root)
	for _, want := range []string{NotAssessed, "2.6", "target 3.5", "Score", "Target"} {
		if !strings.Contains(text, want) {
			t.Errorf("chart text lacks %q", want)
		}
	}
	wantTable := Table{
		Caption: "Northwind Outfitters: dimension scores against target",
		Columns: []string{"Dimension", "Score", "Target"},
		Rows: []TableRow{
			{"Architectural foundation", []string{"2.6", "3.0"}},
			{"Operational discipline", []string{"1.8", "3.0"}},
			{"Engineering capability", []string{"3.1", "3.5"}},
			{"Vendor ecosystem fit", []string{NotAssessed, "—"}},
			{"Strategic and governance maturity", []string{"2.2", "3.0"}},
		},
	}
	if got := exampleBars().Table(); !reflect.DeepEqual(got, wantTable) {
		t.Errorf("table = %+v\nwant %+v", got, wantTable)
	}
}

func TestBars_PatternFitInPercent(t *testing.T) {
	root := checkChart(t, Bars(exampleFit()))
	text := allText(root)
	for _, want := range []string{"92%", "100%", "Hub-and-spoke (current)"} {
		if !strings.Contains(text, want) {
			t.Errorf("chart text lacks %q", want)
		}
	}
	strong := root.find(func(e *element) bool { return e.hasClass("chart-label-strong") })
	if len(strong) != 1 || strong[0].attrs["font-weight"] != "700" || !strings.Contains(allText(strong[0]), "Hub-and-spoke") {
		t.Errorf("want the current pattern's label in bold, got %d bold labels", len(strong))
	}
	if n := len(root.find(func(e *element) bool { return e.hasClass("chart-legend") })); n != 0 {
		t.Errorf("a single series without targets has %d legends, want none", n)
	}
}

func atof(t *testing.T, s string) float64 {
	t.Helper()
	var v float64
	if _, err := fmt.Sscan(s, &v); err != nil {
		t.Fatalf("number %q: %v", s, err)
	}
	return v
}

func TestPatternMatrixChart(t *testing.T) {
	in := examplePatterns()
	root := checkChart(t, PatternMatrixChart(in))
	headings := root.find(func(e *element) bool { return e.hasClass("chart-group-label") })
	if len(headings) != len(in.Dimensions) {
		t.Errorf("%d group headings, want one per dimension (%d)", len(headings), len(in.Dimensions))
	}
	bars := root.find(func(e *element) bool { return e.hasClass("chart-bar") })
	if len(bars) != len(in.Dimensions)*len(in.Patterns) {
		t.Errorf("%d bars, want %d", len(bars), len(in.Dimensions)*len(in.Patterns))
	}
	// Each pattern keeps its palette style in every group.
	for p, pat := range in.Patterns {
		class := PaletteStyle(p).Class()
		n := len(root.find(func(e *element) bool { return e.name == "g" && e.hasClass(class) }))
		if n != len(in.Dimensions) {
			t.Errorf("%s: %d bars in %s, want %d", pat.Name, n, class, len(in.Dimensions))
		}
	}
	values := root.find(func(e *element) bool { return e.hasClass("chart-value") })
	if values[0].text != "High" || values[2].text != "Medium" {
		t.Errorf("values show %q, %q; want level names", values[0].text, values[2].text)
	}
	tab := in.Table()
	if want := []string{"Dimension", "Hub-and-spoke", "Event-driven", "Composable", "Hybrid"}; !reflect.DeepEqual(tab.Columns, want) {
		t.Errorf("table columns %v, want %v", tab.Columns, want)
	}
	if want := []string{"Medium", "High", "High", "Medium"}; !reflect.DeepEqual(tab.Rows[2].Cells, want) {
		t.Errorf("engineering row %v, want %v", tab.Rows[2].Cells, want)
	}
}

func TestHeatClass(t *testing.T) {
	tests := []struct {
		name     string
		score    *float64
		min, max float64
		want     string
	}{
		{"no score", nil, 0, 4, "heat-none"},
		{"minimum", Float(0), 0, 4, "heat-0"},
		{"below the scale", Float(-1), 0, 4, "heat-0"},
		{"just under a fifth", Float(0.79), 0, 4, "heat-0"},
		{"a fifth", Float(0.8), 0, 4, "heat-1"},
		{"middle", Float(2), 0, 4, "heat-2"},
		{"three fifths", Float(2.4), 0, 4, "heat-3"},
		{"high", Float(3.3), 0, 4, "heat-4"},
		{"maximum", Float(4), 0, 4, "heat-4"},
		{"above the scale", Float(9), 0, 4, "heat-4"},
		{"percent", Float(55), 0, 100, "heat-2"},
		{"NaN score", Float(math.NaN()), 0, 4, "heat-none"},
		{"empty scale", Float(2), 2, 2, "heat-none"},
		{"reversed scale", Float(2), 4, 0, "heat-none"},
		{"infinite scale", Float(2), 0, math.Inf(1), "heat-none"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := HeatClass(tc.score, tc.min, tc.max); got != tc.want {
				t.Errorf("HeatClass = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		want   []float64
	}{
		{0, 4, []float64{0, 1, 2, 3, 4}},
		{0, 100, []float64{0, 20, 40, 60, 80, 100}},
		{0, 1, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}},
		{1, 5, []float64{1, 2, 3, 4, 5}},
		{0, 3.7, []float64{0, 1, 2, 3, 3.7}},
		{0.5, 4, []float64{0.5, 1, 2, 3, 4}},
		{2, 2, []float64{2}},
	}
	for _, tc := range tests {
		got := ticks(tc.lo, tc.hi)
		if len(got) != len(tc.want) {
			t.Errorf("ticks(%v, %v) = %v, want %v", tc.lo, tc.hi, got, tc.want)
			continue
		}
		for i := range got {
			if math.Abs(got[i]-tc.want[i]) > 1e-9 {
				t.Errorf("ticks(%v, %v) = %v, want %v", tc.lo, tc.hi, got, tc.want)
				break
			}
		}
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		in       string
		max, n   int
		want     []string
		wantNone bool
	}{
		{in: "Strategic and governance maturity", max: 20, n: 3, want: []string{"Strategic and", "governance maturity"}},
		{in: "Short", max: 20, n: 3, want: []string{"Short"}},
		{in: "  spaced \n\t out  ", max: 20, n: 3, want: []string{"spaced out"}},
		{in: "Supercalifragilisticexpialidocious", max: 10, n: 3, want: []string{"Supercalif", "ragilistic", "expialido…"}},
		{in: "one two three four five six", max: 9, n: 2, want: []string{"one two", "three…"}},
		{in: "", max: 10, n: 2, wantNone: true},
	}
	for _, tc := range tests {
		got := wrap(tc.in, tc.max, tc.n)
		if tc.wantNone {
			if len(got) != 0 {
				t.Errorf("wrap(%q) = %q, want nothing", tc.in, got)
			}
			continue
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("wrap(%q, %d, %d) = %q, want %q", tc.in, tc.max, tc.n, got, tc.want)
		}
	}
}

func TestFormatting(t *testing.T) {
	tests := []struct{ got, want string }{
		{num(1.005), "1"},
		{num(-0.001), "0"},
		{num(12.5), "12.5"},
		{num(-3.14159), "-3.14"},
		{num(math.NaN()), "0"},
		{formatValue(2.45, 1), "2.5"},
		{formatValue(-0.04, 1), "0.0"},
		{formatValue(3, 0), "3"},
		{formatTick(2.5), "2.5"},
		{formatTick(20), "20"},
		{cleanText("a\x00b\u2028c\tx\uFFFEy\xff"), "a b c xy\uFFFD"},
	}
	for i, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("case %d: got %q, want %q", i, tc.got, tc.want)
		}
	}
}

func TestPaletteStyle(t *testing.T) {
	if PaletteStyle(0) != PaletteStyle(PaletteSize) || PaletteStyle(1).Class() != "chart-series-2" {
		t.Error("palette styles do not cycle by position")
	}
	if StyleAuto.resolve(2) != PaletteStyle(2) || StyleTarget.resolve(2) != StyleTarget {
		t.Error("StyleAuto does not resolve by position, or a set style is overridden")
	}
	if Style(99).Class() != "chart-series-1" {
		t.Errorf("out-of-range style class %q", Style(99).Class())
	}
	dashes, markers := map[string]bool{}, map[markerShape]bool{}
	for i := 0; i < PaletteSize; i++ {
		sp := PaletteStyle(i).spec()
		if dashes[sp.dash] || markers[sp.marker] {
			t.Errorf("palette style %d repeats a dash (%q) or marker (%d)", i, sp.dash, sp.marker)
		}
		dashes[sp.dash], markers[sp.marker] = true, true
	}
}
