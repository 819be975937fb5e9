package render

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"scorebook/generator/internal/assessment"
	"scorebook/generator/internal/chart"
	template "scorebook/generator/internal/gotemplate/html"
	"scorebook/generator/internal/model"
	"scorebook/generator/internal/routes"
	"scorebook/generator/internal/score"
)

// ScorecardView is one assessment's scorecard, with names resolved from the
// model and every number ready to trace back to the criteria behind it.
//
// Every figure a table shows is formatted here (the ...Text fields) and
// every link a table repeats is an Anchor relative to URL, the page the
// view is rendered on, so that the layout reads fields instead of calling
// a function per cell. In the share form of the view (ForShare) no Anchor
// links anywhere.
type ScorecardView struct {
	Card       *score.Scorecard
	Assessment *assessment.Assessment
	Base       string // the brand's root URL: /scorecards/<slug>/ or /s/<token>/
	URL        string // this scorecard's page
	Current    bool   // the newest assessment
	CurrentURL string
	Unlisted   bool
	// Share marks the view of the self-contained share file, which links
	// nowhere: every Anchor is plain text.
	Share bool

	// The header's few links stay root-relative for the layout's $.Link,
	// which also prints text alone in the share file; the build clears
	// Platform.URL when the playbook has no page on the platform.
	Platform       *Link
	Pattern        *Link
	PlannedPattern *Link

	Level         string
	LevelSummary  string
	OverallText   string // the overall score, or "not assessed"
	CoverageText  string // the overall coverage, "87%"
	CoherenceText string // the journey failure rate, "18%"; "" when no journey was measured
	Dimensions    []DimensionScoreView
	Findings      []FindingView
	// Groups gathers Findings by cause, worst first; each group lists
	// indexes into Findings.
	Groups         []FindingGroupView
	SeverityCounts []SeverityCount
	PatternFit     []PatternFitView
	NextLevel      *NextLevelView // nil at the top band or when out of reach
	Plan           []ActionView   // the brand's own actions, in the file's order
	// BadgeAlt is the text of the brand's badge (badge.svg), for its alt;
	// BadgeAltMarkdown and BadgeAltHTML are the same text escaped for the
	// copyable snippets, which the page then shows as text. The badge is
	// the current scorecard's: "" on earlier ones.
	BadgeAlt, BadgeAltMarkdown, BadgeAltHTML string
	// Badge is the badge itself, drawn inline on the current scorecard
	// (the page loads no image); "" on earlier ones.
	Badge template.HTML
	// Summary is the assessment's summary rendered for the page: no raw
	// HTML, no links, no images (markdown.Converter.Text); the build sets
	// it, since rendering Markdown is the build's to wire.
	Summary  template.HTML
	History  []HistoryRow
	Changes  *ChangesView
	UseCases []UseCaseView
	Journeys []JourneyView

	// Bars is an optional bar chart; no scorecard draws one today.
	Bars template.HTML

	charts *scorecardCharts
}

// DimensionScoreView is one dimension of a scorecard with its criteria and
// the arithmetic behind its score.
type DimensionScoreView struct {
	Link       Link
	Anchor     Anchor // the dimension's page
	Weight     float64
	Score      *float64
	Coverage   float64
	Target     *float64
	Criteria   []CriterionScoreView
	SumWeights float64 // Σ w over scored criteria
	SumProduct float64 // Σ w·L over scored criteria

	ScoreText    string // "2.67" or "not assessed"
	TargetText   string // "3.00", or "—" when there is no target
	CoverageText string // "80%"
	WeightText   string // "1.5"
	// Formula is the arithmetic behind the score, in words and numbers.
	Formula string
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

	WeightText string // "1.5"
	LevelText  string // the level as a number, "3"; "" when not assessed
	// Note is what backs the level: the reason for an exempt criterion,
	// the evidence otherwise.
	Note string
}

// FindingView is one finding with its check's name and page.
type FindingView struct {
	score.Finding
	CheckName string
	Class     string // the severity's CSS class, "sev-high"
	Anchor    Anchor // the check's page, by the check's name
}

// SeverityCount is how many findings of one severity a scorecard has.
type SeverityCount struct {
	Severity string
	Count    int
	Class    string // the severity's CSS class, "sev-high"
}

// PatternFitView is how far the brand meets one pattern's demands.
type PatternFitView struct {
	Pattern    Link
	Anchor     Anchor // the pattern's page
	Fit        float64
	Current    bool
	Planned    bool
	Shortfalls []ShortfallView

	FitText  string // "75%"
	FitValue string // the fit at full precision, for the meter
	// ShortfallsText lists the shortfalls separated by semicolons, or
	// reads "none".
	ShortfallsText string
}

