package score

import (
	"scorebook/generator/internal/assessment"
	"scorebook/generator/internal/model"
)

// Explanation is the arithmetic behind one assessment's scores, term by
// term, for the "How scores are computed" page and the worked sums on each
// scorecard. Its sums are taken in the same order as Compute takes them,
// so every figure equals the scorecard's to the last bit.
type Explanation struct {
	Dimensions []DimensionExplanation
	Overall    OverallExplanation
}

// DimensionExplanation shows how one dimension's score and coverage come
// from its criteria: Score = WeightedLevels / ScoredWeight and
// Coverage = CoveredWeight / TotalWeight.
type DimensionExplanation struct {
	ID     string
	Name   string
	Weight float64 // the dimension's weight W in the overall score
	Terms  []CriterionTerm
	// WeightedLevels is Σ w·L over the criteria assessed and not exempt.
	WeightedLevels float64
	// ScoredWeight is Σ w over the criteria assessed and not exempt.
	ScoredWeight float64
	Score        *float64 // nil when no criterion is scored
	// CoveredWeight is Σ w over the criteria assessed or exempt.
	CoveredWeight float64
	// TotalWeight is Σ w over every criterion of the dimension.
	TotalWeight float64
	Coverage    float64
}

// CriterionTerm is one criterion's part in its dimension's score. Product
// is w·L, nil when the criterion is not assessed or is exempt (and so
// leaves the score's denominator).
type CriterionTerm struct {
	Criterion string
	Name      string
	Weight    float64
	Assessed  bool // rated, whether with a level or as exempt
	Exempt    bool
	Level     *int
	Product   *float64
}

// OverallExplanation shows how the overall score and coverage come from
// the dimensions: Score = WeightedScores / ScoredWeight over the dimensions
// with a score, and Coverage = WeightedCoverage / TotalWeight over all.
type OverallExplanation struct {
	Terms            []DimensionTerm
	WeightedScores   float64 // Σ W·S over dimensions with a score
	ScoredWeight     float64 // Σ W over dimensions with a score
	Score            *float64
	Level            *string // the maturity band of Score
	WeightedCoverage float64 // Σ W·coverage over every dimension
	TotalWeight      float64 // Σ W over every dimension
	Coverage         float64
}

// DimensionTerm is one dimension's part in the overall score. Product is
// W·S, nil when the dimension has no score.
type DimensionTerm struct {
	Dimension        string
	Name             string
	Weight           float64
	Score            *float64
	Product          *float64
	Coverage         float64
	WeightedCoverage float64 // W·coverage
}

// Explain lays out, term by term, how the scores of an assessment are
// computed under the model.
func Explain(m *model.Model, a *assessment.Assessment) Explanation {
	e := Explanation{Dimensions: make([]DimensionExplanation, len(m.Dimensions))}
	o := &e.Overall
	o.Terms = make([]DimensionTerm, len(m.Dimensions))
	for i, d := range m.Dimensions {
		de := explainDimension(d, a.Scores[d.ID])
		e.Dimensions[i] = de
		t := DimensionTerm{
			Dimension:        d.ID,
			Name:             d.Name,
			Weight:           d.Weight,
			Score:            de.Score,
			Coverage:         de.Coverage,
			WeightedCoverage: float64(d.Weight * de.Coverage),
		}
		o.TotalWeight += d.Weight
		o.WeightedCoverage += t.WeightedCoverage
		if de.Score != nil {
			p := float64(d.Weight * *de.Score)
			t.Product = &p
			o.WeightedScores += p
			o.ScoredWeight += d.Weight
		}
		o.Terms[i] = t
	}
	o.Coverage = ratio(o.WeightedCoverage, o.TotalWeight)
	if o.ScoredWeight > 0 {
		s := o.WeightedScores / o.ScoredWeight
		o.Score = &s
		o.Level = Level(m, s)
	}
	return e
}

// explainDimension lays out one dimension's sums.
func explainDimension(d model.Dimension, ratings map[string]assessment.Rating) DimensionExplanation {
	de := DimensionExplanation{ID: d.ID, Name: d.Name, Weight: d.Weight, Terms: make([]CriterionTerm, len(d.Criteria))}
	for j, cr := range d.Criteria {
		t := CriterionTerm{Criterion: cr.ID, Name: cr.Name, Weight: cr.Weight}
		de.TotalWeight += cr.Weight
		if r, ok := ratings[cr.ID]; ok {
			t.Assessed = true
			t.Exempt = r.Exempt
			de.CoveredWeight += cr.Weight
			if !r.Exempt {
				level := r.Level
				p := float64(cr.Weight * float64(level))
				t.Level, t.Product = &level, &p
				de.WeightedLevels += p
				de.ScoredWeight += cr.Weight
			}
		}
		de.Terms[j] = t
	}
	if de.ScoredWeight > 0 {
		s := de.WeightedLevels / de.ScoredWeight
		de.Score = &s
	}
	de.Coverage = ratio(de.CoveredWeight, de.TotalWeight)
	return de
}
