package assessment

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"scorebook/generator/internal/config"
	"scorebook/generator/internal/model"
)

var (
	criterionLine = regexp.MustCompile(`(?m)^# ([a-z0-9-]+) = $`)
	exampleLine   = regexp.MustCompile(`(?m)^# (\[|[a-z_]+ = )`)
)

// fill rates every criterion of a scaffold and uncomments every example,
// as an assessor would.
func fill(scaffold []byte, level string) []byte {
	out := criterionLine.ReplaceAll(scaffold, []byte("${1} = "+level))
	return exampleLine.ReplaceAll(out, []byte("${1}"))
}

var day = time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)

func checkScaffoldRoundTrip(t *testing.T, m *model.Model) {
	t.Helper()
	brand := `Acme "Corp" – Ünïcode \ Ltd`
	src := Scaffold(m, "acme", day, brand)

	a, errs := Decode(testPath, "acme", src, m)
	if len(errs) > 0 {
		t.Fatalf("the unfilled scaffold has diagnostics:\n%s\n\n%s", strings.Join(strs(errs), "\n"), src)
	}
	if a.Brand != brand || !a.Assessed.Equal(day) || a.Visibility != Listed {
		t.Errorf("brand %q assessed %v visibility %q", a.Brand, a.Assessed, a.Visibility)
	}
	for _, d := range a.Scores {
		if len(d) != 0 {
			t.Errorf("the unfilled scaffold rates criteria: %v", a.Scores)
		}
	}

	filled := fill(src, "3")
	a, errs = Decode(testPath, "acme", filled, m)
	if len(errs) > 0 {
		t.Fatalf("the filled scaffold has diagnostics:\n%s\n\n%s", strings.Join(strs(errs), "\n"), filled)
	}
	for _, d := range m.Dimensions {
		for _, c := range d.Criteria {
			if r, ok := a.Scores[d.ID][c.ID]; !ok || r.Level != 3 {
				t.Errorf("scores.%s.%s = %+v, %v after filling", d.ID, c.ID, r, ok)
			}
		}
		if _, ok := a.Targets[d.ID]; !ok {
			t.Errorf("no target example for %s", d.ID)
		}
	}
	if a.Platform == "" || a.Pattern == "" || a.PlannedPattern == "" || a.Assessor == "" || a.RevenueMUSD == nil || a.IntegrationEngineers == nil {
		t.Errorf("header examples not all present: %+v", a)
	}
	if len(a.UseCases) != 1 || len(a.Journeys) != 1 || a.Operations == nil || a.Operations.OnCall == nil {
		t.Errorf("section examples not all present: %+v %+v %+v", a.UseCases, a.Journeys, a.Operations)
	}
	if u := a.UseCases[0]; m.CadenceClass(u.Cadence) != m.Domain(u.Domain).Cadence {
		t.Errorf("the example use case is itself a cadence mismatch: %+v", u)
	}
}

func TestScaffold_RoundTripsThroughDecode(t *testing.T) {
	checkScaffoldRoundTrip(t, testModel())
}

func TestScaffold_RoundTripsWithTheShippedModel(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	if _, err := os.Stat(filepath.Join(root, config.FileName)); err != nil {
		t.Skip("no shipped site.toml")
	}
	site, errs := config.Load(root, nil)
	if errs.HasErrors() {
		t.Skipf("shipped site.toml does not load (config tests report it): %v", errs)
	}
	checkScaffoldRoundTrip(t, &site.Model)
}

func TestScaffold_DescribesEveryCriterion(t *testing.T) {
	m := testModel()
	src := string(Scaffold(m, "acme", day, ""))
	want := []string{
		`brand = "acme"`, // an empty name falls back to the slug
		"assessed = 2026-09-30",
		"against scoring model test.1",
		"Levels: 0 Absent, 1 Informal, 2 Practised, 3 Measured, 4 Leading.",
		"[scores.architecture]", "[scores.operations]",
		"# Architectural foundation (weight 1)", "#   How systems connect.",
		"# API gateway (weight 1)", "#   A managed entry point.",
		"#   0 Absent: Gateway at level 0: a description",
		"#   4 Leading: Backbone at level 4: a description",
		"# Event backbone (weight 1.5)",
		"# api-gateway = \n", "# event-backbone = \n", "# on-call = \n", "# runbooks = \n", "# monitoring = \n",
		"# [targets]", "# [[use_cases]]", "# [[journeys]]", "# [operations]",
		"domain: inventory, analytics.",
	}
	for _, w := range want {
		if !strings.Contains(src, w) {
			t.Errorf("scaffold lacks %q", w)
		}
	}
	for i, line := range strings.Split(src, "\n") {
		if len([]rune(line)) > commentWidth && strings.HasPrefix(line, "#   ") {
			t.Errorf("line %d is wider than %d: %q", i+1, commentWidth, line)
		}
	}
}

func TestScaffold_KeepsCommentsValidWithControlCharacters(t *testing.T) {
	m := testModel()
	m.Dimensions[0].Summary = "line one\r\nline two\x00\x07 and a tab\tend"
	m.Dimensions[0].Criteria[0].Levels[0] = "bell\x07 here"
	if _, errs := Decode(testPath, "acme", Scaffold(m, "acme", day, "Acme\nCorp"), m); len(errs) > 0 {
		t.Fatalf("diagnostics: %v", errs)
	}
}
