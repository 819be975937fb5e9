package score

import "scorebook/generator/internal/model"

// patternFits measures every model pattern, in model order, against the
// dimension scores (in model dimension order) and the brand's dedicated
// integration engineers (nil when not recorded).
func patternFits(m *model.Model, dims []DimensionScore, engineers *int) []PatternFit {
	fits := make([]PatternFit, len(m.Patterns))
	for i, p := range m.Patterns {
		fits[i] = patternFit(m, p, dims, engineers)
	}
	return fits
}

// patternFit measures a brand against one pattern in up to three parts,
// each from 0 to 1, and is their mean:
//   - dimensions: Σ W_d · min(1, S_d / required_d) / Σ W_d over the
//     dimensions the pattern demands, a missing score counting 0;
//   - criteria: the mean of min(1, L_c / required_c) over the criteria the
//     pattern leans on, an unassessed criterion counting 0 and an exempt
//     one left out;
//   - engineers: min(1, engineers / MinEngineers), 0 when not recorded.
//
// A part the pattern does not ask for is left out; a pattern that asks
// nothing fits fully. Every demand not met is named as a shortfall.
// Demands and criteria are walked in model order, never map order, so the
// sums and the shortfalls come out the same on every build.
func patternFit(m *model.Model, p model.Pattern, dims []DimensionScore, engineers *int) PatternFit {
	pf := dimensionFit(m, p, dims)
	parts := []float64{pf.Fit}
	if crit, ok := criterionFit(m, p, dims, &pf); ok {
		parts = append(parts, crit)
	}
	if p.MinEngineers > 0 {
		met := 0.0
		if engineers != nil {
			met = min(1, float64(*engineers)/float64(p.MinEngineers))
		}
		if met < 1 {
			pf.Engineers = &EngineerShortfall{Required: p.MinEngineers, Have: engineers}
		}
		parts = append(parts, met)
	}
	var sum float64
	for _, x := range parts {
		sum += x
	}
	pf.Fit = sum / float64(len(parts))
	return pf
}

// criterionFit is the criterion part of patternFit, appending a
// CriterionShortfall for every leaned-on criterion below its level; ok is
// false when the pattern leans on no criterion that applies.
func criterionFit(m *model.Model, p model.Pattern, dims []DimensionScore, pf *PatternFit) (fit float64, ok bool) {
	var sum float64
	n := 0
	for i, d := range m.Dimensions {
		for j, c := range d.Criteria {
			required, leans := p.LeansOn[d.ID+"."+c.ID]
			if !leans {
				continue
			}
			cs := dims[i].Criteria[j]
			if cs.Exempt {
				continue
			}
			n++
			met := 1.0
			switch {
			case required <= 0:
			case cs.Level == nil:
				met = 0
			case *cs.Level < required:
				met = max(0, float64(*cs.Level)/float64(required))
			}
			if met < 1 {
				pf.CriterionShortfalls = append(pf.CriterionShortfalls, CriterionShortfall{
					Dimension: d.ID, Criterion: c.ID, Required: required, Level: cs.Level})
			}
			sum += met
		}
	}
	if n == 0 {
		return 0, false
	}
	return sum / float64(n), true
}

// dimensionFit is the dimension part of patternFit.
func dimensionFit(m *model.Model, p model.Pattern, dims []DimensionScore) PatternFit {
	pf := PatternFit{Pattern: p.ID, Fit: 1, Shortfalls: []Shortfall{}, CriterionShortfalls: []CriterionShortfall{}}
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
