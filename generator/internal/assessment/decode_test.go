package assessment

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"scorebook/generator/internal/model"
)

func TestDecode_ValidFileInEveryForm(t *testing.T) {
	src := header + `assessor = "Review board"
platform = "shopify-plus"
pattern = "hub-and-spoke"
planned_pattern = "hybrid"
visibility = "unlisted"
revenue_musd = 240.5
integration_engineers = 2

[scores.architecture]
api-gateway = 3
event-backbone = { level = 2, evidence = "Kafka for orders only", confidence = "medium" }

[scores.operations]
on-call = { exempt = true, reason = "Online only, no stores" }
runbooks = 4.0

[targets]
architecture = 3
operations = 3.5

[[use_cases]]
name = "Store stock on product pages"
domain = "inventory"
cadence = "nightly"

[[journeys]]
name = "Buy online, return in store"
runs = 40
failures = 7
notes = "Refunds lag"

[operations]
owner = "Integration platform team"
runbooks_reviewed = 2026-05-01
on_call = true
`
	a, errs := Decode(testPath, "acme", []byte(src), testModel())
	if len(errs) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", strings.Join(strs(errs), "\n"))
	}
	if a.Brand != "Acme" || a.Slug != "acme" || a.Path != testPath || !a.Assessed.Equal(time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("header = %q %q %q %v", a.Brand, a.Slug, a.Path, a.Assessed)
	}
	if a.Visibility != Unlisted || *a.RevenueMUSD != 240.5 || *a.IntegrationEngineers != 2 {
		t.Errorf("visibility %q revenue %v engineers %v", a.Visibility, *a.RevenueMUSD, *a.IntegrationEngineers)
	}
	want := map[string]map[string]Rating{
		"architecture": {
			"api-gateway":    {Level: 3},
			"event-backbone": {Level: 2, Evidence: "Kafka for orders only", Confidence: ConfidenceMedium},
		},
		"operations": {
			"on-call":  {Exempt: true, Reason: "Online only, no stores"},
			"runbooks": {Level: 4},
		},
	}
	for dim, crits := range want {
		for crit, r := range crits {
			if got := a.Scores[dim][crit]; got != r {
				t.Errorf("scores.%s.%s = %+v, want %+v", dim, crit, got, r)
			}
		}
	}
	if a.Targets["operations"] != 3.5 || len(a.UseCases) != 1 || a.UseCases[0].Cadence != "nightly" {
		t.Errorf("targets %v use cases %+v", a.Targets, a.UseCases)
	}
	if len(a.Journeys) != 1 || a.Journeys[0].Runs != 40 || a.Journeys[0].Failures != 7 {
		t.Errorf("journeys %+v", a.Journeys)
	}
	if o := a.Operations; o == nil || o.Owner == "" || o.RunbooksReviewed == nil || o.OnCall == nil || !*o.OnCall {
		t.Errorf("operations %+v", o)
	}
}

func TestDecode_DefaultsVisibilityToListed(t *testing.T) {
	a, errs := Decode(testPath, "acme", []byte(header), testModel())
	if len(errs) > 0 || a.Visibility != Listed {
		t.Fatalf("visibility %q, diagnostics %v", a.Visibility, errs)
	}
}

