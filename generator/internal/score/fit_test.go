package score

import (
	"reflect"
	"testing"

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
			got := patternFit(m, model.Pattern{ID: "p", Demands: tc.demands}, tc.dims)
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
	got := patternFit(m, model.Pattern{Demands: map[string]float64{"architecture": 2, "operations": 2}}, dims)
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
