package score

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"scorebook/generator/internal/assessment"
	"scorebook/generator/internal/model"
)

func TestScore_DimensionFormula(t *testing.T) {
	tests := []struct {
		name         string
		ratings      map[string]assessment.Rating
		wantScore    *float64
		wantCoverage float64
	}{
		{
			name:         "weighted mean of every criterion",
			ratings:      map[string]assessment.Rating{"api-gateway": lv(2), "event-backbone": lv(4), "master-data": lv(3)},
			wantScore:    ptr((1*2 + 1*4 + 2*3) / 4.0),
			wantCoverage: 1,
		},
		{
			name:         "weights count: the heavy criterion pulls the score",
			ratings:      map[string]assessment.Rating{"api-gateway": lv(0), "event-backbone": lv(0), "master-data": lv(4)},
			wantScore:    ptr(2.0),
			wantCoverage: 1,
		},
		{
			name:         "exempt criterion leaves the denominator but counts as covered",
			ratings:      map[string]assessment.Rating{"api-gateway": exempt(), "event-backbone": lv(4), "master-data": lv(3)},
			wantScore:    ptr((1*4 + 2*3) / 3.0),
			wantCoverage: 1,
		},
		{
			name:         "missing criterion leaves the denominator and the coverage",
			ratings:      map[string]assessment.Rating{"api-gateway": lv(2)},
			wantScore:    ptr(2.0),
			wantCoverage: 0.25,
		},
		{
			name:         "nothing assessed is nil, not 0",
			ratings:      nil,
			wantScore:    nil,
			wantCoverage: 0,
		},
		{
			name:         "all exempt is nil with full coverage",
			ratings:      map[string]assessment.Rating{"api-gateway": exempt(), "event-backbone": exempt(), "master-data": exempt()},
			wantScore:    nil,
			wantCoverage: 1,
		},
		{
			name:         "level 0 is a score of 0, not a missing score",
			ratings:      map[string]assessment.Rating{"master-data": lv(0)},
			wantScore:    ptr(0.0),
			wantCoverage: 0.5,
		},
		{
			name:         "a rating for a criterion the model lacks is ignored",
			ratings:      map[string]assessment.Rating{"api-gateway": lv(4), "retired-criterion": lv(0)},
			wantScore:    ptr(4.0),
			wantCoverage: 0.25,
		},
		{
			name:         "exempt wins over a level given with it",
			ratings:      map[string]assessment.Rating{"api-gateway": {Exempt: true, Level: 4}, "event-backbone": lv(1)},
			wantScore:    ptr(1.0),
			wantCoverage: 0.5,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := healthyAssessment()
			a.Scores["architecture"] = tc.ratings
			c := Compute(testModel(), a, nil, buildDate)
			d := dimScore(t, c, "architecture")
			if !sameFloat(d.Score, tc.wantScore) {
				t.Errorf("score = %v, want %v", show(d.Score), show(tc.wantScore))
			}
			if d.Coverage != tc.wantCoverage {
				t.Errorf("coverage = %v, want %v", d.Coverage, tc.wantCoverage)
			}
		})
	}
}

