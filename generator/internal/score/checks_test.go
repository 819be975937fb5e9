package score

import (
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"scorebook/generator/internal/assessment"
	"scorebook/generator/internal/model"
)

// want is one expected finding: its severity and key, and optionally a
// fragment of its message.
type want struct {
	severity, key, message string
}

// checkCase changes the healthy assessment (and optionally the model) so
// that one check fires, or stays silent, and lists what it must report.
type checkCase struct {
	name   string
	model  func(m *model.Model)
	change func(a *assessment.Assessment)
	want   []want
}

// runCheckCases runs each case and compares the findings of one check,
// in scorecard order, with what the case wants.
func runCheckCases(t *testing.T, check string, cases []checkCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := testModel()
			if tc.model != nil {
				tc.model(m)
			}
			a := healthyAssessment()
			if tc.change != nil {
				tc.change(a)
			}
			var got []Finding
			for _, f := range Compute(m, a, nil, buildDate).Findings {
				if f.Check == check {
					got = append(got, f)
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %d findings, want %d:\n%s", len(got), len(tc.want), list(got))
			}
			for i, w := range tc.want {
				f := got[i]
				// The wanted text may be in the message or in its detail line.
				if f.Severity != w.severity || f.Key != check+"/"+w.key || !strings.Contains(f.Message+"\n"+f.Detail, w.message) {
					t.Errorf("finding %d = %s %s %q, want %s %s containing %q", i, f.Severity, f.Key, f.Message, w.severity, check+"/"+w.key, w.message)
				}
			}
		})
	}
}

func list(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("  " + f.Severity + " " + f.Key + ": " + f.Message + "\n")
	}
	return b.String()
}

// withCheckCriterion names the criterion a check of the model reads.
func withCheckCriterion(id, ref string) func(m *model.Model) {
	return func(m *model.Model) {
		for i := range m.Checks {
			if m.Checks[i].ID == id {
				m.Checks[i].Criterion = ref
			}
		}
	}
}

func setParam(id, name string, v float64) func(m *model.Model) {
	return func(m *model.Model) {
		for i := range m.Checks {
			if m.Checks[i].ID == id {
				m.Checks[i].Params = map[string]float64{name: v}
			}
		}
	}
}

func TestChecks_HealthyAssessmentIsSilent(t *testing.T) {
	if fs := Compute(testModel(), healthyAssessment(), nil, buildDate).Findings; len(fs) != 0 {
		t.Errorf("healthy assessment has findings:\n%s", list(fs))
	}
}

