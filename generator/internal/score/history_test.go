package score

import (
	"reflect"
	"testing"

	"scorebook/generator/internal/assessment"
)

// threeAssessments is a brand assessed three times. Between the first and
// second: api-gateway 2→3, event-backbone assessed→exempt, testing newly
// assessed, on-call not assessed→exempt, owner named, a cadence mismatch
// fixed. Between the second and third: nothing scored changes, but
// runbooks go stale.
func threeAssessments() *assessment.Brand {
	first := healthyAssessment()
	first.Assessed = date("2024-09-30")
	first.Scores = map[string]map[string]assessment.Rating{
		"architecture": {"api-gateway": lv(2), "event-backbone": lv(1), "master-data": lv(2)},
		"operations":   {"monitoring": lv(2)},
	}
	first.Operations.Owner = ""
	first.UseCases[0].Cadence = "nightly"

	second := healthyAssessment()
	second.Assessed = date("2025-09-30")
	second.Scores = map[string]map[string]assessment.Rating{
		"architecture": {"api-gateway": lv(3), "event-backbone": exempt(), "master-data": lv(2)},
		"operations":   {"monitoring": lv(2), "on-call": exempt()},
		"engineering":  {"testing": lv(3)},
	}

	third := healthyAssessment()
	third.Scores = second.Scores
	third.Operations.RunbooksReviewed = ptr(date("2025-01-01"))
	return &assessment.Brand{Slug: "northwind", Assessments: []*assessment.Assessment{first, second, third}}
}

func TestBrand_History(t *testing.T) {
	m := testModel()
	cards := Brand(m, threeAssessments(), buildDate)
	if len(cards) != 3 {
		t.Fatalf("%d scorecards, want 3", len(cards))
	}
	for i, c := range cards {
		if len(c.History) != i+1 {
			t.Fatalf("scorecard %d has %d history points, want %d", i, len(c.History), i+1)
		}
		for j, p := range c.History {
			src := cards[j]
			if p.Assessed != src.Assessed || !sameFloat(p.Overall, src.Overall.Score) {
				t.Errorf("scorecard %d point %d = %s %v, want %s %v", i, j, p.Assessed, show(p.Overall), src.Assessed, show(src.Overall.Score))
			}
			if len(p.Dimensions) != len(m.Dimensions) {
				t.Errorf("point %d has %d dimensions, want every model dimension", j, len(p.Dimensions))
			}
			for _, d := range src.Dimensions {
				if s, ok := p.Dimensions[d.ID]; !ok || !sameFloat(s, d.Score) {
					t.Errorf("point %d %s = %v, want %v", j, d.ID, show(s), show(d.Score))
				}
			}
		}
	}
	if s, ok := cards[2].History[0].Dimensions["engineering"]; !ok || s != nil {
		t.Errorf("first point engineering = %v, want a nil entry", show(s))
	}
	if got := []string{cards[2].History[0].Assessed, cards[2].History[2].Assessed}; got[0] != "2024-09-30" || got[1] != "2026-09-30" {
		t.Errorf("history runs %v, want oldest first", got)
	}
}

func TestBrand_HistoryAppendDoesNotLeak(t *testing.T) {
	cards := Brand(testModel(), threeAssessments(), buildDate)
	cards[0].History = append(cards[0].History, HistoryPoint{Assessed: "injected"})
	if cards[1].History[1].Assessed == "injected" {
		t.Error("appending to one scorecard's history overwrote another's")
	}
}

func TestBrand_EqualsComputeOfEach(t *testing.T) {
	m := testModel()
	b := threeAssessments()
	cards := Brand(m, b, buildDate)
	for i, a := range b.Assessments {
		want := Compute(m, a, b.Assessments[:i], AsOf(a, i == len(b.Assessments)-1, buildDate))
		if !reflect.DeepEqual(cards[i], want) {
			t.Errorf("Brand scorecard %d differs from Compute:\n%+v\n%+v", i, cards[i], want)
		}
	}
}

func TestBrand_EarlierAssessmentsJudgedAsOfTheirOwnDate(t *testing.T) {
	m := testModel()
	b := threeAssessments()
	soon := Brand(m, b, date("2026-10-01"))
	late := Brand(m, b, date("2029-03-15"))
	for i := range len(b.Assessments) - 1 {
		if soon[i].AsOf != soon[i].Assessed {
			t.Errorf("scorecard %d judged as of %s, want its own date %s", i, soon[i].AsOf, soon[i].Assessed)
		}
		if !reflect.DeepEqual(soon[i], late[i]) {
			t.Errorf("earlier scorecard %d changed with the build date:\n%+v\n%+v", i, soon[i], late[i])
		}
	}
	cur := late[len(late)-1]
	if cur.AsOf != "2029-03-15" {
		t.Errorf("current scorecard judged as of %s, want the build date", cur.AsOf)
	}
	if !hasCheck(cur.Findings, "stale-assessment") {
		t.Errorf("current scorecard judged years later has no stale-assessment finding: %+v", cur.Findings)
	}
}

