package render

import (
	"strconv"

	"scorebook/generator/internal/model"
	"scorebook/generator/internal/routes"
	"scorebook/generator/internal/score"
)

// NextLevelView is the path to the next maturity band as a scorecard
// shows it.
type NextLevelView struct {
	Level        string // the band aimed for
	LevelSummary string
	MinText      string // the band's minimum, "3.00"
	AfterText    string // the overall score after the raises, "3.06"
	// Intro reads "To reach Managed: raise these 7 criteria one level",
	// or "... by up to 2 levels" when the cap is above one.
	Intro string
	Steps []NextStepView
	// Uncovered counts the steps no open action of the brand's plan
	// covers; Planned is true when the brand has a plan at all.
	Uncovered int
	Planned   bool
}

// NextStepView is one criterion to raise, with what its target level
// looks like.
type NextStepView struct {
	score.Step
	DimensionName string
	CriterionName string
	FromText      string // "2 Repeatable"
	ToText        string // "3 Defined"
	// Description is what the target level looks like, from the model.
	Description string
	// Anchor links the criterion's name to the level's description on
	// the dimension's page, or to the criterion when the model does not
	// describe the level.
	Anchor Anchor
	// CoveredBy names the open actions that cover the step; empty when
	// none does yet.
	CoveredBy []string
}

// nextLevelView lays out a scorecard's path to the next band; nil when
// there is none.
func nextLevelView(m *model.Model, nl *score.NextLevel, actions []score.Action, rel func(target, text string) Anchor) *NextLevelView {
	if nl == nil {
		return nil
	}
	v := &NextLevelView{Level: nl.Level, MinText: FormatScore(&nl.Min), AfterText: FormatScore(&nl.ScoreAfter), Planned: len(actions) > 0}
	for _, b := range m.Levels {
		if b.Name == nl.Level {
			v.LevelSummary = b.Summary
		}
	}
	n := len(nl.Steps)
	v.Intro = "To reach " + nl.Level + ": raise " + plural(n, "this criterion", "these "+strconv.Itoa(n)+" criteria")
	switch {
	case nl.Cap == 1:
		v.Intro += " one level"
	case n == 1:
		v.Intro += " " + strconv.Itoa(nl.Raises) + " levels"
	default:
		v.Intro += " by up to " + strconv.Itoa(nl.Cap) + " levels"
	}
	for _, s := range nl.Steps {
		sv := NextStepView{Step: s, DimensionName: s.Dimension, CriterionName: s.Criterion,
			FromText: levelText(m, &s.From, false), ToText: levelText(m, &s.To, false)}
		if d := m.Dimension(s.Dimension); d != nil {
			sv.DimensionName = d.Name
		}
		if c := m.Criterion(s.Dimension, s.Criterion); c != nil {
			sv.CriterionName = c.Name
			if k := s.To - m.Scale.Min; k >= 0 && k < len(c.Levels) {
				sv.Description = c.Levels[k]
			}
		}
		// The dimension's page lists a level only when the model
		// describes it; otherwise the link goes to the criterion.
		target := routes.Criterion(s.Dimension, s.Criterion)
		if sv.Description != "" {
			target = routes.CriterionLevel(s.Dimension, s.Criterion, s.To)
		}
		sv.Anchor = rel(target, sv.CriterionName)
		for _, i := range s.CoveredBy {
			if i >= 0 && i < len(actions) {
				sv.CoveredBy = append(sv.CoveredBy, actions[i].Title)
			}
		}
		if len(sv.CoveredBy) == 0 {
			v.Uncovered++
		}
		v.Steps = append(v.Steps, sv)
	}
	return v
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