func TestCheck_OperationalOwnership(t *testing.T) {
	runCheckCases(t, "operational-ownership", []checkCase{
		{name: "healthy", want: nil},
		{
			name:   "no operations table",
			change: func(a *assessment.Assessment) { a.Operations = nil },
			want: []want{
				{Critical, "no-owner", "has no [operations] table"},
				{High, "no-on-call", "No on-call cover is recorded"},
				{High, "runbooks-stale", "No runbook review is recorded"},
			},
		},
		{
			name:   "empty owner",
			change: func(a *assessment.Assessment) { a.Operations.Owner = "  " },
			want:   []want{{Critical, "no-owner", "owner is not set"}},
		},
		{
			name:   "runbooks never reviewed",
			change: func(a *assessment.Assessment) { a.Operations.RunbooksReviewed = nil },
			want:   []want{{High, "runbooks-stale", "at least every 180 days"}},
		},
		{
			name:   "runbooks exactly at the limit",
			change: func(a *assessment.Assessment) { a.Operations.RunbooksReviewed = ptr(date("2026-04-04")) },
		},
		{
			name:   "runbooks a day past the limit",
			change: func(a *assessment.Assessment) { a.Operations.RunbooksReviewed = ptr(date("2026-04-03")) },
			want:   []want{{High, "runbooks-stale", "Runbooks last reviewed 2026-04-03, 181 days before 2026-10-01, the date this scorecard is judged as of; the limit is 180 days"}},
		},
		{
			name:   "limit from the model",
			model:  setParam("operational-ownership", "runbook_max_age_days", 30),
			want:   []want{{High, "runbooks-stale", "122 days before 2026-10-01, the date this scorecard is judged as of; the limit is 30 days"}},
			change: nil,
		},
		{
			name:   "default limit when the model sets none",
			model:  setParam("operational-ownership", "other", 1),
			change: func(a *assessment.Assessment) { a.Operations.RunbooksReviewed = ptr(date("2026-04-03")) },
			want:   []want{{High, "runbooks-stale", "the limit is 180 days"}},
		},
		{
			name:   "on-call off",
			change: func(a *assessment.Assessment) { a.Operations.OnCall = ptr(false) },
			want:   []want{{High, "no-on-call", "on_call = false"}},
		},
		{
			name:   "on-call not recorded",
			change: func(a *assessment.Assessment) { a.Operations.OnCall = nil },
			want:   []want{{High, "no-on-call", "No on-call cover is recorded"}},
		},
		{
			name:   "reviewed since go-live",
			change: func(a *assessment.Assessment) { a.GoLive = ptr(date("2025-01-10")) },
		},
		{
			name: "launch runbooks still within the first review cycle",
			change: func(a *assessment.Assessment) {
				a.GoLive = ptr(date("2026-06-01"))
				a.Operations.RunbooksReviewed = ptr(date("2026-05-20"))
			},
		},
		{
			name: "no review recorded, go-live within the first cycle",
			change: func(a *assessment.Assessment) {
				a.GoLive = ptr(date("2026-06-01"))
				a.Operations.RunbooksReviewed = nil
			},
		},
		{
			name: "no review recorded since go-live",
			change: func(a *assessment.Assessment) {
				a.GoLive = ptr(date("2026-03-01"))
				a.Operations.RunbooksReviewed = nil
			},
			want: []want{{High, "runbooks-stale", "No runbook review recorded since go-live on 2026-03-01, 214 days before 2026-10-01, the date this scorecard is judged as of; the limit is 180 days"}},
		},
		{
			name: "last review during hypercare",
			change: func(a *assessment.Assessment) {
				a.GoLive = ptr(date("2026-01-01"))
				a.Operations.RunbooksReviewed = ptr(date("2026-03-01"))
			},
			want: []want{{High, "runbooks-stale", "Runbooks last reviewed 2026-03-01, during the launch and its hypercare, 214 days before"}},
		},
		{
			name: "last review after hypercare",
			change: func(a *assessment.Assessment) {
				a.GoLive = ptr(date("2025-06-01"))
				a.Operations.HypercareEnds = ptr(date("2025-08-01"))
				a.Operations.RunbooksReviewed = ptr(date("2026-02-01"))
			},
			want: []want{{High, "runbooks-stale", "Runbooks last reviewed 2026-02-01, 242 days before"}},
		},
		{
			name: "never reviewed eighteen months after go-live is critical",
			change: func(a *assessment.Assessment) {
				a.GoLive = ptr(date("2025-02-24"))
				a.Operations.RunbooksReviewed = nil
			},
			want: []want{{Critical, "runbooks-stale", "584 days before 2026-10-01, the date this scorecard is judged as of; the limit is 180 days; past 548 days unreviewed"}},
		},
		{
			name:   "unreviewed past eighteen months is critical without a go-live",
			change: func(a *assessment.Assessment) { a.Operations.RunbooksReviewed = ptr(date("2025-03-20")) },
			want:   []want{{Critical, "runbooks-stale", "Runbooks last reviewed 2025-03-20, 560 days before"}},
		},
		{
			name:   "unreviewed exactly eighteen months is still high",
			change: func(a *assessment.Assessment) { a.Operations.RunbooksReviewed = ptr(date("2025-04-01")) },
			want:   []want{{High, "runbooks-stale", "548 days before"}},
		},
		{
			name: "build partner within hypercare",
			change: func(a *assessment.Assessment) {
				a.Operations.EstateOwner = assessment.OwnerBuildPartner
				a.Operations.HypercareEnds = ptr(date("2026-10-01"))
			},
		},
		{
			name: "build partner after hypercare",
			change: func(a *assessment.Assessment) {
				a.Operations.EstateOwner = assessment.OwnerBuildPartner
				a.Operations.HypercareEnds = ptr(date("2026-09-01"))
			},
			want: []want{{High, "build-partner", "still runs the estate 30 days after hypercare ended on 2026-09-01 (recorded)"}},
		},
		{
			name: "build partner, hypercare taken from go-live",
			change: func(a *assessment.Assessment) {
				a.Operations.EstateOwner = assessment.OwnerBuildPartner
				a.GoLive = ptr(date("2026-06-01"))
			},
			want: []want{{High, "build-partner", "ended on 2026-08-30 (taken as 90 days after go-live)"}},
		},
		{
			name:   "build partner with no dates",
			change: func(a *assessment.Assessment) { a.Operations.EstateOwner = assessment.OwnerBuildPartner },
			want:   []want{{Medium, "build-partner", "go_live and [operations] hypercare_ends are not set"}},
		},
		{
			name: "in-house estate after hypercare",
			change: func(a *assessment.Assessment) {
				a.Operations.EstateOwner = assessment.OwnerInHouse
				a.Operations.HypercareEnds = ptr(date("2026-01-01"))
			},
		},
		{
			name: "managed service after hypercare",
			change: func(a *assessment.Assessment) {
				a.Operations.EstateOwner = assessment.OwnerManagedService
				a.Operations.HypercareEnds = ptr(date("2026-01-01"))
			},
		},
	})
}

