package score

import (
	"testing"
	"time"

	"scorebook/generator/internal/assessment"
	"scorebook/generator/internal/model"
)

// testModel is a small rubric: three dimensions of unequal weight, three
// patterns, two domains, four cadences, three team bands and every check.
func testModel() *model.Model {
	return &model.Model{
		Version: "test-1",
		Scale:   model.Scale{Min: 0, Max: 4},
		Levels: []model.Band{
			{Name: "Ad hoc", Min: 0},
			{Name: "Emerging", Min: 1},
			{Name: "Defined", Min: 2},
			{Name: "Managed", Min: 3},
			{Name: "Optimized", Min: 3.5},
		},
		Dimensions: []model.Dimension{
			{ID: "architecture", Name: "Architecture", Weight: 1, Criteria: []model.Criterion{
				{ID: "api-gateway", Name: "API gateway", Weight: 1},
				{ID: "event-backbone", Name: "Event backbone", Weight: 1},
				{ID: "master-data", Name: "Master data", Weight: 2},
			}},
			{ID: "operations", Name: "Operations", Weight: 2, Criteria: []model.Criterion{
				{ID: "monitoring", Name: "Monitoring", Weight: 1},
				{ID: "on-call", Name: "On-call", Weight: 1},
			}},
			{ID: "engineering", Name: "Engineering", Weight: 1, Criteria: []model.Criterion{
				{ID: "testing", Name: "Testing", Weight: 1},
			}},
		},
		Patterns: []model.Pattern{
			{ID: "hub-and-spoke", Name: "Hub and spoke", Demands: map[string]float64{"operations": 3, "engineering": 2}, MinEngineers: 2},
			{ID: "event-driven", Name: "Event-driven", Demands: map[string]float64{"architecture": 3, "operations": 2.5, "engineering": 3}, MinEngineers: 3},
			{ID: "point-to-point", Name: "Point to point"},
		},
		Domains: []model.Domain{
			{ID: "inventory", Name: "Inventory availability", Cadence: model.RealTime},
			{ID: "analytics", Name: "Analytics", Cadence: model.Batch},
		},
		Cadences: []model.Cadence{
			{ID: "real-time", Class: model.RealTime},
			{ID: "near-real-time", Class: model.RealTime},
			{ID: "hourly", Class: model.Batch},
			{ID: "nightly", Class: model.Batch},
		},
		TeamBands: []model.TeamBand{
			{Name: "Under $100M", MinRevenue: 0, MaxRevenue: 100, MinEngineers: 1, MaxEngineers: 3},
			{Name: "$100M–$500M", MinRevenue: 100, MaxRevenue: 500, MinEngineers: 3, MaxEngineers: 6},
			{Name: "$500M and above", MinRevenue: 500, MinEngineers: 6},
		},
		Checks: []model.Check{
			{ID: "operational-ownership", Params: map[string]float64{"runbook_max_age_days": 180}},
			{ID: "cadence-mismatch"},
			{ID: "team-size"},
			{ID: "coherence", Params: map[string]float64{"max_failure_rate": 0.05, "critical_failure_rate": 0.15}},
			{ID: "pattern-readiness"},
			{ID: "unsupported-score", Params: map[string]float64{"min_level": 3}},
			{ID: "governance-forum"},
			{ID: "stale-assessment", Params: map[string]float64{"max_age_days": 365}},
			{ID: "target-gap", Params: map[string]float64{"high_gap": 1}},
			{ID: "overdue-action"},
			{ID: "coverage", Params: map[string]float64{"min_coverage": 0.8}},
		},
	}
}

// buildDate is the build date the check tests run at.
var buildDate = date("2026-10-01")

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func ptr[T any](v T) *T { return &v }

func lv(level int) assessment.Rating {
	return assessment.Rating{Level: level, Evidence: "seen in review"}
}

func exempt() assessment.Rating { return assessment.Rating{Exempt: true, Reason: "not applicable"} }

// healthyAssessment raises no finding from any check of testModel at
// buildDate: every criterion at 3 with evidence, an owner, fresh runbooks,
// on-call, a team inside its band, coherent journeys, met demands.
func healthyAssessment() *assessment.Assessment {
	return &assessment.Assessment{
		Slug:                 "northwind",
		Brand:                "Northwind Outfitters",
		Assessed:             date("2026-09-30"),
		Pattern:              "hub-and-spoke",
		PlannedPattern:       "event-driven",
		RevenueMUSD:          ptr(240.0),
		IntegrationEngineers: ptr(4),
		Scores: map[string]map[string]assessment.Rating{
			"architecture": {"api-gateway": lv(3), "event-backbone": lv(3), "master-data": lv(3)},
			"operations":   {"monitoring": lv(3), "on-call": lv(3)},
			"engineering":  {"testing": lv(3)},
		},
		Targets: map[string]float64{"architecture": 3},
		UseCases: []assessment.UseCase{
			{Name: "Store stock on product pages", Domain: "inventory", Cadence: "real-time"},
			{Name: "Weekly sales report", Domain: "analytics", Cadence: "nightly"},
		},
		Journeys: []assessment.Journey{
			{Name: "Buy online, pick up in store", Runs: 30, Failures: 1},
			{Name: "Return by phone", Runs: 20, Failures: 0},
		},
		Operations: &assessment.Operations{
			Owner:            "Integration platform team",
			RunbooksReviewed: ptr(date("2026-06-01")),
			OnCall:           ptr(true),
		},
	}
}

// dimScore returns the score of a dimension of a scorecard by id.
func dimScore(t *testing.T, c *Scorecard, id string) DimensionScore {
	t.Helper()
	for _, d := range c.Dimensions {
		if d.ID == id {
			return d
		}
	}
	t.Fatalf("no dimension %q in scorecard", id)
	return DimensionScore{}
}

// sameFloat reports whether two optional numbers are both nil or both set
// and within 1e-12 of each other.
func sameFloat(a, b *float64) bool {
	if a == nil || b == nil {
		return a == b
	}
	d := *a - *b
	return d < 1e-12 && d > -1e-12
}

func show(p *float64) any {
	if p == nil {
		return "nil"
	}
	return *p
}
