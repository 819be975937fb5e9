package score

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"scorebook/generator/internal/assessment"
	"scorebook/generator/internal/model"
)

// checkOperationalOwnership flags an integration estate nobody runs once
// it is built: no owner (critical); runbooks not reviewed within
// runbook_max_age_days of the as-of date, or not since go-live (high,
// critical past decay_days); no on-call cover (high); an estate still held
// by its build partner after hypercare (high, or medium when neither
// go-live nor the end of hypercare is recorded).
func checkOperationalOwnership(r *checkRun) {
	ops := r.a.Operations
	switch {
	case ops == nil:
		r.add(Critical, "no-owner", "Nobody is named as running the integrations once they are built").Detail = "The assessment has no [operations] table."
	case strings.TrimSpace(ops.Owner) == "":
		r.add(Critical, "no-owner", "Nobody is named as running the integrations").Detail = "[operations] owner is not set."
	}
	r.runbooks(ops)
	switch {
	case ops == nil || ops.OnCall == nil:
		r.add(High, "no-on-call", "No on-call cover is recorded: integration failures wait for office hours").Detail = "[operations] on_call is not set."
	case !*ops.OnCall:
		r.add(High, "no-on-call", "Nobody is on call for the integrations: failures wait for office hours").Detail = "[operations] on_call = false"
	}
	if ops != nil && ops.EstateOwner == assessment.OwnerBuildPartner {
		r.buildPartner(ops)
	}
}

// runbooks is the runbook part of operational ownership: the age of the
// last review, or of go-live when no review is recorded.
func (r *checkRun) runbooks(ops *assessment.Operations) {
	maxAge, decay := r.param("runbook_max_age_days"), r.param("decay_days")
	var reviewed *time.Time
	if ops != nil {
		reviewed = ops.RunbooksReviewed
	}
	live := r.a.GoLive
	if reviewed == nil && live == nil {
		r.add(High, "runbooks-stale", "No runbook review is recorded; runbooks are expected to be reviewed at least every %s days", num(maxAge)).Detail =
			"Neither [operations] runbooks_reviewed nor go_live is set."
		return
	}
	what := "Runbooks last reviewed %s"
	from := reviewed
	if reviewed == nil {
		what, from = "No runbook review recorded since go-live on %s", live
	} else if end := r.hypercareEnd(ops); end != nil && !reviewed.After(*end) {
		what = "Runbooks last reviewed %s, during the launch and its hypercare"
	}
	age := days(*from, r.asOf)
	if float64(age) <= maxAge {
		return
	}
	severity, decayed := High, ""
	if float64(age) > decay {
		severity = Critical
		decayed = fmt.Sprintf("; past %s days unreviewed, the source model's eighteen months, an unowned estate causes more incidents than it prevents", num(decay))
	}
	r.add(severity, "runbooks-stale", what+", %d %s before %s, the date this scorecard is judged as of; the limit is %s days%s",
		assessment.Date(*from), age, plural(age, "day", "days"), assessment.Date(r.asOf), num(maxAge), decayed)
}

// hypercareEnd is when the build partner's launch support ends: as
// recorded, else hypercare_max_days after go-live; nil when neither date
// is known.
func (r *checkRun) hypercareEnd(ops *assessment.Operations) *time.Time {
	switch {
	case ops != nil && ops.HypercareEnds != nil:
		return ops.HypercareEnds
	case r.a.GoLive != nil:
		end := r.a.GoLive.AddDate(0, 0, int(r.param("hypercare_max_days")))
		return &end
	}
	return nil
}

// buildPartner flags an estate its build partner still holds after
// hypercare.
func (r *checkRun) buildPartner(ops *assessment.Operations) {
	end := r.hypercareEnd(ops)
	if end == nil {
		r.add(Medium, "build-partner", "The build partner still runs the estate and neither the go-live date nor the end of hypercare is recorded: nobody can say when the brand takes it over").Detail =
			fmt.Sprintf("[operations] estate_owner = %q; go_live and [operations] hypercare_ends are not set.", assessment.OwnerBuildPartner)
		return
	}
	how := "recorded"
	if ops.HypercareEnds == nil {
		how = fmt.Sprintf("taken as %s days after go-live", num(r.param("hypercare_max_days")))
	}
	if past := days(*end, r.asOf); past > 0 {
		r.add(High, "build-partner", "The build partner still runs the estate %d %s after hypercare ended on %s (%s): ownership was never handed over",
			past, plural(past, "day", "days"), assessment.Date(*end), how)
	}
}

