package assessment

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"scorebook/generator/internal/diag"
	"scorebook/generator/internal/model"
)

func levels(what string) []string {
	out := make([]string, 5)
	for i := range out {
		out[i] = fmt.Sprintf("%s at level %d: a description long enough to wrap onto a second comment line in the scaffold, with \"quotes\" and a # hash.", what, i)
	}
	return out
}

// testModel is a small model shaped like the shipped one.
func testModel() *model.Model {
	return &model.Model{
		Version:     "test.1",
		Aggregation: "weighted-mean",
		Scale:       model.Scale{Min: 0, Max: 4, Names: []string{"Absent", "Informal", "Practised", "Measured", "Leading"}},
		Levels:      []model.Band{{Name: "Ad hoc", Min: 0}, {Name: "Defined", Min: 2}, {Name: "Optimized", Min: 3.5}},
		Dimensions: []model.Dimension{
			{ID: "architecture", Name: "Architectural foundation", Weight: 1, Summary: "How systems connect.", Criteria: []model.Criterion{
				{ID: "api-gateway", Name: "API gateway", Weight: 1, Summary: "A managed entry point.", Levels: levels("Gateway")},
				{ID: "event-backbone", Name: "Event backbone", Weight: 1.5, Levels: levels("Backbone")},
			}},
			{ID: "operations", Name: "Operational discipline", Weight: 1.25, Criteria: []model.Criterion{
				{ID: "on-call", Name: "On-call", Weight: 1},
				{ID: "runbooks", Name: "Runbooks", Weight: 1, Summary: "Written procedures."},
				{ID: "monitoring", Name: "Monitoring", Weight: 1},
			}},
		},
		Profiles:  []model.Profile{{ID: "high", Name: "High", Score: 3.5}},
		Patterns:  []model.Pattern{{ID: "hub-and-spoke", Name: "Hub and spoke"}, {ID: "event-driven", Name: "Event-driven"}, {ID: "hybrid", Name: "Hybrid"}},
		Platforms: []model.Platform{{ID: "shopify-plus", Name: "Shopify Plus"}, {ID: "adobe-commerce", Name: "Adobe Commerce"}},
		Domains: []model.Domain{
			{ID: "inventory", Name: "Inventory", Cadence: model.RealTime},
			{ID: "analytics", Name: "Analytics", Cadence: model.Batch},
		},
		Cadences:  model.DefaultCadences(),
		TeamBands: []model.TeamBand{{Name: "Under $100M", MaxRevenue: 100, MinEngineers: 1, MaxEngineers: 3}},
		Checks:    []model.Check{{ID: "coherence", Name: "Coherence"}},
	}
}

const testPath = "assessments/acme/2026-09-30.toml"

// header is the smallest valid assessment.
const header = "brand = \"Acme\"\nassessed = 2026-09-30\n"

func strs(l diag.List) []string {
	out := make([]string, len(l))
	for i, d := range l {
		out[i] = d.String()
	}
	return out
}

// assertHas checks that every wanted substring is in some diagnostic.
func assertHas(t *testing.T, got diag.List, want ...string) {
	t.Helper()
	lines := strs(got)
	for _, w := range want {
		if !slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, w) }) {
			t.Errorf("no diagnostic contains\n\t%s\ngot:\n\t%s", w, strings.Join(lines, "\n\t"))
		}
	}
}

// writeFiles creates files (slash paths → contents) under a fresh folder.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		full := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skip("symlinks unavailable:", err)
	}
}

func fileText(brand, date string) string {
	return fmt.Sprintf("brand = %q\nassessed = %s\n", brand, date)
}