// TestCheck_OperationalOwnershipJudgesAsOfTheDateGiven runs one assessment
// as of two dates: the finding follows the date passed in, never a clock.
func TestCheck_OperationalOwnershipJudgesAsOfTheDateGiven(t *testing.T) {
	a := healthyAssessment()
	a.Operations.EstateOwner = assessment.OwnerBuildPartner
	a.Operations.HypercareEnds = ptr(date("2026-09-01"))
	for _, tc := range []struct {
		asOf string
		want int
	}{{"2026-08-31", 0}, {"2026-09-01", 0}, {"2026-09-02", 1}} {
		n := 0
		for _, f := range Compute(testModel(), a, nil, date(tc.asOf)).Findings {
			if f.Key == "operational-ownership/build-partner" {
				n++
			}
		}
		if n != tc.want {
			t.Errorf("as of %s: %d build-partner findings, want %d", tc.asOf, n, tc.want)
		}
	}
}

func TestCheck_CadenceMismatch(t *testing.T) {
	useCase := func(domain, cadence string) func(a *assessment.Assessment) {
		return func(a *assessment.Assessment) {
			a.UseCases = []assessment.UseCase{{Name: "Feed", Domain: domain, Cadence: cadence}}
		}
	}
	runCheckCases(t, "cadence-mismatch", []checkCase{
		{name: "real-time domain on real time", change: useCase("inventory", "real-time")},
		{name: "real-time domain on near real time", change: useCase("inventory", "near-real-time")},
		{name: "batch domain on batch", change: useCase("analytics", "hourly")},
		{
			name:   "real-time domain on batch",
			change: useCase("inventory", "nightly"),
			want:   []want{{High, "real-time-on-batch/inventory/Feed", `Use case "Feed" runs nightly, a batch cadence, but Inventory availability needs real time`}},
		},
		{
			name:   "batch domain in real time",
			change: useCase("analytics", "near-real-time"),
			want:   []want{{Low, "batch-in-real-time/analytics/Feed", `runs near-real-time, a real-time cadence, but Analytics is served well by batch`}},
		},
		{name: "unknown domain ignored", change: useCase("loyalty", "nightly")},
		{name: "unknown cadence ignored", change: useCase("inventory", "monthly")},
		{
			name: "one finding per mismatched use case",
			change: func(a *assessment.Assessment) {
				a.UseCases = []assessment.UseCase{
					{Name: "Stock", Domain: "inventory", Cadence: "hourly"},
					{Name: "Fine", Domain: "inventory", Cadence: "real-time"},
					{Name: "Orders", Domain: "inventory", Cadence: "nightly"},
				}
			},
			want: []want{
				{High, "real-time-on-batch/inventory/Orders", "Orders"},
				{High, "real-time-on-batch/inventory/Stock", "Stock"},
			},
		},
	})
}

func TestCheck_TeamSize(t *testing.T) {
	team := func(revenue float64, engineers int) func(a *assessment.Assessment) {
		return func(a *assessment.Assessment) {
			a.RevenueMUSD, a.IntegrationEngineers = &revenue, &engineers
			a.Pattern, a.PlannedPattern = "", "" // keep pattern readiness out of it
		}
	}
	runCheckCases(t, "team-size", []checkCase{
		{name: "inside the band", change: team(240, 4)},
		{name: "at the band minimum", change: team(240, 3)},
		{name: "at the band maximum", change: team(240, 6)},
		{
			name:   "below the band",
			change: team(240, 2),
			want:   []want{{Medium, "below", "2 dedicated integration engineers, 1 short of the 3–6 engineers typical for revenue of $100M–$500M (this brand: $240M)"}},
		},
		{
			name:   "half the band minimum missing is high",
			change: team(600, 3),
			want:   []want{{High, "below", "3 dedicated integration engineers, 3 short of the 6 or more engineers"}},
		},
		{
			name:   "nobody dedicated is high",
			change: team(50, 0),
			want:   []want{{High, "below", "0 dedicated integration engineers, 1 short"}},
		},
		{
			name:   "shortfall threshold from the model",
			model:  setParam("team-size", "high_shortfall", 0.3),
			change: team(240, 2),
			want:   []want{{High, "below", "1 short"}},
		},
		{
			name:   "above the band",
			change: team(240, 7),
			want:   []want{{Low, "above", "7 dedicated integration engineers, above the 3–6 engineers"}},
		},
		{
			name:  "above the band with a weak iPaaS",
			model: withCheckCriterion("team-size", "architecture.event-backbone"),
			change: func(a *assessment.Assessment) {
				team(240, 8)(a)
				a.Scores["architecture"]["event-backbone"] = lv(1)
			},
			want: []want{{Medium, "above-custom-code", "8 dedicated integration engineers, above the 3–6 engineers typical for revenue of $100M–$500M (this brand: $240M), with Event backbone at level 1: a team this size beside a weak Event backbone usually means custom code"}},
		},
		{
			name:   "above the band with a sound iPaaS",
			model:  withCheckCriterion("team-size", "architecture.event-backbone"),
			change: team(240, 8),
			want:   []want{{Low, "above", "8 dedicated"}},
		},
		{
			name:  "above the band, iPaaS not assessed",
			model: withCheckCriterion("team-size", "architecture.event-backbone"),
			change: func(a *assessment.Assessment) {
				team(240, 8)(a)
				delete(a.Scores["architecture"], "event-backbone")
			},
			want: []want{{Low, "above", "8 dedicated"}},
		},
		{
			name:   "revenue on a band boundary belongs to the higher band",
			change: team(100, 2),
			want:   []want{{Medium, "below", "$100M–$500M"}},
		},
		{name: "open-ended band has no maximum", change: team(2000, 40)},
		{
			name:   "open-ended band still has a minimum",
			change: team(2000, 1),
			want:   []want{{High, "below", "1 dedicated integration engineer, 5 short of the 6 or more engineers"}},
		},
		{
			name:   "revenue not recorded",
			change: func(a *assessment.Assessment) { a.RevenueMUSD = nil },
			want:   []want{{Info, "unknown", "revenue_musd not set"}},
		},
		{
			name:   "engineers not recorded",
			change: func(a *assessment.Assessment) { a.IntegrationEngineers = nil },
			want:   []want{{Info, "unknown", "integration_engineers not set"}},
		},
		{
			name:   "neither recorded",
			change: func(a *assessment.Assessment) { a.RevenueMUSD, a.IntegrationEngineers = nil, nil },
			want:   []want{{Info, "unknown", "revenue_musd and integration_engineers not set"}},
		},
		{
			name:   "revenue in no band",
			model:  func(m *model.Model) { m.TeamBands = m.TeamBands[1:] },
			change: team(50, 1),
			want:   []want{{Info, "no-band", "revenue of $50M falls in no team-size band"}},
		},
	})
}

