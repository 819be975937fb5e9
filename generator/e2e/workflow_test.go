package e2e

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"scorebook/generator/internal/gittest"
	"scorebook/generator/internal/scorediff"
)

// workflowStep is the part of the pull-request workflow's scorebook step
// the test runs: its environment and its run line.
type workflowStep struct {
	env map[string]string
	run string
}

// readWorkflow reads .github/workflows/scorebook.yml just enough to find
// the step with the given id: its env: entries and its one-line run:. It
// also checks the settings the step depends on.
func readWorkflow(t *testing.T, id string) workflowStep {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(rootDir(t), ".github", "workflows", "scorebook.yml"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	for _, want := range []string{"pull_request:", "fetch-depth: 0", "go build -o bin/scorebook ./generator", "pull-requests: write", scorediff.Marker} {
		if !strings.Contains(text, want) {
			t.Errorf("the workflow lacks %q", want)
		}
	}
	step := workflowStep{env: map[string]string{}}
	in, inEnv := false, false
	for _, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "- "):
			in, inEnv = false, false
		case trimmed == "id: "+id:
			in = true
		case in && trimmed == "env:":
			inEnv = true
		case in && strings.HasPrefix(trimmed, "run: "):
			step.run = strings.TrimPrefix(trimmed, "run: ")
			inEnv = false
		case in && inEnv && strings.Contains(trimmed, ": "):
			k, v, _ := strings.Cut(trimmed, ": ")
			if i := strings.Index(v, " #"); i >= 0 {
				v = v[:i]
			}
			step.env[k] = v
		case in && !strings.HasPrefix(line, "          "):
			inEnv = false
		}
	}
	if step.run == "" {
		t.Fatalf("no run: line in the workflow step with id %s", id)
	}
	return step
}

// rootDir is the repository root as an absolute path, for commands run
// in other folders.
func rootDir(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// buildScorebook builds the binary as the workflow's build step does.
func buildScorebook(t *testing.T, out string) {
	t.Helper()
	goBin := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goBin); err != nil {
		if goBin, err = exec.LookPath("go"); err != nil {
			t.Skip("the go command is needed to build scorebook for the workflow test")
		}
	}
	cmd := exec.Command(goBin, "build", "-o", out, "./generator")
	cmd.Dir = rootDir(t)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
}

// TestWorkflow_PullRequestCommands runs the workflow's scorebook step, as
// the workflow file writes it, in clones of a real repository with a base
// branch and a pull-request branch.
func TestWorkflow_PullRequestCommands(t *testing.T) {
	step := readWorkflow(t, "scorebook")
	bin := filepath.Join(t.TempDir(), "scorebook")
	buildScorebook(t, bin)

	upstream := gittest.New(t)
	upstream.CopyDir(filepath.Join(rootDir(t), "generator", "internal", "build", "testdata", "golden", "site"), ".")
	upstream.CopyDir(filepath.Join(rootDir(t), ".github"), ".github")
	upstream.Commit("the playbook")

	north := "assessments/northwind/2026-10-01.toml"
	for _, tc := range []struct {
		name    string
		depth   string // "" for a full clone, as fetch-depth: 0 gives
		edit    func(r *gittest.Repo)
		status  int
		comment []string // in the comment
		stdout  []string // in the step's standard output (annotations)
		stderr  []string
	}{
		{
			name: "lowered a band",
			edit: func(r *gittest.Repo) {
				r.Replace(north, "api-gateway = { level = 3", "api-gateway = { level = 0")
				r.Replace(north, "master-data = { level = 3", "master-data = { level = 0")
				r.Replace(north, "monitoring = 3", "monitoring = 0")
			},
			status:  1,
			comment: []string{"1 brand changed (1 down a band)", "| Northwind Outfitters | changed |", "▼"},
			stderr:  []string{"the -fail-on level-drop condition holds"},
		},
		{
			name:    "raised",
			edit:    func(r *gittest.Repo) { r.Replace(north, "event-backbone = 2", "event-backbone = 3") },
			status:  0,
			comment: []string{"1 brand changed, 1 unchanged", "| Northwind Outfitters | changed |"},
		},
		{
			name:    "broken assessment",
			edit:    func(r *gittest.Repo) { r.Replace(north, "event-backbone = 2", "event-backbone = 9") },
			status:  1,
			comment: []string{"could not be compared"},
			stdout:  []string{"::error file=assessments/northwind/2026-10-01.toml,line=12,col=18::"},
			stderr:  []string{"assessments/northwind/2026-10-01.toml:12:18: "},
		},
		{
			name:    "shallow checkout",
			depth:   "1",
			edit:    func(r *gittest.Repo) { r.Replace(north, "event-backbone = 2", "event-backbone = 3") },
			status:  1,
			comment: []string{"could not be compared"},
			stderr:  []string{"fetch-depth: 0"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The pull request is a branch of the upstream repository; the
			// checkout clones it as actions/checkout does: with its whole
			// history (fetch-depth: 0), or only the branch's last commit.
			branch := strings.ReplaceAll(tc.name, " ", "-")
			upstream.Git("checkout", "-q", "-b", branch, "main")
			tc.edit(upstream)
			upstream.Commit("the pull request")
			upstream.Git("checkout", "-q", "main")
			dir := filepath.Join(t.TempDir(), "checkout")
			args := []string{"clone", "-q", "-b", branch}
			if tc.depth != "" {
				args = append(args, "--depth", tc.depth)
			}
			gittest.Run(t, t.TempDir(), nil, append(args, "file://"+upstream.Dir, dir)...)
			pr := gittest.Open(t, dir)
			if err := os.MkdirAll(filepath.Join(dir, "bin"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Link(bin, filepath.Join(dir, "bin", "scorebook")); err != nil {
				t.Fatal(err)
			}

			cmd := exec.Command("bash", "-c", step.run)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1791763200") // 2026-10-12
			for k, v := range step.env {
				cmd.Env = append(cmd.Env, k+"="+strings.ReplaceAll(v, "${{ github.base_ref }}", "main"))
			}
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			status := 0
			if ee, ok := err.(*exec.ExitError); ok {
				status = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if status != tc.status {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", status, tc.status, stdout.String(), stderr.String())
			}
			comment := pr.Read(step.env["SCOREBOOK_COMMENT"])
			if first, _, _ := strings.Cut(comment, "\n"); first != scorediff.Marker {
				t.Errorf("the comment's first line is %q, want the marker", first)
			}
			for _, want := range tc.comment {
				if !strings.Contains(comment, want) {
					t.Errorf("the comment lacks %q:\n%s", want, comment)
				}
			}
			for _, want := range tc.stdout {
				if !strings.Contains(stdout.String(), want) {
					t.Errorf("standard output lacks %q:\n%s", want, stdout.String())
				}
			}
			for _, want := range tc.stderr {
				if !strings.Contains(stderr.String(), want) {
					t.Errorf("standard error lacks %q:\n%s", want, stderr.String())
				}
			}
		})
	}
}
