package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The files of the small site the bad inputs go into.
const (
	current = "assessments/northwind/2026-10-01.toml"
	page    = "content/guide/reviewing.md"
	layout  = "layouts/page.html"
)

// badInputs are hostile or broken inputs, each with what `scorebook check`
// must print about it: the file, line and column, and a word of what was
// expected.
var badInputs = []struct {
	name      string
	breakSite func(t *testing.T, src string)
	want      []string
}{
	{"malformed TOML", func(t *testing.T, src string) {
		replaceIn(t, src, current, `brand = "Northwind Outfitters"`, `brand = "Northwind`)
	}, []string{current + ":1:19: invalid TOML"}},
	{"level written as a word", func(t *testing.T, src string) {
		replaceIn(t, src, current, "event-backbone = 2", `event-backbone = "three"`)
	}, []string{current + `:12:18: scores.architecture.event-backbone: expected a level such as 3`}},
	{"level above the scale", func(t *testing.T, src string) {
		replaceIn(t, src, current, "event-backbone = 2", "event-backbone = 7")
	}, []string{current + ":12:18: scores.architecture.event-backbone.level: level 7 is outside the scale; expected a whole number from 0 to 4"}},
	{"level that is not whole", func(t *testing.T, src string) {
		replaceIn(t, src, current, "event-backbone = 2", "event-backbone = 2.5")
	}, []string{current + ":12:18: scores.architecture.event-backbone: expected a whole-number level"}},
	{"unknown key", func(t *testing.T, src string) {
		replaceIn(t, src, current, "revenue_musd = 240\n", "revenue_musd = 240\ncolour = \"red\"\n")
	}, []string{current + `:8:1: unknown key "colour"; expected one of: brand, assessed`}},
	{"unknown dimension", func(t *testing.T, src string) {
		replaceIn(t, src, current, "[scores.engineering]", "[scores.engineerin]")
	}, []string{current + `:20:1: scores.engineerin: unknown dimension "engineerin"`, "expected one of: architecture, operations, engineering"}},
	{"unknown criterion", func(t *testing.T, src string) {
		replaceIn(t, src, current, "event-backbone = 2\n", "event-backbone = 2\nevent-bakbone = 2\n")
	}, []string{current + `:13:1: scores.architecture.event-bakbone: unknown criterion "event-bakbone" in dimension "architecture"`,
		"expected one of: api-gateway, event-backbone, master-data"}},
	// BurntSushi/toml places a duplicate key after its value; the line
	// is what matters to the reader.
	{"duplicate key", func(t *testing.T, src string) {
		replaceIn(t, src, current, "event-backbone = 2\n", "event-backbone = 2\nevent-backbone = 3\n")
	}, []string{current + ":13:", "already been defined"}},
	{"date that disagrees with the file name", func(t *testing.T, src string) {
		replaceIn(t, src, current, "assessed = 2026-10-01", "assessed = 2026-10-02")
	}, []string{current + ":2:12: assessed: 2026-10-02 does not match the file name's date 2026-10-01"}},
	{"more failures than runs", func(t *testing.T, src string) {
		replaceIn(t, src, current, "failures = 3\n", "failures = 41\n")
	}, []string{current + ":41:12: journeys[1].failures: 41 failures is more than the 40 runs"}},
	{"negative revenue", func(t *testing.T, src string) {
		replaceIn(t, src, current, "revenue_musd = 240", "revenue_musd = -5")
	}, []string{current + ":7:16: revenue_musd: expected annual revenue in millions of US dollars, 0 or more, found -5"}},
	{"front matter never closed", func(t *testing.T, src string) {
		writeFile(t, src, page, "+++\ntitle = \"Reviewing\"\n\nThe body.\n")
	}, []string{page + ":1:1: the front matter opened by +++ on line 1 is never closed"}},
	{"front matter of the wrong type", func(t *testing.T, src string) {
		replaceIn(t, src, page, "weight = 2", `weight = "two"`)
	}, []string{page + `:4:10: weight: expected a whole number, found the string "two"`}},
	{"layout that fails when it runs", func(t *testing.T, src string) {
		replaceIn(t, src, layout, "{{.Title}}", "{{.Title.Nope}}")
	}, []string{layout + ":4:14: rendering /guide/", "can't evaluate field Nope"}},
	// Go's template parser reports no column for parse errors.
	{"layout that does not parse", func(t *testing.T, src string) {
		replaceIn(t, src, layout, "{{.Title}}", "{{.Title | nosuchfunc}}")
	}, []string{layout + `:4: template error: function "nosuchfunc" not defined`}},
	{"page that is not UTF-8", func(t *testing.T, src string) {
		writeFile(t, src, page, "+++\ntitle = \"Caf\xe9\"\n+++\n\nCaf\xe9 au lait.\n")
	}, []string{page + ":2:13: the page is not valid UTF-8 text"}},
	{"empty assessment", func(t *testing.T, src string) {
		writeFile(t, src, current, "")
	}, []string{current + ":1:1: the file is empty"}},
	{"assessment of 2 MiB", func(t *testing.T, src string) {
		writeFile(t, src, current, readFile(t, src, current)+strings.Repeat("# padding\n", 2<<20/10))
	}, []string{current + ": the file is", "at most 1048576"}},
	{"symbolic links leading outside the source", func(t *testing.T, src string) {
		outside := filepath.Join(t.TempDir(), "outside.toml")
		writeFile(t, filepath.Dir(outside), "outside.toml", "brand = \"Elsewhere\"\nassessed = 2026-11-01\n")
		symlink(t, outside, filepath.Join(src, "assessments", "northwind", "2026-11-01.toml"))
		symlink(t, outside, filepath.Join(src, "content", "guide", "outside.md"))
		symlink(t, outside, filepath.Join(src, "layouts", "partials", "outside.html"))
	}, []string{
		"assessments/northwind/2026-11-01.toml: the symbolic link leads outside the site folder",
		"content/guide/outside.md: the symbolic link leads outside the site folder",
		"layouts/partials/outside.html: the symbolic link leads outside the site folder",
	}},
	{"symbolic link loops", func(t *testing.T, src string) {
		symlink(t, "loop", filepath.Join(src, "assessments", "northwind", "loop"))
		symlink(t, ".", filepath.Join(src, "content", "guide", "again"))
	}, []string{
		"assessments/northwind/loop: the symbolic link loops",
		"content/guide/again: the symbolic link leads back to a folder that contains it",
	}},
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
}