func TestScore_CriterionScores(t *testing.T) {
	a := healthyAssessment()
	a.Scores["architecture"] = map[string]assessment.Rating{
		"api-gateway":    {Level: 2, Evidence: "gateway config", Confidence: "high"},
		"event-backbone": {Exempt: true, Reason: "no events yet"},
	}
	c := Compute(testModel(), a, nil, buildDate)
	got := dimScore(t, c, "architecture").Criteria
	want := []CriterionScore{
		{ID: "api-gateway", Level: ptr(2), Evidence: "gateway config", Confidence: "high"},
		{ID: "event-backbone", Exempt: true, Reason: "no events yet"},
		{ID: "master-data"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("criteria = %+v, want %+v", got, want)
	}
}

func TestScore_Overall(t *testing.T) {
	tests := []struct {
		name         string
		scores       map[string]map[string]assessment.Rating
		wantScore    *float64
		wantLevel    *string
		wantCoverage float64
	}{
		{
			name: "weighted by dimension weight",
			scores: map[string]map[string]assessment.Rating{
				"architecture": {"api-gateway": lv(3), "event-backbone": lv(3), "master-data": lv(3)},
				"operations":   {"monitoring": lv(1), "on-call": lv(1)},
				"engineering":  {"testing": lv(4)},
			},
			wantScore:    ptr((1*3 + 2*1 + 1*4) / 4.0),
			wantLevel:    ptr("Defined"),
			wantCoverage: 1,
		},
		{
			name: "only dimensions with a score count",
			scores: map[string]map[string]assessment.Rating{
				"architecture": {"api-gateway": lv(3), "event-backbone": lv(3), "master-data": lv(3)},
				"engineering":  {"testing": lv(1)},
			},
			wantScore:    ptr((1*3 + 1*1) / 2.0),
			wantLevel:    ptr("Defined"),
			wantCoverage: (1*1 + 2*0 + 1*1) / 4.0,
		},
		{
			name: "an all-exempt dimension has no score but full coverage",
			scores: map[string]map[string]assessment.Rating{
				"architecture": {"api-gateway": lv(4), "event-backbone": lv(4), "master-data": lv(4)},
				"operations":   {"monitoring": exempt(), "on-call": exempt()},
			},
			wantScore:    ptr(4.0),
			wantLevel:    ptr("Optimized"),
			wantCoverage: (1*1 + 2*1 + 1*0) / 4.0,
		},
		{
			name: "partial coverage inside dimensions",
			scores: map[string]map[string]assessment.Rating{
				"architecture": {"master-data": lv(2)},
				"operations":   {"monitoring": lv(2)},
			},
			wantScore:    ptr(2.0),
			wantLevel:    ptr("Defined"),
			wantCoverage: (1*0.5 + 2*0.5 + 1*0) / 4.0,
		},
		{
			name:         "nothing assessed is nil with no level",
			scores:       nil,
			wantScore:    nil,
			wantLevel:    nil,
			wantCoverage: 0,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := healthyAssessment()
			a.Scores = tc.scores
			o := Compute(testModel(), a, nil, buildDate).Overall
			if !sameFloat(o.Score, tc.wantScore) {
				t.Errorf("score = %v, want %v", show(o.Score), show(tc.wantScore))
			}
			if !reflect.DeepEqual(o.Level, tc.wantLevel) {
				t.Errorf("level = %v, want %v", o.Level, tc.wantLevel)
			}
			if !sameFloat(&o.Coverage, &tc.wantCoverage) {
				t.Errorf("coverage = %v, want %v", o.Coverage, tc.wantCoverage)
			}
		})
	}
}

func TestLevel_BandBoundaries(t *testing.T) {
	m := testModel()
	tests := []struct {
		score float64
		want  *string
	}{
		{0, ptr("Ad hoc")},
		{0.999, ptr("Ad hoc")},
		{1, ptr("Emerging")},
		{2, ptr("Defined")},
		{2.9999, ptr("Defined")},
		{3, ptr("Managed")},
		{3.4999999, ptr("Managed")},
		{3.5, ptr("Optimized")},
		{4, ptr("Optimized")},
		{-0.5, nil},
	}
	for _, tc := range tests {
		if got := Level(m, tc.score); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Level(%v) = %v, want %v", tc.score, got, tc.want)
		}
	}
}

func TestLevel_BandsInAnyOrder(t *testing.T) {
	m := testModel()
	m.Levels = []model.Band{{Name: "Top", Min: 3}, {Name: "Bottom", Min: 0}, {Name: "Middle", Min: 1.5}}
	for score, want := range map[float64]string{0.5: "Bottom", 1.5: "Middle", 2.9: "Middle", 3.2: "Top"} {
		if got := Level(m, score); got == nil || *got != want {
			t.Errorf("Level(%v) = %v, want %s", score, got, want)
		}
	}
}

// Weights 0.1, 0.2 and 0.3 with every level at 3 give a weighted mean of
// 2.9999999999999996 in binary floating point.
func TestScore_RoundingAtBandBoundaryStaysInBand(t *testing.T) {
	m := testModel()
	m.Dimensions[0].Criteria[0].Weight = 0.1
	m.Dimensions[0].Criteria[1].Weight = 0.2
	m.Dimensions[0].Criteria[2].Weight = 0.3
	m.Dimensions = m.Dimensions[:1]
	m.Patterns = []model.Pattern{{ID: "p", Demands: map[string]float64{"architecture": 3}}}
	a := healthyAssessment()
	c := Compute(m, a, nil, buildDate)
	if s := *c.Overall.Score; s >= 3 {
		t.Fatalf("test premise: score = %v, want just under 3", s)
	}
	if got := *c.Overall.Level; got != "Managed" {
		t.Errorf("level = %q, want Managed", got)
	}
	if f := c.PatternFit[0]; f.Fit != 1 || len(f.Shortfalls) != 0 {
		t.Errorf("pattern fit = %+v, want 1 with no shortfalls", f)
	}
	for _, f := range c.Findings {
		if f.Check == "target-gap" {
			t.Errorf("unexpected finding %q", f.Message)
		}
	}
}

