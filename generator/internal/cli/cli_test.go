package cli_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"scorebook/generator/internal/cli"
)

func TestNew_ScaffoldsEveryCriterionAndCheckAcceptsIt(t *testing.T) {
	src := copySite(t, smallSite)
	r := run(t, nil, "new", "acme-stores", "-date", "2026-10-01", "-src", src)
	if r.err != nil {
		t.Fatalf("scorebook new: %v\n%s", r.err, r.stderr)
	}
	rel := "assessments/acme-stores/2026-10-01.toml"
	text := readFile(t, src, rel)
	if !strings.Contains(r.stdout, filepath.Join(src, filepath.FromSlash(rel))) {
		t.Errorf("new does not say what it wrote: %q", r.stdout)
	}

	var site struct {
		Model struct {
			Dimensions []struct {
				ID       string
				Criteria []struct{ ID string }
			}
		}
	}
	if _, err := toml.DecodeFile(filepath.Join(src, "site.toml"), &site); err != nil {
		t.Fatal(err)
	}
	criteria := 0
	for _, d := range site.Model.Dimensions {
		header := "\n[scores." + d.ID + "]\n"
		at := strings.Index(text, header)
		if at < 0 {
			t.Errorf("no %s table", strings.TrimSpace(header))
			continue
		}
		section := text[at+len(header):]
		if next := strings.Index(section, "\n[scores."); next >= 0 {
			section = section[:next]
		}
		for _, c := range d.Criteria {
			criteria++
			if !regexp.MustCompile(`(?m)^(# )?` + regexp.QuoteMeta(c.ID) + ` = `).MatchString(section) {
				t.Errorf("criterion %s is not listed under [scores.%s]", c.ID, d.ID)
			}
		}
	}
	if criteria == 0 {
		t.Fatal("the model has no criteria")
	}
	var decoded map[string]any
	if _, err := toml.Decode(text, &decoded); err != nil {
		t.Errorf("the scaffold is not TOML: %v", err)
	}
	if !strings.HasPrefix(text, "#:schema ../.schema.json\n") {
		t.Errorf("the scaffold does not start with the #:schema directive editors read:\n%.80s", text)
	}
	if decoded["brand"] != "Acme Stores" {
		t.Errorf("brand = %v, want the slug made readable", decoded["brand"])
	}

	r = run(t, nil, "check", "-src", src, "-now", "2026-11-27")
	if r.code != 0 {
		t.Errorf("check rejects the scaffold (exit %d):\n%s", r.code, r.stdout)
	}

	// A second new for the same date would overwrite the file.
	writeFile(t, src, rel, text+"# my notes\n")
	r = run(t, nil, "new", "acme-stores", "-date", "2026-10-01", "-src", src)
	if r.err == nil || !strings.Contains(readFile(t, src, rel), "# my notes") {
		t.Errorf("new overwrote an existing assessment (err %v)", r.err)
	}
}

func TestNew_RefusesWhatIsNotASlugOrADate(t *testing.T) {
	src := copySite(t, smallSite)
	for _, args := range [][]string{
		{"new", "Acme Stores", "-src", src},
		{"new", "../acme", "-src", src},
		{"new", "acme", "-date", "01/10/2026", "-src", src},
		{"new", "-src", src},
	} {
		r := run(t, nil, args...)
		if r.code != 2 {
			t.Errorf("%q: exit status %d, want 2", args, r.code)
		}
	}
	if _, err := os.Stat(filepath.Join(src, "acme")); err == nil {
		t.Error("new wrote outside assessments/")
	}
}

func TestVersion(t *testing.T) {
	for _, cmd := range []string{"version", "--version"} {
		r := run(t, nil, cmd)
		if r.code != 0 || !strings.HasPrefix(r.stdout, "scorebook "+cli.Version) {
			t.Errorf("%s: exit %d, output %q", cmd, r.code, r.stdout)
		}
	}
}