func TestCheck_Coherence(t *testing.T) {
	runs := func(runs, failures int) func(a *assessment.Assessment) {
		return func(a *assessment.Assessment) {
			a.Journeys = []assessment.Journey{{Name: "BOPIS", Runs: runs, Failures: failures}}
		}
	}
	runCheckCases(t, "coherence", []checkCase{
		{name: "under the threshold", change: runs(40, 1)},
		{name: "exactly at the threshold", change: runs(40, 2)},
		{
			name:   "over the threshold",
			change: runs(40, 4),
			want:   []want{{High, "journey/BOPIS", `Journey "BOPIS" fails 10% of runs (4 of 40), over the 5% threshold`}},
		},
		{
			name:   "exactly at the critical threshold is only high",
			change: runs(40, 6),
			want:   []want{{High, "journey/BOPIS", "15% of runs (6 of 40)"}},
		},
		{
			name:   "over the critical threshold",
			change: runs(40, 7),
			want:   []want{{Critical, "journey/BOPIS", `Journey "BOPIS" fails 17.5% of runs (7 of 40), over the 15% critical threshold`}},
		},
		{
			name:   "threshold from the model",
			model:  setParam("coherence", "max_failure_rate", 0.01),
			change: runs(40, 1),
			want:   []want{{High, "journey/BOPIS", "2.5% of runs (1 of 40), over the 1% threshold"}},
		},
		{
			name:   "too few runs to count",
			change: runs(19, 10),
			want:   []want{{Medium, "not-measured", `No customer journey has been run the 20 times its failure rate needs to count: coherence across channels is unknown ("BOPIS" (19 runs))`}},
		},
		{
			name:   "exactly the minimum runs counts",
			change: runs(20, 4),
			want:   []want{{Critical, "journey/BOPIS", "20% of runs (4 of 20)"}},
		},
		{
			name:   "minimum runs from the model",
			model:  setParam("coherence", "min_runs", 5),
			change: runs(10, 3),
			want:   []want{{Critical, "journey/BOPIS", "30% of runs (3 of 10)"}},
		},
		{
			name: "each journey judged on its own rate",
			change: func(a *assessment.Assessment) {
				a.Journeys = []assessment.Journey{
					{Name: "Click and collect", Runs: 100, Failures: 0},
					{Name: "Return by phone", Runs: 20, Failures: 2},
					{Name: "Loyalty credit", Runs: 6, Failures: 6},
				}
			},
			want: []want{
				{High, "journey/Return by phone", `"Return by phone" fails 10% of runs (2 of 20)`},
				{Info, "too-few-runs", `1 journey run fewer than 20 times, not yet counted: "Loyalty credit" (6 runs)`},
			},
		},
		{
			name:   "no journeys",
			change: func(a *assessment.Assessment) { a.Journeys = nil },
			want:   []want{{Medium, "not-measured", "No customer journeys measured"}},
		},
		{
			name:   "journeys never run",
			change: runs(0, 0),
			want:   []want{{Medium, "not-measured", `"BOPIS" (0 runs)`}},
		},
	})
}

