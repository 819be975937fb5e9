package score

// historyPoint takes the overall and every dimension score of a scorecard,
// and its journey failure rate, nil where there is none.
func historyPoint(c *Scorecard) HistoryPoint {
	dims := make(map[string]*float64, len(c.Dimensions))
	for _, d := range c.Dimensions {
		dims[d.ID] = d.Score
	}
	p := HistoryPoint{Assessed: c.Assessed, Overall: c.Overall.Score, Dimensions: dims}
	if c.Coherence != nil {
		rate := c.Coherence.FailureRate
		p.Coherence = &rate
	}
	return p
}

// changes compares a scorecard with the previous one of the same brand.
// Both were computed with the same model, so their dimensions and criteria
// line up index by index.
func changes(prev, cur *Scorecard) *Changes {
	ch := &Changes{
		Previous:        prev.Assessed,
		Criteria:        []CriterionDelta{},
		NewFindings:     []Finding{},
		ClearedFindings: []Finding{},
	}
	if prev.Overall.Score != nil && cur.Overall.Score != nil {
		d := *cur.Overall.Score - *prev.Overall.Score
		ch.Overall = &d
	}
	for i, cd := range cur.Dimensions {
		pd := prev.Dimensions[i]
		for j, c := range cd.Criteria {
			p := pd.Criteria[j]
			if sameLevel(p.Level, c.Level) && p.Exempt == c.Exempt {
				continue
			}
			ch.Criteria = append(ch.Criteria, CriterionDelta{
				Dimension:  cd.ID,
				Criterion:  c.ID,
				From:       p.Level,
				To:         c.Level,
				FromExempt: p.Exempt,
				ToExempt:   c.Exempt,
			})
		}
	}
	ch.NewFindings = unmatched(cur.Findings, prev.Findings)
	ch.ClearedFindings = unmatched(prev.Findings, cur.Findings)
	return ch
}

// unmatched returns the findings of a whose Key is not in b, keeping a's
// order. Keys are counted, so a condition found twice in a and once in b
// leaves its second occurrence unmatched. Checks marked skipInChanges are
// ignored.
func unmatched(a, b []Finding) []Finding {
	counts := make(map[string]int, len(b))
	for _, f := range b {
		counts[f.Key]++
	}
	out := []Finding{}
	for _, f := range a {
		if c := lookupCheck(f.Check); c != nil && c.skipInChanges {
			continue
		}
		if counts[f.Key] > 0 {
			counts[f.Key]--
			continue
		}
		out = append(out, f)
	}
	return out
}

func sameLevel(a, b *int) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