func TestCheck_ReportsEachBadInputAtItsPosition(t *testing.T) {
	for _, tc := range badInputs {
		t.Run(tc.name, func(t *testing.T) {
			src := copySite(t, smallSite)
			tc.breakSite(t, src)
			r := run(t, nil, "check", "-src", src, "-format", "text", "-now", "2026-11-27")
			if r.code != 1 {
				t.Errorf("exit status %d, want 1 (err %v)", r.code, r.err)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("output does not hold %q:\n%s%s", w, r.stdout, r.stderr)
				}
			}
			lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
			if last := lines[len(lines)-1]; !strings.HasSuffix(last, " found.") || strings.HasPrefix(last, "0 ") {
				t.Errorf("output does not end with the count of problems:\n%s", r.stdout)
			}
		})
	}
}

func TestCheck_ReportsEveryProblemInOneRun(t *testing.T) {
	src := copySite(t, smallSite)
	replaceIn(t, src, current, "event-backbone = 2", "event-backbone = 7")
	replaceIn(t, src, current, "revenue_musd = 240\n", "revenue_musd = 240\ncolour = \"red\"\n")
	replaceIn(t, src, current, "failures = 3\n", "failures = 41\n")
	replaceIn(t, src, "assessments/bluebell/2025-11-20.toml", "assessed = 2025-11-20", "assessed = 2025-11-21")
	replaceIn(t, src, page, "weight = 2", `weight = "two"`)
	writeFile(t, src, "content/guide/writing.md", "+++\ntitle = \"Writing\"\n")
	replaceIn(t, src, layout, "{{.Title}}", "{{.Title | nosuchfunc}}")
	want := []string{
		"assessments/bluebell/2025-11-20.toml:2:12:",
		current + ":8:1:",
		current + ":13:18:",
		current + ":42:12:",
		"content/guide/reviewing.md:4:10:",
		"content/guide/writing.md:1:1:",
		"layouts/page.html:4:",
	}
	r := run(t, nil, "check", "-src", src, "-now", "2026-11-27")
	if r.code != 1 {
		t.Errorf("exit status %d, want 1", r.code)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != len(want)+1 || lines[len(lines)-1] != "7 problems found." {
		t.Errorf("got %d lines, want %d problems and the count:\n%s", len(lines), len(want), r.stdout)
	}
	for i, w := range want {
		if i >= len(lines) || !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d does not start with %s:\n%s", i+1, w, r.stdout)
		}
	}
}

