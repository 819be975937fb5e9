package score

import (
	"slices"
	"testing"

	"scorebook/generator/internal/assessment"
)

func TestGroupFindings(t *testing.T) {
	m := testModel()
	a := healthyAssessment()
	// Operations scores 2 against a target of 3 and the 3 hub and spoke
	// demands: one dimension, one row, both figures.
	a.Scores["operations"] = map[string]assessment.Rating{"monitoring": lv(2), "on-call": lv(2)}
	a.Targets = map[string]float64{"operations": 3, "architecture": 3.5}
	a.Journeys = []assessment.Journey{{Name: "Return in store", Runs: 40, Failures: 4}}
	a.Operations.OnCall = ptr(false)
	a.Actions = []assessment.Action{{Title: "Rota", Status: "planned", Due: ptr(date("2026-09-01"))}}
	c := Compute(m, a, nil, buildDate)

	var causes []string
	seen := make([]int, len(c.Findings))
	for _, g := range c.FindingGroups {
		causes = append(causes, g.Cause)
		for _, i := range g.Findings {
			seen[i]++
			if cause, _ := causeOf(c.Findings[i].Check); cause != g.Cause {
				t.Errorf("finding %q in group %s", c.Findings[i].Message, g.Cause)
			}
			if SeverityRank(c.Findings[i].Severity) < SeverityRank(g.Severity) {
				t.Errorf("group %s is %s but holds a %s finding", g.Cause, g.Severity, c.Findings[i].Severity)
			}
		}
	}
	for i, n := range seen {
		if n != 1 {
			t.Errorf("finding %q is in %d groups, want 1", c.Findings[i].Message, n)
		}
	}
	// All high but the plan (medium): customers, then ownership, then
	// capability, by customer impact; the plan after them.
	if want := []string{CauseCustomers, CauseOwnership, CauseCapability, CausePlan}; !slices.Equal(causes, want) {
		t.Fatalf("groups %v, want %v", causes, want)
	}
	gaps := c.FindingGroups[2].Dimensions
	if len(gaps) != 2 || gaps[0].Dimension != "architecture" || gaps[1].Dimension != "operations" {
		t.Fatalf("dimension gaps %+v, want architecture then operations", gaps)
	}
	if g := gaps[0]; g.Target == nil || *g.Target != 3.5 || g.Demand != nil {
		t.Errorf("architecture gap %+v: below its target only", g)
	}
	if g := gaps[1]; g.Target == nil || *g.Target != 3 || g.Demand == nil || *g.Demand != 3 || g.Pattern != "hub-and-spoke" {
		t.Errorf("operations gap %+v: below its target and hub and spoke's demand", g)
	}
}

func TestGroupFindings_NoneWithoutFindings(t *testing.T) {
	c := Compute(testModel(), healthyAssessment(), nil, buildDate)
	if len(c.Findings) != 0 || c.FindingGroups == nil || len(c.FindingGroups) != 0 {
		t.Errorf("findings %v, groups %#v; want none and an empty list", c.Findings, c.FindingGroups)
	}
}
