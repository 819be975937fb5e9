package render

import (
	"strconv"
	"strings"

	"scorebook/generator/internal/model"
	"scorebook/generator/internal/routes"
	"scorebook/generator/internal/score"
)

// ActionView is one action of a brand's plan as its scorecard lists it.
type ActionView struct {
	score.Action
	// Raises names the criterion the action raises and its dimension,
	// linked to the criterion on the dimension's page; plain text "—"
	// when the action names none.
	Raises      Anchor
	RaisesNote  string // "Operational discipline", the criterion's dimension
	TargetText  string // "3 Measured", or "" without a target
	OwnerText   string // the owner, or "—"
	DueText     string // the due date, or "—"
	StatusText  string // "in progress"
	StatusClass string // "status-in-progress"
}

// planView lays out a scorecard's actions in the file's order.
func planView(m *model.Model, actions []score.Action, rel func(target, text string) Anchor) []ActionView {
	out := make([]ActionView, 0, len(actions))
	for _, a := range actions {
		v := ActionView{Action: a, Raises: Anchor{Text: "—"}.linked(""), OwnerText: "—", DueText: "—",
			StatusText: strings.ReplaceAll(a.Status, "-", " "), StatusClass: "status-" + a.Status}
		if a.Criterion != nil {
			dim, crit, _ := strings.Cut(*a.Criterion, ".")
			name := *a.Criterion
			if c := m.Criterion(dim, crit); c != nil {
				name = c.Name
			}
			if d := m.Dimension(dim); d != nil {
				v.RaisesNote = d.Name
			}
			v.Raises = rel(routes.Criterion(dim, crit), name)
		}
		if a.Target != nil {
			v.TargetText = strconv.Itoa(*a.Target) + " " + m.LevelName(*a.Target)
		}
		if a.Owner != nil {
			v.OwnerText = *a.Owner
		}
		if a.Due != nil {
			v.DueText = *a.Due
		}
		out = append(out, v)
	}
	return out
}