// checkCadenceMismatch flags use cases whose cadence class does not suit
// their domain: a real-time domain run in batch (high), a batch domain
// paid for in real time (low).
func checkCadenceMismatch(r *checkRun) {
	for _, uc := range r.a.UseCases {
		dom := findDomain(r.m, uc.Domain)
		cad := findCadence(r.m, uc.Cadence)
		if dom == nil || cad == nil {
			continue // the loader rejects unknown ids; nothing to compare
		}
		name := dom.Name
		if name == "" {
			name = dom.ID
		}
		switch {
		case dom.Cadence == model.RealTime && cad.Class == model.Batch:
			r.add(High, "real-time-on-batch/"+uc.Domain+"/"+uc.Name,
				"Use case \"%s\" runs %s, a batch cadence, but %s needs real time", uc.Name, cad.ID, name)
		case dom.Cadence == model.Batch && cad.Class == model.RealTime:
			r.add(Low, "batch-in-real-time/"+uc.Domain+"/"+uc.Name,
				"Use case \"%s\" runs %s, a real-time cadence, but %s is served well by batch: the cost and fragility buy nothing", uc.Name, cad.ID, name)
		}
	}
}

// checkTeamSize compares the dedicated integration engineers with the
// model's team-size band for the brand's revenue. Below the band: high
// when high_shortfall or more of the band's minimum is missing (or there
// are none), medium otherwise. Above it: medium when the check's criterion
// (the iPaaS layer) is at low_criterion_level or below, the source model's
// sign of custom code doing an iPaaS's job; low otherwise. Revenue or
// engineers not recorded, or revenue in no band: info.
func checkTeamSize(r *checkRun) {
	rev, eng := r.a.RevenueMUSD, r.a.IntegrationEngineers
	var missing []string
	if rev == nil {
		missing = append(missing, "revenue_musd")
	}
	if eng == nil {
		missing = append(missing, "integration_engineers")
	}
	if len(missing) > 0 {
		r.add(Info, "unknown", "Team size not checked: the brand's revenue or its number of dedicated integration engineers is not recorded").Detail =
			strings.Join(missing, " and ") + " not set."
		return
	}
	band := teamBand(r.m, *rev)
	if band == nil {
		r.add(Info, "no-band", "Team size not checked: revenue of $%sM falls in no team-size band of the model", num(*rev))
		return
	}
	team := fmt.Sprintf("%d dedicated integration %s", *eng, plural(*eng, "engineer", "engineers"))
	switch {
	case *eng < band.MinEngineers:
		short := band.MinEngineers - *eng
		severity := Medium
		if *eng == 0 || float64(short) >= r.param("high_shortfall")*float64(band.MinEngineers)-tolerance {
			severity = High
		}
		r.add(severity, "below", "%s, %d short of the %s typical for revenue of %s (this brand: $%sM)",
			team, short, engineerRange(band), band.Name, num(*rev))
	case band.MaxEngineers > 0 && *eng > band.MaxEngineers:
		if cs, cr, ok := r.criterionScore(); ok && cs.Level != nil && float64(*cs.Level) <= r.param("low_criterion_level") {
			r.add(Medium, "above-custom-code", "%s, above the %s typical for revenue of %s (this brand: $%sM), with %s at level %d: a team this size beside a weak %s usually means custom code doing work an iPaaS would do more cheaply",
				team, engineerRange(band), band.Name, num(*rev), criterionName(cr), *cs.Level, criterionName(cr))
			return
		}
		r.add(Low, "above", "%s, above the %s typical for revenue of %s (this brand: $%sM)",
			team, engineerRange(band), band.Name, num(*rev))
	}
}

