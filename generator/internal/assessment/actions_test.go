package assessment

import (
	"strings"
	"testing"
	"time"
)

func TestDecode_SummaryAndActions(t *testing.T) {
	src := header + `summary = """Stock is *right* on the site."""

[[actions]]
title = "Review every runbook"
criterion = "operations.runbooks"
target = 3
owner = "Head of platform"
due = 2027-01-31
status = "in-progress"

[[actions]]
title = "Name an owner"
status = "done"
`
	a, errs := Decode(testPath, "acme", []byte(src), testModel())
	if len(errs) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", strings.Join(strs(errs), "\n"))
	}
	if a.Summary != "Stock is *right* on the site." {
		t.Errorf("summary = %q", a.Summary)
	}
	if len(a.Actions) != 2 {
		t.Fatalf("actions = %+v", a.Actions)
	}
	first := a.Actions[0]
	dim, crit, ok := first.Raises()
	if first.Title != "Review every runbook" || dim != "operations" || crit != "runbooks" || !ok ||
		*first.Target != 3 || first.Owner != "Head of platform" || !first.Due.Equal(time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)) ||
		first.Status != InProgress || !first.Open() {
		t.Errorf("first action = %+v", first)
	}
	if second := a.Actions[1]; second.Open() || second.Target != nil || second.Due != nil {
		t.Errorf("second action = %+v", second)
	}
	if _, _, ok := a.Actions[1].Raises(); ok {
		t.Error("an action without a criterion raises one")
	}
}

func TestDecode_ActionProblems(t *testing.T) {
	src := header + `
[[actions]]
title = "Unknown criterion"
criterion = "operations.pager"
status = "planned"

[[actions]]
title = "Unknown dimension"
criterion = "ops.runbooks"
status = "planned"

[[actions]]
title = "No dot"
criterion = "runbooks"
status = "planned"

[[actions]]
title = "Off the scale"
criterion = "operations.runbooks"
target = 7
status = "planned"

[[actions]]
title = "Target without a criterion"
target = 2
status = "planned"

[[actions]]
title = "Bad status"
status = "started"

[[actions]]
title = ""

[[actions]]
status = "done"
due = "soon"
target = 2.5
colour = "red"
`
	_, errs := Decode(testPath, "acme", []byte(src), testModel())
	p := testPath + ":"
	assertHas(t, errs,
		p+`6:13: actions[1].criterion: unknown criterion "pager" in dimension "operations"; expected one of: on-call, runbooks, monitoring`,
		p+`11:13: actions[2].criterion: unknown dimension "ops"`,
		p+`16:13: actions[3].criterion: expected <dimension>.<criterion>, such as "architecture.api-gateway"; found "runbooks"`,
		p+`22:10: actions[4].target: level 7 is outside the scale; expected a whole number from 0 to 4`,
		p+`27:10: actions[5].target: a target is the level the action's criterion aims for`,
		p+`32:10: actions[6].status: expected one of: "planned", "in-progress", "done", "dropped"; found "started"`,
		p+`35:9: actions[7].title: expected what will be done, found an empty string`,
		p+`34:1: actions[7].status: required; expected status = one of: "planned"`,
		p+`37:1: actions[8].title: required`,
		p+`39:7: actions[8].due: expected a date`,
		p+`40:10: actions[8].target: expected a whole number, found the number 2.5`,
		p+`41:1: unknown key "colour" in actions[8]`,
	)
	if n := len(errs); n != 12 {
		t.Errorf("%d diagnostics, want one per problem (12):\n%s", n, strings.Join(strs(errs), "\n"))
	}
}
