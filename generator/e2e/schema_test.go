package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"scorebook/generator/internal/assessment"
	"scorebook/generator/internal/config"
	"scorebook/generator/internal/schema"
	"scorebook/generator/internal/score"
	"scorebook/generator/internal/tomlfile"
)

// tomlToJSON turns a parsed TOML value into the JSON an editor validates:
// dates become strings in date format, as Taplo maps them.
func tomlToJSON(v any) any {
	switch v := v.(type) {
	case time.Time:
		return v.Format(time.DateOnly)
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = tomlToJSON(x)
		}
		return out
	case []map[string]any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = tomlToJSON(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = tomlToJSON(x)
		}
		return out
	}
	return v
}

// validateWithAjv validates each case against the schema with Ajv and
// returns the errors of each.
func validateWithAjv(t *testing.T, schemaJSON []byte, cases map[string]any) map[string][]string {
	t.Helper()
	modules := needTool(t, "SCOREBOOK_AJV",
		"install it with `cd /tmp/ajv && npm install ajv@8.20.0 ajv-formats@3.0.1` and set SCOREBOOK_AJV=/tmp/ajv/node_modules")
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("SCOREBOOK_AJV is set but node is not installed: %v", err)
	}
	dir := t.TempDir()
	schemaFile, casesFile := filepath.Join(dir, "schema.json"), filepath.Join(dir, "cases.json")
	data, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(schemaFile, schemaJSON, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(casesFile, data, 0o644); err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs("testdata/validate-schema.js")
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, script, modules, schemaFile, casesFile).Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("validate with ajv: %v\n%s", err, stderr)
	}
	var results map[string][]string
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("ajv output: %v\n%s", err, out)
	}
	return results
}

// parseTOML parses an assessment as an editor sees it.
func parseTOML(t *testing.T, name string, data []byte) any {
	t.Helper()
	doc, errs := tomlfile.Parse(name, data)
	if doc == nil {
		t.Fatalf("%s: %v", name, errs)
	}
	return tomlToJSON(doc.Root)
}