func hasCheck(fs []Finding, check string) bool {
	for _, f := range fs {
		if f.Check == check {
			return true
		}
	}
	return false
}

func TestChanges(t *testing.T) {
	m := testModel()
	cards := Brand(m, threeAssessments(), buildDate)
	if cards[0].Changes != nil {
		t.Errorf("first assessment has changes %+v", cards[0].Changes)
	}

	ch := cards[1].Changes
	if ch == nil || ch.Previous != "2024-09-30" {
		t.Fatalf("changes = %+v, want against 2024-09-30", ch)
	}
	wantDelta := *cards[1].Overall.Score - *cards[0].Overall.Score
	if ch.Overall == nil || *ch.Overall != wantDelta {
		t.Errorf("overall delta = %v, want %v", show(ch.Overall), wantDelta)
	}
	wantCriteria := []CriterionDelta{
		{Dimension: "architecture", Criterion: "api-gateway", From: ptr(2), To: ptr(3)},
		{Dimension: "architecture", Criterion: "event-backbone", From: ptr(1), To: nil, ToExempt: true},
		{Dimension: "operations", Criterion: "on-call", ToExempt: true},
		{Dimension: "engineering", Criterion: "testing", To: ptr(3)},
	}
	if !reflect.DeepEqual(ch.Criteria, wantCriteria) {
		t.Errorf("criteria deltas = %+v\nwant %+v", ch.Criteria, wantCriteria)
	}
	if got := keys(ch.ClearedFindings); !contains(got, "operational-ownership/no-owner") ||
		!contains(got, "cadence-mismatch/real-time-on-batch/inventory/Store stock on product pages") {
		t.Errorf("cleared findings %v lack the owner and the cadence mismatch", got)
	}
	for _, f := range append(ch.NewFindings, ch.ClearedFindings...) {
		if f.Check == "stale-assessment" {
			t.Errorf("stale assessment listed as a change: %q", f.Message)
		}
	}

	ch = cards[2].Changes
	if len(ch.Criteria) != 0 {
		t.Errorf("unchanged ratings listed as changes: %+v", ch.Criteria)
	}
	if ch.Overall == nil || *ch.Overall != 0 {
		t.Errorf("overall delta = %v, want 0", show(ch.Overall))
	}
	if got := keys(ch.NewFindings); !reflect.DeepEqual(got, []string{"operational-ownership/runbooks-stale"}) {
		t.Errorf("new findings = %v, want stale runbooks", got)
	}
	if len(ch.ClearedFindings) != 0 {
		t.Errorf("cleared findings = %v, want none", keys(ch.ClearedFindings))
	}
}

func TestChanges_OverallDeltaNilWhenEitherSideUnscored(t *testing.T) {
	m := testModel()
	b := threeAssessments()
	b.Assessments[0].Scores = nil
	cards := Brand(m, b, buildDate)
	if d := cards[1].Changes.Overall; d != nil {
		t.Errorf("delta from an unscored assessment = %v, want nil", *d)
	}
	b.Assessments[2].Scores = nil
	cards = Brand(m, b, buildDate)
	if d := cards[2].Changes.Overall; d != nil {
		t.Errorf("delta to an unscored assessment = %v, want nil", *d)
	}
}

func TestUnmatched_CountsRepeatedKeys(t *testing.T) {
	f := func(key string) Finding { return Finding{Check: "cadence-mismatch", Key: key} }
	a := []Finding{f("x"), f("x"), f("y")}
	b := []Finding{f("x")}
	if got := keys(unmatched(a, b)); !reflect.DeepEqual(got, []string{"x", "y"}) {
		t.Errorf("unmatched = %v, want [x y]", got)
	}
	if got := unmatched(b, a); len(got) != 0 {
		t.Errorf("unmatched = %v, want none", keys(got))
	}
}

func keys(fs []Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Key
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestBrand_HistoryCarriesCoherence(t *testing.T) {
	b := threeAssessments()
	b.Assessments[0].Journeys = nil
	b.Assessments[1].Journeys = []assessment.Journey{{Name: "BOPIS", Runs: 40, Failures: 6}}
	cards := Brand(testModel(), b, buildDate)
	h := cards[2].History
	want := []*float64{nil, ptr(0.15), ptr(1.0 / 50)}
	for i, w := range want {
		if !sameFloat(h[i].Coherence, w) {
			t.Errorf("point %d coherence = %v, want %v", i, show(h[i].Coherence), show(w))
		}
	}
}
