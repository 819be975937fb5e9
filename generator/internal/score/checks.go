package score

import (
	"fmt"
	"strings"

	"scorebook/generator/internal/assessment"
	"scorebook/generator/internal/model"
)

// checkOperationalOwnership flags an integration estate nobody runs: no
// owner (critical), runbooks not reviewed within runbook_max_age_days of
// the date the assessment is judged as of (high), no on-call cover (high).
func checkOperationalOwnership(r *checkRun) {
	ops := r.a.Operations
	maxAge := r.param("runbook_max_age_days")
	switch {
	case ops == nil:
		r.add(Critical, "no-owner", "No [operations] table: nobody is named as running the integrations once they are built")
	case strings.TrimSpace(ops.Owner) == "":
		r.add(Critical, "no-owner", "No operations owner: [operations] owner is empty, so nobody is named as running the integrations")
	}
	if ops == nil || ops.RunbooksReviewed == nil {
		r.add(High, "runbooks-stale", "No runbook review recorded (runbooks_reviewed); runbooks are expected to be reviewed at least every %s days", num(maxAge))
	} else if age := days(*ops.RunbooksReviewed, r.asOf); float64(age) > maxAge {
		r.add(High, "runbooks-stale", "Runbooks last reviewed %s, %d %s before %s, the date this scorecard is judged as of; the limit is %s days",
			assessment.Date(*ops.RunbooksReviewed), age, plural(age, "day", "days"), assessment.Date(r.asOf), num(maxAge))
	}
	switch {
	case ops == nil || ops.OnCall == nil:
		r.add(High, "no-on-call", "No on-call cover recorded (on_call): integration failures wait for office hours")
	case !*ops.OnCall:
		r.add(High, "no-on-call", "No on-call cover (on_call = false): integration failures wait for office hours")
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
// model's team-size band for the brand's revenue: below the band (high),
// above it (medium); revenue or engineers not recorded, or revenue in no
// band (info).
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
		r.add(Info, "unknown", "Team size not checked: %s not recorded", strings.Join(missing, " and "))
		return
	}
	band := teamBand(r.m, *rev)
	if band == nil {
		r.add(Info, "no-band", "Team size not checked: revenue of $%sM falls in no team-size band of the model", num(*rev))
		return
	}
	switch {
	case *eng < band.MinEngineers:
		r.add(High, "below", "%d dedicated integration %s, below the %s typical for revenue of %s (this brand: $%sM)",
			*eng, plural(*eng, "engineer", "engineers"), engineerRange(band), band.Name, num(*rev))
	case band.MaxEngineers > 0 && *eng > band.MaxEngineers:
		r.add(Medium, "above", "%d dedicated integration %s, above the %s typical for revenue of %s (this brand: $%sM)",
			*eng, plural(*eng, "engineer", "engineers"), engineerRange(band), band.Name, num(*rev))
	}
}

// checkCoherence flags a journey failure rate over max_failure_rate
// (high) or critical_failure_rate (critical), and journeys never measured
// (medium).
func checkCoherence(r *checkRun) {
	co := r.card.Coherence
	if co == nil {
		if n := len(r.a.Journeys); n > 0 {
			r.add(Medium, "not-measured", "%d customer %s recorded but none has been run: coherence across channels is unknown",
				n, plural(n, "journey", "journeys"))
		} else {
			r.add(Medium, "not-measured", "No customer journeys measured: coherence across channels is unknown")
		}
		return
	}
	maxRate, critRate := r.param("max_failure_rate"), r.param("critical_failure_rate")
	switch {
	case co.FailureRate > critRate:
		r.add(Critical, "critical-rate", "Journey failure rate %s (%d of %d runs) is over the %s critical threshold",
			pct(co.FailureRate), co.Failures, co.Runs, pct(critRate))
	case co.FailureRate > maxRate:
		r.add(High, "high-rate", "Journey failure rate %s (%d of %d runs) is over the %s threshold",
			pct(co.FailureRate), co.Failures, co.Runs, pct(maxRate))
	}
}

// checkPatternReadiness flags a current pattern whose demands the scores
// do not meet (high), a planned one likewise (medium), and either one
// needing more dedicated integration engineers than the brand has (high).
func checkPatternReadiness(r *checkRun) {
	roles := []struct{ id, label, role, severity string }{
		{r.a.Pattern, "Current", "current", High},
		{r.a.PlannedPattern, "Planned", "planned", Medium},
	}
	if r.a.PlannedPattern == r.a.Pattern {
		roles = roles[:1]
	}
	eng := r.a.IntegrationEngineers
	for _, role := range roles {
		i := findPattern(r.m, role.id)
		if i < 0 {
			continue
		}
		p := r.m.Patterns[i]
		if sf := r.card.PatternFit[i].Shortfalls; len(sf) > 0 {
			r.add(role.severity, role.role+"/"+p.ID+"/demands", "%s pattern %s demands more than the scores show (fit %s): %s",
				role.label, patternName(p), pct(r.card.PatternFit[i].Fit), describeShortfalls(r.m, sf))
		}
		if p.MinEngineers <= 0 {
			continue
		}
		switch {
		case eng == nil:
			r.add(High, role.role+"/"+p.ID+"/engineers", "%s pattern %s needs at least %d dedicated integration %s and none are recorded (integration_engineers): build integration capability first",
				role.label, patternName(p), p.MinEngineers, plural(p.MinEngineers, "engineer", "engineers"))
		case *eng < p.MinEngineers:
			r.add(High, role.role+"/"+p.ID+"/engineers", "%s pattern %s needs at least %d dedicated integration %s and the brand has %d: build integration capability first",
				role.label, patternName(p), p.MinEngineers, plural(p.MinEngineers, "engineer", "engineers"), *eng)
		}
	}
}

// checkUnsupportedScore flags criteria at min_level or above recorded
// without evidence, in one finding listing them all (medium).
func checkUnsupportedScore(r *checkRun) {
	minLevel := r.param("min_level")
	var list []string
	for i, d := range r.m.Dimensions {
		for j, cr := range d.Criteria {
			cs := r.card.Dimensions[i].Criteria[j]
			if cs.Level == nil || float64(*cs.Level) < minLevel || strings.TrimSpace(cs.Evidence) != "" {
				continue
			}
			list = append(list, fmt.Sprintf("%s (%s, level %d)", criterionName(cr), dimensionName(d), *cs.Level))
		}
	}
	if len(list) == 0 {
		return
	}
	r.add(Medium, "no-evidence", "%d %s at level %s or above %s no evidence: %s",
		len(list), plural(len(list), "criterion", "criteria"), num(minLevel), plural(len(list), "has", "have"), strings.Join(list, "; "))
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

// describeShortfalls names each shortfall with its numbers.
func describeShortfalls(m *model.Model, sf []Shortfall) string {
	parts := make([]string, len(sf))
	for i, s := range sf {
		name := s.Dimension
		if d := findDimension(m, s.Dimension); d != nil {
			name = dimensionName(*d)
		}
		if s.Score == nil {
			parts[i] = fmt.Sprintf("%s not assessed, %s required", name, num(s.Required))
		} else {
			parts[i] = fmt.Sprintf("%s %s against %s required", name, num(*s.Score), num(s.Required))
		}
	}
	return strings.Join(parts, "; ")
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