// checkCoherence judges each journey run at least min_runs times on its own
// failure rate: over max_failure_rate (high) or critical_failure_rate
// (critical). Journeys with fewer runs are listed as not yet counted
// (info); no journey counted at all, or none recorded, is medium.
func checkCoherence(r *checkRun) {
	if len(r.a.Journeys) == 0 {
		r.add(Medium, "not-measured", "No customer journeys measured: coherence across channels is unknown")
		return
	}
	minRuns := r.param("min_runs")
	maxRate, critRate := r.param("max_failure_rate"), r.param("critical_failure_rate")
	var few []string
	counted := 0
	for _, j := range r.a.Journeys {
		if j.Runs <= 0 || float64(j.Runs) < minRuns {
			few = append(few, fmt.Sprintf("%q (%d %s)", j.Name, j.Runs, plural(j.Runs, "run", "runs")))
			continue
		}
		counted++
		rate := float64(j.Failures) / float64(j.Runs)
		switch {
		case rate > critRate:
			r.add(Critical, "journey/"+j.Name, "Journey %q fails %s of runs (%d of %d), over the %s critical threshold",
				j.Name, pct(rate), j.Failures, j.Runs, pct(critRate))
		case rate > maxRate:
			r.add(High, "journey/"+j.Name, "Journey %q fails %s of runs (%d of %d), over the %s threshold",
				j.Name, pct(rate), j.Failures, j.Runs, pct(maxRate))
		}
	}
	switch {
	case counted == 0:
		r.add(Medium, "not-measured", "No customer journey has been run the %s times its failure rate needs to count: coherence across channels is unknown (%s)",
			num(minRuns), strings.Join(few, ", "))
	case len(few) > 0:
		r.add(Info, "too-few-runs", "%d %s run fewer than %s times, not yet counted: %s",
			len(few), plural(len(few), "journey", "journeys"), num(minRuns), strings.Join(few, ", "))
	}
}

// checkUnsupportedScore flags criteria at min_level or above recorded
// without evidence, a placeholder counting as none (medium, one finding
// listing them all), and those recorded with low confidence (low).
func checkUnsupportedScore(r *checkRun) {
	minLevel := r.param("min_level")
	var bare, unsure []string
	for i, d := range r.m.Dimensions {
		for j, cr := range d.Criteria {
			cs := r.card.Dimensions[i].Criteria[j]
			if cs.Level == nil || float64(*cs.Level) < minLevel {
				continue
			}
			item := fmt.Sprintf("%s (%s, level %d)", criterionName(cr), dimensionName(d), *cs.Level)
			if !IsEvidence(cs.Evidence) {
				bare = append(bare, item)
			} else if cs.Confidence == "low" {
				unsure = append(unsure, item)
			}
		}
	}
	if len(bare) > 0 {
		r.add(Medium, "no-evidence", "%d %s at level %s or above %s no evidence (an empty or placeholder note such as \"n/a\" or \"Unchanged.\" is none): %s",
			len(bare), plural(len(bare), "criterion", "criteria"), num(minLevel), plural(len(bare), "has", "have"), strings.Join(bare, "; "))
	}
	if len(unsure) > 0 {
		r.add(Low, "low-confidence", "%d %s at level %s or above %s recorded with low confidence: %s",
			len(unsure), plural(len(unsure), "criterion", "criteria"), num(minLevel), plural(len(unsure), "is", "are"), strings.Join(unsure, "; "))
	}
}

// placeholders are evidence notes that say nothing, compared after
// IsEvidence lowercases them and trims spaces and end punctuation.
var placeholders = []string{
	"", "-", "--", "n/a", "na", "none", "nil", "tbd", "tbc", "todo", "to do", "?", "unchanged",
	"no change", "same", "same as before", "same as last time", "as before", "as above", "see above",
	"see below", "see notes", "ditto", "ok", "yes", "x",
}

// IsEvidence reports whether an evidence note says something: not empty
// and not a placeholder such as "n/a", "see above", "-" or "Unchanged.".
func IsEvidence(note string) bool {
	n := strings.ToLower(strings.TrimSpace(note))
	n = strings.TrimRight(n, ".!… ")
	return !slices.Contains(placeholders, n)
}

// checkGovernanceForum flags a brand without a standing governance forum
// for integration: the check's criterion at max_level or below (high), or
// not assessed (low). It runs whether or not the brand set targets.
func checkGovernanceForum(r *checkRun) {
	cs, cr, ok := r.criterionScore()
	switch {
	case !ok || cs.Exempt:
	case cs.Level == nil:
		r.add(Low, "not-assessed", "%s is not assessed: whether integration decisions have a standing cross-functional forum is unknown", criterionName(cr))
	case float64(*cs.Level) <= r.param("max_level"):
		r.add(High, "no-forum", "No standing governance forum for integration (%s at level %d, %s): each integration is decided on its own, by whoever is in the room",
			criterionName(cr), *cs.Level, r.m.LevelName(*cs.Level))
	}
}