func TestScore_ZeroWeightsGiveNoScoreRatherThanNaN(t *testing.T) {
	m := testModel()
	for i := range m.Dimensions[0].Criteria {
		m.Dimensions[0].Criteria[i].Weight = 0
	}
	for i := range m.Dimensions {
		m.Dimensions[i].Weight = 0
	}
	c := Compute(m, healthyAssessment(), nil, buildDate)
	if d := dimScore(t, c, "architecture"); d.Score != nil || d.Coverage != 0 {
		t.Errorf("architecture = %v coverage %v, want nil and 0", show(d.Score), d.Coverage)
	}
	if c.Overall.Score != nil || c.Overall.Coverage != 0 {
		t.Errorf("overall = %v coverage %v, want nil and 0", show(c.Overall.Score), c.Overall.Coverage)
	}
	if _, err := json.Marshal(c); err != nil {
		t.Errorf("marshal: %v", err)
	}
}

func TestScore_TargetsAndIdentity(t *testing.T) {
	a := healthyAssessment()
	a.Targets = map[string]float64{"operations": 3.5, "unknown": 2}
	c := Compute(testModel(), a, nil, buildDate)
	if c.Brand != "Northwind Outfitters" || c.Slug != "northwind" || c.Assessed != "2026-09-30" || c.ModelVersion != "test-1" {
		t.Errorf("identity = %q %q %q %q", c.Brand, c.Slug, c.Assessed, c.ModelVersion)
	}
	if got := dimScore(t, c, "operations").Target; got == nil || *got != 3.5 {
		t.Errorf("operations target = %v, want 3.5", show(got))
	}
	if got := dimScore(t, c, "architecture").Target; got != nil {
		t.Errorf("architecture target = %v, want nil", *got)
	}
}

