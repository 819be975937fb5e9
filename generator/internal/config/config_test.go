package config

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"scorebook/generator/internal/diag"
	"scorebook/generator/internal/model"
)

// testChecks stands in for the table the score package provides.
var testChecks = map[string][]model.CheckParam{
	"coherence":         {{Name: "max_failure_rate", Kind: model.Share}, {Name: "critical_failure_rate", Kind: model.Share}, {Name: "min_runs", Kind: model.Count}},
	"team-size":         nil,
	"stale-assessment":  {{Name: "max_age_days", Kind: model.Days}},
	"coverage":          {{Name: "min_coverage", Kind: model.Share}},
	"target-gap":        {{Name: "high_gap", Kind: model.Gap}},
	"unsupported-score": {{Name: "min_level", Kind: model.Level}},
}

func readBase(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// writeSite writes a site.toml (and any other files) into a fresh folder.
func writeSite(t *testing.T, files map[string]string) string {
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

// mutate replaces the single occurrence of old in base.
func mutate(t *testing.T, base, old, new string) string {
	t.Helper()
	if n := strings.Count(base, old); n != 1 {
		t.Fatalf("%q occurs %d times in the base site.toml, want exactly once", old, n)
	}
	return strings.Replace(base, old, new, 1)
}

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

func TestLoad_TestdataSiteIsValid(t *testing.T) {
	site, errs := Load("testdata", testChecks)
	if len(errs) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", strings.Join(strs(errs), "\n"))
	}
	if site.Title != "Test playbook" || site.BaseURL != "/playbook/" || site.Language != "en" {
		t.Errorf("settings = %q %q %q", site.Title, site.BaseURL, site.Language)
	}
	m := site.Model
	if m.Aggregation != WeightedMean {
		t.Errorf("aggregation default = %q", m.Aggregation)
	}
	if got := m.Criterion("architecture", "event-backbone"); got == nil || got.Weight != 1.5 {
		t.Errorf("criterion event-backbone = %+v", got)
	}
	if len(site.Hash) != 64 || len(site.ModelHash) != 64 {
		t.Errorf("hashes %q %q", site.Hash, site.ModelHash)
	}
	if !slices.Equal(site.Files, []string{"site.toml"}) || site.ModelPath != "site.toml" {
		t.Errorf("files %v, model path %q", site.Files, site.ModelPath)
	}
}

func TestLoad_DefaultsCadencesAndScaleWhenAbsent(t *testing.T) {
	base := readBase(t)
	text := mutate(t, base, "[model.scale]\nmin = 0\nmax = 4\nnames = [\"Absent\", \"Informal\", \"Practised\", \"Measured\", \"Leading\"]\n", "")
	site, errs := Parse(t.TempDir(), []byte(text), testChecks)
	if errs.HasErrors() {
		t.Fatalf("unexpected errors: %v", errs)
	}
	if s := site.Model.Scale; s.Min != 0 || s.Max != 4 {
		t.Errorf("default scale = %d..%d, want 0..4", s.Min, s.Max)
	}
	want := map[string]string{
		"real-time": model.RealTime, "near-real-time": model.RealTime,
		"hourly": model.Batch, "daily": model.Batch, "nightly": model.Batch, "weekly": model.Batch,
	}
	if len(site.Model.Cadences) != len(want) {
		t.Fatalf("cadences = %v", site.Model.Cadences)
	}
	for id, class := range want {
		if got := site.Model.CadenceClass(id); got != class {
			t.Errorf("class of %s = %q, want %q", id, got, class)
		}
	}
}

func TestLoad_ReportsModelProblemsWithPositions(t *testing.T) {
	sixCadences := "\n[[model.cadences]]\nid = \"real-time\"\nclass = \"real-time\"\n" +
		"[[model.cadences]]\nid = \"near-real-time\"\nclass = \"stream\"\n" +
		"[[model.cadences]]\nid = \"hourly\"\nclass = \"batch\"\n" +
		"[[model.cadences]]\nid = \"daily\"\nclass = \"batch\"\n" +
		"[[model.cadences]]\nid = \"nightly\"\nclass = \"batch\"\n" +
		"[[model.cadences]]\nid = \"weekly\"\nclass = \"batch\"\n" +
		"[[model.cadences]]\nid = \"hourly\"\nclass = \"batch\"\n"
	tests := []struct {
		name     string
		old, new string
		want     []string // substrings of diagnostics; nil means valid
	}{
		{"a failure rate below 0", "params = { max_failure_rate = 0.05 }", "params = { max_failure_rate = -1, critical_failure_rate = 1.5, min_runs = 1e12 }",
			[]string{
				`site.toml:104:75: model.checks[1].params.min_runs: expected a count from 0 to 1e+09, found 1e+12`,
				`site.toml:104:31: model.checks[1].params.max_failure_rate: expected a share (0.05 is 5%) from 0 to 1, found -1`,
				`site.toml:104:59: model.checks[1].params.critical_failure_rate: expected a share (0.05 is 5%) from 0 to 1, found 1.5`,
			}},
		{"a weight that overflows", "weight = 1.5", "weight = 1e308",
			[]string{`site.toml:39:12: model.dimensions[1].criteria[2].weight: expected a weight of at most 1e+06, found 1e+308`}},
		{"version empty", `version = "test.1"`, `version = ""`,
			[]string{`site.toml:6:11: model.version: expected a non-empty version string`}},
		{"version missing", `version = "test.1"`, `# none`,
			[]string{`site.toml:5:1: model.version: expected a non-empty version string`}},
		{"aggregation unknown", `version = "test.1"`, "version = \"test.1\"\naggregation = \"median\"",
			[]string{`site.toml:7:15: model.aggregation: expected "weighted-mean" (the only aggregation offered), found "median"`}},
		{"scale min not below max", "max = 4", "max = 0",
			[]string{`site.toml:8:1: model.scale: expected min less than max, found min 0 and max 0`}},
		{"scale absurdly long", "max = 4", "max = 1000000",
			[]string{`site.toml:8:1: model.scale: expected at most 21 levels, found min 0 and max 1000000`}},
		{"scale names miscounted", `names = ["Absent", "Informal", "Practised", "Measured", "Leading"]`, `names = ["a", "b"]`,
			[]string{`site.toml:11:9: model.scale.names: expected one name per level, 5 names for levels 0 to 4, found 2`}},
		{"no bands", "[[model.levels]]\nname = \"Ad hoc\"\nmin = 0.0\n\n[[model.levels]]\nname = \"Defined\"\nmin = 2.0\n\n[[model.levels]]\nname = \"Optimized\"\nmin = 3.5\n", "",
			[]string{`site.toml:5:1: model.levels: expected at least one maturity band`}},
		{"bands not ascending", "min = 2.0", "min = 4.0",
			[]string{`site.toml:23:7: model.levels[3].min: bands must be listed in strictly ascending order of min; 3.5 is not greater than 4 (Defined)`}},
		{"bands equal", "min = 2.0", "min = 3.5",
			[]string{`site.toml:23:7: model.levels[3].min: bands must be listed in strictly ascending order of min; 3.5 is not greater than 3.5`}},
		{"first band above the bottom", "min = 0.0", "min = 1.0",
			[]string{`site.toml:15:7: model.levels[1].min: the lowest band must start at the bottom of the scale (0)`}},
		{"band outside scale", "min = 3.5", "min = 5.0",
			[]string{`site.toml:23:7: model.levels[3].min: expected a minimum within the scale (0 to 4), found 5`}},
		{"duplicate band name", `name = "Defined"`, `name = "Ad hoc"`,
			[]string{`site.toml:18:8: model.levels[2].name: duplicate band name "Ad hoc" (also at line 14)`}},
		{"dimension id not a slug", `id = "architecture"`, `id = "Architecture"`,
			[]string{`site.toml:26:6: model.dimensions[1].id: expected a lowercase-hyphen slug such as "event-backbone"`}},
		{"dimension id empty", `id = "architecture"`, `id = ""`,
			[]string{`site.toml:26:6: model.dimensions[1].id: expected an id`}},
		{"duplicate dimension id", `id = "operations"`, `id = "architecture"`,
			[]string{`site.toml:42:6: model.dimensions[2].id: duplicate dimension id "architecture" (first used at line 26)`}},
		{"duplicate criterion in a dimension", `id = "runbooks"`, `id = "on-call"`,
			[]string{`site.toml:52:8: model.dimensions[2].criteria[2].id: duplicate criterion id "on-call" (first used at line 47)`}},
		{"same criterion id in two dimensions is fine", `id = "runbooks"`, `id = "api-gateway"`, nil},
		{"criterion weight zero", "weight = 1.5", "weight = 0",
			[]string{`site.toml:39:12: model.dimensions[1].criteria[2].weight: expected a weight greater than 0, found 0`}},
		{"criterion weight missing", "  weight = 1.5\n", "",
			[]string{`site.toml:36:3: model.dimensions[1].criteria[2].weight: expected a weight greater than 0, found 0 (a missing weight counts as 0)`}},
		{"dimension weight negative", "weight = 1.25", "weight = -1",
			[]string{`site.toml:44:10: model.dimensions[2].weight: expected a weight greater than 0, found -1`}},
		{"weight not finite", "weight = 1.25", "weight = inf",
			[]string{`site.toml:44:10: model.dimensions[2].weight: expected a finite number, found the number +Inf`}},
		{"weight of the wrong type", "weight = 1.25", `weight = "heavy"`,
			[]string{`site.toml:44:10: model.dimensions[2].weight: expected a number, found the string "heavy"`}},
		{"levels miscounted", `levels = ["none", "some", "most", "all", "product"]`, `levels = ["none", "some"]`,
			[]string{`site.toml:34:12: model.dimensions[1].criteria[1].levels: expected no level descriptions or exactly 5 (one per level, 0 to 4), found 2`}},
		{"dimension without criteria", "[[model.dimensions]]\nid = \"operations\"\nname = \"Operational discipline\"\nweight = 1.25\n\n  [[model.dimensions.criteria]]\n  id = \"on-call\"\n  name = \"On-call\"\n  weight = 1.0\n\n  [[model.dimensions.criteria]]\n  id = \"runbooks\"\n  name = \"Runbooks\"\n  weight = 1.0\n",
			"[[model.dimensions]]\nid = \"operations\"\nname = \"Operational discipline\"\nweight = 1.25\n",
			[]string{`site.toml:41:1: model.dimensions[2].criteria: expected at least one criterion in dimension "operations"`}},
		{"profile key not a dimension", `profile = { architecture = "medium", operations = "high" }`, `profile = { architecture = "medium", operation = "high" }`,
			[]string{`site.toml:69:38: model.patterns[1].profile.operation: unknown dimension "operation"; expected one of: architecture, operations`}},
		{"profile value not a profile", `profile = { architecture = "medium", operations = "high" }`, `profile = { architecture = "low", operations = "high" }`,
			[]string{`site.toml:69:28: model.patterns[1].profile.architecture: unknown profile "low"; expected one of the [[profiles]] ids: high, medium`}},
		{"leans on an unknown criterion", `leans_on = { "operations.on-call" = 3 }`, `leans_on = { "operations.oncall" = 3 }`,
			[]string{`site.toml:70:14: model.patterns[1].leans_on.operations.oncall: unknown criterion "operations.oncall"; expected "<dimension-id>.<criterion-id>", one of: architecture.api-gateway, architecture.event-backbone, operations.on-call, operations.runbooks`}},
		{"leans on a level outside the scale", `leans_on = { "operations.on-call" = 3 }`, `leans_on = { "operations.on-call" = 7 }`,
			[]string{`site.toml:70:37: model.patterns[1].leans_on.operations.on-call: expected a level within the scale (0 to 4), found 7`}},
		{"profile demand outside scale", "score = 3.5", "score = 3.5\ndemand = 5.0",
			[]string{`site.toml:60:10: model.profiles[1].demand: expected 0 (no demand) or a score within the scale (0 to 4), found 5`}},
		{"check criterion unknown", `name = "Team size"`, "name = \"Team size\"\ncriterion = \"architecture.esb\"",
			[]string{`site.toml:109:13: model.checks[2].criterion: unknown criterion "architecture.esb"`}},
		{"pattern engineers negative", "min_engineers = 2", "min_engineers = -2",
			[]string{`site.toml:71:17: model.patterns[1].min_engineers: expected 0 or more engineers, found -2`}},
		{"profile score outside scale", "score = 3.5", "score = 9",
			[]string{`site.toml:59:9: model.profiles[1].score: expected a score within the scale (0 to 4), found 9`}},
		{"platform id not a slug", `id = "shopify-plus"`, `id = "shopify plus"`,
			[]string{`site.toml:74:6: model.platforms[1].id: expected a lowercase-hyphen slug`}},
		{"platform name empty", `name = "Shopify Plus"`, `name = ""`,
			[]string{`site.toml:75:8: model.platforms[1].name: expected a non-empty name`}},
		{"domain cadence unknown", `cadence = "real-time"`, `cadence = "streaming"`,
			[]string{`site.toml:80:11: model.domains[1].cadence: expected "real-time" or "batch", found "streaming"`}},
		{"cadences missing contract ones", "name = \"Team size\"\n", "name = \"Team size\"\n\n[[model.cadences]]\nid = \"real-time\"\nclass = \"real-time\"\n",
			[]string{`site.toml:110:1: model.cadences: missing the contract cadence(s) near-real-time, hourly, daily, nightly, weekly`}},
		{"cadence class unknown and duplicate id", "name = \"Team size\"\n", "name = \"Team size\"\n" + sixCadences,
			[]string{
				`site.toml:115:9: model.cadences[2].class: expected "real-time" or "batch", found "stream"`,
				`site.toml:129:6: model.cadences[7].id: duplicate cadence id "hourly" (first used at line 117)`,
			}},
		{"team bands overlap", "min_revenue_musd = 100", "min_revenue_musd = 50",
			[]string{`site.toml:96:20: model.team_bands[2].min_revenue_musd: band "$100M and above" overlaps band "Under $100M" (line 87, from 0, up to 100); revenue bands must not overlap`}},
		{"two unbounded team bands", "max_revenue_musd = 100", "max_revenue_musd = 0",
			[]string{`site.toml:96:20: model.team_bands[2].min_revenue_musd: band "$100M and above" overlaps band "Under $100M" (line 87, from 0, no upper bound)`}},
		{"team band engineers reversed", "max_engineers = 6", "max_engineers = 2",
			[]string{`site.toml:99:17: model.team_bands[2].max_engineers: expected at least min_engineers (3), found 2`}},
		{"team band revenue reversed", "max_revenue_musd = 100", "max_revenue_musd = -5",
			[]string{`site.toml:90:20: model.team_bands[1].max_revenue_musd: expected more than min_revenue_musd (0), or 0 for no upper bound, found -5`}},
		{"unknown check", `id = "coherence"`, `id = "coherance"`,
			[]string{`site.toml:102:6: model.checks[1].id: unknown check "coherance"; the checks scorebook implements are: coherence, coverage, stale-assessment, target-gap, team-size, unsupported-score`}},
		{"unknown check parameter", `params = { max_failure_rate = 0.05 }`, `params = { max_fail_rate = 0.05 }`,
			[]string{`site.toml:104:12: model.checks[1].params.max_fail_rate: unknown parameter "max_fail_rate" for check "coherence"; expected one of: max_failure_rate, critical_failure_rate`}},
		{"parameter for a check without any", "name = \"Team size\"\n", "name = \"Team size\"\nparams = { x = 1 }\n",
			[]string{`site.toml:109:12: model.checks[2].params.x: unknown parameter "x": check "team-size" takes no parameters`}},
		{"duplicate check", `id = "team-size"`, `id = "coherence"`,
			[]string{`site.toml:107:6: model.checks[2].id: duplicate check id "coherence" (first used at line 102)`}},
		{"base_url with a script scheme", `base_url = "/playbook"`, `base_url = "javascript:alert(1)"`,
			[]string{`site.toml:3:12: base_url: expected a path such as "/" or "/playbook/", or a URL such as "https://example.org/playbook/"; found "javascript:alert(1)"`}},
		{"language not a tag", `base_url = "/playbook"`, "base_url = \"/playbook\"\nlanguage = \"en_GB\"",
			[]string{`site.toml:4:12: language: expected a language tag such as "en" or "en-GB", found "en_GB"`}},
		{"unknown site key", `title = "Test playbook"`, `titel = "Test playbook"`,
			[]string{`site.toml:1:1: unknown key "titel"; expected one of: title, description, base_url, language, unsafe_html, git_info, portfolio_page_size, model`}},
		{"unknown model key", `version = "test.1"`, "version = \"test.1\"\nversoin = \"x\"",
			[]string{`site.toml:7:1: unknown key "versoin" in model; expected one of: version, aggregation, scale, levels, dimensions, patterns, profiles, platforms, domains, cadences, team_bands, checks`}},
		{"unknown criterion key", `  name = "Runbooks"`, `  nmae = "Runbooks"`,
			[]string{`site.toml:53:3: unknown key "nmae" in model.dimensions[2].criteria[2]; expected one of: id, name, weight, summary, levels`}},
		{"malformed TOML", `title = "Test playbook"`, `title = "Test playbook`,
			[]string{`site.toml:1:`, `invalid TOML`}},
		{"portfolio_page_size negative", `base_url = "/playbook"`, "base_url = \"/playbook\"\nportfolio_page_size = -5",
			[]string{`site.toml:4:23: portfolio_page_size: expected the number of brands on each portfolio page, from 1 to 100000, or 0 for every brand on one page; found -5`}},
		{"portfolio_page_size of the wrong type", `base_url = "/playbook"`, "base_url = \"/playbook\"\nportfolio_page_size = \"50\"",
			[]string{`site.toml:4:23: portfolio_page_size:`, `"50"`}},
		{"unsafe_html of the wrong type", `base_url = "/playbook"`, "base_url = \"/playbook\"\nunsafe_html = \"yes\"",
			[]string{`site.toml:4:15: unsafe_html: expected true or false, found the string "yes"`}},
	}
	base := readBase(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := mutate(t, base, tc.old, tc.new)
			site, errs := Parse(t.TempDir(), []byte(text), testChecks)
			if tc.want == nil {
				if len(errs) > 0 || site == nil {
					t.Fatalf("want a valid site, got:\n%s", strings.Join(strs(errs), "\n"))
				}
				return
			}
			if site != nil {
				t.Errorf("want a nil site with errors")
			}
			if !errs.HasErrors() {
				t.Fatalf("want errors, got none")
			}
			assertHas(t, errs, tc.want...)
		})
	}
}