func TestCheck_FormatsForToolsAndCI(t *testing.T) {
	src := copySite(t, smallSite)
	replaceIn(t, src, current, "event-backbone = 2", "event-backbone = 7")
	// A quoted key puts a % and an escaped line break into the message.
	replaceIn(t, src, current, "assessor = \"Integration review board\"\n", "assessor = \"Integration review board\"\n\"50%\\nkey\" = 1\n")

	r := run(t, nil, "check", "-src", src, "-format", "json", "-now", "2026-11-27")
	if r.code != 1 {
		t.Errorf("json: exit status %d, want 1", r.code)
	}
	var entries []struct {
		Path     string `json:"path"`
		Line     int    `json:"line"`
		Column   int    `json:"column"`
		Severity string `json:"severity"`
		Message  string `json:"message"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &entries); err != nil {
		t.Fatalf("json output does not parse: %v\n%s", err, r.stdout)
	}
	if len(entries) != 2 {
		t.Fatalf("json: %d entries, want 2:\n%s", len(entries), r.stdout)
	}
	e := entries[1]
	if e.Path != current || e.Line != 13 || e.Column != 18 || e.Severity != "error" || !strings.Contains(e.Message, "level 7 is outside the scale") {
		t.Errorf("json entry = %+v", e)
	}

	r = run(t, nil, "check", "-src", src, "-format", "github", "-now", "2026-11-27")
	if r.code != 1 {
		t.Errorf("github: exit status %d, want 1", r.code)
	}
	want := "::error file=" + current + ",line=13,col=18::scores.architecture.event-backbone.level: level 7 is outside the scale"
	if !strings.Contains(r.stdout, want) {
		t.Errorf("github output does not hold %q:\n%s", want, r.stdout)
	}
	if !strings.Contains(r.stdout, "::error file="+current+",line=4,col=1::") || !strings.Contains(r.stdout, "50%25") {
		t.Errorf("github output does not report the quoted key with %% escaped:\n%s", r.stdout)
	}
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		if !strings.HasPrefix(line, "::error file=") && !strings.HasPrefix(line, "::warning file=") {
			t.Errorf("github output line is not a workflow command: %q", line)
		}
	}
}

func TestCheck_ExitStatus(t *testing.T) {
	r := run(t, nil, "check", "-src", smallSite, "-now", "2026-11-27")
	if r.code != 0 || !strings.Contains(r.stdout, "No problems found") {
		t.Errorf("a good site: exit status %d, output %q %q", r.code, r.stdout, r.stderr)
	}
	r = run(t, nil, "check", "-src", smallSite, "-format", "yaml")
	if r.code != 2 {
		t.Errorf("an unknown format: exit status %d, want 2", r.code)
	}
	r = run(t, nil, "check", "-src", t.TempDir())
	if r.code != 1 || !strings.Contains(r.err.Error(), "site.toml") {
		t.Errorf("a folder that is no site: exit status %d, error %v", r.code, r.err)
	}
}

func TestCheck_FormatsSARIF(t *testing.T) {
	src := copySite(t, smallSite)
	replaceIn(t, src, current, "event-backbone = 2", "event-backbone = 7")
	replaceIn(t, src, current, "assessor = \"Integration review board\"\n", "assessor = \"Integration review board\"\ncolour = 1\n")
	r := run(t, nil, "check", "-src", src, "-format", "sarif", "-now", "2026-11-27")
	if r.code != 1 {
		t.Errorf("exit status %d, want 1", r.code)
	}
	var log struct {
		Schema  string `json:"$schema"`
		Version string
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string
					Rules []struct {
						ID, Name         string
						ShortDescription struct{ Text string }
						Help             struct{ Text, Markdown string }
						HelpURI          string
					}
				}
			}
			Results []struct {
				RuleID    string
				Level     string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, StartColumn int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil {
		t.Fatalf("sarif output does not parse: %v\n%s", err, r.stdout)
	}
	if log.Version != "2.1.0" || !strings.Contains(log.Schema, "sarif-2.1.0") || len(log.Runs) != 1 {
		t.Fatalf("version %q schema %q runs %d", log.Version, log.Schema, len(log.Runs))
	}
	rules := map[string]string{}
	for _, rule := range log.Runs[0].Tool.Driver.Rules {
		if rule.ID == "" || rule.ShortDescription.Text == "" || rule.Help.Text == "" || rule.HelpURI == "" {
			t.Errorf("rule %+v lacks an id, description, help or link", rule)
		}
		rules[rule.ID] = rule.Name
	}
	type found struct {
		rule, uri   string
		line, col   int
		level, text string
	}
	var got []found
	for _, res := range log.Runs[0].Results {
		if len(res.Locations) != 1 {
			t.Fatalf("result %+v has %d locations", res, len(res.Locations))
		}
		pl := res.Locations[0].PhysicalLocation
		got = append(got, found{rules[res.RuleID], pl.ArtifactLocation.URI, pl.Region.StartLine, pl.Region.StartColumn, res.Level, res.Message.Text})
	}
	if len(got) != 2 {
		t.Fatalf("%d results, want 2: %+v", len(got), got)
	}
	if g := got[0]; g.rule != "UnknownKey" || g.uri != current || g.line != 4 || g.col != 1 || g.level != "error" {
		t.Errorf("first result = %+v, want UnknownKey at %s:4:1", g, current)
	}
	// The level's line, wherever the golden file has it.
	levelLine := 1 + strings.Count(strings.Split(readFile(t, src, current), "event-backbone = 7")[0], "\n")
	if g := got[1]; g.rule != "LevelOutsideScale" || g.uri != current || g.line != levelLine || g.col != 18 || !strings.Contains(g.text, "level 7") {
		t.Errorf("second result = %+v, want LevelOutsideScale at %s:%d:18", g, current, levelLine)
	}

	// A site without problems gives a log with no results, and exit 0.
	r = run(t, nil, "check", "-src", smallSite, "-format", "sarif", "-now", "2026-11-27")
	if r.code != 0 || !strings.Contains(r.stdout, `"results": []`) {
		t.Errorf("a good site: exit %d\n%s", r.code, r.stdout)
	}
}

func TestCheck_ALayoutThatFailsToRunIsAProblemInEveryFormat(t *testing.T) {
	src := copySite(t, smallSite)
	// A layout that parses but cannot run.
	replaceIn(t, src, "layouts/404.html", "<h1>Page not found</h1>", "<h1>{{ index .Site 3 }}</h1>")
	for _, format := range []string{"text", "json", "github", "sarif"} {
		t.Run(format, func(t *testing.T) {
			r := run(t, nil, "check", "-src", src, "-format", format, "-now", "2026-11-27")
			if r.code != 1 {
				t.Errorf("exit status %d, want 1\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stdout, "layouts/404.html") || !strings.Contains(r.stdout, "index .Site 3") {
				t.Errorf("the failure is not in the %s output:\n%s\nstderr: %s", format, r.stdout, r.stderr)
			}
		})
	}
}

func TestCheck_PrintsControlCharactersOfFileNamesEscaped(t *testing.T) {
	src := copySite(t, smallSite)
	writeFile(t, src, "content/bell\a\x1b[31mred.md", "no front matter\n")
	writeFile(t, src, "assessments/northwind/2026-11-01.toml", "brand = \"North\\u001bwind\"\nassessed = 2026-11-01\n")
	for _, format := range []string{"text", "github"} {
		r := run(t, nil, "check", "-src", src, "-format", format, "-now", "2026-11-27")
		if r.code != 1 {
			t.Errorf("%s: exit status %d, want 1", format, r.code)
		}
		if strings.ContainsAny(r.stdout+r.stderr, "\a\x1b") {
			t.Errorf("%s: control characters printed raw:\n%q", format, r.stdout)
		}
		if !strings.Contains(r.stdout, `content/bell\x07\x1b[31mred.md`) {
			t.Errorf("%s: the file name is not shown escaped:\n%s", format, r.stdout)
		}
		if !strings.Contains(r.stdout, "holds the control character U+001B") {
			t.Errorf("%s: the brand's control character is not reported:\n%s", format, r.stdout)
		}
	}
}

func TestCheck_JSONEscapesEveryControlCharacter(t *testing.T) {
	src := copySite(t, smallSite)
	writeFile(t, src, "content/del\x7f\u0085\x1b.md", "no front matter\n")
	for _, format := range []string{"json", "sarif"} {
		r := run(t, nil, "check", "-src", src, "-format", format, "-now", "2026-11-27")
		if strings.ContainsAny(r.stdout, "\x7f\u0085\x1b") {
			t.Errorf("%s: control characters written raw:\n%q", format, r.stdout)
		}
		if !strings.Contains(r.stdout, `del\u007f\u0085\u001b.md`) && !strings.Contains(r.stdout, `del%7F%C2%85%1B.md`) {
			t.Errorf("%s: the file name is not there, escaped:\n%s", format, r.stdout)
		}
	}
}
