package score

import "scorebook/generator/internal/model"

// patternFits measures every model pattern, in model order, against the
// dimension scores (in model dimension order).
func patternFits(m *model.Model, dims []DimensionScore) []PatternFit {
	fits := make([]PatternFit, len(m.Patterns))
	for i, p := range m.Patterns {
		fits[i] = patternFit(m, p, dims)
	}
	return fits
}

// patternFit is Σ W_d · min(1, S_d / required_d) / Σ W_d over the
// dimensions the pattern demands, a missing score counting 0, with every
// demand not met named as a shortfall. A pattern that demands nothing fits
// fully. Demands are walked in model dimension order, never map order, so
// the sum and the shortfalls come out the same on every build.
func patternFit(m *model.Model, p model.Pattern, dims []DimensionScore) PatternFit {
	pf := PatternFit{Pattern: p.ID, Fit: 1, Shortfalls: []Shortfall{}}
	var weighted, weight, unweighted float64
	n := 0
	for i, d := range m.Dimensions {
		required, ok := p.Demands[d.ID]
		if !ok {
			continue
		}
		n++
		s := dims[i].Score
		met := 1.0
		switch {
		case required <= 0:
			// A demand of nothing is always met.
		case s == nil:
			met = 0
		case *s < required-tolerance:
			met = max(0, *s/required)
		}
		if met < 1 {
			pf.Shortfalls = append(pf.Shortfalls, Shortfall{Dimension: d.ID, Required: required, Score: s})
		}
		weighted += float64(d.Weight * met)
		weight += d.Weight
		unweighted += met
	}
	switch {
	case n == 0:
	case weight > 0:
		pf.Fit = weighted / weight
	default:
		// Demanded dimensions that all weigh nothing: count each alike
		// rather than divide by zero.
		pf.Fit = unweighted / float64(n)
	}
	return pf
}
