package render

import (
	"html/template"
	"strconv"

	"scorebook/generator/internal/assessment"
	"scorebook/generator/internal/chart"
	"scorebook/generator/internal/model"
	"scorebook/generator/internal/score"
)

// ScorecardView is one assessment's scorecard, with names resolved from the
// model and every number ready to trace back to the criteria behind it.
type ScorecardView struct {
	Card       *score.Scorecard
	Assessment *assessment.Assessment
	Base       string // the brand's root URL: /scorecards/<slug>/ or /s/<token>/
	URL        string // this scorecard's page
	Current    bool   // the newest assessment
	CurrentURL string
	Unlisted   bool

	Platform       *Link
	Pattern        *Link
	PlannedPattern *Link

	Level          string
	LevelSummary   string
	Dimensions     []DimensionScoreView
	Findings       []FindingView
	SeverityCounts []SeverityCount
	PatternFit     []PatternFitView
	History        []HistoryRow
	Changes        *ChangesView
	UseCases       []UseCaseView
	Journeys       []assessment.Journey

	Radar template.HTML
	Trend template.HTML
	Bars  template.HTML
}

// DimensionScoreView is one dimension of a scorecard with its criteria and
// the arithmetic behind its score.
type DimensionScoreView struct {
	Link       Link
	Weight     float64
	Score      *float64
	Coverage   float64
	Target     *float64
	Criteria   []CriterionScoreView
	SumWeights float64 // Σ w over scored criteria
	SumProduct float64 // Σ w·L over scored criteria
}

// CriterionScoreView is one criterion of a scorecard.
type CriterionScoreView struct {
	Name        string
	ID          string
	Weight      float64
	Level       *int
	LevelName   string
	Description string // what the assessed level looks like
	Exempt      bool
	Reason      string
	Evidence    string
	Confidence  string
	Product     float64
}

// FindingView is one finding with its check's name and page.
type FindingView struct {
	score.Finding
	CheckName string
}

// SeverityCount is how many findings of one severity a scorecard has.
type SeverityCount struct {
	Severity string
	Count    int
}

// PatternFitView is how far the brand meets one pattern's demands.
type PatternFitView struct {
	Pattern    Link
	Fit        float64
	Current    bool
	Planned    bool
	Shortfalls []ShortfallView
}

// ShortfallView is one unmet demand of a pattern.
type ShortfallView struct {
	Dimension string
	Required  float64
	Score     *float64
}

// HistoryRow is one assessment in a brand's history.
type HistoryRow struct {
	Assessed   string
	URL        string
	Overall    *float64
	Dimensions []*float64 // in model order
	This       bool
}

// ChangesView is what moved since the previous assessment.
type ChangesView struct {
	Previous    string
	PreviousURL string
	Overall     *float64
	Criteria    []CriterionChange
	New         []FindingView
	Cleared     []FindingView
}

// CriterionChange is one criterion whose level moved.
type CriterionChange struct {
	Dimension string
	Criterion string
	From, To  string
	Direction string // "up", "down" or "same"
}

// UseCaseView is one use case with the cadence its domain needs.
type UseCaseView struct {
	assessment.UseCase
	DomainName string
	Needs      string
	Mismatch   bool
}

