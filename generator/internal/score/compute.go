package score

import (
	"time"

	"scorebook/generator/internal/assessment"
	"scorebook/generator/internal/model"
)

// tolerance absorbs floating-point rounding when a computed score is
// compared with a threshold a person wrote in decimal: criteria all at
// level 3 must land in a band that starts at 3.0 even when their weights
// make the weighted mean 2.9999999999999996. Stored scores keep full
// precision; only comparisons use it.
//
// Every product that is summed is converted with float64(...), which the
// Go spec says prevents fusing it into a multiply-add: without it, arm64
// may round differently from amd64 and builds would differ by machine.
const tolerance = 1e-9

// Compute scores one assessment of a brand against the model. prev holds
// the brand's assessments before a, oldest first, and may be empty: they
// give the scorecard's history and the changes since the previous one. now
// is the build date: a is judged as of it, and every earlier assessment as
// of its own date (see AsOf). Compute only reads its arguments, so brands
// can be scored in parallel.
func Compute(m *model.Model, a *assessment.Assessment, prev []*assessment.Assessment, now time.Time) *Scorecard {
	cards := make([]*Scorecard, 0, len(prev)+1)
	for i, p := range prev {
		// Only the previous assessment's findings are compared; older
		// ones contribute scores to the history alone.
		cards = append(cards, card(m, p, p.Assessed, i == len(prev)-1))
	}
	cur := card(m, a, now, true)
	cards = append(cards, cur)
	points := make([]HistoryPoint, len(cards))
	for i, c := range cards {
		points[i] = historyPoint(c)
	}
	cur.History = points
	if len(prev) > 0 {
		cur.Changes = changes(cards[len(cards)-2], cur)
	}
	return cur
}

// Brand computes the scorecard of every assessment of a brand, oldest
// first, each with its history up to and including itself and the changes
// since the one before. The current (newest) assessment is judged as of
// now, the build date; every earlier one as of its own date (AsOf), so
// that its scorecard never changes with the build date. Each assessment is
// scored once; the scorecards share their history points, which callers
// must treat as read-only.
func Brand(m *model.Model, b *assessment.Brand, now time.Time) []*Scorecard {
	cards := make([]*Scorecard, len(b.Assessments))
	points := make([]HistoryPoint, len(b.Assessments))
	last := len(b.Assessments) - 1
	for i, a := range b.Assessments {
		cards[i] = card(m, a, AsOf(a, i == last, now), true)
		points[i] = historyPoint(cards[i])
	}
	for i, c := range cards {
		// The capacity limit keeps an append to one scorecard's history
		// from overwriting the next scorecard's.
		c.History = points[: i+1 : i+1]
		if i > 0 {
			c.Changes = changes(cards[i-1], c)
		}
	}
	return cards
}

// AsOf returns the date an assessment is judged as of: the build date for
// the brand's current assessment, its own date for every earlier one.
func AsOf(a *assessment.Assessment, current bool, now time.Time) time.Time {
	if current {
		return now
	}
	return a.Assessed
}

// card computes everything of one assessment, judged as of asOf, except
// its history and changes. Findings are left empty unless withFindings is
// set.
func card(m *model.Model, a *assessment.Assessment, asOf time.Time, withFindings bool) *Scorecard {
	c := &Scorecard{
		Brand:         a.Brand,
		Slug:          a.Slug,
		Assessed:      assessment.Date(a.Assessed),
		AsOf:          assessment.Date(asOf),
		ModelVersion:  m.Version,
		Dimensions:    make([]DimensionScore, len(m.Dimensions)),
		Findings:      []Finding{},
		FindingGroups: []FindingGroup{},
	}
	n := 0
	for _, d := range m.Dimensions {
		n += len(d.Criteria)
	}
	// One backing array for every criterion level saves an allocation per
	// criterion.
	levels := make([]int, n)
	for i, d := range m.Dimensions {
		c.Dimensions[i] = scoreDimension(d, a.Scores[d.ID], levels[:len(d.Criteria):len(d.Criteria)])
		levels = levels[len(d.Criteria):]
		if t, ok := a.Targets[d.ID]; ok {
			c.Dimensions[i].Target = &t
		}
	}
	c.Overall = overall(m, c.Dimensions)
	c.Coherence = coherence(a.Journeys)
	c.PatternFit = patternFits(m, c.Dimensions, a.IntegrationEngineers)
	c.NextLevel = nextLevel(m, c)
	c.Summary = a.Summary
	c.Actions = actions(a, asOf)
	if c.NextLevel != nil {
		cover(c.NextLevel.Steps, a.Actions)
	}
	if withFindings {
		c.Findings = runChecks(m, a, c, asOf)
		c.FindingGroups = groupFindings(m, a, c)
	}
	return c
}

