package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"scorebook/generator/internal/benchcorpus"
)

// diffCheckResult times `scorebook diff` between two commits against
// `scorebook check` of the same site.
type diffCheckResult struct {
	Edited int // assessments the second commit edits
	Check  []sample
	Diff   []sample
}

// targetDiffOverCheck: diff, which loads the site twice from git, should
// take at most twice what check takes.
const targetDiffOverCheck = 2.0

// measureDiffCheck makes c's scorebook site a git repository with two
// commits, the second setting one level in the newest assessment of every
// tenth brand, and times check of the work tree and diff of the commits,
// interleaved. The site is left a repository with the edits committed.
func (b *bench) measureDiffCheck(ctx context.Context, c *corpus) (*diffCheckResult, error) {
	if c.opts.Brands == 0 {
		return nil, nil
	}
	git := func(args ...string) error {
		cmd := exec.CommandContext(ctx, "git", args...)
		cmd.Dir = c.site
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1", "LC_ALL=C",
			"GIT_AUTHOR_NAME=bench", "GIT_AUTHOR_EMAIL=bench@example.invalid",
			"GIT_COMMITTER_NAME=bench", "GIT_COMMITTER_EMAIL=bench@example.invalid")
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("git %s: %w\n%s", strings.Join(args, " "), err, out)
		}
		return nil
	}
	if _, err := exec.LookPath("git"); err != nil {
		b.logf("skipping diff against check: git is not installed")
		return nil, nil
	}
	if err := git("init", "-q", "-b", "main"); err != nil {
		return nil, err
	}
	if err := git("add", "-A"); err != nil {
		return nil, err
	}
	if err := git("commit", "-q", "-m", "corpus"); err != nil {
		return nil, err
	}
	res := &diffCheckResult{}
	dim := c.model.Dimensions[0]
	for brand := 0; brand < c.opts.Brands; brand += 10 {
		path := filepath.Join(c.site, filepath.FromSlash(benchcorpus.AssessmentPath(c.opts.History, brand, c.opts.History-1)))
		orig, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		level := c.model.Scale.Min + (brand/10)%(c.model.Scale.Max-c.model.Scale.Min+1)
		data, err := benchcorpus.SetRating(orig, dim.ID, dim.Criteria[0].ID, level, "Benchmark diff edit")
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return nil, fmt.Errorf("edit %s: %w", path, err)
		}
		res.Edited++
	}
	if err := git("commit", "-q", "-a", "-m", "edit assessments"); err != nil {
		return nil, err
	}
	at := fmt.Sprintf("%s %d pages", c.kind, c.opts.Pages)
	for i := range b.cfg.runs {
		s, err := b.runMeasured(ctx, filepath.Join(c.dir, "scorebook-check.log"), b.binary,
			"check", "-src", c.site, "-now", b.cfg.now)
		if err != nil {
			return nil, err
		}
		res.Check = append(res.Check, s)
		b.logf("%s: scorebook check %d/%d: wall %s, user %s, system %s, peak %s", at, i+1, b.cfg.runs, fmtDur(s.Wall), fmtDur(s.User), fmtDur(s.System), fmtBytes(s.PeakRSS))
		d, err := b.runMeasured(ctx, filepath.Join(c.dir, "scorebook-diff.log"), b.binary,
			"diff", "-src", c.site, "-base", "HEAD~1", "-head", "HEAD", "-now", b.cfg.now)
		if err != nil {
			return nil, err
		}
		res.Diff = append(res.Diff, d)
		b.logf("%s: scorebook diff (%d assessments edited) %d/%d: wall %s, user %s, system %s, peak %s", at, res.Edited, i+1, b.cfg.runs, fmtDur(d.Wall), fmtDur(d.User), fmtDur(d.System), fmtBytes(d.PeakRSS))
	}
	return res, nil
}