// NewScorecardView builds the view of card, one of a brand's scorecards
// (cards, oldest first, all of them), whose pages live under base.
func NewScorecardView(m *model.Model, a *assessment.Assessment, card *score.Scorecard, cards []*score.Scorecard, base string) *ScorecardView {
	current := cards[len(cards)-1] == card
	v := &ScorecardView{
		Card: card, Assessment: a, Base: base, Current: current, CurrentURL: base,
		URL:      PageOfAssessment(base, card.Assessed, current),
		Unlisted: a.Visibility == assessment.Unlisted,
	}
	if card.Overall.Score != nil {
		if b := m.Band(*card.Overall.Score); b != nil {
			v.Level, v.LevelSummary = b.Name, b.Summary
		}
	}
	if p := m.Platform(a.Platform); p != nil {
		v.Platform = &Link{Title: p.Name, URL: "/platforms/" + p.ID + "/"}
	}
	if p := m.Pattern(a.Pattern); p != nil {
		v.Pattern = &Link{Title: p.Name, URL: "/patterns/" + p.ID + "/"}
	}
	if p := m.Pattern(a.PlannedPattern); p != nil {
		v.PlannedPattern = &Link{Title: p.Name, URL: "/patterns/" + p.ID + "/"}
	}
	v.Dimensions = dimensionViews(m, card)
	v.Findings = findingViews(m, card.Findings)
	v.SeverityCounts = CountSeverities(card.Findings)
	for _, pf := range card.PatternFit {
		p := m.Pattern(pf.Pattern)
		if p == nil {
			continue
		}
		fv := PatternFitView{Pattern: Link{Title: p.Name, URL: "/patterns/" + p.ID + "/"}, Fit: pf.Fit,
			Current: p.ID == a.Pattern, Planned: p.ID == a.PlannedPattern}
		for _, s := range pf.Shortfalls {
			name := s.Dimension
			if d := m.Dimension(s.Dimension); d != nil {
				name = d.Name
			}
			fv.Shortfalls = append(fv.Shortfalls, ShortfallView{Dimension: name, Required: s.Required, Score: s.Score})
		}
		v.PatternFit = append(v.PatternFit, fv)
	}
	for _, h := range card.History {
		row := HistoryRow{Assessed: h.Assessed, Overall: h.Overall, This: h.Assessed == card.Assessed,
			URL: PageOfAssessment(base, h.Assessed, h.Assessed == cards[len(cards)-1].Assessed)}
		for _, d := range m.Dimensions {
			row.Dimensions = append(row.Dimensions, h.Dimensions[d.ID])
		}
		v.History = append(v.History, row)
	}
	if c := card.Changes; c != nil {
		v.Changes = changesView(m, c, base, cards)
	}
	for _, uc := range a.UseCases {
		uv := UseCaseView{UseCase: uc, DomainName: uc.Domain}
		if d := m.Domain(uc.Domain); d != nil {
			uv.DomainName, uv.Needs = d.Name, d.Cadence
			uv.Mismatch = m.CadenceClass(uc.Cadence) != d.Cadence
		}
		v.UseCases = append(v.UseCases, uv)
	}
	v.Journeys = a.Journeys
	v.Radar, v.Trend, v.Bars = scorecardCharts(m, a, card)
	return v
}

// PageOfAssessment returns the URL of the page of the assessment made on
// date: the brand's root for the current one, a dated page otherwise.
func PageOfAssessment(base, date string, current bool) string {
	if current {
		return base
	}
	return base + date + "/"
}

func dimensionViews(m *model.Model, card *score.Scorecard) []DimensionScoreView {
	var out []DimensionScoreView
	for i, ds := range card.Dimensions {
		d := &m.Dimensions[i]
		dv := DimensionScoreView{Link: Link{Title: d.Name, URL: "/dimensions/" + d.ID + "/"}, Weight: d.Weight,
			Score: ds.Score, Coverage: ds.Coverage, Target: ds.Target}
		for j, cs := range ds.Criteria {
			c := &d.Criteria[j]
			cv := CriterionScoreView{Name: c.Name, ID: c.ID, Weight: c.Weight, Level: cs.Level, Exempt: cs.Exempt,
				Reason: cs.Reason, Evidence: cs.Evidence, Confidence: cs.Confidence}
			if cs.Level != nil {
				cv.LevelName = m.LevelName(*cs.Level)
				if k := *cs.Level - m.Scale.Min; k >= 0 && k < len(c.Levels) {
					cv.Description = c.Levels[k]
				}
				cv.Product = c.Weight * float64(*cs.Level)
				dv.SumWeights += c.Weight
				dv.SumProduct += cv.Product
			}
			dv.Criteria = append(dv.Criteria, cv)
		}
		out = append(out, dv)
	}
	return out
}

func findingViews(m *model.Model, fs []score.Finding) []FindingView {
	out := make([]FindingView, 0, len(fs))
	for _, f := range fs {
		name := f.Check
		if c := m.Check(f.Check); c != nil {
			name = c.Name
		}
		out = append(out, FindingView{Finding: f, CheckName: name})
	}
	return out
}

// CountSeverities counts findings by severity, worst first, including
// severities with no findings.
func CountSeverities(fs []score.Finding) []SeverityCount {
	out := make([]SeverityCount, len(score.Severities))
	for i, s := range score.Severities {
		out[i].Severity = s
		for _, f := range fs {
			if f.Severity == s {
				out[i].Count++
			}
		}
	}
	return out
}

