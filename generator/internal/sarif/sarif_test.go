package sarif_test

import (
	"encoding/json"
	"strings"
	"testing"

	"scorebook/generator/internal/diag"
	"scorebook/generator/internal/sarif"
)

func TestClassify_KindsOfProblem(t *testing.T) {
	for _, tc := range []struct {
		msg  string
		sev  diag.Severity
		want string
	}{
		{`invalid TOML: expected value but found "=" instead`, diag.Error, "InvalidToml"},
		{"the committed assessment schema is stale: it does not match model 1", diag.Error, "StaleSchema"},
		{`unknown key "colour"; expected one of: brand, assessed`, diag.Error, "UnknownKey"},
		{`scores.operations.pager: unknown criterion "pager" in dimension "operations"; expected one of: on-call`, diag.Error, "UnknownId"},
		{`platform: unknown platform "magento-1"; expected one of: shopify-plus`, diag.Error, "UnknownId"},
		{"scores.operations.on-call.level: level 9 is outside the scale; expected a whole number from 0 to 4", diag.Error, "LevelOutsideScale"},
		{"assessed: 2026-09-29 does not match the file name's date 2026-09-30; rename the file or correct the date", diag.Error, "DateMismatch"},
		{"link to /nowhere/ leads nowhere: no page or file of the site has that address", diag.Error, "BrokenLink"},
		{`brand: required; expected brand = "<the brand's name>" at the top of the file`, diag.Error, "MissingValue"},
		{`folder name "Acme" is not a brand slug; expected lowercase letters`, diag.Error, "FileLayout"},
		{"journeys[1].runs: expected a whole number, found a string", diag.Error, "InvalidValue"},
		{`operations.runbooks_reviewed: 2026-10-01 is after the assessment date 2026-09-30`, diag.Warning, "InputWarning"},
		{"something else entirely", diag.Error, "InputError"},
	} {
		got := sarif.Classify(diag.Diagnostic{Message: tc.msg, Severity: tc.sev})
		if got.Name != tc.want {
			t.Errorf("%q: rule %s, want %s", tc.msg, got.Name, tc.want)
		}
	}
}

func TestRules_HaveUniqueIDsAndHelp(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range sarif.Rules {
		if seen[r.ID] || seen[r.Name] {
			t.Errorf("rule %s %s twice", r.ID, r.Name)
		}
		seen[r.ID], seen[r.Name] = true, true
		if r.Short == "" || r.Help == "" || r.HelpURI == "" {
			t.Errorf("rule %s lacks a description, help or link", r.ID)
		}
	}
}

func TestNew_StructureAndPositions(t *testing.T) {
	all := diag.List{
		{Path: "assessments/acme/2026-09-30.toml", Line: 12, Col: 18, Message: "scores.operations.on-call.level: level 9 is outside the scale"},
		{Path: "content/a b.md", Line: 3, Col: 1, Severity: diag.Warning, Message: "link <x>"},
		{Path: "assessments", Message: "read assessments: permission denied"},
	}
	data := sarif.New(sarif.Tool{Name: "scorebook", Version: "1.0"}, "/src/my site", all).JSON()
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
			Tool               struct {
				Driver struct {
					Name  string
					Rules []struct {
						ID               string
						ShortDescription struct{ Text string }
						Help             struct{ Text string }
						HelpURI          string
					}
				}
			}
			Results []struct {
				RuleID    string
				RuleIndex int
				Level     string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI       string
							URIBaseID string `json:"uriBaseId"`
						}
						Region *struct{ StartLine, StartColumn int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, data)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q, %d runs", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name != "scorebook" || len(run.Tool.Driver.Rules) != len(sarif.Rules) {
		t.Errorf("driver %q with %d rules", run.Tool.Driver.Name, len(run.Tool.Driver.Rules))
	}
	if got := run.OriginalURIBaseIDs["SRCROOT"].URI; got != "file:///src/my%20site/" {
		t.Errorf("SRCROOT = %q", got)
	}
	if len(run.Results) != 3 {
		t.Fatalf("%d results", len(run.Results))
	}
	for i, r := range run.Results {
		if rule := run.Tool.Driver.Rules[r.RuleIndex]; rule.ID != r.RuleID {
			t.Errorf("result %d: ruleIndex %d is %s, ruleId %s", i, r.RuleIndex, rule.ID, r.RuleID)
		}
	}
	first := run.Results[0]
	loc := first.Locations[0].PhysicalLocation
	if first.Level != "error" || loc.ArtifactLocation.URI != "assessments/acme/2026-09-30.toml" || loc.ArtifactLocation.URIBaseID != "SRCROOT" ||
		loc.Region == nil || loc.Region.StartLine != 12 || loc.Region.StartColumn != 18 {
		t.Errorf("first result = %+v at %+v", first, loc)
	}
	if second := run.Results[1]; second.Level != "warning" || second.Locations[0].PhysicalLocation.ArtifactLocation.URI != "content/a%20b.md" {
		t.Errorf("second result = %+v", second)
	}
	if third := run.Results[2].Locations[0].PhysicalLocation; third.Region == nil || third.Region.StartLine != 1 || third.Region.StartColumn != 0 {
		t.Errorf("a problem without a position has region %+v, want line 1 and no column", third.Region)
	}
	if !strings.HasSuffix(string(data), "}\n") {
		t.Error("output does not end in a newline")
	}
}
