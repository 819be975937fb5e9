package render

import (
	template "scorebook/generator/internal/gotemplate/html"
	"scorebook/generator/internal/inputtext"
	"scorebook/generator/internal/routes"

	"math"
	"strconv"
	"strings"

	"scorebook/generator/internal/score"
)

// Funcs are the helpers every layout may call. The scorecard and portfolio
// views carry their display strings ready made (see FormatScore and
// FormatPercent), because a function call per table cell is most of what
// executing a template costs; these remain for the other layouts.
var Funcs = template.FuncMap{
	"score":     FormatScore,
	"pct":       FormatPercent,
	"num":       formatNumber,
	"sevclass":  SeverityClass,
	"title":     strings.ToUpper,
	"add":       func(a, b int) int { return a + b },
	"deref":     func(p *int) int { return *p },
	"hasPrefix": strings.HasPrefix,
	// criterionID and levelID give the ids other pages link to on a
	// dimension's page (routes.Criterion, routes.CriterionLevel).
	// isolate keeps a name's right-to-left text from turning the text
	// around it, where no element can (a page's <title>).
	"isolate":     inputtext.Isolate,
	"criterionID": routes.CriterionID,
	"levelID":     routes.LevelID,
}

// notAssessed is how a score that does not exist reads on a page.
const notAssessed = "not assessed"

// FormatScore formats a score for display with two decimals, or "not
// assessed" when there is none. Pages round; JSON keeps full precision.
func FormatScore(s *float64) string {
	if s == nil {
		return notAssessed
	}
	return strconv.FormatFloat(round(*s, 2), 'f', 2, 64)
}

// FormatPercent formats a fraction as a whole percentage ("87%").
func FormatPercent(f float64) string {
	return strconv.FormatFloat(round(f*100, 0), 'f', 0, 64) + "%"
}

// SeverityClass returns the CSS class of a finding's severity ("sev-high").
func SeverityClass(severity string) string {
	if c, ok := severityClasses[severity]; ok {
		return c
	}
	return "sev-" + severity
}

// severityClasses holds the class of every known severity, so that counting
// findings for a thousand portfolio rows allocates no class names.
var severityClasses = func() map[string]string {
	m := make(map[string]string, len(score.Severities))
	for _, s := range score.Severities {
		m[s] = "sev-" + s
	}
	return m
}()

func formatNumber(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// sortValue is a number as a sortable data-value attribute: full precision,
// spelled as html/template prints a float64 (fmt's %v), or "-1" when there
// is no score, so that missing scores sort below every real one.
func sortValue(f *float64) string {
	if f == nil {
		return "-1"
	}
	return strconv.FormatFloat(*f, 'g', -1, 64)
}

func round(x float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(x*p) / p
}
