package score

import (
	"cmp"
	"slices"

	"scorebook/generator/internal/assessment"
	"scorebook/generator/internal/model"
)

// Causes of findings, in order of their impact on customers: what
// customers meet first, then what lets it happen.
const (
	CauseCustomers  = "customers"  // journeys that fail, data that arrives too late
	CauseOwnership  = "ownership"  // nobody runs the estate once it is built
	CauseCapability = "capability" // dimensions short of their targets and of the pattern
	CausePlan       = "plan"       // the brand's own plan is slipping
	CauseEvidence   = "evidence"   // the scores rest on too little
	CauseOther      = "other"
)

// causes lists the causes in order of customer impact, with the checks
// whose findings each one gathers.
var causes = []struct {
	id     string
	checks []string
}{
	{CauseCustomers, []string{"coherence", "cadence-mismatch"}},
	{CauseOwnership, []string{"operational-ownership"}},
	{CauseCapability, []string{"target-gap", "pattern-readiness", "team-size", "governance-forum"}},
	{CausePlan, []string{"overdue-action"}},
	{CauseEvidence, []string{"unsupported-score", "coverage", "stale-assessment"}},
}

// FindingGroup is the findings that share a cause, for the reader to act
// on together.
type FindingGroup struct {
	Cause    string `json:"cause"`
	Severity string `json:"severity"` // the worst of its findings
	Findings []int  `json:"findings"` // indexes into Scorecard.Findings, in their order
	// Dimensions lists, for the capability group, each dimension short of
	// its target or of the pattern's demand once, with both figures.
	Dimensions []DimensionGap `json:"dimensions,omitempty"`
}

// DimensionGap is one dimension short of its target, of what the brand's
// pattern demands, or of both. Target and Demand are nil where there is
// none, Score where the dimension is not assessed.
type DimensionGap struct {
	Dimension string   `json:"dimension"`
	Score     *float64 `json:"score"`
	Target    *float64 `json:"target"`
	Demand    *float64 `json:"demand"`
	Pattern   string   `json:"pattern,omitempty"` // whose demand: the current pattern, else the planned one
}

// causeOf returns the cause a check's findings are gathered under and its
// rank in customer impact.
func causeOf(check string) (string, int) {
	for i, c := range causes {
		if slices.Contains(c.checks, check) {
			return c.id, i
		}
	}
	return CauseOther, len(causes)
}

// groupFindings gathers a scorecard's findings by cause, worst severity
// first and, among equals, the cause customers feel most first.
func groupFindings(m *model.Model, a *assessment.Assessment, c *Scorecard) []FindingGroup {
	groups := []FindingGroup{}
	rank := map[string]int{}
	for i, f := range c.Findings {
		cause, r := causeOf(f.Check)
		j := slices.IndexFunc(groups, func(g FindingGroup) bool { return g.Cause == cause })
		if j < 0 {
			groups = append(groups, FindingGroup{Cause: cause, Severity: f.Severity})
			j, rank[cause] = len(groups)-1, r
		}
		g := &groups[j]
		g.Findings = append(g.Findings, i)
		if SeverityRank(f.Severity) < SeverityRank(g.Severity) {
			g.Severity = f.Severity
		}
	}
	for i := range groups {
		if groups[i].Cause == CauseCapability {
			groups[i].Dimensions = dimensionGaps(m, a, c)
		}
	}
	slices.SortStableFunc(groups, func(x, y FindingGroup) int {
		return cmp.Or(cmp.Compare(SeverityRank(x.Severity), SeverityRank(y.Severity)), cmp.Compare(rank[x.Cause], rank[y.Cause]))
	})
	return groups
}

// dimensionGaps lists, in model order, each dimension below its target or
// below what the brand's current pattern (else its planned one) demands.
func dimensionGaps(m *model.Model, a *assessment.Assessment, c *Scorecard) []DimensionGap {
	pattern := a.Pattern
	if findPattern(m, pattern) < 0 {
		pattern = a.PlannedPattern
	}
	demand := map[string]float64{}
	if i := findPattern(m, pattern); i >= 0 {
		for _, s := range c.PatternFit[i].Shortfalls {
			demand[s.Dimension] = s.Required
		}
	} else {
		pattern = ""
	}
	var out []DimensionGap
	for _, d := range c.Dimensions {
		g := DimensionGap{Dimension: d.ID, Score: d.Score}
		if t := d.Target; t != nil && (d.Score == nil || *d.Score < *t-tolerance) {
			g.Target = t
		}
		if r, ok := demand[d.ID]; ok {
			g.Demand, g.Pattern = &r, pattern
		}
		if g.Target != nil || g.Demand != nil {
			out = append(out, g)
		}
	}
	return out
}
