package score

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	"scorebook/generator/internal/assessment"
	"scorebook/generator/internal/model"
)

// Check is a named check a model can enable with a [[model.checks]] entry
// of the same id. Only the checks a model lists are run, with the
// thresholds the entry's params set and the defaults below for the rest.
type Check struct {
	ID     string
	Params []Param
	// skipInChanges leaves the check's findings out of the comparison
	// with the previous assessment.
	skipInChanges bool
	run           func(r *checkRun)
}

// Param is one numeric threshold a check reads, with the value it takes
// when the model does not set it.
type Param struct {
	Name    string
	Kind    model.ParamKind // what it measures, and so the values it accepts
	Default float64
	Doc     string // what the threshold means, for the check's page
}

// Checks is every check scorebook knows, in the order the shipped model
// lists them. The order findings are reported in comes from the model.
var Checks = []Check{
	{
		ID: "operational-ownership",
		Params: []Param{
			{Name: "runbook_max_age_days", Kind: model.Days, Default: 180, Doc: "days since the last runbook review after which runbooks count as stale"},
			{Name: "hypercare_max_days", Kind: model.Days, Default: 90, Doc: "days after go-live by which hypercare is taken to have ended when no hypercare_ends is recorded"},
			{Name: "decay_days", Kind: model.Days, Default: 548, Doc: "days without a runbook review (counted from go-live when none is recorded) after which the finding is critical: the source model's eighteen months"},
		},
		run: checkOperationalOwnership,
	},
	{ID: "cadence-mismatch", run: checkCadenceMismatch},
	{
		ID: "team-size",
		Params: []Param{
			{Name: "high_shortfall", Kind: model.Share, Default: 0.5, Doc: "share of the band's minimum missing (0 to 1) from which a team below its band is high rather than medium"},
			{Name: "low_criterion_level", Kind: model.Level, Default: 1, Doc: "level of the check's criterion (the iPaaS layer) at or below which a team above its band is read as custom code doing an iPaaS's job"},
		},
		run: checkTeamSize,
	},
	{
		ID: "coherence",
		Params: []Param{
			{Name: "max_failure_rate", Kind: model.Share, Default: 0.05, Doc: "journey failure rate (0 to 1) above which a journey's finding is high"},
			{Name: "critical_failure_rate", Kind: model.Share, Default: 0.15, Doc: "journey failure rate (0 to 1) above which a journey's finding is critical"},
			{Name: "min_runs", Kind: model.Count, Default: 20, Doc: "runs a journey needs before its failure rate counts"},
		},
		run: checkCoherence,
	},
	{
		ID: "pattern-readiness",
		Params: []Param{
			{Name: "high_gap", Kind: model.Gap, Default: 1.0, Doc: "largest shortfall (dimension score points or criterion levels) from which the current pattern's finding is high"},
			{Name: "medium_gap", Kind: model.Gap, Default: 0.5, Doc: "largest shortfall from which the current pattern's finding is medium rather than low; a planned pattern's finding is one severity lower"},
		},
		run: checkPatternReadiness,
	},
	{
		ID: "unsupported-score",
		Params: []Param{
			{Name: "min_level", Kind: model.Level, Default: 3, Doc: "criterion level from which evidence is expected and low confidence is flagged"},
		},
		run: checkUnsupportedScore,
	},
	{
		ID: "governance-forum",
		Params: []Param{
			{Name: "max_level", Kind: model.Level, Default: 0, Doc: "level of the check's criterion (the governance forum) at or below which the brand counts as having no forum"},
		},
		run: checkGovernanceForum,
	},
	{
		ID: "stale-assessment",
		Params: []Param{
			{Name: "max_age_days", Kind: model.Days, Default: 365, Doc: "days after which an assessment counts as stale at the date it is judged as of"},
		},
		skipInChanges: true,
		run:           checkStaleAssessment,
	},
	{
		ID: "target-gap",
		Params: []Param{
			{Name: "high_gap", Kind: model.Gap, Default: 1.0, Doc: "gap between target and score from which the finding is high"},
		},
		run: checkTargetGap,
	},
	{
		ID: "overdue-action",
		Params: []Param{
			{Name: "high_after_days", Kind: model.Days, Default: 90, Doc: "days past its due date after which an unfinished action's finding is high rather than medium"},
		},
		run: checkOverdueAction,
	},
	{
		ID: "coverage",
		Params: []Param{
			{Name: "min_coverage", Kind: model.Share, Default: 0.8, Doc: "overall coverage (0 to 1) below which the finding is raised"},
		},
		run: checkCoverage,
	},
}

// CheckParams returns, for every known check id, the names of the params
// it reads, so that a model naming an unknown check or param is rejected.
func CheckParams() map[string][]model.CheckParam {
	out := make(map[string][]model.CheckParam, len(Checks))
	for _, c := range Checks {
		params := make([]model.CheckParam, len(c.Params))
		for i, p := range c.Params {
			params[i] = model.CheckParam{Name: p.Name, Kind: p.Kind}
		}
		out[c.ID] = params
	}
	return out
}

