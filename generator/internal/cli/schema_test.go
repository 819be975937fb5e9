package cli_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// repoRoot is the shipped playbook, with its committed schema copy.
var repoRoot = filepath.Join("..", "..", "..")

func TestSchema_PrintsJSONSchemaOfTheModel(t *testing.T) {
	r := run(t, nil, "schema", "-src", smallSite)
	if r.err != nil {
		t.Fatalf("scorebook schema: %v\n%s", r.err, r.stderr)
	}
	var doc struct {
		Schema     string `json:"$schema"`
		Required   []string
		Properties map[string]json.RawMessage
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	if doc.Schema != "https://json-schema.org/draft/2020-12/schema" || len(doc.Required) == 0 || doc.Required[0] != "brand" {
		t.Errorf("$schema %q, required %v", doc.Schema, doc.Required)
	}
	if !strings.Contains(string(doc.Properties["scores"]), `"event-backbone"`) {
		t.Error("the small site's criteria are not in the schema")
	}
}

func TestSchema_CommittedCopyIsCurrent(t *testing.T) {
	r := run(t, nil, "schema", "-src", repoRoot)
	if r.err != nil {
		t.Fatalf("scorebook schema: %v\n%s", r.err, r.stderr)
	}
	if committed := readFile(t, repoRoot, "assessments/.schema.json"); committed != r.stdout {
		t.Error("assessments/.schema.json is stale: run `go run ./generator schema -write`")
	}
}

func TestCheck_FailsOnAStaleCommittedSchema(t *testing.T) {
	src := copySite(t, smallSite)
	if r := run(t, nil, "schema", "-src", src, "-write"); r.err != nil {
		t.Fatalf("schema -write: %v\n%s", r.err, r.stderr)
	}
	if r := run(t, nil, "check", "-src", src, "-now", "2026-11-27"); r.code != 0 {
		t.Fatalf("check with a current schema: exit %d\n%s", r.code, r.stdout)
	}
	// A new version of the model makes the committed copy stale.
	replaceIn(t, src, "site.toml", `version = "golden.1"`, `version = "golden.2"`)
	r := run(t, nil, "check", "-src", src, "-now", "2026-11-27")
	want := "assessments/.schema.json:1:1: the committed assessment schema is stale"
	if r.code != 1 || !strings.Contains(r.stdout, want) {
		t.Fatalf("check with a stale schema: exit %d, want 1 and %q:\n%s", r.code, want, r.stdout)
	}
	if r := run(t, nil, "schema", "-src", src, "-write"); r.err != nil {
		t.Fatal(r.err)
	}
	if r := run(t, nil, "check", "-src", src, "-now", "2026-11-27"); r.code != 0 {
		t.Errorf("check after schema -write: exit %d\n%s", r.code, r.stdout)
	}
}