func TestCheck_PatternReadiness(t *testing.T) {
	runCheckCases(t, "pattern-readiness", []checkCase{
		{name: "demands met", want: nil},
		{name: "no pattern", change: func(a *assessment.Assessment) { a.Pattern, a.PlannedPattern = "", "" }},
		{name: "pattern demanding nothing", change: func(a *assessment.Assessment) { a.Pattern, a.PlannedPattern = "point-to-point", "" }},
		{name: "unknown pattern ignored", change: func(a *assessment.Assessment) { a.Pattern, a.PlannedPattern = "mesh", "" }},
		{
			name: "current pattern short by half a point is medium",
			change: func(a *assessment.Assessment) {
				a.PlannedPattern = ""
				a.Scores["operations"] = map[string]assessment.Rating{"monitoring": lv(2), "on-call": lv(3)}
			},
			want: []want{{Medium, "current/hub-and-spoke/demands", "Current pattern Hub and spoke asks more than the brand has (fit 94.4%, largest shortfall 0.5): Operations 2.5 against 3 required"}},
		},
		{
			name: "current pattern short by a little is low",
			change: func(a *assessment.Assessment) {
				a.PlannedPattern = ""
				a.Scores["operations"] = map[string]assessment.Rating{"monitoring": lv(3), "on-call": lv(3)}
				a.Scores["architecture"] = map[string]assessment.Rating{"api-gateway": lv(3), "event-backbone": lv(3), "master-data": lv(3)}
			},
			model: func(m *model.Model) { m.Patterns[0].Demands["operations"] = 3.25 },
			want:  []want{{Low, "current/hub-and-spoke/demands", "largest shortfall 0.25"}},
		},
		{
			name: "current pattern short by a point is high",
			change: func(a *assessment.Assessment) {
				a.PlannedPattern = ""
				a.Scores["operations"] = map[string]assessment.Rating{"monitoring": lv(2), "on-call": lv(2)}
			},
			want: []want{{High, "current/hub-and-spoke/demands", "largest shortfall 1)"}},
		},
		{
			name: "a criterion the pattern leans on counts in fit and severity",
			model: func(m *model.Model) {
				m.Patterns[0].LeansOn = map[string]int{"architecture.event-backbone": 3, "operations.on-call": 3}
			},
			change: func(a *assessment.Assessment) {
				a.PlannedPattern = ""
				a.Scores["architecture"]["event-backbone"] = lv(1)
			},
			want: []want{{High, "current/hub-and-spoke/demands", "(fit 88.9%, largest shortfall 2): Event backbone at level 1, 3 needed"}},
		},
		{
			name: "an unassessed leaned-on criterion is named",
			model: func(m *model.Model) {
				m.Patterns[0].LeansOn = map[string]int{"architecture.event-backbone": 3}
			},
			change: func(a *assessment.Assessment) {
				a.PlannedPattern = ""
				delete(a.Scores["architecture"], "event-backbone")
			},
			want: []want{{High, "current/hub-and-spoke/demands", "Event backbone not assessed, level 3 needed"}},
		},
		{
			name: "an exempt leaned-on criterion asks nothing",
			model: func(m *model.Model) {
				m.Patterns[0].LeansOn = map[string]int{"architecture.event-backbone": 3}
			},
			change: func(a *assessment.Assessment) {
				a.PlannedPattern = ""
				a.Scores["architecture"]["event-backbone"] = exempt()
			},
		},
		{
			name: "planned pattern one severity lower, each shortfall named",
			change: func(a *assessment.Assessment) {
				a.Scores["architecture"] = map[string]assessment.Rating{"api-gateway": lv(2), "event-backbone": lv(2), "master-data": lv(2)}
				a.Scores["engineering"] = nil
			},
			want: []want{
				{High, "current/hub-and-spoke/demands", "Engineering not assessed, 2 required"},
				{Medium, "planned/event-driven/demands", "Architecture 2 against 3 required; Engineering not assessed, 3 required"},
			},
		},
		{
			name:   "planned pattern needs one more engineer",
			change: func(a *assessment.Assessment) { a.IntegrationEngineers = ptr(2) },
			want: []want{{Low, "planned/event-driven/engineers",
				"Planned pattern Event-driven needs at least 3 dedicated integration engineers and the brand has 2: build integration capability first"}},
		},
		{
			name:   "current pattern missing half its engineers",
			change: func(a *assessment.Assessment) { a.IntegrationEngineers = ptr(1) },
			want: []want{
				{High, "current/hub-and-spoke/engineers", "has 1"},
				{Medium, "planned/event-driven/engineers", "has 1"},
			},
		},
		{
			name:   "engineers unknown",
			change: func(a *assessment.Assessment) { a.IntegrationEngineers = nil },
			want: []want{
				{High, "current/hub-and-spoke/engineers", "is not recorded"},
				{Medium, "planned/event-driven/engineers", "is not recorded"},
			},
		},
		{
			name: "planned same as current is reported once",
			change: func(a *assessment.Assessment) {
				a.PlannedPattern = a.Pattern
				a.IntegrationEngineers = ptr(1)
			},
			want: []want{{High, "current/hub-and-spoke/engineers", "has 1"}},
		},
		{
			name:   "no engineer requirement",
			model:  func(m *model.Model) { m.Patterns[0].MinEngineers, m.Patterns[1].MinEngineers = 0, 0 },
			change: func(a *assessment.Assessment) { a.IntegrationEngineers = nil },
		},
	})
}