func TestParse_ReportsEveryProblemAtOnce(t *testing.T) {
	text := readBase(t)
	for _, r := range [][2]string{
		{`version = "test.1"`, `version = ""`},
		{"weight = 1.5", "weight = 0"},
		{`cadence = "real-time"`, `cadence = "streaming"`},
		{`id = "coherence"`, `id = "coherance"`},
		{"max_engineers = 6", "max_engineers = 2"},
		{`base_url = "/playbook"`, `base_url = "ftp://x"`},
	} {
		text = mutate(t, text, r[0], r[1])
	}
	_, errs := Parse(t.TempDir(), []byte(text), testChecks)
	assertHas(t, errs,
		"site.toml:3:12: base_url:",
		"site.toml:6:11: model.version:",
		"site.toml:39:12: model.dimensions[1].criteria[2].weight:",
		"site.toml:80:11: model.domains[1].cadence:",
		"site.toml:99:17: model.team_bands[2].max_engineers:",
		"site.toml:102:6: model.checks[1].id:",
	)
	if len(errs) != 6 {
		t.Errorf("want exactly 6 errors, got %d:\n%s", len(errs), strings.Join(strs(errs), "\n"))
	}
	if !slices.IsSortedFunc(errs, func(a, b diag.Diagnostic) int { return a.Line - b.Line }) {
		t.Errorf("errors not sorted by line")
	}
}

