package chart

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	template "scorebook/generator/internal/gotemplate/html"
)

// The example inputs below follow the shipped model: five dimensions on a
// 0 to 4 scale, four patterns. Tests, golden files and previews share them.

var exampleDimensions = []string{
	"Architectural foundation",
	"Operational discipline",
	"Engineering capability",
	"Vendor ecosystem fit",
	"Strategic and governance maturity",
}

func floats(vs ...float64) []*float64 {
	out := make([]*float64, len(vs))
	for i, v := range vs {
		out[i] = Float(v)
	}
	return out
}

func exampleRadar() RadarInput {
	scores := floats(2.6, 1.8, 3.1, 0, 2.2)
	scores[3] = nil // vendor ecosystem fit not assessed
	return RadarInput{
		Title: "Northwind Outfitters: dimension scores against target and the hybrid profile",
		Axes:  exampleDimensions,
		Min:   0, Max: 4,
		Series: []Series{
			{Name: "Northwind Outfitters", Style: StyleScore, Values: scores, MarkMissing: true},
			{Name: "Target", Style: StyleTarget, Values: []*float64{Float(3), Float(3), Float(3.5), nil, Float(3)}},
			{Name: "Hybrid profile", Style: StylePattern, Values: floats(3.5, 3.5, 2.5, 2.5, 3.5)},
		},
	}
}

func exampleTrend() TrendInput {
	in := TrendInput{
		Title: "Northwind Outfitters: scores over time",
		Dates: []string{"2024-03-31", "2024-09-30", "2025-03-31", "2025-09-30", "2026-03-31", "2026-09-30"},
		Min:   0, Max: 4,
		Series: []Series{{Name: "Overall", Style: StyleScore, Values: floats(1.4, 1.7, 1.9, 2.2, 2.3, 2.5)}},
	}
	dims := [][]float64{
		{1.5, 1.8, 2.0, 2.4, 2.5, 2.6},
		{1.0, 1.2, 1.5, 1.5, 1.7, 1.8},
		{2.0, 2.4, 2.6, 2.9, 3.0, 3.1},
		{1.2, 1.4, 1.5, 1.9, 2.0, 2.1},
		{1.3, 1.5, 1.8, 2.0, 2.1, 2.2},
	}
	for i, d := range dims {
		vs := floats(d...)
		if i == 3 {
			vs[5] = nil // not assessed in the latest assessment
		}
		in.Series = append(in.Series, Series{Name: exampleDimensions[i], Style: PaletteStyle(i), Values: vs})
	}
	return in
}

func exampleBars() BarsInput {
	return BarsInput{
		Title:     "Northwind Outfitters: dimension scores against target",
		ValueName: "Score", TargetName: "Target",
		Min: 0, Max: 4, Decimals: 1,
		Bars: []Bar{
			{Label: exampleDimensions[0], Value: Float(2.6), Target: Float(3)},
			{Label: exampleDimensions[1], Value: Float(1.8), Target: Float(3)},
			{Label: exampleDimensions[2], Value: Float(3.1), Target: Float(3.5)},
			{Label: exampleDimensions[3], Value: nil},
			{Label: exampleDimensions[4], Value: Float(2.2), Target: Float(3)},
		},
	}
}

func exampleFit() BarsInput {
	return BarsInput{
		Title:     "Northwind Outfitters: pattern fit",
		LabelName: "Pattern", ValueName: "Fit",
		Min: 0, Max: 100, Suffix: "%",
		Bars: []Bar{
			{Label: "Hub-and-spoke (current)", Value: Float(92), Highlight: true},
			{Label: "Event-driven", Value: Float(61)},
			{Label: "Composable", Value: Float(48)},
			{Label: "Hybrid (planned)", Value: Float(77)},
		},
	}
}