func TestCheck_UnsupportedScore(t *testing.T) {
	runCheckCases(t, "unsupported-score", []checkCase{
		{
			name:   "one high level without evidence",
			change: func(a *assessment.Assessment) { a.Scores["operations"]["on-call"] = assessment.Rating{Level: 3} },
			want:   []want{{Medium, "no-evidence", "1 criterion at level 3 or above has no evidence (an empty or placeholder note such as \"n/a\" or \"Unchanged.\" is none): On-call (Operations, level 3)"}},
		},
		{
			name: "several listed with their count",
			change: func(a *assessment.Assessment) {
				a.Scores["architecture"]["master-data"] = assessment.Rating{Level: 4, Evidence: " \n"}
				a.Scores["engineering"]["testing"] = assessment.Rating{Level: 3}
			},
			want: []want{{Medium, "no-evidence", "is none): Master data (Architecture, level 4); Testing (Engineering, level 3)"}},
		},
		{
			name: "placeholder evidence is no evidence",
			change: func(a *assessment.Assessment) {
				a.Scores["operations"]["on-call"] = assessment.Rating{Level: 3, Evidence: "Unchanged."}
				a.Scores["operations"]["monitoring"] = assessment.Rating{Level: 4, Evidence: " see above "}
				a.Scores["architecture"]["master-data"] = assessment.Rating{Level: 3, Evidence: "-"}
			},
			want: []want{{Medium, "no-evidence", "3 criteria"}},
		},
		{
			name: "high level with low confidence",
			change: func(a *assessment.Assessment) {
				a.Scores["operations"]["on-call"] = assessment.Rating{Level: 4, Evidence: "Rota seen", Confidence: "low"}
			},
			want: []want{{Low, "low-confidence", "1 criterion at level 3 or above is recorded with low confidence: On-call (Operations, level 4)"}},
		},
		{
			name: "low level with low confidence",
			change: func(a *assessment.Assessment) {
				a.Scores["operations"]["on-call"] = assessment.Rating{Level: 2, Evidence: "Rota seen", Confidence: "low"}
			},
		},
		{
			name: "placeholder and low confidence reported once, as no evidence",
			change: func(a *assessment.Assessment) {
				a.Scores["operations"]["on-call"] = assessment.Rating{Level: 3, Evidence: "n/a", Confidence: "low"}
			},
			want: []want{{Medium, "no-evidence", "On-call"}},
		},
		{name: "low level without evidence", change: func(a *assessment.Assessment) { a.Scores["operations"]["on-call"] = assessment.Rating{Level: 2} }},
		{name: "exempt without evidence", change: func(a *assessment.Assessment) { a.Scores["operations"]["on-call"] = exempt() }},
		{
			name:   "level from the model",
			model:  setParam("unsupported-score", "min_level", 2),
			change: func(a *assessment.Assessment) { a.Scores["operations"]["on-call"] = assessment.Rating{Level: 2} },
			want:   []want{{Medium, "no-evidence", "at level 2 or above"}},
		},
	})
}

func TestIsEvidence(t *testing.T) {
	for _, tc := range []struct {
		note string
		want bool
	}{
		{"", false}, {"  ", false}, {"-", false}, {"n/a", false}, {"N/A.", false}, {"Unchanged.", false},
		{"See above", false}, {"TBD", false}, {"same as last time!", false}, {"...", false},
		{"Rota covers all trading hours; seen in the October schedule.", true}, {"Unchanged since the audit: rota seen.", true},
	} {
		if got := IsEvidence(tc.note); got != tc.want {
			t.Errorf("IsEvidence(%q) = %v, want %v", tc.note, got, tc.want)
		}
	}
}

func TestCheck_GovernanceForum(t *testing.T) {
	forum := withCheckCriterion("governance-forum", "engineering.testing")
	runCheckCases(t, "governance-forum", []checkCase{
		{name: "no criterion named in the model"},
		{name: "forum in place", model: forum},
		{
			name:   "no forum, no targets",
			model:  forum,
			change: func(a *assessment.Assessment) { a.Scores["engineering"]["testing"] = lv(0); a.Targets = nil },
			want:   []want{{High, "no-forum", "No standing governance forum for integration (Testing at level 0, 0)"}},
		},
		{
			name:   "forum at level 1 is a forum",
			model:  forum,
			change: func(a *assessment.Assessment) { a.Scores["engineering"]["testing"] = lv(1) },
		},
		{
			name: "level from the model",
			model: func(m *model.Model) {
				forum(m)
				setParam("governance-forum", "max_level", 1)(m)
			},
			change: func(a *assessment.Assessment) { a.Scores["engineering"]["testing"] = lv(1) },
			want:   []want{{High, "no-forum", "at level 1"}},
		},
		{
			name:   "forum not assessed",
			model:  forum,
			change: func(a *assessment.Assessment) { delete(a.Scores["engineering"], "testing") },
			want:   []want{{Low, "not-assessed", "Testing is not assessed"}},
		},
		{
			name:   "forum exempt",
			model:  forum,
			change: func(a *assessment.Assessment) { a.Scores["engineering"]["testing"] = exempt() },
		},
	})
}