// ShortfallView is one unmet demand of a pattern.
type ShortfallView struct {
	Dimension string
	Required  float64
	Score     *float64
	// Text reads "Engineering capability 2.00 of 3 needed", or "... not
	// assessed, 3 needed" when the dimension has no score.
	Text string
}

// HistoryRow is one assessment in a brand's history.
type HistoryRow struct {
	Assessed   string
	URL        string
	Anchor     Anchor // the date, linking to URL unless this is the assessment shown
	Overall    *float64
	Dimensions []*float64 // in model order
	This       bool

	OverallText    string
	DimensionTexts []string // in model order
	CoherenceText  string   // the journey failure rate, "12.5%"; "" when no journey was run
}

// JourneyView is one customer journey of an assessment with its own
// failure rate, the figure the coherence check judges it on.
type JourneyView struct {
	Name     string
	Runs     int
	Failures int
	Notes    string
	// RateText is the journey's failure rate ("12.5%"), marked as not yet
	// counted below the coherence check's min_runs; "" without runs.
	RateText string
}

// ChangesView is what moved since the previous assessment.
type ChangesView struct {
	Previous       string
	PreviousURL    string
	PreviousAnchor Anchor // the previous date, linking to PreviousURL
	Overall        *float64
	OverallText    string // the overall score's move, "0.25"; "" when a score is missing
	Criteria       []CriterionChange
	New            []FindingView
	Cleared        []FindingView
}

// CriterionChange is one criterion whose level moved.
type CriterionChange struct {
	Dimension string
	Criterion string
	From, To  string
	Direction string // "up", "down", "same" or "changed"
	Arrow     string // "▲" up, "▼" down, "" otherwise
}

// UseCaseView is one use case with the cadence its domain needs.
type UseCaseView struct {
	assessment.UseCase
	DomainName string
	Needs      string
	Mismatch   bool
}