// TestSchema_ShippedAssessmentsValidateAndBrokenOnesDoNot validates every
// shipped assessment against the schema generated from the shipped model
// with Ajv, a standard JSON Schema validator, and wants each broken variant
// rejected, as `scorebook check` rejects it.
func TestSchema_ShippedAssessmentsValidateAndBrokenOnesDoNot(t *testing.T) {
	site, errs := config.Load(repoRoot, score.CheckParams())
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	files, err := filepath.Glob(filepath.Join(repoRoot, assessment.Dir, "*", "*.toml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no shipped assessments: %v", err)
	}
	cases := map[string]any{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(repoRoot, f)
		cases["valid "+filepath.ToSlash(rel)] = parseTOML(t, rel, data)
	}
	// Broken files, each a mistake check reports.
	head := `brand = "Acme"` + "\n" + `assessed = 2026-09-30` + "\n"
	bad := map[string]string{
		"level 9":              head + "[scores.operations]\non-call = 9\n",
		"level below scale":    head + "[scores.operations]\non-call = -1\n",
		"level not whole":      head + "[scores.operations]\non-call = 2.5\n",
		"long form level 9":    head + "[scores.operations]\non-call = { level = 9, evidence = \"x\" }\n",
		"long form unknown":    head + "[scores.operations]\non-call = { level = 2, proof = \"x\" }\n",
		"exempt without why":   head + "[scores.operations]\non-call = { exempt = true }\n",
		"exempt with level":    head + "[scores.operations]\non-call = { exempt = true, reason = \"x\", level = 2 }\n",
		"bad confidence":       head + "[scores.operations]\non-call = { level = 2, confidence = \"sure\" }\n",
		"unknown criterion":    head + "[scores.operations]\npager = 2\n",
		"unknown dimension":    head + "[scores.marketing]\nseo = 2\n",
		"unknown top key":      head + "colour = \"red\"\n",
		"missing brand":        "assessed = 2026-09-30\n",
		"missing assessed":     `brand = "Acme"` + "\n",
		"brand not a string":   "brand = 3\nassessed = 2026-09-30\n",
		"empty brand":          "brand = \"  \"\nassessed = 2026-09-30\n",
		"unknown platform":     head + "platform = \"magento-1\"\n",
		"unknown pattern":      head + "pattern = \"mesh\"\n",
		"bad visibility":       head + "visibility = \"secret\"\n",
		"target off scale":     head + "[targets]\noperations = 7\n",
		"target unknown dim":   head + "[targets]\nmarketing = 2\n",
		"unknown domain":       head + "[[use_cases]]\nname = \"x\"\ndomain = \"weather\"\ncadence = \"daily\"\n",
		"unknown cadence":      head + "[[use_cases]]\nname = \"x\"\ndomain = \"inventory\"\ncadence = \"monthly\"\n",
		"use case no domain":   head + "[[use_cases]]\nname = \"x\"\ncadence = \"daily\"\n",
		"journey runs string":  head + "[[journeys]]\nname = \"x\"\nruns = \"forty\"\n",
		"journey zero runs":    head + "[[journeys]]\nname = \"x\"\nruns = 0\n",
		"journey unknown key":  head + "[[journeys]]\nname = \"x\"\nruns = 4\nfailed = 1\n",
		"on_call not boolean":  head + "[operations]\non_call = \"yes\"\n",
		"runbooks not a date":  head + "[operations]\nrunbooks_reviewed = 2026\n",
		"operations unknown":   head + "[operations]\nteam = \"x\"\n",
		"action bad status":    head + "[[actions]]\ntitle = \"x\"\nstatus = \"someday\"\n",
		"action bad criterion": head + "[[actions]]\ntitle = \"x\"\ncriterion = \"operations.pager\"\n",
		"action no title":      head + "[[actions]]\nstatus = \"planned\"\n",
		"action no status":     head + "[[actions]]\ntitle = \"x\"\n",
		"target without crit":  head + "[[actions]]\ntitle = \"x\"\nstatus = \"planned\"\ntarget = 3\n",
	}
	for name, src := range bad {
		cases["broken "+name] = parseTOML(t, name, []byte(src))
	}
	// And a file using every optional form, valid.
	full := head + `platform = "shopify-plus"
pattern = "hub-and-spoke"
planned_pattern = "hybrid"
visibility = "unlisted"
revenue_musd = 240.5
integration_engineers = 3
[scores.operations]
on-call = 3
runbooks = { level = 2, evidence = "reviewed", confidence = "high" }
monitoring = { exempt = true, reason = "run by the platform" }
[targets]
operations = 3.5
[[use_cases]]
name = "Stock"
domain = "inventory"
cadence = "real-time"
[[journeys]]
name = "Buy and return"
runs = 40
failures = 7
notes = "x"
[operations]
owner = "Platform team"
runbooks_reviewed = 2026-05-01
on_call = true
`
	// The second version of the format adds summary, go_live and actions.
	second := "summary = \"Doing *well*.\"\ngo_live = 2025-03-01\n"
	actions := `[[actions]]
title = "Name an owner"
criterion = "operations.runbooks"
target = 3
owner = "Head of platform"
due = 2027-01-31
status = "in-progress"
`
	cases["valid every optional form"] = parseTOML(t, "full", []byte(full))
	if _, errs := assessment.Decode("assessments/acme/2026-09-30.toml", "acme", []byte(full), &site.Model); errs.HasErrors() {
		t.Errorf("check rejects the example the schema accepts: %v", errs)
	}
	cases["valid second version"] = parseTOML(t, "second", []byte(strings.Replace(full, head, head+second, 1)+actions))

	// The site publishes the same schema the command prints.
	published, err := os.ReadFile(filepath.Join(publishedSite(t), "schema", "assessment.json"))
	if err != nil {
		t.Fatal(err)
	}
	if string(published) != string(schema.Assessment(&site.Model)) {
		t.Error("the published /schema/assessment.json differs from the model's schema")
	}
	results := validateWithAjv(t, published, cases)
	for name := range cases {
		got, ok := results[name]
		if !ok {
			t.Errorf("%s: no result", name)
			continue
		}
		valid := strings.HasPrefix(name, "valid ")
		if valid && len(got) > 0 {
			t.Errorf("%s: rejected: %v", name, got)
		}
		if !valid && len(got) == 0 {
			t.Errorf("%s: accepted", name)
		}
	}
	// check agrees on the broken cases: each is an error there too.
	for name, src := range bad {
		if _, errs := assessment.Decode("assessments/acme/2026-09-30.toml", "acme", []byte(src), &site.Model); !errs.HasErrors() {
			t.Errorf("%s: the schema rejects it but check accepts it", name)
		}
	}
}