// CheckParam returns a check's threshold as the model sets it, or the
// check's default: the value the check itself reads. It is 0 for a check
// or param scorebook does not know.
func CheckParam(m *model.Model, checkID, name string) float64 {
	if mc := m.Check(checkID); mc != nil {
		if v, ok := mc.Params[name]; ok {
			return v
		}
	}
	if c := lookupCheck(checkID); c != nil {
		v, _ := c.defaultOf(name)
		return v
	}
	return 0
}

// defaultOf returns the default of one of the check's params; ok is false
// when the check declares no param of that name.
func (c *Check) defaultOf(name string) (v float64, ok bool) {
	for _, p := range c.Params {
		if p.Name == name {
			return p.Default, true
		}
	}
	return 0, false
}

// lookupCheck finds a known check by id.
func lookupCheck(id string) *Check {
	for i := range Checks {
		if Checks[i].ID == id {
			return &Checks[i]
		}
	}
	return nil
}

// checkRun is one check running on one assessment; findings collect in out.
type checkRun struct {
	m      *model.Model
	a      *assessment.Assessment
	card   *Scorecard // scores, coherence and pattern fit already computed
	asOf   time.Time  // the date the assessment is judged as of
	check  *Check
	params map[string]float64 // as the model sets them
	// criterion is the model criterion the check reads, as the model's
	// [[checks]] entry names it; "" when it names none.
	criterion string
	out       []Finding
}

// criterionScore returns the assessed state of the check's criterion, and
// the criterion; ok is false when the model names none or an unknown one.
func (r *checkRun) criterionScore() (cs CriterionScore, cr model.Criterion, ok bool) {
	i, j, ok := r.m.CriterionRef(r.criterion)
	if !ok {
		return CriterionScore{}, model.Criterion{}, false
	}
	return r.card.Dimensions[i].Criteria[j], r.m.Dimensions[i].Criteria[j], true
}

// param returns a threshold as the model sets it, or its default.
func (r *checkRun) param(name string) float64 {
	if v, ok := r.params[name]; ok {
		return v
	}
	if v, ok := r.check.defaultOf(name); ok {
		return v
	}
	panic("score: check " + r.check.ID + " reads undeclared param " + name)
}

// add records a finding. condition names what was found, without numbers,
// and becomes the finding's Key after the check id. It returns the
// finding, whose Detail the caller may then set.
func (r *checkRun) add(severity, condition, format string, args ...any) *Finding {
	r.out = append(r.out, Finding{
		Check:    r.check.ID,
		Severity: severity,
		Message:  fmt.Sprintf(format, args...),
		Key:      r.check.ID + "/" + condition,
	})
	return &r.out[len(r.out)-1]
}

// runChecks runs the checks the model lists and sorts their findings:
// worst severity first, then by the check's place in the model, then by
// message.
func runChecks(m *model.Model, a *assessment.Assessment, c *Scorecard, asOf time.Time) []Finding {
	type ranked struct {
		Finding
		order int
	}
	var all []ranked
	for i := range m.Checks {
		mc := &m.Checks[i]
		def := lookupCheck(mc.ID)
		if def == nil {
			continue
		}
		r := checkRun{m: m, a: a, card: c, asOf: asOf, check: def, params: mc.Params, criterion: mc.Criterion}
		def.run(&r)
		for _, f := range r.out {
			all = append(all, ranked{f, i})
		}
	}
	slices.SortFunc(all, func(x, y ranked) int {
		return cmp.Or(
			cmp.Compare(SeverityRank(x.Severity), SeverityRank(y.Severity)),
			cmp.Compare(x.order, y.order),
			cmp.Compare(x.Message, y.Message),
			cmp.Compare(x.Key, y.Key),
		)
	})
	out := make([]Finding, len(all))
	for i, f := range all {
		out[i] = f.Finding
	}
	return out
}

// SeverityRank orders severities worst first: 0 for critical, 4 for info,
// and 5 for anything else.
func SeverityRank(severity string) int {
	for i, s := range Severities {
		if s == severity {
			return i
		}
	}
	return len(Severities)
}

// days counts whole calendar days (UTC) from one date to a later one;
// negative when to is earlier.
func days(from, to time.Time) int {
	f, t := from.UTC(), to.UTC()
	fy, fm, fd := f.Date()
	ty, tm, td := t.Date()
	start := time.Date(fy, fm, fd, 0, 0, 0, 0, time.UTC).Unix()
	end := time.Date(ty, tm, td, 0, 0, 0, 0, time.UTC).Unix()
	return int((end - start) / 86400)
}

// num writes a number for a message: at most two decimals, no trailing
// zeros ("3", "2.5", "2.33").
func num(x float64) string {
	r := math.Round(x*100) / 100
	if r == 0 {
		r = 0 // no "-0"
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// pct writes a ratio as a percentage with at most one decimal ("17.5%").
func pct(x float64) string {
	r := math.Round(x*1000) / 10
	if r == 0 {
		r = 0
	}
	return strconv.FormatFloat(r, 'f', -1, 64) + "%"
}

// plural picks the singular or plural form of a noun for a count.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
