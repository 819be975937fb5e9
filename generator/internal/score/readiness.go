package score

import (
	"fmt"
	"strings"

	"scorebook/generator/internal/model"
)

// checkPatternReadiness flags a current or planned pattern whose demands
// the brand does not meet: dimension scores below what its profile
// demands, criteria it leans on below the level it needs, or fewer
// dedicated integration engineers than it needs. Severity grows with the
// largest shortfall (high from high_gap, medium from medium_gap, low
// below); a planned pattern's finding is one severity lower than a current
// one's, since there is still time to build the capability first.
func checkPatternReadiness(r *checkRun) {
	roles := []struct{ id, label, role string }{
		{r.a.Pattern, "Current", "current"},
		{r.a.PlannedPattern, "Planned", "planned"},
	}
	if r.a.PlannedPattern == r.a.Pattern {
		roles = roles[:1]
	}
	for _, role := range roles {
		i := findPattern(r.m, role.id)
		if i < 0 {
			continue
		}
		p := r.m.Patterns[i]
		fit := r.card.PatternFit[i]
		planned := role.role == "planned"
		if len(fit.Shortfalls) > 0 || len(fit.CriterionShortfalls) > 0 {
			gap := largestGap(r.m, fit)
			r.add(r.gapSeverity(gap, planned), role.role+"/"+p.ID+"/demands",
				"%s pattern %s asks more than the brand has (fit %s, largest shortfall %s): %s",
				role.label, patternName(p), pct(fit.Fit), num(gap), describeShortfalls(r.m, fit))
		}
		r.patternEngineers(p, role.label, role.role, planned)
	}
}

// patternEngineers flags a pattern needing more dedicated engineers than
// the brand has: high when half or more of them are missing (or none are
// recorded), medium otherwise, one lower for a planned pattern.
func (r *checkRun) patternEngineers(p model.Pattern, label, role string, planned bool) {
	need := p.MinEngineers
	if need <= 0 {
		return
	}
	eng := r.a.IntegrationEngineers
	key := role + "/" + p.ID + "/engineers"
	what := fmt.Sprintf("%s pattern %s needs at least %d dedicated integration %s", label, patternName(p), need, plural(need, "engineer", "engineers"))
	switch {
	case eng == nil:
		r.add(lower(High, planned), key, "%s and the number the brand has is not recorded: build integration capability first", what).Detail = "integration_engineers is not set."
	case *eng < need:
		severity := Medium
		if 2*(need-*eng) >= need {
			severity = High
		}
		r.add(lower(severity, planned), key, "%s and the brand has %d: build integration capability first", what, *eng)
	}
}

// gapSeverity grades a pattern's largest shortfall.
func (r *checkRun) gapSeverity(gap float64, planned bool) string {
	severity := Low
	switch {
	case gap >= r.param("high_gap")-tolerance:
		severity = High
	case gap >= r.param("medium_gap")-tolerance:
		severity = Medium
	}
	return lower(severity, planned)
}

// lower steps a severity down one place when down is set (high to medium,
// medium to low); low and info stay.
func lower(severity string, down bool) string {
	if !down {
		return severity
	}
	switch severity {
	case Critical:
		return High
	case High:
		return Medium
	case Medium:
		return Low
	}
	return severity
}

// largestGap is the largest shortfall of a pattern fit: score points below
// a dimension demand, or levels below a criterion's need, an unassessed
// one counting from the bottom of the scale.
func largestGap(m *model.Model, fit PatternFit) float64 {
	var gap float64
	bottom := float64(m.Scale.Min)
	for _, s := range fit.Shortfalls {
		have := bottom
		if s.Score != nil {
			have = *s.Score
		}
		gap = max(gap, s.Required-have)
	}
	for _, s := range fit.CriterionShortfalls {
		have := bottom
		if s.Level != nil {
			have = float64(*s.Level)
		}
		gap = max(gap, float64(s.Required)-have)
	}
	return gap
}

// describeShortfalls names each shortfall of a fit with its numbers,
// dimensions first, then criteria.
func describeShortfalls(m *model.Model, fit PatternFit) string {
	var parts []string
	for _, s := range fit.Shortfalls {
		name := s.Dimension
		if d := findDimension(m, s.Dimension); d != nil {
			name = dimensionName(*d)
		}
		if s.Score == nil {
			parts = append(parts, fmt.Sprintf("%s not assessed, %s required", name, num(s.Required)))
		} else {
			parts = append(parts, fmt.Sprintf("%s %s against %s required", name, num(*s.Score), num(s.Required)))
		}
	}
	for _, s := range fit.CriterionShortfalls {
		name := s.Criterion
		if i, j, ok := m.CriterionRef(s.Dimension + "." + s.Criterion); ok {
			name = criterionName(m.Dimensions[i].Criteria[j])
		}
		if s.Level == nil {
			parts = append(parts, fmt.Sprintf("%s not assessed, level %d needed", name, s.Required))
		} else {
			parts = append(parts, fmt.Sprintf("%s at level %d, %d needed", name, *s.Level, s.Required))
		}
	}
	return strings.Join(parts, "; ")
}
