package render

import (
	"html/template"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Funcs are the helpers every layout may call.
var Funcs = template.FuncMap{
	"score":     FormatScore,
	"pct":       FormatPercent,
	"num":       formatNumber,
	"sevclass":  func(s string) string { return "sev-" + s },
	"title":     strings.ToUpper,
	"add":       func(a, b int) int { return a + b },
	"deref":     func(p *int) int { return *p },
	"hasPrefix": strings.HasPrefix,
}

// FormatScore formats a score for display with two decimals, or "not
// assessed" when there is none. Pages round; JSON keeps full precision.
func FormatScore(s *float64) string {
	if s == nil {
		return "not assessed"
	}
	return strconv.FormatFloat(round(*s, 2), 'f', 2, 64)
}

// FormatPercent formats a fraction as a whole percentage ("87%").
func FormatPercent(f float64) string {
	return strconv.FormatFloat(round(f*100, 0), 'f', 0, 64) + "%"
}

func formatNumber(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func round(x float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(x*p) / p
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
