package render

import (
	"scorebook/generator/internal/model"
	"scorebook/generator/internal/score"
)

// FindingGroupView is findings that share a cause, under a heading that
// says the cause in plain words.
type FindingGroupView struct {
	score.FindingGroup
	Title      string
	Class      string // the worst severity's CSS class
	Dimensions []DimensionGapView
	// Shown lists the findings the group lists one by one: all of them
	// but the gaps to target, which the dimension table shows instead.
	Shown []int
	// TargetGaps links the gap-to-target check when the table stands for
	// its findings; plain text when it does not link.
	TargetGaps Anchor
}

// DimensionGapView is one dimension short of its target or of the
// pattern's demand, with both figures.
type DimensionGapView struct {
	Name       string
	ScoreText  string
	TargetText string // "—" without a target it misses
	DemandText string // "—" without a demand it misses
}

// targetGapCheck is the check whose findings a group's dimension table
// stands for.
const targetGapCheck = "target-gap"

// causeTitles says each cause in plain words; the capability title names
// the pattern when a dimension falls short of it.
var causeTitles = map[string]string{
	score.CauseCustomers:  "Customers meet the gaps between systems",
	score.CauseOwnership:  "Nobody fully runs the integrations once built",
	score.CauseCapability: "Capability short of its targets",
	score.CausePlan:       "The brand's own plan is slipping",
	score.CauseEvidence:   "The scores rest on too little evidence",
	score.CauseOther:      "Other findings",
}

func findingGroupViews(m *model.Model, groups []score.FindingGroup, findings []FindingView) []FindingGroupView {
	out := make([]FindingGroupView, 0, len(groups))
	for _, g := range groups {
		v := FindingGroupView{FindingGroup: g, Title: causeTitles[g.Cause], Class: SeverityClass(g.Severity)}
		for _, i := range g.Findings {
			if f := findings[i]; len(g.Dimensions) > 0 && f.Check == targetGapCheck {
				v.TargetGaps = f.Anchor
				continue
			}
			v.Shown = append(v.Shown, i)
		}
		if v.Title == "" {
			v.Title = causeTitles[score.CauseOther]
		}
		pattern := ""
		for _, d := range g.Dimensions {
			dv := DimensionGapView{Name: d.Dimension, ScoreText: FormatScore(d.Score), TargetText: "—", DemandText: "—"}
			if dim := m.Dimension(d.Dimension); dim != nil {
				dv.Name = dim.Name
			}
			if d.Target != nil {
				dv.TargetText = FormatScore(d.Target)
			}
			if d.Demand != nil {
				dv.DemandText = FormatScore(d.Demand)
				if p := m.Pattern(d.Pattern); p != nil {
					pattern = p.Name
				}
			}
			v.Dimensions = append(v.Dimensions, dv)
		}
		if pattern != "" {
			v.Title += " and of what " + pattern + " demands"
		}
		out = append(out, v)
	}
	return out
}
