package score

import (
	"reflect"
	"testing"

	"scorebook/generator/internal/assessment"
	"scorebook/generator/internal/model"
)

func TestPatternFit(t *testing.T) {
	m := testModel() // weights: architecture 1, operations 2, engineering 1
	scores := func(arch, ops, eng *float64) []DimensionScore {
		return []DimensionScore{{ID: "architecture", Score: arch}, {ID: "operations", Score: ops}, {ID: "engineering", Score: eng}}
	}
	tests := []struct {
		name       string
		demands    map[string]float64
		dims       []DimensionScore
		want       float64
		shortfalls []Shortfall
	}{
		{
			name:       "no demands fits fully",
			demands:    nil,
			dims:       scores(nil, nil, nil),
			want:       1,
			shortfalls: []Shortfall{},
		},
		{
			name:       "scores above demands are capped at 1",
			demands:    map[string]float64{"architecture": 2, "operations": 3},
			dims:       scores(ptr(4.0), ptr(3.0), nil),
			want:       1,
			shortfalls: []Shortfall{},
		},
		{
			name:    "weighted partial fit, missing score counts 0",
			demands: map[string]float64{"architecture": 3, "operations": 2.5, "engineering": 3},
			dims:    scores(ptr(3.0), ptr(2.0), nil),
			want:    (1*1 + 2*(2/2.5) + 1*0) / 4,
			shortfalls: []Shortfall{
				{Dimension: "operations", Required: 2.5, Score: ptr(2.0)},
				{Dimension: "engineering", Required: 3},
			},
		},
		{
			name:    "shortfalls in model order whatever the map holds",
			demands: map[string]float64{"engineering": 1, "architecture": 4, "operations": 4},
			dims:    scores(ptr(2.0), ptr(1.0), ptr(1.0)),
			want:    (1*0.5 + 2*0.25 + 1*1) / 4,
			shortfalls: []Shortfall{
				{Dimension: "architecture", Required: 4, Score: ptr(2.0)},
				{Dimension: "operations", Required: 4, Score: ptr(1.0)},
			},
		},
		{
			name:       "a demand of 0 is always met",
			demands:    map[string]float64{"engineering": 0},
			dims:       scores(nil, nil, nil),
			want:       1,
			shortfalls: []Shortfall{},
		},
		{
			name:       "a score of 0 fits 0",
			demands:    map[string]float64{"operations": 2},
			dims:       scores(nil, ptr(0.0), nil),
			want:       0,
			shortfalls: []Shortfall{{Dimension: "operations", Required: 2, Score: ptr(0.0)}},
		},
		{
			name:       "demand on a dimension the model lacks is ignored",
			demands:    map[string]float64{"retired": 3},
			dims:       scores(nil, nil, nil),
			want:       1,
			shortfalls: []Shortfall{},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := patternFit(m, model.Pattern{ID: "p", Demands: tc.demands}, tc.dims, nil)
			if !sameFloat(&got.Fit, &tc.want) {
				t.Errorf("fit = %v, want %v", got.Fit, tc.want)
			}
			if !reflect.DeepEqual(got.Shortfalls, tc.shortfalls) {
				t.Errorf("shortfalls = %+v, want %+v", got.Shortfalls, tc.shortfalls)
			}
		})
	}
}

func TestPatternFit_ZeroWeightDimensionsCountAlike(t *testing.T) {
	m := testModel()
	for i := range m.Dimensions {
		m.Dimensions[i].Weight = 0
	}
	dims := []DimensionScore{{ID: "architecture", Score: ptr(1.0)}, {ID: "operations", Score: ptr(2.0)}, {ID: "engineering"}}
	got := patternFit(m, model.Pattern{Demands: map[string]float64{"architecture": 2, "operations": 2}}, dims, nil)
	if got.Fit != 0.75 {
		t.Errorf("fit = %v, want 0.75", got.Fit)
	}
}