func TestParse_NilChecksSkipsCheckValidation(t *testing.T) {
	text := mutate(t, readBase(t), `id = "coherence"`, `id = "future-check"`)
	if _, errs := Parse(t.TempDir(), []byte(text), nil); len(errs) > 0 {
		t.Fatalf("unexpected diagnostics: %v", errs)
	}
}

func TestLoad_MissingSiteTomlIsAClearError(t *testing.T) {
	site, errs := Load(t.TempDir(), testChecks)
	if site != nil || len(errs) != 1 {
		t.Fatalf("want one error and no site, got %v", errs)
	}
	if got := errs[0].String(); !strings.HasPrefix(got, "site.toml: not found in ") || !strings.Contains(got, "[model]") {
		t.Errorf("message = %q", got)
	}
}

func TestLoad_NoModelIsAnError(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"absent", "title = \"x\"\n", "site.toml:1:1: no scoring model: expected a [model] table"},
		{"wrong type", "title = \"x\"\nmodel = 3\n", `site.toml:2:9: model: expected a [model] table or the path of a model file such as "model.toml", found the number 3`},
		{"empty path", "model = \"\"\n", `site.toml:1:9: model: expected a [model] table or the path of a model file`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, errs := Load(writeSite(t, map[string]string{"site.toml": tc.text}), testChecks)
			assertHas(t, errs, tc.want)
		})
	}
}

