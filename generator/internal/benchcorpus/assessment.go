package benchcorpus

import (
	"fmt"
	"math"
	"strings"
	"time"

	"scorebook/generator/internal/model"
	"scorebook/generator/internal/routes"
)

// BrandSlug is the folder name of brand b.
func BrandSlug(b int) string { return fmt.Sprintf("brand-%05d", b) }

// BrandURL is the URL path of brand b's current scorecard.
func BrandURL(b int) string { return routes.Scorecard(BrandSlug(b)) }

// AssessmentDate is the date of assessment h (0 the oldest) of a brand
// with history assessments: the newest is 2026-10-15 and each earlier one
// three months before the next.
func AssessmentDate(history, h int) time.Time {
	return time.Date(2026, time.October, 15, 0, 0, 0, 0, time.UTC).AddDate(0, -3*(history-1-h), 0)
}

// AssessmentPath is the slash path, relative to the source folder, of
// assessment h of brand b.
func AssessmentPath(history, b, h int) string {
	return fmt.Sprintf("assessments/%s/%s.toml", BrandSlug(b), AssessmentDate(history, h).Format(time.DateOnly))
}

var (
	assessors = []string{"Integration review board", "Group architecture review", "External review", "Platform team self-assessment"}
	cadences  = []string{"real-time", "near-real-time", "hourly", "daily", "nightly", "weekly"}
	owners    = []string{"Integration platform team", "Commerce engineering", "IT operations", "Digital delivery"}
)

// Assessment returns the TOML of assessment h (0 the oldest, of history)
// of brand b under model m: a level for every criterion, some with
// evidence and confidence and a few exempt, targets, use cases, journeys
// and operations. Levels are pseudo-random around a per-brand base that
// rises a little with each assessment. The same arguments always give the
// same bytes.
func Assessment(m *model.Model, seed int64, b, history, h int) []byte {
	// One stream per brand for what stays the same across its history,
	// one per assessment for what changes.
	br := newRNG(seed*7_919 + int64(b) + 1<<40)
	name := titleCase(pick(br, words)) + " " + titleCase(pick(br, words)) + fmt.Sprintf(" %05d", b)
	base := 0.5 + 2.5*float64(br.intN(1000))/1000
	platform := ""
	if len(m.Platforms) > 0 {
		platform = pick(br, m.Platforms).ID
	}
	pattern, planned := "", ""
	if len(m.Patterns) > 0 {
		pattern = pick(br, m.Patterns).ID
		if br.chance(0.4) {
			planned = pick(br, m.Patterns).ID
		}
	}
	revenue := 20 + br.intN(1500)
	engineers := br.intN(12)
	offsets := map[string]float64{}
	for _, d := range m.Dimensions {
		offsets[d.ID] = float64(br.intN(200)-100) / 100
	}

	r := newRNG(seed*7_919 + int64(b)*131 + int64(h) + 1<<41)
	date := AssessmentDate(history, h)
	growth := 0.3 * float64(h)
	lo, hi := m.Scale.Min, m.Scale.Max
	var t strings.Builder
	line := func(format string, args ...any) {
		fmt.Fprintf(&t, format, args...)
		t.WriteByte('\n')
	}
	line("brand = %q", name)
	line("assessed = %s", date.Format(time.DateOnly))
	line("assessor = %q", pick(r, assessors))
	if platform != "" {
		line("platform = %q", platform)
	}
	if pattern != "" {
		line("pattern = %q", pattern)
	}
	if planned != "" {
		line("planned_pattern = %q", planned)
	}
	line("revenue_musd = %d", revenue)
	line("integration_engineers = %d", min(engineers+h/2, 20))
	for _, d := range m.Dimensions {
		line("")
		line("[scores.%s]", d.ID)
		for _, c := range d.Criteria {
			level := int(math.Round(base + offsets[d.ID] + growth + float64(r.intN(200)-100)/100))
			level = max(lo, min(hi, level))
			switch {
			case r.chance(0.02):
				line("%s = { exempt = true, reason = %q }", c.ID, "Not applicable: "+strings.ToLower(strings.TrimSuffix(sentenceOf(r, 6), ".")))
			case r.chance(0.3):
				line("%s = { level = %d, evidence = %q, confidence = %q }", c.ID, level, sentenceOf(r, 0), pick(r, []string{"low", "medium", "high"}))
			default:
				line("%s = %d", c.ID, level)
			}
		}
	}
	line("")
	line("[targets]")
	for _, d := range m.Dimensions {
		if r.chance(0.6) {
			line("%s = %.1f", d.ID, min(float64(hi), 2.0+float64(r.intN(3))*0.5))
		}
	}
	for range r.between(2, 4) {
		if len(m.Domains) == 0 {
			break
		}
		line("")
		line("[[use_cases]]")
		line("name = %q", strings.TrimSuffix(sentenceOf(r, 5), "."))
		line("domain = %q", pick(r, m.Domains).ID)
		line("cadence = %q", pick(r, cadences))
	}
	for range r.between(1, 3) {
		runs := 10 * r.between(1, 6)
		line("")
		line("[[journeys]]")
		line("name = %q", strings.TrimSuffix(sentenceOf(r, 7), "."))
		line("runs = %d", runs)
		line("failures = %d", r.intN(runs/4+1))
		if r.chance(0.5) {
			line("notes = %q", sentenceOf(r, 0))
		}
	}
	line("")
	line("[operations]")
	if r.chance(0.8) {
		line("owner = %q", pick(r, owners))
	}
	line("runbooks_reviewed = %s", date.AddDate(0, 0, -r.intN(400)).Format(time.DateOnly))
	line("on_call = %t", r.chance(0.7))
	return []byte(t.String())
}

// sentenceOf is a plain sentence of n words (8 to 20 when n is 0), with no
// Markdown, for evidence, notes and names.
func sentenceOf(r *rng, n int) string {
	if n == 0 {
		n = r.between(8, 20)
	}
	ws := make([]string, n)
	for i := range ws {
		ws[i] = pick(r, words)
	}
	s := strings.Join(ws, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

// SetRating returns the assessment TOML orig with the rating of criterion
// crit under [scores.dim] replaced by level with evidence, as a dev-server
// edit would make it.
func SetRating(orig []byte, dim, crit string, level int, evidence string) ([]byte, error) {
	lines := strings.SplitAfter(string(orig), "\n")
	in := false
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "[") {
			in = t == "[scores."+dim+"]"
			continue
		}
		if in && strings.HasPrefix(t, crit+" = ") {
			lines[i] = fmt.Sprintf("%s = { level = %d, evidence = %q, confidence = \"high\" }\n", crit, level, evidence)
			return []byte(strings.Join(lines, "")), nil
		}
	}
	return nil, fmt.Errorf("set rating: no %s under [scores.%s]", crit, dim)
}