func TestCheck_StaleAssessment(t *testing.T) {
	assessed := func(d string) func(a *assessment.Assessment) {
		return func(a *assessment.Assessment) { a.Assessed = date(d) }
	}
	runCheckCases(t, "stale-assessment", []checkCase{
		{name: "recent", change: assessed("2026-09-30")},
		{name: "exactly at the limit", change: assessed("2025-10-01")},
		{
			name:   "a day past the limit",
			change: assessed("2025-09-30"),
			want:   []want{{Medium, "stale", "Assessed 2025-09-30, 366 days before 2026-10-01, the date this scorecard is judged as of; the limit is 365 days"}},
		},
		{name: "after the build date", change: assessed("2027-01-01")},
		{
			name:   "limit from the model",
			model:  setParam("stale-assessment", "max_age_days", 0),
			change: assessed("2026-09-30"),
			want:   []want{{Medium, "stale", "Assessed 2026-09-30, 1 day before"}},
		},
	})
}

func TestCheck_TargetGap(t *testing.T) {
	target := func(dim string, v float64) func(a *assessment.Assessment) {
		return func(a *assessment.Assessment) { a.Targets = map[string]float64{dim: v} }
	}
	runCheckCases(t, "target-gap", []checkCase{
		{name: "target met", change: target("architecture", 3)},
		{name: "target exceeded", change: target("architecture", 2)},
		{name: "no targets", change: func(a *assessment.Assessment) { a.Targets = nil }},
		{
			name:   "below target",
			change: target("architecture", 3.5),
			want:   []want{{Medium, "architecture/below", "Architecture scores 3 against a target of 3.5, a gap of 0.5"}},
		},
		{
			name:   "gap exactly the high gap",
			change: target("operations", 4),
			want:   []want{{High, "operations/high", "Operations scores 3 against a target of 4, a gap of 1 (1 or more is high)"}},
		},
		{
			name:   "high gap from the model",
			model:  setParam("target-gap", "high_gap", 0.4),
			change: target("architecture", 3.5),
			want:   []want{{High, "architecture/high", "(0.4 or more is high)"}},
		},
		{
			name: "target on an unassessed dimension",
			change: func(a *assessment.Assessment) {
				a.Targets = map[string]float64{"engineering": 2}
				a.Scores["engineering"] = nil
			},
			want: []want{{Medium, "engineering/not-assessed", "Engineering is not assessed against its target of 2"}},
		},
		{
			name: "one finding per dimension, worst first",
			change: func(a *assessment.Assessment) {
				a.Targets = map[string]float64{"engineering": 4, "architecture": 3.25, "operations": 3}
			},
			want: []want{
				{High, "engineering/high", "Engineering"},
				{Medium, "architecture/below", "Architecture"},
			},
		},
	})
}

func TestCheck_Coverage(t *testing.T) {
	runCheckCases(t, "coverage", []checkCase{
		{name: "full coverage"},
		{
			name:   "under the minimum",
			change: func(a *assessment.Assessment) { delete(a.Scores, "engineering") },
			want:   []want{{Low, "low", "Overall coverage 75% is under the 80% minimum"}},
		},
		{
			name:   "exactly at the minimum",
			model:  setParam("coverage", "min_coverage", 0.75),
			change: func(a *assessment.Assessment) { delete(a.Scores, "engineering") },
		},
		{
			name:   "exempt criteria count as covered",
			change: func(a *assessment.Assessment) { a.Scores["engineering"]["testing"] = exempt() },
		},
	})
}

func TestChecks_OnlyThoseInTheModelRun(t *testing.T) {
	m := testModel()
	m.Checks = []model.Check{{ID: "coverage"}, {ID: "no-such-check"}}
	a := healthyAssessment()
	a.Operations = nil
	a.Scores = nil
	fs := Compute(m, a, nil, buildDate).Findings
	if len(fs) != 1 || fs[0].Check != "coverage" {
		t.Errorf("findings = \n%s want one coverage finding at the default minimum", list(fs))
	}
}