func TestUsageMistakesExitWith2(t *testing.T) {
	tests := [][]string{
		nil,
		{"frobnicate"},
		{"build", "-nope"},
		{"build", "-src", smallSite, "-now", "yesterday"},
	}
	for _, args := range tests {
		r := run(t, nil, args...)
		if r.code != 2 {
			t.Errorf("%q: exit status %d, want 2 (err %v)", args, r.code, r.err)
		}
		if len(args) > 0 && args[0] == "frobnicate" && !strings.Contains(r.stderr, `unknown command "frobnicate"`) {
			t.Errorf("unknown command: stderr %q", r.stderr)
		}
	}
	if r := run(t, nil, "help"); r.code != 0 || !strings.Contains(r.stdout, "scorebook build") {
		t.Errorf("help: exit %d, output %q", r.code, r.stdout)
	}
}

func TestBuild_SummaryReportsWhatWasBuilt(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	r := run(t, nil, "build", "-src", smallSite, "-out", out, "-now", "2026-11-27", "-cache", "off")
	if r.err != nil {
		t.Fatalf("build: %v\n%s", r.err, r.stderr)
	}
	// The golden site: 2 listed brands; findings 1 critical, 9 high,
	// 6 medium, 2 low, 1 info (see testdata/golden/site.golden).
	for _, re := range []string{
		`(?m)^Built .*public in \d+(\.\d+)?(µs|ms|s)$`,
		`(?m)^  pages +\d+$`,
		`(?m)^  scorecards +2 listed$`,
		`(?m)^  findings +1 critical · 7 high · 8 medium · 3 low · 1 info$`,
		`(?m)^  files +\d+ \(\d+ rendered, 0 reused from cache\)$`,
	} {
		if !regexp.MustCompile(re).MatchString(r.stdout) {
			t.Errorf("summary does not match %s:\n%s", re, r.stdout)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "scorecards", "northwind", "index.html")); err != nil {
		t.Errorf("build wrote no scorecard: %v", err)
	}
}

func TestBuild_ProblemsExitWith1AndPublishNothing(t *testing.T) {
	src := copySite(t, smallSite)
	replaceIn(t, src, current, "event-backbone = 2", "event-backbone = 7")
	out := filepath.Join(t.TempDir(), "public")
	r := run(t, nil, "build", "-src", src, "-out", out, "-cache", "off")
	if r.code != 1 {
		t.Errorf("exit status %d, want 1", r.code)
	}
	if !strings.Contains(r.stderr, current+":12:18:") || !strings.Contains(r.stderr, "1 problem; nothing was published") {
		t.Errorf("stderr: %q", r.stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed first build created the output folder")
	}
}

func TestBuild_ShareKeyFromTheEnvironment(t *testing.T) {
	src := copySite(t, smallSite)
	replaceIn(t, src, "assessments/bluebell/2025-11-20.toml", "platform = \"shopware\"", "platform = \"shopware\"\nvisibility = \"unlisted\"")
	out := filepath.Join(t.TempDir(), "public")
	r := run(t, map[string]string{"SCOREBOOK_SHARE_KEY": "s3cret"}, "build", "-src", src, "-out", out, "-now", "2026-11-27", "-cache", "off")
	if r.err != nil {
		t.Fatalf("build: %v\n%s", r.err, r.stderr)
	}
	m := regexp.MustCompile(`(?m)^  share +bluebell → (/s/[0-9a-f]+/)$`).FindStringSubmatch(r.stdout)
	if m == nil || !strings.Contains(r.stdout, "1 listed, 1 unlisted") {
		t.Fatalf("summary does not give the share link:\n%s", r.stdout)
	}
	if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(m[1]), "index.html")); err != nil {
		t.Errorf("the share link leads nowhere: %v", err)
	}

	out = filepath.Join(t.TempDir(), "public")
	r = run(t, nil, "build", "-src", src, "-out", out, "-now", "2026-11-27", "-cache", "off")
	if r.err != nil || !strings.Contains(r.stderr, "unlisted and SCOREBOOK_SHARE_KEY is not set") {
		t.Errorf("without a key: err %v, stderr %q", r.err, r.stderr)
	}
}