func TestScore_Coherence(t *testing.T) {
	tests := []struct {
		name     string
		journeys []assessment.Journey
		want     *Coherence
	}{
		{"no journeys", nil, nil},
		{"journeys never run", []assessment.Journey{{Name: "a"}, {Name: "b"}}, nil},
		{"summed over journeys", []assessment.Journey{{Runs: 30, Failures: 6}, {Runs: 10, Failures: 1}}, &Coherence{Runs: 40, Failures: 7, FailureRate: 7.0 / 40}},
		{"no failures", []assessment.Journey{{Runs: 12}}, &Coherence{Runs: 12}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := healthyAssessment()
			a.Journeys = tc.journeys
			if got := Compute(testModel(), a, nil, buildDate).Coherence; !reflect.DeepEqual(got, tc.want) {
				t.Errorf("coherence = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestScorecard_JSONNullsNotZeros(t *testing.T) {
	a := healthyAssessment()
	a.Scores = map[string]map[string]assessment.Rating{"operations": {"monitoring": exempt()}}
	a.Journeys = nil
	data, err := json.Marshal(Compute(testModel(), a, nil, buildDate))
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for _, want := range []string{
		`"overall":{"score":null,"level":null,"coverage":0.25}`,
		`{"id":"architecture","score":null,"coverage":0,"target":3,"criteria":[{"id":"api-gateway","level":null,"exempt":false,"evidence":"","confidence":""}`,
		`{"id":"monitoring","level":null,"exempt":true,"reason":"not applicable","evidence":"","confidence":""}`,
		`"coherence":null`,
		`"history":[{"assessed":"2026-09-30","overall":null,"dimensions":{"architecture":null,"engineering":null,"operations":null},"coherence":null}]`,
		`"shortfalls":[]`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("JSON lacks %s\n%s", want, s)
		}
	}
	if strings.Contains(s, `"changes"`) || strings.Contains(s, `"Key"`) {
		t.Errorf("JSON has changes or a finding key for a first assessment:\n%s", s)
	}
}

func TestCompute_Deterministic(t *testing.T) {
	m := testModel()
	b := threeAssessments()
	first := Compute(m, b.Assessments[2], b.Assessments[:2], buildDate)
	firstJSON, err := json.Marshal(first)
	if err != nil {
		t.Fatal(err)
	}
	// Maps in the model and the assessment are walked many times; any
	// dependence on their order would show within a few runs.
	for i := 0; i < 20; i++ {
		again := Compute(m, b.Assessments[2], b.Assessments[:2], buildDate)
		if !reflect.DeepEqual(first, again) {
			t.Fatalf("run %d differs from the first", i)
		}
		data, err := json.Marshal(again)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(firstJSON, data) {
			t.Fatalf("run %d JSON differs:\n%s\n%s", i, firstJSON, data)
		}
	}
}

func TestCompute_DoesNotModifyInputs(t *testing.T) {
	m := testModel()
	b := threeAssessments()
	wantM, wantB := testModel(), threeAssessments()
	Brand(m, b, buildDate)
	Compute(m, b.Assessments[2], b.Assessments[:2], buildDate)
	if !reflect.DeepEqual(m, wantM) {
		t.Error("model modified")
	}
	if !reflect.DeepEqual(b, wantB) {
		t.Error("assessments modified")
	}
}

func TestExplain_MatchesCompute(t *testing.T) {
	m := testModel()
	for _, a := range threeAssessments().Assessments {
		c := Compute(m, a, nil, buildDate)
		e := Explain(m, a)
		assertExplains(t, m, c, e)
	}
}

// assertExplains checks that every figure of an explanation equals the
// scorecard's exactly, and that the sums add up.
func assertExplains(t *testing.T, m *model.Model, c *Scorecard, e Explanation) {
	t.Helper()
	if !reflect.DeepEqual(e.Overall.Score, c.Overall.Score) || !reflect.DeepEqual(e.Overall.Level, c.Overall.Level) || e.Overall.Coverage != c.Overall.Coverage {
		t.Errorf("overall explained as %v %v %v, computed %v %v %v",
			show(e.Overall.Score), e.Overall.Level, e.Overall.Coverage, show(c.Overall.Score), c.Overall.Level, c.Overall.Coverage)
	}
	for i, de := range e.Dimensions {
		ds := c.Dimensions[i]
		if de.ID != ds.ID || !reflect.DeepEqual(de.Score, ds.Score) || de.Coverage != ds.Coverage {
			t.Errorf("%s explained as %v %v, computed %s %v %v", de.ID, show(de.Score), de.Coverage, ds.ID, show(ds.Score), ds.Coverage)
		}
		if len(de.Terms) != len(m.Dimensions[i].Criteria) {
			t.Errorf("%s has %d terms, want one per criterion", de.ID, len(de.Terms))
		}
		for j, term := range de.Terms {
			if !reflect.DeepEqual(term.Level, ds.Criteria[j].Level) || term.Exempt != ds.Criteria[j].Exempt {
				t.Errorf("%s/%s term %+v disagrees with %+v", de.ID, term.Criterion, term, ds.Criteria[j])
			}
			if (term.Product == nil) != (term.Level == nil) {
				t.Errorf("%s/%s product %v for level %v", de.ID, term.Criterion, show(term.Product), term.Level)
			}
		}
	}
}

func TestExplain_Sums(t *testing.T) {
	m := testModel()
	a := healthyAssessment()
	a.Scores = map[string]map[string]assessment.Rating{
		"architecture": {"api-gateway": lv(2), "event-backbone": exempt(), "master-data": lv(4)},
		"engineering":  {"testing": lv(1)},
	}
	e := Explain(m, a)
	arch := e.Dimensions[0]
	if arch.WeightedLevels != 1*2+2*4 || arch.ScoredWeight != 3 || arch.CoveredWeight != 4 || arch.TotalWeight != 4 {
		t.Errorf("architecture sums = %+v", arch)
	}
	if p := arch.Terms[2].Product; p == nil || *p != 8 {
		t.Errorf("master-data product = %v, want 8", show(p))
	}
	if arch.Terms[1].Product != nil || !arch.Terms[1].Exempt || !arch.Terms[1].Assessed {
		t.Errorf("exempt term = %+v", arch.Terms[1])
	}
	o := e.Overall
	if ws := 1*(10.0/3) + 1*1; o.ScoredWeight != 2 || o.TotalWeight != 4 || !sameFloat(&o.WeightedScores, &ws) {
		t.Errorf("overall sums = %+v", o)
	}
	if o.Terms[1].Product != nil || o.Terms[1].Score != nil {
		t.Errorf("unscored operations term = %+v", o.Terms[1])
	}
	if o.WeightedCoverage != 1*1+2*0+1*1 || o.Coverage != 0.5 {
		t.Errorf("overall coverage sums = %v / %v = %v", o.WeightedCoverage, o.TotalWeight, o.Coverage)
	}
}
