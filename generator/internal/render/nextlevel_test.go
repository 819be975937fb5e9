package render

import (
	"testing"

	"scorebook/generator/internal/model"
	"scorebook/generator/internal/score"
)

func TestNextLevelView_SaysHowFarEachStepGoes(t *testing.T) {
	m := &model.Model{
		Scale:  model.Scale{Min: 0, Max: 4, Names: []string{"Absent", "Informal", "Practised", "Measured", "Leading"}},
		Levels: []model.Band{{Name: "Ad hoc", Min: 0}, {Name: "Managed", Min: 3, Summary: "Run as a service."}},
		Dimensions: []model.Dimension{{ID: "operations", Name: "Operations", Criteria: []model.Criterion{
			{ID: "runbooks", Name: "Runbooks", Levels: []string{"none", "some", "most", "all", "tested"}},
			{ID: "on-call", Name: "On-call"},
		}}},
	}
	step := func(crit string, from, to int, covered ...int) score.Step {
		return score.Step{Dimension: "operations", Criterion: crit, From: from, To: to, CoveredBy: covered}
	}
	actions := []score.Action{{Title: "Review runbooks", Status: "planned"}}
	rel := func(target, text string) Anchor { return anchorFrom("/scorecards/x/", target, text) }
	tests := []struct {
		name  string
		nl    score.NextLevel
		intro string
	}{
		{"one level each", score.NextLevel{Level: "Managed", Min: 3, Cap: 1, Raises: 2,
			Steps: []score.Step{step("runbooks", 2, 3, 0), step("on-call", 2, 3)}}, "To reach Managed: raise these 2 criteria one level"},
		{"one criterion, one level", score.NextLevel{Level: "Managed", Min: 3, Cap: 1, Raises: 1,
			Steps: []score.Step{step("runbooks", 2, 3)}}, "To reach Managed: raise this criterion one level"},
		{"one criterion, three levels", score.NextLevel{Level: "Managed", Min: 3, Cap: 3, Raises: 3,
			Steps: []score.Step{step("runbooks", 0, 3)}}, "To reach Managed: raise this criterion 3 levels"},
		{"a cap of two", score.NextLevel{Level: "Managed", Min: 3, Cap: 2, Raises: 3,
			Steps: []score.Step{step("runbooks", 1, 3), step("on-call", 2, 3)}}, "To reach Managed: raise these 2 criteria by up to 2 levels"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := nextLevelView(m, &tc.nl, actions, rel)
			if v.Intro != tc.intro || v.LevelSummary != "Run as a service." {
				t.Errorf("intro %q (summary %q), want %q", v.Intro, v.LevelSummary, tc.intro)
			}
			first := v.Steps[0]
			if first.CriterionName != "Runbooks" || first.Description != "all" || first.ToText != "3 Measured" {
				t.Errorf("first step %+v", first)
			}
			checkAnchor(t, "runbooks step", "/scorecards/x/", first.Anchor, "/dimensions/operations/", "Runbooks")
			if first.Anchor.Href != "../../dimensions/operations/#criterion-runbooks-level-3" {
				t.Errorf("runbooks step links to %q, want its level's row", first.Anchor.Href)
			}
			if len(v.Steps) > 1 && v.Steps[1].Anchor.Href != "../../dimensions/operations/#criterion-on-call" {
				t.Errorf("a step whose level the model does not describe links to %q, want the criterion", v.Steps[1].Anchor.Href)
			}
		})
	}
	v := nextLevelView(m, &tests[0].nl, actions, rel)
	if v.Uncovered != 1 || !v.Planned || len(v.Steps[0].CoveredBy) != 1 || v.Steps[0].CoveredBy[0] != "Review runbooks" {
		t.Errorf("coverage: %d uncovered, planned %v, first covered by %v", v.Uncovered, v.Planned, v.Steps[0].CoveredBy)
	}
	if nextLevelView(m, nil, nil, rel) != nil {
		t.Error("a view for no next level")
	}
}
