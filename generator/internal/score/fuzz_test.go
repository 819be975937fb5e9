package score

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"scorebook/generator/internal/assessment"
	"scorebook/generator/internal/model"
)

// byteSource hands out fuzz bytes one at a time, then zeros.
type byteSource struct{ data []byte }

func (s *byteSource) next() int {
	if len(s.data) == 0 {
		return 0
	}
	b := s.data[0]
	s.data = s.data[1:]
	return int(b)
}

// fuzzModel builds a model the config loader could accept: positive
// scale, non-negative finite weights, any bands, patterns and thresholds.
func fuzzModel(s *byteSource) *model.Model {
	m := testModel()
	m.Scale.Min = s.next() % 3
	m.Scale.Max = m.Scale.Min + 1 + s.next()%5
	m.Levels = nil
	for n := s.next() % 4; n > 0; n-- {
		m.Levels = append(m.Levels, model.Band{Name: fmt.Sprintf("band-%d", n), Min: float64(s.next()) / 32})
	}
	m.Dimensions = nil
	for i := 0; i < 1+s.next()%4; i++ {
		d := model.Dimension{ID: fmt.Sprintf("d%d", i), Weight: float64(s.next()) / 32}
		for j := 0; j < 1+s.next()%4; j++ {
			d.Criteria = append(d.Criteria, model.Criterion{ID: fmt.Sprintf("c%d", j), Weight: float64(s.next()) / 32})
		}
		m.Dimensions = append(m.Dimensions, d)
	}
	for i := range m.Patterns {
		p := &m.Patterns[i]
		p.Demands = map[string]float64{}
		for _, d := range m.Dimensions {
			if s.next()%2 == 1 {
				p.Demands[d.ID] = float64(s.next()) / 32
			}
		}
		p.MinEngineers = s.next() % 6
	}
	for i := range m.Checks {
		for name := range m.Checks[i].Params {
			m.Checks[i].Params[name] = float64(s.next()) / 64
		}
	}
	return m
}

// fuzzAssessment builds an assessment the loader could accept for m.
func fuzzAssessment(s *byteSource, m *model.Model, day int) *assessment.Assessment {
	a := healthyAssessment()
	a.Assessed = date("2026-01-01").AddDate(0, 0, day)
	a.Scores = map[string]map[string]assessment.Rating{}
	a.Targets = map[string]float64{}
	for _, d := range m.Dimensions {
		ratings := map[string]assessment.Rating{}
		for _, c := range d.Criteria {
			switch s.next() % 4 {
			case 0: // not assessed
			case 1:
				ratings[c.ID] = assessment.Rating{Exempt: true}
			default:
				r := assessment.Rating{Level: m.Scale.Min + s.next()%(m.Scale.Max-m.Scale.Min+1)}
				if s.next()%2 == 0 {
					r.Evidence = "e"
				}
				ratings[c.ID] = r
			}
		}
		a.Scores[d.ID] = ratings
		if s.next()%3 == 0 {
			a.Targets[d.ID] = float64(s.next()) / 32
		}
	}
	a.Journeys = nil
	for n := s.next() % 3; n > 0; n-- {
		runs := s.next()
		a.Journeys = append(a.Journeys, assessment.Journey{Runs: runs, Failures: s.next() % (runs + 1)})
	}
	if s.next()%4 == 0 {
		a.Operations = nil
	}
	if s.next()%4 == 0 {
		a.IntegrationEngineers = nil
	} else {
		a.IntegrationEngineers = ptr(s.next() % 12)
	}
	if s.next()%4 == 0 {
		a.RevenueMUSD = nil
	} else {
		a.RevenueMUSD = ptr(float64(s.next() * 8))
	}
	patterns := []string{"", "hub-and-spoke", "event-driven", "point-to-point"}
	a.Pattern = patterns[s.next()%len(patterns)]
	a.PlannedPattern = patterns[s.next()%len(patterns)]
	return a
}

func FuzzScore(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0, 4, 2, 32, 96, 1, 3, 32, 32, 64, 2, 3, 2, 3, 3, 1, 0, 2, 4})
	f.Add([]byte{1, 3, 3, 10, 40, 80, 3, 64, 3, 0, 32, 255, 1, 2, 2, 2, 3, 3, 4, 4, 5, 1, 7, 9})
	f.Add([]byte("the quick brown fox jumps over the lazy dog, twice over the lazy dog"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s := &byteSource{data: data}
		m := fuzzModel(s)
		b := &assessment.Brand{Slug: "fuzz"}
		for i := 0; i < 1+s.next()%3; i++ {
			b.Assessments = append(b.Assessments, fuzzAssessment(s, m, 200*i))
		}
		now := date("2026-06-01").AddDate(0, 0, s.next()*4)
		cards := Brand(m, b, now)
		for i, c := range cards {
			checkScorecardInvariants(t, m, c)
			assertExplains(t, m, c, Explain(m, b.Assessments[i]))
			if len(c.History) != i+1 {
				t.Errorf("scorecard %d has %d history points", i, len(c.History))
			}
		}
		last := len(b.Assessments) - 1
		alone := Compute(m, b.Assessments[last], b.Assessments[:last], now)
		if !reflect.DeepEqual(alone, cards[last]) {
			t.Errorf("Compute and Brand disagree on the newest scorecard")
		}
	})
}

// checkScorecardInvariants checks what must hold for any input: scores
// within the scale, coverage and fit within [0, 1], findings in order, and
// a scorecard that encodes as JSON (so no NaN or infinity anywhere).
func checkScorecardInvariants(t *testing.T, m *model.Model, c *Scorecard) {
	t.Helper()
	lo, hi := float64(m.Scale.Min)-tolerance, float64(m.Scale.Max)+tolerance
	inScale := func(what string, s *float64) {
		if s != nil && (*s < lo || *s > hi) {
			t.Errorf("%s = %v, outside the scale %d..%d", what, *s, m.Scale.Min, m.Scale.Max)
		}
	}
	inUnit := func(what string, x float64) {
		if !(x >= 0 && x <= 1+tolerance) {
			t.Errorf("%s = %v, outside [0, 1]", what, x)
		}
	}
	inScale("overall", c.Overall.Score)
	inUnit("overall coverage", c.Overall.Coverage)
	if (c.Overall.Score == nil) && c.Overall.Level != nil {
		t.Errorf("level %q without a score", *c.Overall.Level)
	}
	for _, d := range c.Dimensions {
		inScale(d.ID, d.Score)
		inUnit(d.ID+" coverage", d.Coverage)
	}
	for _, p := range c.PatternFit {
		inUnit(p.Pattern+" fit", p.Fit)
		if p.Fit < 1-tolerance && len(p.Shortfalls) == 0 && len(p.CriterionShortfalls) == 0 && p.Engineers == nil {
			t.Errorf("%s fit %v with no shortfall named", p.Pattern, p.Fit)
		}
	}
	for i := 1; i < len(c.Findings); i++ {
		if SeverityRank(c.Findings[i-1].Severity) > SeverityRank(c.Findings[i].Severity) {
			t.Errorf("findings out of severity order: %s before %s", c.Findings[i-1].Severity, c.Findings[i].Severity)
		}
	}
	for _, f := range c.Findings {
		if f.Message == "" || f.Key == "" || SeverityRank(f.Severity) == len(Severities) {
			t.Errorf("incomplete finding %+v", f)
		}
	}
	if _, err := json.Marshal(c); err != nil {
		t.Errorf("marshal scorecard: %v", err)
	}
}