// scoreDimension scores one dimension from its ratings (criterion id →
// rating), writing levels into the given slice, one slot per criterion.
func scoreDimension(d model.Dimension, ratings map[string]assessment.Rating, levels []int) DimensionScore {
	ds := DimensionScore{ID: d.ID, Criteria: make([]CriterionScore, len(d.Criteria))}
	var coveredWeight, totalWeight float64
	for j, cr := range d.Criteria {
		totalWeight += cr.Weight
		cs := CriterionScore{ID: cr.ID}
		if r, ok := ratings[cr.ID]; ok {
			coveredWeight += cr.Weight
			cs.Exempt = r.Exempt
			cs.Reason = r.Reason
			cs.Evidence = r.Evidence
			cs.Confidence = r.Confidence
			if !r.Exempt {
				levels[j] = r.Level
				cs.Level = &levels[j]
			}
		}
		ds.Criteria[j] = cs
	}
	ds.Score = meanLevel(d, ds.Criteria)
	ds.Coverage = ratio(coveredWeight, totalWeight)
	return ds
}

// meanLevel is a dimension's score: Σ w·L / Σ w over its criteria with a
// level (crits in model order); nil when none has one.
func meanLevel(d model.Dimension, crits []CriterionScore) *float64 {
	var weightedLevels, scoredWeight float64
	for j, cr := range d.Criteria {
		if l := crits[j].Level; l != nil {
			weightedLevels += float64(cr.Weight * float64(*l))
			scoredWeight += cr.Weight
		}
	}
	if scoredWeight <= 0 {
		return nil
	}
	s := weightedLevels / scoredWeight
	return &s
}

// overall aggregates the dimension scores, which are in model order.
func overall(m *model.Model, dims []DimensionScore) Overall {
	var weightedScores, scoredWeight, weightedCoverage, totalWeight float64
	for i, d := range m.Dimensions {
		totalWeight += d.Weight
		weightedCoverage += float64(d.Weight * dims[i].Coverage)
		if s := dims[i].Score; s != nil {
			weightedScores += float64(d.Weight * *s)
			scoredWeight += d.Weight
		}
	}
	o := Overall{Coverage: ratio(weightedCoverage, totalWeight)}
	if scoredWeight > 0 {
		s := weightedScores / scoredWeight
		o.Score = &s
		o.Level = Level(m, s)
	}
	return o
}

// Level returns the name of the maturity band a score falls in: the band
// with the greatest minimum at or below the score, the first listed on a
// tie; nil when the score is below every band.
func Level(m *model.Model, score float64) *string {
	best := -1
	for i, b := range m.Levels {
		if b.Min <= score+tolerance && (best < 0 || b.Min > m.Levels[best].Min) {
			best = i
		}
	}
	if best < 0 {
		return nil
	}
	name := m.Levels[best].Name
	return &name
}

// coherence sums the journeys' runs and failures; nil when nothing was run.
func coherence(journeys []assessment.Journey) *Coherence {
	var c Coherence
	for _, j := range journeys {
		c.Runs += j.Runs
		c.Failures += j.Failures
	}
	if c.Runs <= 0 {
		return nil
	}
	c.FailureRate = float64(c.Failures) / float64(c.Runs)
	return &c
}

// ratio is part/whole, or 0 when the whole weighs nothing: a dimension
// whose criteria all weigh 0 can never be covered.
func ratio(part, whole float64) float64 {
	if whole <= 0 {
		return 0
	}
	return part / whole
}
