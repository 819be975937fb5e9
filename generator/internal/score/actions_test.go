package score

import (
	"reflect"
	"testing"

	"scorebook/generator/internal/assessment"
)

func plan(actions ...assessment.Action) func(a *assessment.Assessment) {
	return func(a *assessment.Assessment) { a.Actions = actions }
}

func action(title, status, due string) assessment.Action {
	ac := assessment.Action{Title: title, Status: status, Owner: "Head of platform"}
	if due != "" {
		ac.Due = ptr(date(due))
	}
	return ac
}

func TestCheck_OverdueAction(t *testing.T) {
	runCheckCases(t, "overdue-action", []checkCase{
		{name: "no plan"},
		{name: "due on the day judged", change: plan(action("Review runbooks", "planned", "2026-10-01"))},
		{name: "no due date", change: plan(action("Review runbooks", "planned", ""))},
		{name: "done late", change: plan(action("Review runbooks", "done", "2026-01-01"))},
		{name: "dropped late", change: plan(action("Review runbooks", "dropped", "2026-01-01"))},
		{
			name:   "planned, a day late",
			change: plan(action("Review runbooks", "planned", "2026-09-30")),
			want: []want{{Medium, "overdue/Review runbooks",
				`"Review runbooks" (owner: Head of platform) was due 2026-09-30, 1 day before 2026-10-01, and has not started`}},
		},
		{
			name: "in progress, long late, and no owner",
			change: plan(assessment.Action{Title: "Hire two engineers", Status: "in-progress", Due: ptr(date("2026-06-01"))},
				action("Review runbooks", "planned", "2026-09-30")),
			want: []want{
				{High, "overdue/Hire two engineers", `"Hire two engineers" (no owner named) was due 2026-06-01, 122 days before 2026-10-01, and is still in progress`},
				{Medium, "overdue/Review runbooks", "1 day before"},
			},
		},
		{
			name:   "the high threshold from the model",
			model:  setParam("overdue-action", "high_after_days", 0),
			change: plan(action("Review runbooks", "planned", "2026-09-30")),
			want:   []want{{High, "overdue/Review runbooks", "1 day before"}},
		},
	})
}

func TestActions_JudgedAsOfTheAssessmentsOwnDate(t *testing.T) {
	m := testModel()
	old := healthyAssessment()
	old.Assessed = date("2026-03-01")
	old.Actions = []assessment.Action{action("Review runbooks", "planned", "2026-06-30")}
	cur := healthyAssessment()
	cards := Brand(m, &assessment.Brand{Slug: "northwind", Assessments: []*assessment.Assessment{old, cur}}, buildDate)
	if cards[0].Actions[0].Overdue || hasCheck(cards[0].Findings, "overdue-action") {
		t.Errorf("an action due after the earlier assessment's own date is overdue there: %+v", cards[0].Actions)
	}
	want := Action{Title: "Review runbooks", Owner: ptr("Head of platform"), Due: ptr("2026-06-30"), Status: "planned"}
	if !reflect.DeepEqual(cards[0].Actions[0], want) {
		t.Errorf("action = %+v, want %+v", cards[0].Actions[0], want)
	}
	if len(cards[1].Actions) != 0 || cards[1].Actions == nil {
		t.Errorf("an assessment without a plan has actions %#v, want an empty list", cards[1].Actions)
	}
}

func TestNextLevel_StepsCoveredByOpenActionsThatReachFarEnough(t *testing.T) {
	m := testModel()
	a := healthyAssessment()
	a.Scores = map[string]map[string]assessment.Rating{
		"operations":  {"monitoring": lv(2), "on-call": lv(2)},
		"engineering": {"testing": lv(2)},
	}
	target := func(ac assessment.Action, crit string, level int) assessment.Action {
		ac.Criterion, ac.Target = crit, &level
		return ac
	}
	a.Actions = []assessment.Action{
		target(action("Dashboards", "in-progress", ""), "operations.monitoring", 3),  // 0: covers monitoring
		target(action("Rota", "planned", ""), "operations.on-call", 2),               // 1: aims too low
		target(action("Old rota", "done", ""), "operations.on-call", 4),              // 2: done, no longer open
		{Title: "Test suite", Status: "planned", Criterion: "engineering.testing"},   // 3: no target: covers
		target(action("More dashboards", "planned", ""), "operations.monitoring", 4), // 4: covers monitoring too
	}
	nl := Compute(m, a, nil, buildDate).NextLevel
	if nl == nil {
		t.Fatal("no next level")
	}
	got := map[string][]int{}
	for _, s := range nl.Steps {
		got[s.Criterion] = s.CoveredBy
	}
	want := map[string][]int{"monitoring": {0, 4}, "on-call": {}, "testing": {3}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("covered by %v, want %v", got, want)
	}
}