// checkStaleAssessment flags an assessment made more than max_age_days
// before the date it is judged as of (medium): only ever the current one.
func checkStaleAssessment(r *checkRun) {
	maxAge := r.param("max_age_days")
	if age := days(r.a.Assessed, r.asOf); float64(age) > maxAge {
		r.add(Medium, "stale", "Assessed %s, %d %s before %s, the date this scorecard is judged as of; the limit is %s days",
			assessment.Date(r.a.Assessed), age, plural(age, "day", "days"), assessment.Date(r.asOf), num(maxAge))
	}
}

// checkTargetGap flags, per dimension with a target, a score below it
// (medium), at least high_gap below it (high), or no score (medium).
func checkTargetGap(r *checkRun) {
	highGap := r.param("high_gap")
	for i, d := range r.m.Dimensions {
		ds := r.card.Dimensions[i]
		if ds.Target == nil {
			continue
		}
		target := *ds.Target
		if ds.Score == nil {
			r.add(Medium, d.ID+"/not-assessed", "%s is not assessed against its target of %s", dimensionName(d), num(target))
			continue
		}
		s := *ds.Score
		if s >= target-tolerance {
			continue
		}
		if target-s >= highGap-tolerance {
			r.add(High, d.ID+"/high", "%s scores %s against a target of %s, a gap of %s (%s or more is high)",
				dimensionName(d), num(s), num(target), num(target-s), num(highGap))
		} else {
			r.add(Medium, d.ID+"/below", "%s scores %s against a target of %s, a gap of %s",
				dimensionName(d), num(s), num(target), num(target-s))
		}
	}
}

// checkCoverage flags an overall coverage under min_coverage (low).
func checkCoverage(r *checkRun) {
	minCov := r.param("min_coverage")
	if c := r.card.Overall.Coverage; c < minCov-tolerance {
		r.add(Low, "low", "Overall coverage %s is under the %s minimum: the scores rest on part of the rubric only", pct(c), pct(minCov))
	}
}

// engineerRange writes a band's typical headcount ("3–6 engineers").
func engineerRange(b *model.TeamBand) string {
	if b.MaxEngineers <= 0 {
		return fmt.Sprintf("%d or more engineers", b.MinEngineers)
	}
	return fmt.Sprintf("%d–%d engineers", b.MinEngineers, b.MaxEngineers)
}

// teamBand returns the first band whose revenue range [min, max) holds the
// revenue, a max of 0 meaning no upper bound; nil when none does.
func teamBand(m *model.Model, revenue float64) *model.TeamBand {
	for i := range m.TeamBands {
		b := &m.TeamBands[i]
		if revenue >= b.MinRevenue && (b.MaxRevenue <= 0 || revenue < b.MaxRevenue) {
			return b
		}
	}
	return nil
}

func findDomain(m *model.Model, id string) *model.Domain {
	for i := range m.Domains {
		if m.Domains[i].ID == id {
			return &m.Domains[i]
		}
	}
	return nil
}

func findCadence(m *model.Model, id string) *model.Cadence {
	for i := range m.Cadences {
		if m.Cadences[i].ID == id {
			return &m.Cadences[i]
		}
	}
	return nil
}

func findDimension(m *model.Model, id string) *model.Dimension {
	for i := range m.Dimensions {
		if m.Dimensions[i].ID == id {
			return &m.Dimensions[i]
		}
	}
	return nil
}

// findPattern returns the index of a pattern in the model, or -1.
func findPattern(m *model.Model, id string) int {
	if id == "" {
		return -1
	}
	for i := range m.Patterns {
		if m.Patterns[i].ID == id {
			return i
		}
	}
	return -1
}

func dimensionName(d model.Dimension) string { return nameOr(d.Name, d.ID) }
func criterionName(c model.Criterion) string { return nameOr(c.Name, c.ID) }
func patternName(p model.Pattern) string     { return nameOr(p.Name, p.ID) }

func nameOr(name, id string) string {
	if name == "" {
		return id
	}
	return name
}
