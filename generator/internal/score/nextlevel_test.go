package score

import (
	"maps"
	"reflect"
	"testing"

	"scorebook/generator/internal/assessment"
	"scorebook/generator/internal/model"
)

func TestNextLevel(t *testing.T) {
	type ratings = map[string]map[string]assessment.Rating
	all := func(level int) ratings {
		return ratings{
			"architecture": {"api-gateway": lv(level), "event-backbone": lv(level), "master-data": lv(level)},
			"operations":   {"monitoring": lv(level), "on-call": lv(level)},
			"engineering":  {"testing": lv(level)},
		}
	}
	bands := func(bs ...model.Band) func(*model.Model) { return func(m *model.Model) { m.Levels = bs } }
	tests := []struct {
		name   string
		model  func(*model.Model)
		scores ratings
		want   *NextLevel // nil: no path
	}{
		{
			// Gains per level (× ΣW = 4): monitoring, on-call and testing
			// 1 each, master data 0.5, API gateway and event backbone 0.25.
			// Ties are taken in model order: operations before engineering,
			// API gateway before event backbone.
			name:   "one level each, greatest gain first, ties in model order",
			scores: all(2),
			want: &NextLevel{Level: "Managed", Min: 3, ScoreAfter: 3, Cap: 1, Raises: 6, Steps: []Step{
				st("operations", "monitoring", 2, 3), st("operations", "on-call", 2, 3), st("engineering", "testing", 2, 3),
				st("architecture", "master-data", 2, 3), st("architecture", "api-gateway", 2, 3), st("architecture", "event-backbone", 2, 3),
			}},
		},
		{
			name: "stops at the first raise that reaches the band",
			scores: ratings{
				"architecture": {"api-gateway": lv(3), "event-backbone": lv(3), "master-data": lv(3)},
				"operations":   {"monitoring": lv(3), "on-call": lv(3)},
				"engineering":  {"testing": lv(1)},
			},
			// 2.5 overall; each of monitoring, on-call, testing adds 0.25.
			want: &NextLevel{Level: "Managed", Min: 3, ScoreAfter: 3, Cap: 1, Raises: 2, Steps: []Step{
				st("operations", "monitoring", 3, 4), st("operations", "on-call", 3, 4),
			}},
		},
		{
			name: "criteria at the top of the scale are not raised",
			scores: ratings{
				"operations":  {"monitoring": lv(4), "on-call": lv(2)},
				"engineering": {"testing": lv(2)},
			},
			// (2·3 + 2) / 3 = 2.67: on-call adds 1/3, testing 1/3.
			want: &NextLevel{Level: "Managed", Min: 3, ScoreAfter: 3, Cap: 1, Raises: 1, Steps: []Step{
				st("operations", "on-call", 2, 3),
			}},
		},
		{
			name:  "exempt criteria are not raised, a cap above 1, a criterion raised twice is one step",
			model: bands(model.Band{Name: "Ad hoc", Min: 0}, model.Band{Name: "Defined", Min: 2}),
			scores: ratings{
				"architecture": {"api-gateway": lv(0), "event-backbone": exempt(), "master-data": lv(0)},
			},
			// Only architecture is scored: master data adds 2/3 a level,
			// API gateway 1/3. One level each reaches 1; two each reach 2.
			want: &NextLevel{Level: "Defined", Min: 2, ScoreAfter: 2, Cap: 2, Raises: 4, Steps: []Step{
				st("architecture", "master-data", 0, 2), st("architecture", "api-gateway", 0, 2),
			}},
		},
		{
			name:  "one criterion raised three levels",
			model: bands(model.Band{Name: "Ad hoc", Min: 0}, model.Band{Name: "Managed", Min: 3}),
			scores: ratings{
				"engineering": {"testing": lv(0)},
			},
			want: &NextLevel{Level: "Managed", Min: 3, ScoreAfter: 3, Cap: 3, Raises: 3, Steps: []Step{
				st("engineering", "testing", 0, 3),
			}},
		},
		{
			name: "a dimension not assessed is neither raised nor counted",
			scores: ratings{
				"architecture": {"api-gateway": lv(2), "event-backbone": lv(2), "master-data": lv(2)},
				"operations":   {"monitoring": lv(2), "on-call": lv(2)},
			},
			// ΣW = 3: monitoring and on-call add 1/3 each, master data 1/6,
			// API gateway and event backbone 1/12.
			want: &NextLevel{Level: "Managed", Min: 3, ScoreAfter: 3, Cap: 1, Raises: 5, Steps: []Step{
				st("operations", "monitoring", 2, 3), st("operations", "on-call", 2, 3), st("architecture", "master-data", 2, 3),
				st("architecture", "api-gateway", 2, 3), st("architecture", "event-backbone", 2, 3),
			}},
		},
		{
			name:   "below every band, the lowest band is next",
			model:  bands(model.Band{Name: "Emerging", Min: 1}, model.Band{Name: "Defined", Min: 2}),
			scores: ratings{"engineering": {"testing": lv(0)}},
			want: &NextLevel{Level: "Emerging", Min: 1, ScoreAfter: 1, Cap: 1, Raises: 1, Steps: []Step{
				st("engineering", "testing", 0, 1),
			}},
		},
		{name: "top band", scores: all(4)},
		{name: "inside the top band but below the scale's top", scores: ratings{"engineering": {"testing": lv(3)}, "operations": {"monitoring": lv(4), "on-call": lv(4)}}},
		{name: "no score", scores: ratings{"engineering": {"testing": exempt()}}},
		{
			name:   "unreachable: the next band lies above the scale",
			model:  bands(model.Band{Name: "Ad hoc", Min: 0}, model.Band{Name: "Beyond", Min: 4.5}),
			scores: all(2),
		},
		{
			name:   "the criterion below the top raised two levels, the one at the top left",
			model:  bands(model.Band{Name: "Ad hoc", Min: 0}, model.Band{Name: "Managed", Min: 3}),
			scores: ratings{"engineering": {"testing": exempt()}, "operations": {"monitoring": lv(4), "on-call": lv(0)}},
			want: &NextLevel{Level: "Managed", Min: 3, ScoreAfter: 3, Cap: 2, Raises: 2, Steps: []Step{
				st("operations", "on-call", 0, 2),
			}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := testModel()
			if tc.model != nil {
				tc.model(m)
			}
			a := healthyAssessment()
			a.Scores = tc.scores
			c := Compute(m, a, nil, buildDate)
			if !reflect.DeepEqual(c.NextLevel, tc.want) {
				t.Fatalf("next level of %v:\n got %+v\nwant %+v", show(c.Overall.Score), c.NextLevel, tc.want)
			}
			if tc.want == nil {
				return
			}
			// The raised assessment scores exactly the score after, in the
			// band aimed for.
			raised := *a
			raised.Scores = map[string]map[string]assessment.Rating{}
			for d, rs := range a.Scores {
				raised.Scores[d] = maps.Clone(rs)
			}
			for _, s := range c.NextLevel.Steps {
				raised.Scores[s.Dimension][s.Criterion] = lv(s.To)
			}
			after := Compute(m, &raised, nil, buildDate)
			if *after.Overall.Score != c.NextLevel.ScoreAfter {
				t.Errorf("the raised assessment scores %v, the path says %v", *after.Overall.Score, c.NextLevel.ScoreAfter)
			}
			if after.Overall.Level == nil || *after.Overall.Level != tc.want.Level {
				t.Errorf("the raised assessment is in band %v, want %s", after.Overall.Level, tc.want.Level)
			}
		})
	}
}

func st(dimension, criterion string, from, to int) Step {
	return Step{Dimension: dimension, Criterion: criterion, From: from, To: to, CoveredBy: []int{}}
}