// modelFile turns the [model] part of the test site into a file of its own.
func modelFile(t *testing.T) (site, mfile string) {
	t.Helper()
	base := readBase(t)
	head, body, ok := strings.Cut(base, "[model]\n")
	if !ok {
		t.Fatal("no [model] in base")
	}
	return head + "model = \"rubric/model.toml\"\n", strings.ReplaceAll(body, "[[model.", "[[") + "\n"
}

func TestLoad_ModelInItsOwnFile(t *testing.T) {
	siteText, modelText := modelFile(t)
	modelText = strings.Replace(modelText, "[model.scale]", "[scale]", 1)
	dir := writeSite(t, map[string]string{"site.toml": siteText, "rubric/model.toml": modelText})
	site, errs := Load(dir, testChecks)
	if len(errs) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", strings.Join(strs(errs), "\n"))
	}
	if site.ModelPath != "rubric/model.toml" || !slices.Equal(site.Files, []string{"site.toml", "rubric/model.toml"}) {
		t.Errorf("model path %q, files %v", site.ModelPath, site.Files)
	}
	if site.Model.Dimension("operations") == nil || site.Model.Version != "test.1" {
		t.Errorf("model not loaded: %+v", site.Model)
	}

	// Problems in the model file are reported in that file.
	bad := strings.Replace(modelText, "weight = 1.5", "weight = 0", 1)
	dir = writeSite(t, map[string]string{"site.toml": siteText, "rubric/model.toml": bad})
	_, errs = Load(dir, testChecks)
	assertHas(t, errs, "rubric/model.toml:34:12: dimensions[1].criteria[2].weight: expected a weight greater than 0")
}

