package chart

import (
	"math"
	"strings"
	"testing"
)

// FuzzCharts feeds arbitrary labels, values and scales to every chart and
// checks that each stays well-formed, escaped and free of NaN and Inf.
func FuzzCharts(f *testing.F) {
	f.Add("Northwind Outfitters", "Vendor ecosystem fit", 2.6, 3.0, 0.0, 4.0, uint8(5))
	f.Add(`<script>alert("x")</script>`, `" onload="x`, math.NaN(), math.Inf(1), 0.0, 0.0, uint8(3))
	f.Add("Ünïcödé ブランド", "2026-09-30", -1.0, 1e308, 4.0, 0.0, uint8(8))
	f.Add("", "\x00\x01\ufffe]]>", 0.0, 0.0, math.Inf(-1), math.NaN(), uint8(0))
	f.Add("Hub-and-spoke (current)", "a b c d e f g h i j k l m n o p q r s t u v w x y z", 92.0, 61.0, 0.0, 100.0, uint8(1))
	f.Fuzz(func(t *testing.T, name, label string, a, b, min, max float64, n uint8) {
		axes := int(n % 10)
		var names []string
		var vals, other []*float64
		for i := 0; i < axes; i++ {
			names = append(names, label+strings.Repeat("x", i))
			v, w := a+float64(i), b
			if i%3 == 1 {
				vals = append(vals, nil)
			} else {
				vals = append(vals, &v)
			}
			other = append(other, &w)
		}
		series := []Series{
			{Name: name, Style: StyleScore, Values: vals, MarkMissing: true},
			{Name: label, Style: StyleTarget, Values: other},
			{Name: name + label, Style: Style(n), Values: other},
		}
		var bars []Bar
		for i, nm := range names {
			bars = append(bars, Bar{Label: nm, Value: vals[i], Target: other[i], Text: label, Highlight: i == 0})
		}
		charts := map[string]string{
			"radar":     string(Radar(RadarInput{ID: name, Title: name, Axes: names, Min: min, Max: max, Series: series})),
			"trend":     string(Trend(TrendInput{ID: label, Title: name, Dates: names, Min: min, Max: max, Series: series})),
			"bars":      string(Bars(BarsInput{Title: name, Min: min, Max: max, Decimals: int(n), Suffix: label, Bars: bars})),
			"sparkline": string(Sparkline(vals, min, max, name)),
			"patterns": string(PatternMatrixChart(PatternMatrixInput{Title: label, Dimensions: names, Min: min, Max: max,
				Patterns: []PatternProfile{{Name: name, Values: vals, Levels: []string{label}}, {Name: label, Values: other}}})),
		}
		for kind, svg := range charts {
			if err := chartProblem(svg); err != nil {
				t.Fatalf("%s: %v\n%s", kind, err, svg)
			}
			if strings.Contains(strings.ToLower(svg), "<script") {
				t.Fatalf("%s: raw <script in output", kind)
			}
		}
		_ = HeatClass(&a, min, max)
	})
}