func changesView(m *model.Model, c *score.Changes, base string, cards []*score.Scorecard) *ChangesView {
	v := &ChangesView{Previous: c.Previous, Overall: c.Overall,
		PreviousURL: PageOfAssessment(base, c.Previous, c.Previous == cards[len(cards)-1].Assessed),
		New:         findingViews(m, c.NewFindings), Cleared: findingViews(m, c.ClearedFindings)}
	for _, cd := range c.Criteria {
		ch := CriterionChange{Dimension: cd.Dimension, Criterion: cd.Criterion,
			From: levelText(m, cd.From, cd.FromExempt), To: levelText(m, cd.To, cd.ToExempt), Direction: "same"}
		if d := m.Dimension(cd.Dimension); d != nil {
			ch.Dimension = d.Name
		}
		if cr := m.Criterion(cd.Dimension, cd.Criterion); cr != nil {
			ch.Criterion = cr.Name
		}
		switch {
		case cd.FromExempt != cd.ToExempt:
			// Becoming exempt or assessed again is neither a rise nor a fall.
			ch.Direction = "changed"
		case cd.From != nil && cd.To != nil && *cd.To > *cd.From, cd.From == nil && cd.To != nil:
			ch.Direction = "up"
		case cd.From != nil && cd.To != nil && *cd.To < *cd.From, cd.From != nil && cd.To == nil:
			ch.Direction = "down"
		}
		v.Criteria = append(v.Criteria, ch)
	}
	return v
}

func levelText(m *model.Model, l *int, exempt bool) string {
	switch {
	case exempt:
		return "exempt"
	case l == nil:
		return "not assessed"
	}
	return strconv.Itoa(*l) + " " + m.LevelName(*l)
}

func scorecardCharts(m *model.Model, a *assessment.Assessment, card *score.Scorecard) (radar, trend, bars template.HTML) {
	axes := make([]string, len(m.Dimensions))
	scores := make([]*float64, len(m.Dimensions))
	targets := make([]*float64, len(m.Dimensions))
	for i, d := range m.Dimensions {
		axes[i] = d.Name
		scores[i] = card.Dimensions[i].Score
		targets[i] = card.Dimensions[i].Target
	}
	series := []chart.Series{{Name: "Score", Style: chart.StyleScore, Values: scores, MarkMissing: true}}
	if hasAny(targets) {
		series = append(series, chart.Series{Name: "Target", Style: chart.StyleTarget, Values: targets})
	}
	if p := m.Pattern(a.Pattern); p != nil {
		series = append(series, chart.Series{Name: p.Name + " profile", Style: chart.StylePattern, Values: patternProfile(m, p)})
	}
	radar = chart.Radar(chart.RadarInput{Title: "Dimension scores for " + card.Brand, Axes: axes,
		Min: float64(m.Scale.Min), Max: float64(m.Scale.Max), Series: series})
	if len(card.History) > 1 {
		dates := make([]string, len(card.History))
		overall := make([]*float64, len(card.History))
		for i, h := range card.History {
			dates[i], overall[i] = h.Assessed, h.Overall
		}
		ts := []chart.Series{{Name: "Overall", Style: chart.StyleScore, Values: overall}}
		for _, d := range m.Dimensions {
			vals := make([]*float64, len(card.History))
			for i, h := range card.History {
				vals[i] = h.Dimensions[d.ID]
			}
			ts = append(ts, chart.Series{Name: d.Name, Style: chart.PaletteStyle(len(ts) - 1), Values: vals})
		}
		trend = chart.Trend(chart.TrendInput{Title: "Scores over time for " + card.Brand, Dates: dates,
			Min: float64(m.Scale.Min), Max: float64(m.Scale.Max), Series: ts})
	}
	return radar, trend, bars
}

// patternProfile returns where pattern p's profile is drawn on each dimension.
func patternProfile(m *model.Model, p *model.Pattern) []*float64 {
	out := make([]*float64, len(m.Dimensions))
	for i, d := range m.Dimensions {
		if pr := m.Profile(p.Profile[d.ID]); pr != nil {
			s := pr.Score
			out[i] = &s
		}
	}
	return out
}

func hasAny(vs []*float64) bool {
	for _, v := range vs {
		if v != nil {
			return true
		}
	}
	return false
}
