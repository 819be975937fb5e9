package score

import (
	"cmp"
	"slices"

	"scorebook/generator/internal/model"
)

// nextLevel finds the path to the band above the scorecard's overall
// score, as the design's "Next level" defines it: criteria are taken in
// order of the gain one level of each adds to the overall score (ties in
// model order: dimension, then criterion), each raised up to k levels
// until the band's minimum is reached, for the smallest cap k = 1, 2, …
// that reaches it. Each raise of a criterion adds the same gain, so the
// greedy path is also the shortest under the cap. It is nil at the top
// band, without an overall score, or when even every criterion at the top
// of the scale stays below the band.
func nextLevel(m *model.Model, c *Scorecard) *NextLevel {
	if c.Overall.Score == nil {
		return nil
	}
	next := bandAbove(m, *c.Overall.Score)
	if next == nil {
		return nil
	}
	cands := raiseCandidates(m, c)
	for k := 1; k <= m.Scale.Max-m.Scale.Min; k++ {
		if nl := raiseUpTo(m, c, cands, k, next); nl != nil {
			return nl
		}
	}
	return nil
}

// bandAbove returns the band with the smallest minimum above score (as
// Level compares them), or nil at the top band.
func bandAbove(m *model.Model, score float64) *model.Band {
	var next *model.Band
	for i := range m.Levels {
		b := &m.Levels[i]
		if b.Min > score+tolerance && (next == nil || b.Min < next.Min) {
			next = b
		}
	}
	return next
}

// candidate is a criterion that can be raised: assessed, not exempt and
// below the top of the scale, with what one level of it adds.
type candidate struct {
	dim, crit int
	from      int
	gain      float64
}

// raiseCandidates lists the criteria that can be raised, greatest gain
// first, ties in model order. One level of criterion c of dimension d
// adds W_d·w_c / Σw_d / ΣW to the overall score, ΣW being over the scored
// dimensions; the last factor is common to all, so the order only needs
// W_d·w_c / Σw_d.
func raiseCandidates(m *model.Model, c *Scorecard) []candidate {
	var out []candidate
	for i, d := range m.Dimensions {
		var scoredWeight float64
		for j, cr := range d.Criteria {
			if c.Dimensions[i].Criteria[j].Level != nil {
				scoredWeight += cr.Weight
			}
		}
		for j, cr := range d.Criteria {
			l := c.Dimensions[i].Criteria[j].Level
			if l == nil || *l >= m.Scale.Max {
				continue
			}
			gain := float64(d.Weight*cr.Weight) / scoredWeight
			if gain <= 0 {
				continue // a raise that moves nothing is never on the path
			}
			out = append(out, candidate{dim: i, crit: j, from: *l, gain: gain})
		}
	}
	// A stable sort on gain alone keeps model order among ties.
	slices.SortStableFunc(out, func(a, b candidate) int { return cmp.Compare(b.gain, a.gain) })
	return out
}

// raiseUpTo raises the candidates in order, each by up to k levels, one
// level at a time, until the overall score reaches the band; nil when it
// does not. Each score is recomputed as Compute computes it, so the score
// after is exactly what the raised assessment would score.
func raiseUpTo(m *model.Model, c *Scorecard, cands []candidate, k int, band *model.Band) *NextLevel {
	dims := slices.Clone(c.Dimensions)
	raised := make([]bool, len(dims))
	nl := &NextLevel{Level: band.Name, Min: band.Min, Cap: k, Steps: []Step{}}
	for _, cd := range cands {
		if !raised[cd.dim] {
			// Copy on first write: the scorecard's own criteria stay as
			// they are.
			dims[cd.dim].Criteria = slices.Clone(dims[cd.dim].Criteria)
			raised[cd.dim] = true
		}
		d := &dims[cd.dim]
		to := cd.from
		for to < cd.from+k && to < m.Scale.Max {
			to++
			level := to
			d.Criteria[cd.crit].Level = &level
			d.Score = meanLevel(m.Dimensions[cd.dim], d.Criteria)
			nl.Raises++
			s := overall(m, dims).Score
			if *s+tolerance >= band.Min {
				nl.Steps = append(nl.Steps, step(m, cd, to))
				nl.ScoreAfter = *s
				return nl
			}
		}
		nl.Steps = append(nl.Steps, step(m, cd, to))
	}
	return nil
}

func step(m *model.Model, cd candidate, to int) Step {
	d := m.Dimensions[cd.dim]
	return Step{Dimension: d.ID, Criterion: d.Criteria[cd.crit].ID, From: cd.from, To: to, CoveredBy: []int{}}
}
