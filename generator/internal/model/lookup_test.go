package model

import "testing"

func lookupModel() *Model {
	return &Model{
		Scale:  Scale{Min: 0, Max: 4, Names: []string{"Absent", "Informal", "Practised", "Measured", "Leading"}},
		Levels: []Band{{Name: "Ad hoc", Min: 0}, {Name: "Defined", Min: 2}, {Name: "Optimized", Min: 3.5}},
		Dimensions: []Dimension{
			{ID: "architecture", Criteria: []Criterion{{ID: "api-gateway"}, {ID: "event-backbone"}}},
			{ID: "operations", Criteria: []Criterion{{ID: "on-call"}}},
		},
		Patterns:  []Pattern{{ID: "hybrid"}},
		Profiles:  []Profile{{ID: "high", Score: 3.5}},
		Platforms: []Platform{{ID: "shopify-plus"}},
		Domains:   []Domain{{ID: "inventory", Cadence: RealTime}},
		Cadences:  []Cadence{{ID: "real-time", Class: RealTime}, {ID: "nightly", Class: Batch}},
		TeamBands: []TeamBand{
			{Name: "small", MinRevenue: 0, MaxRevenue: 100},
			{Name: "large", MinRevenue: 100, MaxRevenue: 0},
		},
		Checks: []Check{{ID: "coherence", Params: map[string]float64{"max_failure_rate": 0.1}}},
	}
}

func TestLookups_FindByIDAndReturnNilOtherwise(t *testing.T) {
	m := lookupModel()
	if d := m.Dimension("operations"); d == nil || d.ID != "operations" {
		t.Errorf("Dimension(operations) = %v", d)
	}
	if c := m.Criterion("architecture", "event-backbone"); c == nil || c.ID != "event-backbone" {
		t.Errorf("Criterion = %v", c)
	}
	if m.Criterion("operations", "api-gateway") != nil {
		t.Error("Criterion found a criterion of another dimension")
	}
	if m.Criterion("nope", "on-call") != nil || m.Dimension("nope") != nil {
		t.Error("unknown dimension found")
	}
	if m.Pattern("hybrid") == nil || m.Pattern("x") != nil {
		t.Error("Pattern lookup")
	}
	if m.Platform("shopify-plus") == nil || m.Platform("x") != nil {
		t.Error("Platform lookup")
	}
	if m.Domain("inventory") == nil || m.Domain("x") != nil {
		t.Error("Domain lookup")
	}
	if m.Profile("high") == nil || m.Profile("x") != nil {
		t.Error("Profile lookup")
	}
	if m.Check("coherence") == nil || m.Check("x") != nil {
		t.Error("Check lookup")
	}
	// Lookups return pointers into the model, not copies.
	m.Dimension("operations").Weight = 2
	if m.Dimensions[1].Weight != 2 {
		t.Error("Dimension returned a copy")
	}
}

func TestBand_PicksGreatestMinimumAtOrBelow(t *testing.T) {
	m := lookupModel()
	tests := []struct {
		score float64
		want  string
	}{{0, "Ad hoc"}, {1.99, "Ad hoc"}, {2, "Defined"}, {3.49, "Defined"}, {3.5, "Optimized"}, {4, "Optimized"}, {-1, ""}}
	for _, tc := range tests {
		got := ""
		if b := m.Band(tc.score); b != nil {
			got = b.Name
		}
		if got != tc.want {
			t.Errorf("Band(%g) = %q, want %q", tc.score, got, tc.want)
		}
	}
}

func TestTeamBand_MinInclusiveMaxExclusiveZeroUnbounded(t *testing.T) {
	m := lookupModel()
	tests := []struct {
		revenue float64
		want    string
	}{{0, "small"}, {99.9, "small"}, {100, "large"}, {1e6, "large"}, {-1, ""}}
	for _, tc := range tests {
		got := ""
		if b := m.TeamBand(tc.revenue); b != nil {
			got = b.Name
		}
		if got != tc.want {
			t.Errorf("TeamBand(%g) = %q, want %q", tc.revenue, got, tc.want)
		}
	}
}