// NewScorecardView builds the view of card, one of a brand's scorecards
// (cards, oldest first, all of them), whose pages live under base. Its
// hrefs are relative to its own page, URL. The radar and trend charts are
// drawn on first use and then kept, so a view rendered as a page and as
// the share file (through ForShare) draws them once, and a view that
// never shows them (the worked example of the scoring page) never does.
func NewScorecardView(m *model.Model, a *assessment.Assessment, card *score.Scorecard, cards []*score.Scorecard, base string) *ScorecardView {
	current := cards[len(cards)-1] == card
	v := &ScorecardView{
		Card: card, Assessment: a, Base: base, Current: current, CurrentURL: base,
		URL:      routes.Assessment(base, card.Assessed, current),
		Unlisted: a.Visibility == assessment.Unlisted,
		charts:   &scorecardCharts{m: m, a: a, card: card},
	}
	rel := func(target, text string) Anchor { return anchorFrom(v.URL, target, text) }
	if card.Overall.Score != nil {
		if b := m.Band(*card.Overall.Score); b != nil {
			v.Level, v.LevelSummary = b.Name, b.Summary
		}
	}
	v.OverallText, v.CoverageText = FormatScore(card.Overall.Score), FormatPercent(card.Overall.Coverage)
	if current {
		v.BadgeAlt = BadgeAlt(card)
		v.BadgeAltMarkdown = strings.NewReplacer(`\`, `\\`, "[", `\[`, "]", `\]`).Replace(v.BadgeAlt)
		v.BadgeAltHTML = template.HTMLEscapeString(v.BadgeAlt)
		v.Badge = template.HTML(BadgeSVG(m, card))
	}
	if c := card.Coherence; c != nil {
		v.CoherenceText = FormatPercent(c.FailureRate)
	}
	if p := m.Platform(a.Platform); p != nil {
		v.Platform = &Link{Title: p.Name, URL: routes.Platform(p.ID)}
	}
	if p := m.Pattern(a.Pattern); p != nil {
		v.Pattern = &Link{Title: p.Name, URL: routes.Pattern(p.ID)}
	}
	if p := m.Pattern(a.PlannedPattern); p != nil {
		v.PlannedPattern = &Link{Title: p.Name, URL: routes.Pattern(p.ID)}
	}
	v.Dimensions = dimensionViews(m, card, score.Explain(m, a), rel)
	v.Findings = findingViews(m, card.Findings, rel)
	v.Groups = findingGroupViews(m, card.FindingGroups, v.Findings)
	v.SeverityCounts = CountSeverities(card.Findings)
	for _, pf := range card.PatternFit {
		p := m.Pattern(pf.Pattern)
		if p == nil {
			continue
		}
		v.PatternFit = append(v.PatternFit, patternFitView(m, p, pf, a, rel))
	}
	v.NextLevel = nextLevelView(m, card.NextLevel, card.Actions, rel)
	v.Plan = planView(m, card.Actions, rel)
	latest := cards[len(cards)-1].Assessed
	for _, h := range card.History {
		row := HistoryRow{Assessed: h.Assessed, Overall: h.Overall, This: h.Assessed == card.Assessed,
			URL: routes.Assessment(base, h.Assessed, h.Assessed == latest), OverallText: FormatScore(h.Overall),
			Dimensions: make([]*float64, len(m.Dimensions)), DimensionTexts: make([]string, len(m.Dimensions))}
		if h.Coherence != nil {
			row.CoherenceText = FormatPercent(*h.Coherence)
		}
		row.Anchor = Anchor{Text: h.Assessed}.linked("")
		if !row.This {
			row.Anchor = rel(row.URL, h.Assessed)
		}
		for i, d := range m.Dimensions {
			row.Dimensions[i] = h.Dimensions[d.ID]
			row.DimensionTexts[i] = FormatScore(row.Dimensions[i])
		}
		v.History = append(v.History, row)
	}
	if c := card.Changes; c != nil {
		v.Changes = changesView(m, c, base, latest, rel)
	}
	for _, uc := range a.UseCases {
		uv := UseCaseView{UseCase: uc, DomainName: uc.Domain}
		if d := m.Domain(uc.Domain); d != nil {
			uv.DomainName, uv.Needs = d.Name, d.Cadence
			uv.Mismatch = m.CadenceClass(uc.Cadence) != d.Cadence
		}
		v.UseCases = append(v.UseCases, uv)
	}
	minRuns := score.CheckParam(m, "coherence", "min_runs")
	for _, j := range a.Journeys {
		jv := JourneyView{Name: j.Name, Runs: j.Runs, Failures: j.Failures, Notes: j.Notes}
		if j.Runs > 0 {
			jv.RateText = FormatPercent(float64(j.Failures) / float64(j.Runs))
			if float64(j.Runs) < minRuns {
				jv.RateText += " (fewer than " + formatNumber(minRuns) + " runs: not yet counted)"
			}
		}
		v.Journeys = append(v.Journeys, jv)
	}
	return v
}

// ForShare returns the view as the self-contained share file shows it: a
// copy with Share set and every Anchor unlinked, so that the file links
// nowhere. The copy shares v's charts (drawn once for both) and everything
// that holds no href; v itself is left as it is. On a view already in
// share form it returns v.
func (v *ScorecardView) ForShare() *ScorecardView {
	if v.Share {
		return v
	}
	s := *v
	s.Share = true
	s.Dimensions = slices.Clone(v.Dimensions)
	for i := range s.Dimensions {
		s.Dimensions[i].Anchor = s.Dimensions[i].Anchor.linked("")
	}
	s.Findings = unlinkFindings(v.Findings)
	s.Groups = slices.Clone(v.Groups)
	for i := range s.Groups {
		s.Groups[i].TargetGaps = s.Groups[i].TargetGaps.linked("")
	}
	s.PatternFit = slices.Clone(v.PatternFit)
	for i := range s.PatternFit {
		s.PatternFit[i].Anchor = s.PatternFit[i].Anchor.linked("")
	}
	if v.NextLevel != nil {
		nl := *v.NextLevel
		nl.Steps = slices.Clone(nl.Steps)
		for i := range nl.Steps {
			nl.Steps[i].Anchor = nl.Steps[i].Anchor.linked("")
		}
		s.NextLevel = &nl
	}
	s.Plan = slices.Clone(v.Plan)
	for i := range s.Plan {
		s.Plan[i].Raises = s.Plan[i].Raises.linked("")
	}
	s.History = slices.Clone(v.History)
	for i := range s.History {
		s.History[i].Anchor = s.History[i].Anchor.linked("")
	}
	if v.Changes != nil {
		c := *v.Changes
		c.PreviousAnchor = c.PreviousAnchor.linked("")
		c.New, c.Cleared = unlinkFindings(c.New), unlinkFindings(c.Cleared)
		s.Changes = &c
	}
	return &s
}

// ForKind returns the view as a page of kind shows it: the share form
// (ForShare) for the share file, v itself otherwise. The scorecard layout
// calls it once per page, so that a share file links nowhere whichever
// form of the view it was handed.
func (v *ScorecardView) ForKind(kind string) *ScorecardView {
	if kind == KindShare {
		return v.ForShare()
	}
	return v
}

func unlinkFindings(fs []FindingView) []FindingView {
	out := slices.Clone(fs)
	for i := range out {
		out[i].Anchor = out[i].Anchor.linked("")
	}
	return out
}

// Radar returns the radar chart of the dimension scores against the
// targets and the current pattern's profile, drawn on first use.
func (v *ScorecardView) Radar() template.HTML {
	if v.charts == nil {
		return ""
	}
	return v.charts.draw().radar
}

// Trend returns the chart of the scores over the brand's assessments,
// drawn on first use; it is empty for a brand assessed once.
func (v *ScorecardView) Trend() template.HTML {
	if v.charts == nil {
		return ""
	}
	return v.charts.draw().trend
}

// CoherenceTrend returns the chart of the journey failure rate over the
// brand's assessments, drawn on first use; it is empty for a brand assessed
// once or never measuring journeys.
func (v *ScorecardView) CoherenceTrend() template.HTML {
	if v.charts == nil {
		return ""
	}
	return v.charts.draw().coherence
}

// scorecardCharts draws a scorecard's charts once, on first use, for every
// view of the scorecard that shares it, from any goroutine.
type scorecardCharts struct {
	once         sync.Once
	m            *model.Model
	a            *assessment.Assessment
	card         *score.Scorecard
	radar, trend template.HTML
	coherence    template.HTML // the journey failure rate over time
}

func (c *scorecardCharts) draw() *scorecardCharts {
	c.once.Do(func() {
		c.radar, c.trend, c.coherence = drawScorecardCharts(c.m, c.a, c.card)
		c.m, c.a, c.card = nil, nil, nil
	})
	return c
}

// dimensionViews lays out each dimension's criteria with the arithmetic
// behind its score, taken from the scoring package's own explanation so
// that the sums shown are the ones the score was computed from.
func dimensionViews(m *model.Model, card *score.Scorecard, ex score.Explanation, rel func(target, text string) Anchor) []DimensionScoreView {
	out := make([]DimensionScoreView, 0, len(card.Dimensions))
	for i, ds := range card.Dimensions {
		d := &m.Dimensions[i]
		dv := DimensionScoreView{Link: Link{Title: d.Name, URL: routes.Dimension(d.ID)}, Weight: d.Weight,
			Score: ds.Score, Coverage: ds.Coverage, Target: ds.Target,
			ScoreText: FormatScore(ds.Score), TargetText: "—", CoverageText: FormatPercent(ds.Coverage),
			WeightText: formatNumber(d.Weight), Criteria: make([]CriterionScoreView, 0, len(ds.Criteria)),
			SumWeights: ex.Dimensions[i].ScoredWeight, SumProduct: ex.Dimensions[i].WeightedLevels}
		dv.Anchor = rel(dv.Link.URL, d.Name)
		if ds.Target != nil {
			dv.TargetText = FormatScore(ds.Target)
		}
		for j, cs := range ds.Criteria {
			c := &d.Criteria[j]
			cv := CriterionScoreView{Name: c.Name, ID: c.ID, Weight: c.Weight, Level: cs.Level, Exempt: cs.Exempt,
				Reason: cs.Reason, Evidence: cs.Evidence, Confidence: cs.Confidence,
				WeightText: formatNumber(c.Weight), Note: cs.Evidence}
			if cs.Exempt {
				cv.Note = cs.Reason
			}
			if cs.Level != nil {
				cv.LevelText = strconv.Itoa(*cs.Level)
				cv.LevelName = m.LevelName(*cs.Level)
				if k := *cs.Level - m.Scale.Min; k >= 0 && k < len(c.Levels) {
					cv.Description = c.Levels[k]
				}
			}
			if p := ex.Dimensions[i].Terms[j].Product; p != nil {
				cv.Product = *p
			}
			dv.Criteria = append(dv.Criteria, cv)
		}
		dv.Formula = "No criterion assessed: no score."
		if ds.Score != nil {
			dv.Formula = "Score = Σ weight × level / Σ weight = " + formatNumber(dv.SumProduct) + " / " +
				formatNumber(dv.SumWeights) + " = " + dv.ScoreText
		}
		out = append(out, dv)
	}
	return out
}

func findingViews(m *model.Model, fs []score.Finding, rel func(target, text string) Anchor) []FindingView {
	out := make([]FindingView, 0, len(fs))
	for _, f := range fs {
		name := f.Check
		if c := m.Check(f.Check); c != nil {
			name = c.Name
		}
		out = append(out, FindingView{Finding: f, CheckName: name, Class: SeverityClass(f.Severity), Anchor: rel(routes.Check(f.Check), name)})
	}
	return out
}

func patternFitView(m *model.Model, p *model.Pattern, pf score.PatternFit, a *assessment.Assessment, rel func(target, text string) Anchor) PatternFitView {
	fv := PatternFitView{Pattern: Link{Title: p.Name, URL: routes.Pattern(p.ID)}, Fit: pf.Fit,
		Current: p.ID == a.Pattern, Planned: p.ID == a.PlannedPattern,
		FitText: FormatPercent(pf.Fit), FitValue: strconv.FormatFloat(pf.Fit, 'g', -1, 64)}
	fv.Anchor = rel(fv.Pattern.URL, p.Name)
	texts := make([]string, 0, len(pf.Shortfalls))
	for _, s := range pf.Shortfalls {
		name := s.Dimension
		if d := m.Dimension(s.Dimension); d != nil {
			name = d.Name
		}
		sv := ShortfallView{Dimension: name, Required: s.Required, Score: s.Score}
		if s.Score != nil {
			sv.Text = name + " " + FormatScore(s.Score) + " of " + formatNumber(s.Required) + " needed"
		} else {
			sv.Text = name + " not assessed, " + formatNumber(s.Required) + " needed"
		}
		fv.Shortfalls = append(fv.Shortfalls, sv)
		texts = append(texts, sv.Text)
	}
	for _, s := range pf.CriterionShortfalls {
		name := s.Criterion
		if c := m.Criterion(s.Dimension, s.Criterion); c != nil {
			name = c.Name
		}
		if s.Level != nil {
			texts = append(texts, name+" at level "+strconv.Itoa(*s.Level)+", "+strconv.Itoa(s.Required)+" needed")
		} else {
			texts = append(texts, name+" not assessed, level "+strconv.Itoa(s.Required)+" needed")
		}
	}
	if e := pf.Engineers; e != nil {
		have := "none recorded"
		if e.Have != nil {
			have = strconv.Itoa(*e.Have)
		}
		texts = append(texts, "dedicated engineers "+have+", "+strconv.Itoa(e.Required)+" needed")
	}
	fv.ShortfallsText = "none"
	if len(texts) > 0 {
		fv.ShortfallsText = strings.Join(texts, "; ")
	}
	return fv
}

// CountSeverities counts findings by severity, worst first, including
// severities with no findings.
func CountSeverities(fs []score.Finding) []SeverityCount {
	out := make([]SeverityCount, len(score.Severities))
	for i, s := range score.Severities {
		out[i].Severity, out[i].Class = s, SeverityClass(s)
		for _, f := range fs {
			if f.Severity == s {
				out[i].Count++
			}
		}
	}
	return out
}

func changesView(m *model.Model, c *score.Changes, base, latest string, rel func(target, text string) Anchor) *ChangesView {
	v := &ChangesView{Previous: c.Previous, Overall: c.Overall,
		PreviousURL: routes.Assessment(base, c.Previous, c.Previous == latest),
		New:         findingViews(m, c.NewFindings, rel), Cleared: findingViews(m, c.ClearedFindings, rel)}
	v.PreviousAnchor = rel(v.PreviousURL, c.Previous)
	if c.Overall != nil {
		v.OverallText = FormatScore(c.Overall)
	}
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
			ch.Direction, ch.Arrow = "up", "▲"
		case cd.From != nil && cd.To != nil && *cd.To < *cd.From, cd.From != nil && cd.To == nil:
			ch.Direction, ch.Arrow = "down", "▼"
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

func drawScorecardCharts(m *model.Model, a *assessment.Assessment, card *score.Scorecard) (radar, trend, coherence template.HTML) {
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
		coherence = coherenceTrend(card, dates)
	}
	return radar, trend, coherence
}

// coherenceTrend draws the journey failure rate, in percent, at each
// assessment that measured journeys; empty when none did. The scale runs
// from 0 to the next ten above the highest rate, and at least to 20.
func coherenceTrend(card *score.Scorecard, dates []string) template.HTML {
	rates := make([]*float64, len(card.History))
	top := 20.0
	for i, h := range card.History {
		if h.Coherence == nil {
			continue
		}
		pct := *h.Coherence * 100
		rates[i] = &pct
		top = max(top, math.Ceil(pct/10)*10)
	}
	if !hasAny(rates) {
		return ""
	}
	return chart.Trend(chart.TrendInput{Title: "Journey failure rate (%) over time for " + card.Brand, Dates: dates,
		Min: 0, Max: top, Series: []chart.Series{{Name: "Journey failure rate (%)", Style: chart.StyleScore, Values: rates}}})
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
