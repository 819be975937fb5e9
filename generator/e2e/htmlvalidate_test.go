package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"scorebook/generator/internal/build"
)

// needTool returns the path an environment variable names, skipping the
// test when it is unset (failing it when SCOREBOOK_REQUIRE_TOOLS=1) and
// failing it when the path does not exist.
func needTool(t *testing.T, env, install string) string {
	t.Helper()
	p := os.Getenv(env)
	if p == "" {
		if os.Getenv("SCOREBOOK_REQUIRE_TOOLS") == "1" {
			t.Fatalf("%s is not set and SCOREBOOK_REQUIRE_TOOLS=1; %s", env, install)
		}
		t.Skipf("%s is not set: %s to run this test", env, install)
	}
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("%s=%s: %v", env, p, err)
	}
	return p
}

// validatorReport is html-validate's JSON formatter output.
type validatorReport []struct {
	FilePath string `json:"filePath"`
	Messages []struct {
		RuleID   string `json:"ruleId"`
		Severity int    `json:"severity"` // 1 warning, 2 error
		Message  string `json:"message"`
		Line     int    `json:"line"`
		Column   int    `json:"column"`
		Selector string `json:"selector"`
	} `json:"messages"`
}

// htmlValidator returns html-validate and the committed configuration it
// runs with; it skips the test when html-validate is not installed.
func htmlValidator(t *testing.T) (validator, config string) {
	t.Helper()
	validator = needTool(t, "SCOREBOOK_HTML_VALIDATE",
		"install it with `cd /tmp/hv && npm install html-validate@10.9.0` and set SCOREBOOK_HTML_VALIDATE=/tmp/hv/node_modules/.bin/html-validate")
	config, err := filepath.Abs("testdata/htmlvalidate.json")
	if err != nil {
		t.Fatal(err)
	}
	return validator, config
}

// TestHTMLValidate_EveryPageType runs html-validate with the committed
// configuration over one built page of every type, share.html and 404.html,
// and wants no error and no warning.
func TestHTMLValidate_EveryPageType(t *testing.T) {
	validator, config := htmlValidator(t)
	site := publishedSite(t)
	var files []string
	for _, p := range pageTypes {
		files = append(files, p.file(site))
	}
	validateHTML(t, validator, config, site, files)
	t.Logf("validated %d pages", len(pageTypes))
}

// TestHTMLValidate_PortfolioPages builds the shipped playbook with two
// brands to a portfolio page and validates the first, a middle and the
// last page of the portfolio.
func TestHTMLValidate_PortfolioPages(t *testing.T) {
	validator, config := htmlValidator(t)
	src := filepath.Join(t.TempDir(), "src")
	for _, part := range sourceParts {
		if err := copyTree(filepath.Join(repoRoot, part), filepath.Join(src, part)); err != nil {
			t.Fatalf("copy the playbook: %v", err)
		}
	}
	settings, err := os.ReadFile(filepath.Join(src, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "site.toml"), append([]byte("portfolio_page_size = 2\n"), settings...), 0o644); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(t.TempDir(), "public")
	if _, err := build.New(build.Options{Src: src, Out: site, Mode: build.Publish, Now: buildDate}).Build(context.Background(), nil); err != nil {
		t.Fatalf("build: %v", err)
	}
	files := []string{filepath.Join(site, "scorecards", "index.html")}
	for _, n := range []string{"2", "4"} {
		files = append(files, filepath.Join(site, "scorecards", "page", n, "index.html"))
	}
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			t.Fatalf("the paged portfolio has no %s: %v", f, err)
		}
	}
	validateHTML(t, validator, config, site, files)
}

// validateHTML runs html-validate with config over files of the site and
// reports every message as an error of t.
func validateHTML(t *testing.T, validator, config, site string, files []string) {
	t.Helper()
	args := append([]string{"--config", config, "--formatter", "json"}, files...)
	cmd := exec.Command(validator, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run() // exits 1 when it finds errors; the report says which

	var report validatorReport
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatalf("html-validate: %v (%v)\nstdout:\n%s\nstderr:\n%s", runErr, err, stdout.String(), stderr.String())
	}
	for _, f := range report {
		rel, _ := filepath.Rel(site, f.FilePath)
		for _, m := range f.Messages {
			kind := "warning"
			if m.Severity == 2 {
				kind = "error"
			}
			t.Errorf("%s:%d:%d: %s [%s] %s (at %s)", filepath.ToSlash(rel), m.Line, m.Column, kind, m.RuleID, m.Message, m.Selector)
		}
	}
	// The JSON report lists only the files with messages; when it lists
	// none, the exit status must say all is well too.
	if runErr != nil && !t.Failed() {
		t.Errorf("html-validate failed without reporting a problem: %v\n%s", runErr, strings.TrimSpace(stderr.String()))
	}
}