func TestLoad_ModelFileMustStayInsideTheSite(t *testing.T) {
	outside := t.TempDir()
	_, modelText := modelFile(t)
	if err := os.WriteFile(filepath.Join(outside, "model.toml"), []byte(modelText), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, ref, want string }{
		{"parent path", "../model.toml", `must be a path inside the site folder`},
		{"absolute path", filepath.ToSlash(filepath.Join(outside, "model.toml")), `must be a path inside the site folder`},
		{"missing file", "nope.toml", `the model file "nope.toml" does not exist`},
		{"symlink out", "link.toml", `leads outside the site folder`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeSite(t, map[string]string{"site.toml": "title = \"x\"\nmodel = \"" + tc.ref + "\"\n"})
			if err := os.Symlink(filepath.Join(outside, "model.toml"), filepath.Join(dir, "link.toml")); err != nil {
				t.Skip("symlinks unavailable:", err)
			}
			site, errs := Load(dir, testChecks)
			if site != nil {
				t.Error("want no site")
			}
			assertHas(t, errs, "site.toml:2:9: model: ", tc.want)
		})
	}
}

func TestParse_HashesTrackWhatChanged(t *testing.T) {
	base := readBase(t)
	load := func(text string) *Site {
		t.Helper()
		site, errs := Parse(t.TempDir(), []byte(text), testChecks)
		if errs.HasErrors() {
			t.Fatalf("unexpected errors: %v", errs)
		}
		return site
	}
	a := load(base)
	retitled := load(mutate(t, base, `title = "Test playbook"`, `title = "Another title"`))
	reweighted := load(mutate(t, base, "weight = 1.5", "weight = 2.5"))
	if a.Hash == retitled.Hash {
		t.Error("Hash did not change with the title")
	}
	if a.ModelHash != retitled.ModelHash {
		t.Error("ModelHash changed with the title")
	}
	if a.ModelHash == reweighted.ModelHash {
		t.Error("ModelHash did not change with a weight")
	}
	if again := load(base); again.ModelHash != a.ModelHash || again.Hash != a.Hash {
		t.Error("hashes are not deterministic")
	}
}