func TestScorecard_PatternFitForEveryPattern(t *testing.T) {
	m := testModel()
	c := Compute(m, healthyAssessment(), nil, buildDate)
	if len(c.PatternFit) != len(m.Patterns) {
		t.Fatalf("%d pattern fits, want %d", len(c.PatternFit), len(m.Patterns))
	}
	for i, p := range m.Patterns {
		if c.PatternFit[i].Pattern != p.ID {
			t.Errorf("pattern fit %d is %s, want %s", i, c.PatternFit[i].Pattern, p.ID)
		}
	}
}

func TestPatternFit_CriteriaHalf(t *testing.T) {
	tests := []struct {
		name    string
		leansOn map[string]int
		change  func(a *assessment.Assessment)
		want    float64
		short   []CriterionShortfall
	}{
		{name: "criteria met", leansOn: map[string]int{"operations.on-call": 3}, want: 1, short: []CriterionShortfall{}},
		{
			name:    "half from dimensions, half from the criteria's mean",
			leansOn: map[string]int{"architecture.event-backbone": 4, "operations.on-call": 3},
			change:  func(a *assessment.Assessment) { a.Scores["operations"]["on-call"] = lv(0) },
			// operations scores 1.5 against 3 (weight 2), engineering 3 against 2 (weight 1):
			// dimensions (2·0.5 + 1)/3; criteria (3/4 + 0)/2.
			want: ((2*0.5+1)/3 + (0.75+0)/2) / 2,
			short: []CriterionShortfall{
				{Dimension: "architecture", Criterion: "event-backbone", Required: 4, Level: ptr(3)},
				{Dimension: "operations", Criterion: "on-call", Required: 3, Level: ptr(0)},
			},
		},
		{
			name:    "unassessed criterion counts 0, exempt one is left out",
			leansOn: map[string]int{"architecture.event-backbone": 3, "architecture.api-gateway": 3},
			change: func(a *assessment.Assessment) {
				delete(a.Scores["architecture"], "event-backbone")
				a.Scores["architecture"]["api-gateway"] = exempt()
			},
			want:  (1 + 0) / 2.0,
			short: []CriterionShortfall{{Dimension: "architecture", Criterion: "event-backbone", Required: 3}},
		},
		{
			name:    "only exempt criteria: dimensions alone",
			leansOn: map[string]int{"architecture.api-gateway": 3},
			change:  func(a *assessment.Assessment) { a.Scores["architecture"]["api-gateway"] = exempt() },
			want:    1,
			short:   []CriterionShortfall{},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := testModel()
			m.Patterns[0].LeansOn = tc.leansOn
			m.Patterns[0].MinEngineers = 0 // the engineers part has its own test
			a := healthyAssessment()
			if tc.change != nil {
				tc.change(a)
			}
			got := Compute(m, a, nil, buildDate).PatternFit[0]
			if !sameFloat(&got.Fit, &tc.want) {
				t.Errorf("fit = %v, want %v", got.Fit, tc.want)
			}
			if !reflect.DeepEqual(got.CriterionShortfalls, tc.short) {
				t.Errorf("criterion shortfalls = %+v, want %+v", got.CriterionShortfalls, tc.short)
			}
		})
	}
}

func TestPatternFit_EngineersPart(t *testing.T) {
	dims := []DimensionScore{{ID: "architecture", Score: ptr(4.0)}, {ID: "operations", Score: ptr(4.0)}, {ID: "engineering", Score: ptr(4.0)}}
	p := model.Pattern{Demands: map[string]float64{"operations": 3}, MinEngineers: 4}
	for _, tc := range []struct {
		name      string
		engineers *int
		want      float64
	}{
		{"enough engineers", ptr(4), 1},
		{"more than enough", ptr(9), 1},
		{"half the engineers", ptr(2), (1 + 0.5) / 2},
		{"none recorded", nil, 0.5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := patternFit(testModel(), p, dims, tc.engineers)
			if !sameFloat(&got.Fit, &tc.want) {
				t.Errorf("fit = %v, want %v", got.Fit, tc.want)
			}
		})
	}
}
