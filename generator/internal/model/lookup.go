package model

import (
	"strconv"
	"strings"
)

// The contract cadences: every model offers at least these, so assessment
// files written against one model stay valid against the next.
var contractCadences = []Cadence{
	{ID: "real-time", Class: RealTime},
	{ID: "near-real-time", Class: RealTime},
	{ID: "hourly", Class: Batch},
	{ID: "daily", Class: Batch},
	{ID: "nightly", Class: Batch},
	{ID: "weekly", Class: Batch},
}

// DefaultCadences returns the six contract cadences with their classes:
// real-time and near-real-time count as real time, the rest as batch. A
// model without [[model.cadences]] uses these.
func DefaultCadences() []Cadence {
	return append([]Cadence(nil), contractCadences...)
}

// Dimension returns the dimension with the given id, or nil.
func (m *Model) Dimension(id string) *Dimension {
	for i := range m.Dimensions {
		if m.Dimensions[i].ID == id {
			return &m.Dimensions[i]
		}
	}
	return nil
}

// Criterion returns the criterion critID of dimension dimID, or nil.
func (m *Model) Criterion(dimID, critID string) *Criterion {
	d := m.Dimension(dimID)
	if d == nil {
		return nil
	}
	for i := range d.Criteria {
		if d.Criteria[i].ID == critID {
			return &d.Criteria[i]
		}
	}
	return nil
}

// Pattern returns the pattern with the given id, or nil.
func (m *Model) Pattern(id string) *Pattern {
	for i := range m.Patterns {
		if m.Patterns[i].ID == id {
			return &m.Patterns[i]
		}
	}
	return nil
}

// Platform returns the platform with the given id, or nil.
func (m *Model) Platform(id string) *Platform {
	for i := range m.Platforms {
		if m.Platforms[i].ID == id {
			return &m.Platforms[i]
		}
	}
	return nil
}

// Domain returns the use-case domain with the given id, or nil.
func (m *Model) Domain(id string) *Domain {
	for i := range m.Domains {
		if m.Domains[i].ID == id {
			return &m.Domains[i]
		}
	}
	return nil
}

// Profile returns the pattern profile with the given id, or nil.
func (m *Model) Profile(id string) *Profile {
	for i := range m.Profiles {
		if m.Profiles[i].ID == id {
			return &m.Profiles[i]
		}
	}
	return nil
}

// Check returns the check with the given id, or nil when the model does not
// enable it.
func (m *Model) Check(id string) *Check {
	for i := range m.Checks {
		if m.Checks[i].ID == id {
			return &m.Checks[i]
		}
	}
	return nil
}

// CadenceClass returns the class (RealTime or Batch) of the cadence id, or
// "" for an unknown cadence. A model with no cadences (one built in code
// rather than loaded) uses DefaultCadences.
func (m *Model) CadenceClass(id string) string {
	cadences := m.Cadences
	if len(cadences) == 0 {
		cadences = contractCadences
	}
	for _, c := range cadences {
		if c.ID == id {
			return c.Class
		}
	}
	return ""
}

// Band returns the maturity band a score belongs to: the one with the
// greatest minimum at or below the score. It returns nil when the score is
// below every band (a validated model starts its first band at the bottom
// of the scale, so that does not happen for scores within the scale).
func (m *Model) Band(score float64) *Band {
	var best *Band
	for i := range m.Levels {
		b := &m.Levels[i]
		if b.Min <= score && (best == nil || b.Min > best.Min) {
			best = b
		}
	}
	return best
}

// TeamBand returns the team-size band whose revenue range holds revenue
// (millions of US dollars): MinRevenue inclusive, MaxRevenue exclusive, a
// MaxRevenue of 0 meaning no upper bound. It returns nil when no band does.
func (m *Model) TeamBand(revenue float64) *TeamBand {
	for i := range m.TeamBands {
		b := &m.TeamBands[i]
		if revenue >= b.MinRevenue && (b.MaxRevenue == 0 || revenue < b.MaxRevenue) {
			return b
		}
	}
	return nil
}

// LevelName returns the scale's name for a criterion level ("Practised"),
// or the level as a number when the scale names none.
func (m *Model) LevelName(level int) string {
	i := level - m.Scale.Min
	if i >= 0 && i < len(m.Scale.Names) && m.Scale.Names[i] != "" {
		return m.Scale.Names[i]
	}
	return strconv.Itoa(level)
}

// Param returns the check's threshold name, or def when the model does not
// set it. It is safe on a nil Check (a check the model does not enable).
func (c *Check) Param(name string, def float64) float64 {
	if c == nil {
		return def
	}
	if v, ok := c.Params[name]; ok {
		return v
	}
	return def
}

// CriterionRef resolves "<dimension-id>.<criterion-id>" to its dimension
// and criterion indexes in model order; ok is false when either is unknown.
func (m *Model) CriterionRef(ref string) (dim, crit int, ok bool) {
	dimID, critID, found := strings.Cut(ref, ".")
	if !found {
		return 0, 0, false
	}
	for i := range m.Dimensions {
		if m.Dimensions[i].ID != dimID {
			continue
		}
		for j := range m.Dimensions[i].Criteria {
			if m.Dimensions[i].Criteria[j].ID == critID {
				return i, j, true
			}
		}
	}
	return 0, 0, false
}

// DeriveDemands sets every pattern's Demands from its profile: on each
// dimension, the Demand of the profile the pattern has there, when that
// Demand is above 0. It is the one rule linking profiles to demands.
func (m *Model) DeriveDemands() {
	for i := range m.Patterns {
		p := &m.Patterns[i]
		p.Demands = map[string]float64{}
		for dim, id := range p.Profile {
			if pr := m.Profile(id); pr != nil && pr.Demand > 0 {
				p.Demands[dim] = pr.Demand
			}
		}
	}
}
