// Package score computes scorecards from the model and a brand's
// assessments: dimension and overall scores, coverage, coherence, pattern
// fit, findings from the named checks, and history. It is pure: no I/O, no
// templates, no clock (the build date is an argument).
package score

// Severities of findings, worst first.
const (
	Critical = "critical"
	High     = "high"
	Medium   = "medium"
	Low      = "low"
	Info     = "info"
)

// Severities lists every severity, worst first.
var Severities = []string{Critical, High, Medium, Low, Info}

// Scorecard is everything computed for one assessment of one brand. Its
// JSON form is the scorecard.json contract. Scores that do not exist are
// nil, never 0.
type Scorecard struct {
	Brand    string `json:"brand"`
	Slug     string `json:"slug"`
	Assessed string `json:"assessed"` // YYYY-MM-DD
	// AsOf is the date the assessment is judged as of (YYYY-MM-DD): the
	// build date for a brand's current assessment, the assessment's own
	// date for an earlier one.
	AsOf         string           `json:"as_of"`
	ModelVersion string           `json:"model_version"`
	Overall      Overall          `json:"overall"`
	Dimensions   []DimensionScore `json:"dimensions"`
	Coherence    *Coherence       `json:"coherence"`
	Findings     []Finding        `json:"findings"`
	// FindingGroups gathers the findings by cause, worst first.
	FindingGroups []FindingGroup `json:"finding_groups"`
	PatternFit    []PatternFit   `json:"pattern_fit"`
	History       []HistoryPoint `json:"history"`
	// NextLevel is the shortest path to the next maturity band; nil at
	// the top band, without a score, or when no raise can reach it.
	NextLevel *NextLevel `json:"next_level"`
	// Summary is the assessment's summary for the reader, in Markdown as
	// written; "" when it has none.
	Summary string `json:"summary"`
	// Actions is the brand's own improvement plan, in the file's order.
	Actions []Action `json:"actions"`
	// Changes lists what moved since the previous assessment; nil for a
	// brand's first assessment.
	Changes *Changes `json:"changes,omitempty"`
}

// Overall is the weighted aggregate of the dimension scores.
type Overall struct {
	Score    *float64 `json:"score"`
	Level    *string  `json:"level"` // the maturity band's name; nil without a score
	Coverage float64  `json:"coverage"`
}

// DimensionScore is one dimension's score and the criteria behind it.
type DimensionScore struct {
	ID       string           `json:"id"`
	Score    *float64         `json:"score"`
	Coverage float64          `json:"coverage"`
	Target   *float64         `json:"target"`
	Criteria []CriterionScore `json:"criteria"`
}

// CriterionScore is one criterion as assessed. Level is nil when the
// criterion was not assessed or is exempt.
type CriterionScore struct {
	ID         string `json:"id"`
	Level      *int   `json:"level"`
	Exempt     bool   `json:"exempt"`
	Reason     string `json:"reason,omitempty"`
	Evidence   string `json:"evidence"`
	Confidence string `json:"confidence"`
}

// Coherence is the customer-facing failure rate across measured journeys.
type Coherence struct {
	Runs        int     `json:"runs"`
	Failures    int     `json:"failures"`
	FailureRate float64 `json:"failure_rate"`
}