func TestCadenceClass_UsesModelThenDefaults(t *testing.T) {
	m := lookupModel()
	if got := m.CadenceClass("nightly"); got != Batch {
		t.Errorf("nightly = %q", got)
	}
	if got := m.CadenceClass("hourly"); got != "" {
		t.Errorf("hourly is not in this model's cadences, got %q", got)
	}
	empty := &Model{}
	if got := empty.CadenceClass("near-real-time"); got != RealTime {
		t.Errorf("default near-real-time = %q", got)
	}
	if got := empty.CadenceClass("weekly"); got != Batch {
		t.Errorf("default weekly = %q", got)
	}
	if len(DefaultCadences()) != 6 {
		t.Errorf("DefaultCadences = %v", DefaultCadences())
	}
}

func TestLevelName_NamesOrNumbers(t *testing.T) {
	m := lookupModel()
	if got := m.LevelName(2); got != "Practised" {
		t.Errorf("LevelName(2) = %q", got)
	}
	if got := m.LevelName(7); got != "7" {
		t.Errorf("LevelName(7) = %q", got)
	}
	m.Scale = Scale{Min: 1, Max: 5, Names: []string{"one", "two", "three", "four", "five"}}
	if got := m.LevelName(1); got != "one" {
		t.Errorf("LevelName(1) on a 1-based scale = %q", got)
	}
}

func TestCheckParam_DefaultsAndNilSafety(t *testing.T) {
	m := lookupModel()
	c := m.Check("coherence")
	if got := c.Param("max_failure_rate", 0.05); got != 0.1 {
		t.Errorf("set param = %g", got)
	}
	if got := c.Param("critical_failure_rate", 0.15); got != 0.15 {
		t.Errorf("unset param = %g", got)
	}
	if got := m.Check("absent").Param("x", 7); got != 7 {
		t.Errorf("nil check param = %g", got)
	}
}

func TestDeriveDemands_FollowsTheProfileRule(t *testing.T) {
	m := &Model{
		Profiles: []Profile{{ID: "high", Demand: 3}, {ID: "medium", Demand: 2.5}, {ID: "low"}},
		Patterns: []Pattern{
			{ID: "a", Profile: map[string]string{"x": "high", "y": "medium", "z": "low"}},
			{ID: "b", Profile: map[string]string{"x": "medium", "y": "unknown"}},
		},
	}
	m.DeriveDemands()
	if got := m.Patterns[0].Demands; len(got) != 2 || got["x"] != 3 || got["y"] != 2.5 {
		t.Errorf("pattern a demands %v, want x 3, y 2.5 and nothing for a profile without demand", got)
	}
	if got := m.Patterns[1].Demands; len(got) != 1 || got["x"] != 2.5 {
		t.Errorf("pattern b demands %v, want x 2.5", got)
	}
}

func TestCriterionRef(t *testing.T) {
	m := &Model{Dimensions: []Dimension{
		{ID: "ops", Criteria: []Criterion{{ID: "on-call"}, {ID: "runbooks"}}},
		{ID: "arch", Criteria: []Criterion{{ID: "ipaas"}}},
	}}
	for _, tc := range []struct {
		ref       string
		dim, crit int
		ok        bool
	}{
		{"ops.runbooks", 0, 1, true}, {"arch.ipaas", 1, 0, true},
		{"arch.runbooks", 0, 0, false}, {"ipaas", 0, 0, false}, {"", 0, 0, false}, {"ops.", 0, 0, false},
	} {
		d, c, ok := m.CriterionRef(tc.ref)
		if d != tc.dim || c != tc.crit || ok != tc.ok {
			t.Errorf("CriterionRef(%q) = %d, %d, %v; want %d, %d, %v", tc.ref, d, c, ok, tc.dim, tc.crit, tc.ok)
		}
	}
}
