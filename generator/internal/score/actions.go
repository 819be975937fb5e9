package score

import (
	"strings"
	"time"

	"scorebook/generator/internal/assessment"
)

// actions lists the brand's plan as scorecard.json gives it, each action
// judged overdue or not as of asOf.
func actions(a *assessment.Assessment, asOf time.Time) []Action {
	out := make([]Action, len(a.Actions))
	for i, ac := range a.Actions {
		out[i] = Action{Title: ac.Title, Target: ac.Target, Status: ac.Status, Overdue: overdue(ac, asOf)}
		if ac.Criterion != "" {
			out[i].Criterion = &ac.Criterion
		}
		if strings.TrimSpace(ac.Owner) != "" {
			out[i].Owner = &ac.Owner
		}
		if ac.Due != nil {
			d := assessment.Date(*ac.Due)
			out[i].Due = &d
		}
	}
	return out
}

// overdue reports whether an action is planned or in progress and was due
// before asOf.
func overdue(ac assessment.Action, asOf time.Time) bool {
	return ac.Open() && ac.Due != nil && days(*ac.Due, asOf) > 0
}

// cover records, on each step of the path to the next level, which open
// actions raise its criterion to at least the step's level (or to a level
// they do not state).
func cover(steps []Step, plan []assessment.Action) {
	for i := range steps {
		s := &steps[i]
		for j, ac := range plan {
			dim, crit, ok := ac.Raises()
			if !ok || !ac.Open() || dim != s.Dimension || crit != s.Criterion {
				continue
			}
			if ac.Target == nil || *ac.Target >= s.To {
				s.CoveredBy = append(s.CoveredBy, j)
			}
		}
	}
}

// checkOverdueAction flags each planned or in-progress action of the
// brand's plan that was due before the date the assessment is judged as
// of: medium, high once it is more than high_after_days late.
func checkOverdueAction(r *checkRun) {
	highAfter := r.param("high_after_days")
	for _, ac := range r.a.Actions {
		if !overdue(ac, r.asOf) {
			continue
		}
		late := days(*ac.Due, r.asOf)
		severity := Medium
		if float64(late) > highAfter {
			severity = High
		}
		owner := "no owner named"
		if o := strings.TrimSpace(ac.Owner); o != "" {
			owner = "owner: " + o
		}
		state := "has not started"
		if ac.Status == assessment.InProgress {
			state = "is still in progress"
		}
		r.add(severity, "overdue/"+ac.Title, "\"%s\" (%s) was due %s, %d %s before %s, and %s",
			ac.Title, owner, assessment.Date(*ac.Due), late, plural(late, "day", "days"), assessment.Date(r.asOf), state)
	}
}