func TestChecks_SortedBySeverityThenModelOrderThenMessage(t *testing.T) {
	m := testModel()
	a := healthyAssessment()
	a.Operations.OnCall = ptr(false)                                       // operational-ownership, high
	a.UseCases[0].Cadence = "nightly"                                      // cadence-mismatch, high
	a.UseCases[1].Cadence = "real-time"                                    // cadence-mismatch, low
	a.Journeys = []assessment.Journey{{Runs: 20, Failures: 5}}             // coherence, critical
	delete(a.Scores, "engineering")                                        // coverage, low; pattern-readiness, high and medium
	a.Targets = map[string]float64{"architecture": 3.5, "operations": 3.5} // two target-gap, medium

	got := Compute(m, a, nil, buildDate).Findings
	wantKeys := []string{
		"coherence/journey/",
		"operational-ownership/no-on-call",
		"cadence-mismatch/real-time-on-batch/inventory/Store stock on product pages",
		"pattern-readiness/current/hub-and-spoke/demands",
		"pattern-readiness/planned/event-driven/demands",
		"target-gap/architecture/below",
		"target-gap/operations/below",
		"cadence-mismatch/batch-in-real-time/analytics/Weekly sales report",
		"coverage/low",
	}
	if k := keys(got); !reflect.DeepEqual(k, wantKeys) {
		t.Errorf("order =\n%s\nwant keys %v", list(got), wantKeys)
	}

	// Reversing the model's check order reverses ties between checks.
	slices.Reverse(m.Checks)
	got = Compute(m, a, nil, buildDate).Findings
	if got[1].Check != "pattern-readiness" || got[2].Check != "cadence-mismatch" || got[3].Check != "operational-ownership" {
		t.Errorf("with the checks reversed, order =\n%s", list(got))
	}
	if !sort.SliceIsSorted(got, func(i, j int) bool { return SeverityRank(got[i].Severity) < SeverityRank(got[j].Severity) }) {
		t.Errorf("not sorted by severity:\n%s", list(got))
	}
}

func TestCheckParams(t *testing.T) {
	want := map[string][]string{
		"operational-ownership": {"runbook_max_age_days", "hypercare_max_days", "decay_days"},
		"cadence-mismatch":      {},
		"team-size":             {"high_shortfall", "low_criterion_level"},
		"coherence":             {"max_failure_rate", "critical_failure_rate", "min_runs"},
		"pattern-readiness":     {"high_gap", "medium_gap"},
		"unsupported-score":     {"min_level"},
		"governance-forum":      {"max_level"},
		"stale-assessment":      {"max_age_days"},
		"target-gap":            {"high_gap"},
		"coverage":              {"min_coverage"},
		"overdue-action":        {"high_after_days"},
	}
	got := map[string][]string{}
	for id, params := range CheckParams() {
		got[id] = []string{}
		for _, p := range params {
			got[id] = append(got[id], p.Name)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("CheckParams() = %v\nwant %v", got, want)
	}
	for _, c := range Checks {
		if c.run == nil {
			t.Errorf("check %s has nothing to run", c.ID)
		}
		for _, p := range c.Params {
			if p.Doc == "" {
				t.Errorf("param %s.%s has no doc", c.ID, p.Name)
			}
		}
	}
}

func TestSeverityRank(t *testing.T) {
	for i, s := range Severities {
		if SeverityRank(s) != i {
			t.Errorf("SeverityRank(%s) = %d, want %d", s, SeverityRank(s), i)
		}
	}
	if SeverityRank("unknown") != len(Severities) {
		t.Error("unknown severity not ranked last")
	}
}

func TestFormatting(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{num(3), "3"}, {num(2.5), "2.5"}, {num(7.0 / 3), "2.33"}, {num(-0.001), "0"}, {num(2.999), "3"},
		{pct(0.175), "17.5%"}, {pct(0.05), "5%"}, {pct(1.0 / 3), "33.3%"}, {pct(0), "0%"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestDays(t *testing.T) {
	for _, tc := range []struct {
		from, to string
		want     int
	}{
		{"2026-01-01", "2026-01-01", 0},
		{"2025-10-01", "2026-10-01", 365},
		{"2024-02-28", "2024-03-01", 2},
		{"2026-10-02", "2026-10-01", -1},
	} {
		if got := days(date(tc.from), date(tc.to)); got != tc.want {
			t.Errorf("days(%s, %s) = %d, want %d", tc.from, tc.to, got, tc.want)
		}
	}
}

func TestCheckParam_ModelValueElseDefault(t *testing.T) {
	m := testModel()
	for _, tc := range []struct {
		check, name string
		want        float64
	}{
		{"coherence", "max_failure_rate", 0.05}, // set by the model
		{"coherence", "min_runs", 20},           // the check's default
		{"no-such-check", "min_runs", 0},
		{"coherence", "no-such-param", 0},
	} {
		if got := CheckParam(m, tc.check, tc.name); got != tc.want {
			t.Errorf("CheckParam(%s, %s) = %v, want %v", tc.check, tc.name, got, tc.want)
		}
	}
	setParam("coherence", "min_runs", 5)(m)
	if got := CheckParam(m, "coherence", "min_runs"); got != 5 {
		t.Errorf("min_runs from the model = %v, want 5", got)
	}
}