func TestNormalizeBaseURL(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"", "/", true},
		{"/", "/", true},
		{"/playbook", "/playbook/", true},
		{"playbook/", "/playbook/", true},
		{"/a/b/", "/a/b/", true},
		{"/a/./b/../c", "/a/c/", true},
		{"/my%20site", "/my%20site/", true},
		{"https://x.org", "https://x.org/", true},
		{"https://x.org/playbook", "https://x.org/playbook/", true},
		{"http://localhost:8080/p/", "http://localhost:8080/p/", true},
		{"javascript:alert(1)", "/", false},
		{"JavaScript:alert(1)", "/", false},
		{"data:text/html,x", "/", false},
		{"ftp://x.org/", "/", false},
		{"//cdn.example.org/", "/", false},
		{"https://", "/", false},
		{"https://user:pw@x.org/", "/", false},
		{"/p?x=1", "/", false},
		{"/p#top", "/", false},
		{"/a b", "/", false},
		{"/\"><script>", "/", false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := NormalizeBaseURL(tc.in)
			if got != tc.want || (err == nil) != tc.ok {
				t.Errorf("NormalizeBaseURL(%q) = %q, %v; want %q, ok=%v", tc.in, got, err, tc.want, tc.ok)
			}
		})
	}
}

// TestLoad_ShippedSite checks that the repository's own site.toml is valid.
func TestLoad_ShippedSite(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	if _, err := os.Stat(filepath.Join(root, FileName)); err != nil {
		t.Skip("no shipped site.toml:", err)
	}
	site, errs := Load(root, nil)
	if errs.HasErrors() {
		t.Fatalf("the shipped site.toml has errors:\n%s", errs.Error())
	}
	if len(site.Model.Dimensions) != 5 || len(site.Model.Patterns) != 4 {
		t.Errorf("shipped model has %d dimensions and %d patterns, want 5 and 4", len(site.Model.Dimensions), len(site.Model.Patterns))
	}
}

