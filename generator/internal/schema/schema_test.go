package schema_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"scorebook/generator/internal/assessment"
	"scorebook/generator/internal/model"
	"scorebook/generator/internal/schema"
)

func testModel() *model.Model {
	return &model.Model{
		Version: "test-1",
		Scale:   model.Scale{Min: 0, Max: 4, Names: []string{"Absent", "Ad hoc", "Defined", "Managed", "Optimised"}},
		Dimensions: []model.Dimension{{
			ID: "operations", Name: "Operational discipline", Weight: 2, Summary: "Running integrations.",
			Criteria: []model.Criterion{
				{ID: "on-call", Name: "On-call", Weight: 1, Summary: "Someone answers at night.",
					Levels: []string{"nobody", "best effort", "a rota", "a paid rota", "a rota with drills"}},
				{ID: "runbooks", Name: "Runbooks", Weight: 1},
			},
		}},
		Patterns:  []model.Pattern{{ID: "hub-and-spoke"}, {ID: "hybrid"}},
		Platforms: []model.Platform{{ID: "shopify-plus"}},
		Domains:   []model.Domain{{ID: "inventory", Cadence: model.RealTime}},
	}
}

// decode parses the schema into generic JSON.
func decode(t *testing.T, m *model.Model) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(schema.Assessment(m), &doc); err != nil {
		t.Fatalf("schema is not JSON: %v", err)
	}
	return doc
}

// at walks the decoded schema by keys.
func at(t *testing.T, v any, keys ...string) any {
	t.Helper()
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("at %q: not an object", k)
		}
		if v, ok = m[k]; !ok {
			t.Fatalf("no key %q (path %v)", k, keys)
		}
	}
	return v
}

func strs(t *testing.T, v any) []string {
	t.Helper()
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

func TestAssessment_DeclaresDraftAndRequiresBrandAndDate(t *testing.T) {
	doc := decode(t, testModel())
	if got := at(t, doc, "$schema"); got != schema.Draft {
		t.Errorf("$schema = %v", got)
	}
	if got := strs(t, at(t, doc, "required")); !slices.Equal(got, []string{"brand", "assessed"}) {
		t.Errorf("required = %v", got)
	}
	if at(t, doc, "additionalProperties") != false {
		t.Error("top level accepts unknown keys")
	}
	if got := at(t, doc, "properties", "assessed", "format"); got != "date" {
		t.Errorf("assessed format = %v, want date (Taplo maps TOML dates to strings)", got)
	}
}

func TestAssessment_EnumsComeFromTheModel(t *testing.T) {
	doc := decode(t, testModel())
	props := at(t, doc, "properties")
	for _, tc := range []struct {
		keys []string
		want []string
	}{
		{[]string{"platform", "enum"}, []string{"shopify-plus"}},
		{[]string{"pattern", "enum"}, []string{"hub-and-spoke", "hybrid"}},
		{[]string{"planned_pattern", "enum"}, []string{"hub-and-spoke", "hybrid"}},
		{[]string{"visibility", "enum"}, []string{"listed", "unlisted"}},
		{[]string{"use_cases", "items", "properties", "domain", "enum"}, []string{"inventory"}},
		{[]string{"use_cases", "items", "properties", "cadence", "enum"}, []string{"real-time", "near-real-time", "hourly", "daily", "nightly", "weekly"}},
		{[]string{"actions", "items", "properties", "criterion", "enum"}, []string{"operations.on-call", "operations.runbooks"}},
		{[]string{"actions", "items", "properties", "status", "enum"}, assessment.ActionStatuses},
	} {
		if got := strs(t, at(t, props, tc.keys...)); !slices.Equal(got, tc.want) {
			t.Errorf("%v = %v, want %v", tc.keys, got, tc.want)
		}
	}
}

func TestAssessment_CriterionHasScaleFormsAndLevelDescriptions(t *testing.T) {
	doc := decode(t, testModel())
	dim := at(t, doc, "properties", "scores", "properties", "operations")
	if at(t, dim, "additionalProperties") != false {
		t.Error("a dimension accepts unknown criteria")
	}
	if at(t, doc, "properties", "scores", "additionalProperties") != false {
		t.Error("scores accepts unknown dimensions")
	}
	crit := at(t, dim, "properties", "on-call")
	md := at(t, crit, "markdownDescription").(string)
	for _, want := range []string{"**On-call**", "Someone answers at night.", "- **0 Absent**: nobody", "- **4 Optimised**: a rota with drills"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdownDescription lacks %q:\n%s", want, md)
		}
	}
	if d := at(t, crit, "description").(string); !strings.Contains(d, "2 Defined: a rota") {
		t.Errorf("description lacks the levels:\n%s", d)
	}
	forms := at(t, crit, "anyOf").([]any)
	if len(forms) != 3 {
		t.Fatalf("%d forms, want short, long and exempt", len(forms))
	}
	if at(t, forms[0], "type") != "integer" || at(t, forms[0], "minimum") != 0.0 || at(t, forms[0], "maximum") != 4.0 {
		t.Errorf("short form = %v", forms[0])
	}
	if at(t, forms[1], "additionalProperties") != false || at(t, forms[2], "additionalProperties") != false {
		t.Error("a long form accepts unknown keys")
	}
	if got := strs(t, at(t, forms[2], "required")); !slices.Equal(got, []string{"exempt", "reason"}) {
		t.Errorf("exempt form requires %v", got)
	}
}

func TestAssessment_IsTheSameForTheSameModel(t *testing.T) {
	a, b := schema.Assessment(testModel()), schema.Assessment(testModel())
	if string(a) != string(b) {
		t.Error("two runs differ")
	}
	m := testModel()
	m.Scale.Max = 5
	if string(schema.Assessment(m)) == string(a) {
		t.Error("a different scale gives the same schema")
	}
}