// Finding is one problem a named check found, with the numbers behind it.
type Finding struct {
	Check    string `json:"check"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Page     string `json:"page"` // the check's playbook page, set where the scorecard is published (score knows no URLs)
	// Detail names, for the assessor, the fields of the assessment file
	// behind the finding ("[operations] on_call = false"); the message
	// itself is written for the reader. "" when there is nothing to add.
	Detail string `json:"detail,omitempty"`
	// Key identifies the condition found, without the numbers behind it
	// (e.g. "operational-ownership/no-owner"), so that the same condition
	// can be recognised in two assessments of a brand.
	Key string `json:"-"`
}

// PatternFit says how far a brand's dimension scores and the criteria the
// pattern leans on meet what a pattern demands: 1 when every demand is met.
type PatternFit struct {
	Pattern             string               `json:"pattern"`
	Fit                 float64              `json:"fit"`
	Shortfalls          []Shortfall          `json:"shortfalls"`
	CriterionShortfalls []CriterionShortfall `json:"criterion_shortfalls"`
	// Engineers is set when the brand has fewer dedicated integration
	// engineers than the pattern needs, or records none.
	Engineers *EngineerShortfall `json:"engineers"`
}

// EngineerShortfall is a pattern's minimum of dedicated integration
// engineers against what the brand has (nil: not recorded).
type EngineerShortfall struct {
	Required int  `json:"required"`
	Have     *int `json:"have"`
}

// CriterionShortfall is a criterion a pattern leans on that is below the
// level the pattern needs. Level is nil when the criterion is not assessed.
type CriterionShortfall struct {
	Dimension string `json:"dimension"`
	Criterion string `json:"criterion"`
	Required  int    `json:"required"`
	Level     *int   `json:"level"`
}

// Shortfall is one demand of a pattern that the brand's scores do not meet.
// Score is nil when the dimension has no score.
type Shortfall struct {
	Dimension string   `json:"dimension"`
	Required  float64  `json:"required"`
	Score     *float64 `json:"score"`
}

// HistoryPoint is the overall and dimension scores of one assessment, and
// its journey failure rate (nil when no journey was run).
type HistoryPoint struct {
	Assessed   string              `json:"assessed"`
	Overall    *float64            `json:"overall"`
	Dimensions map[string]*float64 `json:"dimensions"`
	Coherence  *float64            `json:"coherence"`
}

// Changes compares an assessment with the brand's previous one. Findings
// are matched on their Key; the stale-assessment check is left out, since
// a newer assessment clears it by being newer, which is no change in the
// brand.
type Changes struct {
	Previous        string           `json:"previous"` // YYYY-MM-DD
	Overall         *float64         `json:"overall_delta"`
	Criteria        []CriterionDelta `json:"criteria"`
	NewFindings     []Finding        `json:"new_findings"`
	ClearedFindings []Finding        `json:"cleared_findings"`
}

// CriterionDelta is one criterion whose level, exemption or assessed state
// changed. From and To are nil where the criterion was not assessed or was
// exempt; FromExempt and ToExempt tell those two apart.
type CriterionDelta struct {
	Dimension  string `json:"dimension"`
	Criterion  string `json:"criterion"`
	From       *int   `json:"from"`
	To         *int   `json:"to"`
	FromExempt bool   `json:"from_exempt"`
	ToExempt   bool   `json:"to_exempt"`
}

// NextLevel is the path from a brand's overall score to the next maturity
// band: the fewest one-level raises of assessed, non-exempt criteria that
// lift the overall score to the band's minimum, raising no criterion by
// more than Cap levels, Cap being the smallest that can reach it.
type NextLevel struct {
	Level      string  `json:"level"` // the band reached
	Min        float64 `json:"min"`   // its minimum score
	ScoreAfter float64 `json:"score_after"`
	Cap        int     `json:"cap"`    // the most levels any criterion is raised
	Raises     int     `json:"raises"` // one-level raises in all: Σ (To − From)
	Steps      []Step  `json:"steps"`  // in the order taken: greatest gain first
}

// Step raises one criterion from its assessed level to a higher one.
// CoveredBy lists the indexes (in Scorecard.Actions) of the open actions
// of the brand's plan that raise the criterion at least that far, or to
// an unstated level; empty when no action covers the step yet.
type Step struct {
	Dimension string `json:"dimension"`
	Criterion string `json:"criterion"`
	From      int    `json:"from"`
	To        int    `json:"to"`
	CoveredBy []int  `json:"covered_by"`
}

// Action is one step of the brand's own improvement plan as
// scorecard.json gives it; what is not stated is null.
type Action struct {
	Title     string  `json:"title"`
	Criterion *string `json:"criterion"` // "<dimension>.<criterion>"
	Target    *int    `json:"target"`
	Owner     *string `json:"owner"`
	Due       *string `json:"due"` // YYYY-MM-DD
	Status    string  `json:"status"`
	// Overdue is set for a planned or in-progress action due before the
	// date the scorecard is judged as of.
	Overdue bool `json:"overdue"`
}