// TestLoad_ShippedPatternsFollowOneRule checks that every shipped pattern's
// demands are exactly what its profile gives by the profiles' demand: the
// rule the patterns page states (High 3.0, Medium 2.5).
func TestLoad_ShippedPatternsFollowOneRule(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	if _, err := os.Stat(filepath.Join(root, FileName)); err != nil {
		t.Skip("no shipped site.toml:", err)
	}
	site, errs := Load(root, nil)
	if errs.HasErrors() {
		t.Fatalf("the shipped site.toml has errors:\n%s", errs.Error())
	}
	rule := map[string]float64{"high": 3.0, "medium": 2.5}
	for _, p := range site.Model.Patterns {
		if len(p.Demands) != len(p.Profile) {
			t.Errorf("%s demands %v for profile %v", p.ID, p.Demands, p.Profile)
		}
		for dim, prof := range p.Profile {
			if got, want := p.Demands[dim], rule[prof]; got != want {
				t.Errorf("%s on %s: profile %s demands %v, want %v", p.ID, dim, prof, got, want)
			}
		}
	}
	composable := site.Model.Pattern("composable")
	if composable == nil || composable.Profile["engineering"] != "high" || composable.Demands["governance"] != 2.5 {
		t.Errorf("composable: profile %v, demands %v", composable.Profile, composable.Demands)
	}
}

func TestParse_PortfolioPageSize(t *testing.T) {
	base := readBase(t)
	for _, tc := range []struct {
		name, set string
		want      int
	}{
		{"unset", "", DefaultPortfolioPageSize},
		{"set", "\nportfolio_page_size = 25", 25},
		{"every brand on one page", "\nportfolio_page_size = 0", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := mutate(t, base, `base_url = "/playbook"`, `base_url = "/playbook"`+tc.set)
			site, errs := Parse(t.TempDir(), []byte(text), testChecks)
			if site == nil {
				t.Fatalf("want a valid site, got:\n%s", strings.Join(strs(errs), "\n"))
			}
			if site.PortfolioPageSize != tc.want {
				t.Errorf("PortfolioPageSize = %d, want %d", site.PortfolioPageSize, tc.want)
			}
		})
	}
}