func TestDecode_ReportsEachProblemWithPositionAndExpectation(t *testing.T) {
	manyPlatforms := testModel()
	for i := range 20 {
		manyPlatforms.Platforms = append(manyPlatforms.Platforms, model.Platform{ID: fmt.Sprintf("platform-%02d", i), Name: "P"})
	}
	tests := []struct {
		name string
		src  string
		m    *model.Model // nil: testModel
		want []string
	}{
		{"control character in the brand", "brand = \"Acme\\u001b[31m\"\nassessed = 2026-09-30\n",
			nil, []string{testPath + ":1:9: brand: holds the control character U+001B at character 5; names may not hold control characters"}},
		{"brand of zero-width spaces", "brand = \"\u200b\u200b\"\nassessed = 2026-09-30\n",
			nil, []string{testPath + ":1:9: brand: is empty once its invisible characters"}},
		{"bell in a journey name", header + "[[journeys]]\nname = \"a\\u0007\"\nruns = 3\n",
			nil, []string{testPath + ":4:8: journeys[1].name: holds the control character U+0007 at character 2"}},
		{"malformed TOML", header + "platform = \n",
			nil, []string{testPath + ":3:", "invalid TOML"}},
		{"duplicate key", header + "brand = \"Again\"\n",
			nil, []string{testPath + ":3:", "invalid TOML"}},
		{"not UTF-8", "brand = \"Ac\xffme\"\nassessed = 2026-09-30\n",
			nil, []string{testPath + ":1:12: file is not valid UTF-8"}},
		{"empty file", "",
			nil, []string{testPath + ":1:1: the file is empty; expected an assessment with at least brand"}},
		{"blank file", "\n  \n\t\n",
			nil, []string{testPath + ":1:1: the file is empty"}},
		{"brand missing", "assessed = 2026-09-30\n",
			nil, []string{testPath + `:1:1: brand: required; expected brand = "<the brand's name>"`}},
		{"brand empty", "brand = \"  \"\nassessed = 2026-09-30\n",
			nil, []string{testPath + ":1:9: brand: expected the brand's name, found an empty string"}},
		{"brand of the wrong type", "brand = 42\nassessed = 2026-09-30\n",
			nil, []string{testPath + ":1:9: brand: expected a string in quotes, found the number 42"}},
		{"assessed missing", "brand = \"Acme\"\n",
			nil, []string{testPath + ":1:1: assessed: required; expected assessed = 2026-09-30 (a TOML date without quotes"}},
		{"assessed differs from the file name", "brand = \"Acme\"\nassessed = 2026-09-29\n",
			nil, []string{testPath + ":2:12: assessed: 2026-09-29 does not match the file name's date 2026-09-30"}},
		{"assessed quoted", "brand = \"Acme\"\nassessed = \"2026-09-30\"\n",
			nil, []string{testPath + `:2:12: assessed: expected a date such as 2026-09-30 (without quotes), found the string "2026-09-30"`}},
		{"visibility unknown", header + "visibility = \"private\"\n",
			nil, []string{testPath + `:3:14: visibility: expected "listed" or "unlisted", found "private"`}},
		{"platform unknown", header + "platform = \"shopify\"\n",
			nil, []string{testPath + `:3:12: platform: unknown platform "shopify"; expected one of: shopify-plus, adobe-commerce`}},
		{"platform unknown among many", header + "platform = \"platform-1\"\n",
			manyPlatforms, []string{testPath + `:3:12: platform: unknown platform "platform-1"; did you mean "platform-01"? expected one of the model's 22 platform ids`}},
		{"pattern unknown with a suggestion", header + "pattern = \"hub-and-spokes\"\n",
			nil, []string{testPath + `:3:11: pattern: unknown pattern "hub-and-spokes"; did you mean "hub-and-spoke"? expected one of: hub-and-spoke, event-driven, hybrid`}},
		{"planned pattern unknown", header + "planned_pattern = \"mesh\"\n",
			nil, []string{testPath + `:3:19: planned_pattern: unknown pattern "mesh"; expected one of: hub-and-spoke, event-driven, hybrid`}},
		{"revenue negative", header + "revenue_musd = -3\n",
			nil, []string{testPath + ":3:16: revenue_musd: expected annual revenue in millions of US dollars, 0 or more, found -3"}},
		{"engineers negative", header + "integration_engineers = -1\n",
			nil, []string{testPath + ":3:25: integration_engineers: expected a number of engineers, 0 or more, found -1"}},
		{"revenue that would overflow", header + "revenue_musd = 1e308\n",
			nil, []string{testPath + ":3:16: revenue_musd: expected annual revenue in millions of US dollars, at most 1e+08, found 1e+308"}},
		{"engineers beyond counting", header + "integration_engineers = 9223372036854775807\n",
			nil, []string{testPath + ":3:25: integration_engineers: expected a number of engineers, at most 1000000000, found 9223372036854775807"}},
		{"journey runs that would overflow a total", header + "[[journeys]]\nname = \"a\"\nruns = 9223372036854775807\nfailures = 1\n",
			nil, []string{testPath + ":5:8: journeys[1].runs: expected the number of runs, at most 1000000000, found 9223372036854775807"}},
		{"engineers not whole", header + "integration_engineers = 2.5\n",
			nil, []string{testPath + ":3:25: integration_engineers: expected a whole number, found the number 2.5"}},
		{"unknown top-level key", header + "colour = \"red\"\n",
			nil, []string{testPath + `:3:1: unknown key "colour"; expected one of: brand, assessed, assessor, platform, pattern, planned_pattern, visibility, revenue_musd, integration_engineers, go_live, scores, targets, use_cases, journeys, operations`}},
		{"unknown dimension", header + "[scores.operation]\non-call = 3\n",
			nil, []string{testPath + `:3:1: scores.operation: unknown dimension "operation"; did you mean "operations"? expected one of: architecture, operations`}},
		{"unknown dimension as a dotted key", header + "scores.archi.api-gateway = 3\n",
			nil, []string{testPath + `:3:1: scores.archi: unknown dimension "archi"; expected one of: architecture, operations`}},
		{"unknown criterion", header + "[scores.operations]\noncall = 3\n",
			nil, []string{testPath + `:4:1: scores.operations.oncall: unknown criterion "oncall" in dimension "operations"; did you mean "on-call"? expected one of: on-call, runbooks, monitoring`}},
		{"criterion of another dimension", header + "[scores.operations]\napi-gateway = 3\n",
			nil, []string{testPath + `:4:1: scores.operations.api-gateway: unknown criterion "api-gateway" in dimension "operations"`}},
		{"level above the scale", header + "[scores.operations]\non-call = 7\n",
			nil, []string{testPath + `:4:11: scores.operations.on-call.level: level 7 is outside the scale; expected a whole number from 0 to 4 (0 Absent, 1 Informal, 2 Practised, 3 Measured, 4 Leading)`}},
		{"level below the scale", header + "[scores.operations]\non-call = -1\n",
			nil, []string{testPath + `:4:11: scores.operations.on-call.level: level -1 is outside the scale`}},
		{"long-form level outside the scale", header + "[scores.operations]\non-call = { level = 5, evidence = \"x\" }\n",
			nil, []string{testPath + `:4:21: scores.operations.on-call.level: level 5 is outside the scale`}},
		{"level not whole", header + "[scores.operations]\non-call = 2.5\n",
			nil, []string{testPath + `:4:11: scores.operations.on-call: expected a whole-number level, found the number 2.5`}},
		{"level as a word", header + "[scores.operations]\non-call = \"three\"\n",
			nil, []string{testPath + `:4:11: scores.operations.on-call: expected a level such as 3, a table such as { level = 3, evidence = "...", confidence = "high" }, or { exempt = true, reason = "..." }; found the string "three"`}},
		{"long-form level as a word", header + "[scores.operations]\non-call = { level = \"three\" }\n",
			nil, []string{testPath + `:4:21: scores.operations.on-call.level: expected a whole-number level, found the string "three"`}},
		{"long-form level not whole", header + "[scores.operations]\non-call = { level = 2.5 }\n",
			nil, []string{testPath + `:4:21: scores.operations.on-call.level: expected a whole-number level, found the number 2.5`}},
		{"long form without level", header + "[scores.operations]\non-call = { evidence = \"rota\" }\n",
			nil, []string{testPath + `:4:11: scores.operations.on-call: expected level = <number> in the table (or exempt = true with a reason)`}},
		{"unknown key in a rating", header + "[scores.operations]\non-call = { level = 2, evidance = \"rota\" }\n",
			nil, []string{testPath + `:4:24: unknown key "evidance" in scores.operations.on-call; expected one of: level, evidence, confidence, exempt, reason`}},
		{"confidence unknown", header + "[scores.operations]\non-call = { level = 2, confidence = \"sure\" }\n",
			nil, []string{testPath + `:4:37: scores.operations.on-call.confidence: expected one of: low, medium, high; found "sure"`}},
		{"evidence of the wrong type", header + "[scores.operations]\non-call = { level = 2, evidence = 3 }\n",
			nil, []string{testPath + `:4:35: scores.operations.on-call.evidence: expected a string in quotes, found the number 3`}},
		{"exempt without reason", header + "[scores.operations]\non-call = { exempt = true }\n",
			nil, []string{testPath + `:4:22: scores.operations.on-call: exempt = true needs a reason = "..." saying why the criterion does not apply`}},
		{"exempt with level", header + "[scores.operations]\non-call = { exempt = true, reason = \"n/a\", level = 2 }\n",
			nil, []string{testPath + `:4:44: scores.operations.on-call: an exempt criterion has no level; remove level, or remove exempt = true`}},
		{"exempt not a bool", header + "[scores.operations]\non-call = { exempt = \"yes\", reason = \"n/a\" }\n",
			nil, []string{testPath + `:4:22: scores.operations.on-call.exempt: expected true or false, found the string "yes"`}},
		{"reason without exempt", header + "[scores.operations]\non-call = { level = 2, reason = \"why\" }\n",
			nil, []string{testPath + `:4:24: scores.operations.on-call: reason is only for exempt criteria; put notes on a rated criterion in evidence`}},
		{"dimension not a table", header + "[scores]\noperations = 3\n",
			nil, []string{testPath + `:4:14: scores.operations: expected a table, found the number 3`}},
		{"target outside the scale", header + "[targets]\noperations = 4.5\n",
			nil, []string{testPath + `:4:14: targets.operations: target 4.5 is outside the scale; expected a score from 0 to 4`}},
		{"target for an unknown dimension", header + "[targets]\nops = 3\n",
			nil, []string{testPath + `:4:1: targets.ops: unknown dimension "ops"; expected one of: architecture, operations`}},
		{"target not a number", header + "[targets]\noperations = \"high\"\n",
			nil, []string{testPath + `:4:14: targets.operations: expected a number, found the string "high"`}},
		{"use case domain unknown", header + "[[use_cases]]\nname = \"Stock\"\ndomain = \"stock\"\ncadence = \"daily\"\n",
			nil, []string{testPath + `:5:10: use_cases[1].domain: unknown domain "stock"; expected one of: inventory, analytics`}},
		{"use case cadence unknown", header + "[[use_cases]]\nname = \"Stock\"\ndomain = \"inventory\"\ncadence = \"streaming\"\n",
			nil, []string{testPath + `:6:11: use_cases[1].cadence: unknown cadence "streaming"; expected one of: real-time, near-real-time, hourly, daily, nightly, weekly`}},
		{"use case missing fields", header + "[[use_cases]]\nnotes = \"x\"\n",
			nil, []string{
				testPath + `:4:1: unknown key "notes" in use_cases[1]; expected one of: name, domain, cadence`,
				testPath + `:3:1: use_cases[1].name: required`,
				testPath + `:3:1: use_cases[1].domain: required; expected domain = "<id>", expected one of: inventory, analytics`,
				testPath + `:3:1: use_cases[1].cadence: required`,
			}},
		{"journey failures over runs", header + "[[journeys]]\nname = \"BOPIS\"\nruns = 10\nfailures = 12\n",
			nil, []string{testPath + `:6:12: journeys[1].failures: 12 failures is more than the 10 runs`}},
		{"journey runs negative", header + "[[journeys]]\nname = \"BOPIS\"\nruns = -4\n",
			nil, []string{testPath + `:5:8: journeys[1].runs: expected the number of runs, 1 or more, found -4`}},
		{"journey runs zero", header + "[[journeys]]\nname = \"BOPIS\"\nruns = 0\n",
			nil, []string{testPath + `:5:8: journeys[1].runs: expected at least 1 run`}},
		{"journey runs missing", header + "[[journeys]]\nname = \"BOPIS\"\n",
			nil, []string{testPath + `:3:1: journeys[1].runs: required; expected runs = <how many times the journey was run end to end>`}},
		{"journey failures negative", header + "[[journeys]]\nname = \"BOPIS\"\nruns = 4\nfailures = -1\n",
			nil, []string{testPath + `:6:12: journeys[1].failures: expected the number of failed runs, 0 or more, found -1`}},
		{"second journey's unknown key", header + "[[journeys]]\nname = \"A\"\nruns = 4\n[[journeys]]\nname = \"B\"\nruns = 4\nfailure = 1\n",
			nil, []string{testPath + `:9:1: unknown key "failure" in journeys[2]; expected one of: name, runs, failures, notes`}},
		{"operations unknown key", header + "[operations]\nowner = \"Team\"\noncall = true\n",
			nil, []string{testPath + `:5:1: unknown key "oncall" in operations; expected one of: owner, runbooks_reviewed, on_call, estate_owner, hypercare_ends`}},
		{"operations estate owner unknown", header + "[operations]\nestate_owner = \"agency\"\n",
			nil, []string{testPath + `:4:16: operations.estate_owner: unknown estate owner "agency"; expected one of: in-house, build-partner, managed-service`}},
		{"operations estate owner of the wrong type", header + "[operations]\nestate_owner = true\n",
			nil, []string{testPath + `:4:16: operations.estate_owner: expected a string`}},
		{"hypercare ends before go-live", header + "go_live = 2026-03-01\n[operations]\nhypercare_ends = 2026-02-01\n",
			nil, []string{testPath + `:5:18: operations.hypercare_ends: 2026-02-01 is before go_live 2026-03-01`}},
		{"go-live not a date", header + "go_live = \"March\"\n",
			nil, []string{testPath + `:3:11: go_live: expected a date such as 2026-09-30 (without quotes), found the string "March"`}},
		{"operations owner empty", header + "[operations]\nowner = \"\"\n",
			nil, []string{testPath + `:4:9: operations.owner: expected the name of the team that runs the integrations, found an empty string`}},
		{"operations on_call of the wrong type", header + "[operations]\non_call = \"yes\"\n",
			nil, []string{testPath + `:4:11: operations.on_call: expected true or false, found the string "yes"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := tc.m
			if m == nil {
				m = testModel()
			}
			_, errs := Decode(testPath, "acme", []byte(tc.src), m)
			if !errs.HasErrors() {
				t.Fatalf("want errors, got none")
			}
			assertHas(t, errs, tc.want...)
			for _, d := range errs {
				if d.Line < 1 || d.Col < 1 {
					t.Errorf("diagnostic without a position: %s", d)
				}
			}
		})
	}
}

func TestDecode_ReportsEveryProblemAtOnce(t *testing.T) {
	src := `brand = "Acme"
assessed = 2026-09-29
platform = "shopify"
visibility = "hidden"
revenue_musd = -1
extra = 1

[scores.architecture]
api-gateway = 9
event-backbone = { level = 2, confidence = "certain" }

[scores.operation]
on-call = 3

[targets]
operations = 5

[[use_cases]]
name = "Stock"
domain = "inventory"
cadence = "hourlyish"

[[journeys]]
name = "BOPIS"
runs = 3
failures = 4
`
	_, errs := Decode(testPath, "acme", []byte(src), testModel())
	want := []string{
		testPath + ":2:12: assessed:",
		testPath + ":3:12: platform:",
		testPath + ":4:14: visibility:",
		testPath + ":5:16: revenue_musd:",
		testPath + `:6:1: unknown key "extra"`,
		testPath + ":9:15: scores.architecture.api-gateway.level:",
		testPath + ":10:44: scores.architecture.event-backbone.confidence:",
		testPath + ":12:1: scores.operation:",
		testPath + ":16:14: targets.operations:",
		testPath + ":21:11: use_cases[1].cadence:",
		testPath + ":26:12: journeys[1].failures:",
	}
	assertHas(t, errs, want...)
	if len(errs) != len(want) {
		t.Errorf("want %d diagnostics, got %d:\n%s", len(want), len(errs), strings.Join(strs(errs), "\n"))
	}
}

func TestDecode_WarnsAboutRunbooksReviewedAfterTheAssessment(t *testing.T) {
	a, errs := Decode(testPath, "acme", []byte(header+"[operations]\nrunbooks_reviewed = 2026-10-01\n"), testModel())
	if a == nil || errs.HasErrors() || len(errs) != 1 {
		t.Fatalf("want one warning, got %v", errs)
	}
	assertHas(t, errs, testPath+":4:21: warning: operations.runbooks_reviewed: 2026-10-01 is after the assessment date 2026-09-30")
}

func TestDecode_WarnsAboutGoLiveAfterTheAssessment(t *testing.T) {
	a, errs := Decode(testPath, "acme", []byte(header+"go_live = 2026-12-01\n"), testModel())
	if a == nil || errs.HasErrors() || len(errs) != 1 {
		t.Fatalf("want one warning, got %v", errs)
	}
	assertHas(t, errs, testPath+":3:11: warning: go_live: 2026-12-01 is after the assessment date 2026-09-30")
}

func TestDecode_ReadsTheSecondVersionOperationsKeys(t *testing.T) {
	src := header + "go_live = 2025-03-01\n[operations]\nestate_owner = \"build-partner\"\nhypercare_ends = 2025-06-01\n"
	a, errs := Decode(testPath, "acme", []byte(src), testModel())
	if len(errs) > 0 {
		t.Fatalf("unexpected diagnostics: %v", errs)
	}
	if a.GoLive == nil || Date(*a.GoLive) != "2025-03-01" || a.Operations.EstateOwner != OwnerBuildPartner ||
		a.Operations.HypercareEnds == nil || Date(*a.Operations.HypercareEnds) != "2025-06-01" {
		t.Errorf("decoded %+v / %+v", a.GoLive, a.Operations)
	}
}

func TestDecode_NameWithoutDateSkipsTheDateCheck(t *testing.T) {
	if _, errs := Decode("fuzz.toml", "acme", []byte(header), testModel()); len(errs) > 0 {
		t.Fatalf("unexpected diagnostics: %v", errs)
	}
}

func TestDecode_NilModelDoesNotPanic(t *testing.T) {
	_, errs := Decode(testPath, "acme", []byte(header+"[scores.operations]\non-call = 1\n"), nil)
	assertHas(t, errs, `unknown dimension "operations"; the model defines no dimensions`)
}

func TestValidSlug(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"acme", true}, {"northwind-outfitters", true}, {"7-eleven", true}, {"a", true}, {"brand-2", true},
		{"", false}, {"-acme", false}, {"Acme", false}, {"acme corp", false}, {"acme_corp", false},
		{"acmé", false}, {"acme.", false}, {"../x", false}, {".acme", false},
	}
	for _, tc := range tests {
		if got := ValidSlug(tc.in); got != tc.want {
			t.Errorf("ValidSlug(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestDecode_HashesTheFileBytes(t *testing.T) {
	a1, _ := Decode(testPath, "acme", []byte(header), testModel())
	a2, _ := Decode(testPath, "acme", []byte(header+"# a comment\n"), testModel())
	if len(a1.Hash) != 64 || a1.Hash == a2.Hash {
		t.Errorf("hashes %q and %q: want 64 hex digits that differ when the bytes do", a1.Hash, a2.Hash)
	}
}

func TestDecode_RemovesControlCharactersFromProse(t *testing.T) {
	src := header + "summary = \"Fine \\u001b[2Jprint\\u0007\"\n[[journeys]]\nname = \"BOPIS\"\nruns = 3\nnotes = \"late\\u0000 \\u009b credit\"\n"
	a, errs := Decode(testPath, "acme", []byte(src), testModel())
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	if a.Summary != "Fine [2Jprint" || a.Journeys[0].Notes != "late  credit" {
		t.Errorf("summary %q, notes %q", a.Summary, a.Journeys[0].Notes)
	}
}