func examplePatterns() PatternMatrixInput {
	high, medium := 3.5, 2.5
	profile := func(levels ...string) ([]*float64, []string) {
		var vs []*float64
		var names []string
		for _, l := range levels {
			if l == "h" {
				vs, names = append(vs, Float(high)), append(names, "High")
			} else {
				vs, names = append(vs, Float(medium)), append(names, "Medium")
			}
		}
		return vs, names
	}
	in := PatternMatrixInput{Title: "Pattern profiles by dimension", Dimensions: exampleDimensions, Min: 0, Max: 4}
	for _, p := range []struct{ name, levels string }{
		{"Hub-and-spoke", "hhmmh"},
		{"Event-driven", "hhhmm"},
		{"Composable", "mmhhh"},
		{"Hybrid", "hhmmh"},
	} {
		vs, names := profile(strings.Split(p.levels, "")...)
		in.Patterns = append(in.Patterns, PatternProfile{Name: p.name, Values: vs, Levels: names})
	}
	return in
}

func exampleSparkline() template.HTML {
	return Sparkline([]*float64{Float(1.4), Float(1.7), nil, Float(2.2), Float(2.3), Float(2.5)}, 0, 4, "Northwind Outfitters: overall score trend")
}

// exampleCharts returns one of each chart, by name.
func exampleCharts() []struct {
	name string
	svg  template.HTML
} {
	return []struct {
		name string
		svg  template.HTML
	}{
		{"radar", Radar(exampleRadar())},
		{"trend", Trend(exampleTrend())},
		{"bars", Bars(exampleBars())},
		{"fit", Bars(exampleFit())},
		{"patterns", PatternMatrixChart(examplePatterns())},
		{"sparkline", exampleSparkline()},
	}
}

// TestWritePreviews writes every example chart as an SVG file and as HTML
// pages (light, dark forced, and print rules forced) for looking at in a browser. It runs only
// when CHART_PREVIEW_DIR names a folder.
func TestWritePreviews(t *testing.T) {
	dir := os.Getenv("CHART_PREVIEW_DIR")
	if dir == "" {
		t.Skip("set CHART_PREVIEW_DIR to write previews")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var dark strings.Builder
	dark.WriteString(":root {\n")
	darkPalette.vars(&dark, "  ")
	dark.WriteString("}\n")
	page := func(title, body, mode string) string {
		css := CSS()
		switch mode {
		case "dark":
			css += dark.String()
		case "print":
			css = strings.Replace(css, "@media print", "@media all", 1)
		}
		return "<!doctype html><html lang=en><meta charset=utf-8><title>" + title + "</title><style>" + css +
			"body{margin:24px;background:var(--chart-bg);color:var(--chart-text);font:16px/1.5 system-ui,sans-serif}" +
			"table{border-collapse:collapse}td{padding:4px 10px;text-align:center}</style><body>" + body + "</body></html>"
	}
	for _, c := range exampleCharts() {
		body := string(c.svg)
		if c.name == "sparkline" {
			body = "<p>Overall score " + body + " 2.5 (Defined)</p><p>Single point " +
				string(Sparkline([]*float64{Float(2)}, 0, 4, "one")) + " and none " +
				string(Sparkline(nil, 0, 4, "none")) + "</p>"
			var heat strings.Builder
			heat.WriteString("<table><tr>")
			for _, v := range []*float64{nil, Float(0.2), Float(1.2), Float(2), Float(2.8), Float(3.9)} {
				heat.WriteString(`<td class="` + HeatClass(v, 0, 4) + `">`)
				if v == nil {
					heat.WriteString("—")
				} else {
					heat.WriteString(formatValue(*v, 1))
				}
				heat.WriteString("</td>")
			}
			heat.WriteString("</tr></table>")
			body += heat.String()
		}
		for _, f := range []struct {
			file, content string
		}{
			{c.name + ".svg", string(c.svg)},
			{c.name + ".html", page(c.name, body, "")},
			{c.name + "-dark.html", page(c.name, body, "dark")},
			{c.name + "-print.html", page(c.name, body, "print")},
		} {
			if err := os.WriteFile(filepath.Join(dir, f.file), []byte(f.content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
