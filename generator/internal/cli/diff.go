package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"scorebook/generator/internal/diag"
	"scorebook/generator/internal/gitrev"
	"scorebook/generator/internal/inputtext"
	"scorebook/generator/internal/scorediff"
	"scorebook/generator/internal/snapshot"
)

const diffSynopsis = "diff [-base REF] [-head REF] [-now YYYY-MM-DD] [-format text|markdown|json] [-fail-on none|regression|level-drop|new-critical] [-src DIR]"

func runDiff(ctx context.Context, args []string, env Env) error {
	fs := newFlags("diff", diffSynopsis, env)
	base := fs.String("base", "HEAD", "the git `revision` to compare against")
	head := fs.String("head", "", "the git `revision` to compare (default: the working tree)")
	now := fs.String("now", "", "the `date` both sides are judged as of (default: SOURCE_DATE_EPOCH, else today)")
	format := fs.String("format", "text", "text, markdown (a pull-request comment) or json")
	failOn := fs.String("fail-on", scorediff.FailNone, "exit 1 when this holds: none, regression, level-drop or new-critical")
	src := fs.String("src", ".", "the site's source `folder` in the git work tree")
	if _, err := parse(fs, args); err != nil {
		return helpOK(err)
	}
	if !slices.Contains([]string{"text", "markdown", "json"}, *format) {
		fmt.Fprintf(env.Stderr, "scorebook diff: -format %q: expected text, markdown or json\n", *format)
		return ErrUsage
	}
	if !slices.Contains(scorediff.FailConditions, *failOn) {
		fmt.Fprintf(env.Stderr, "scorebook diff: -fail-on %q: expected %s\n", *failOn, strings.Join(scorediff.FailConditions, ", "))
		return ErrUsage
	}
	date, err := buildDate(*now, env)
	if err != nil {
		return err
	}

	repo, err := gitrev.Open(ctx, *src)
	if err != nil {
		return fmt.Errorf("diff: %w: %w", err, ErrCannotCompare)
	}
	type loaded struct {
		side *scorediff.Side
		errs diag.List
		err  error
	}
	load := func(ref string) loaded {
		if ref == "" {
			side, errs := snapshot.WorkingTree(*src, date)
			return loaded{side, errs, nil}
		}
		commit, err := repo.Resolve(ctx, ref)
		if err != nil {
			return loaded{err: err}
		}
		side, errs, err := snapshot.Revision(ctx, repo, ref, commit, date)
		return loaded{side, errs, err}
	}
	var sides [2]loaded
	var wg sync.WaitGroup
	for i, ref := range []string{*base, *head} {
		wg.Go(func() { sides[i] = load(ref) })
	}
	wg.Wait()

	var problems diag.List
	var failures []error
	for _, s := range sides {
		problems = append(problems, s.errs.Errors()...)
		if s.err != nil {
			failures = append(failures, s.err)
		}
	}
	if len(failures) > 0 {
		return fmt.Errorf("diff: %w: %w", errors.Join(failures...), ErrCannotCompare)
	}
	if len(problems) > 0 {
		problems.Sort()
		for _, d := range problems {
			fmt.Fprintln(env.Stderr, inputtext.Terminal(d.String()))
		}
		return fmt.Errorf("diff: %d problem%s in the files compared; nothing was compared: %w", len(problems), plural(len(problems)), ErrCannotCompare)
	}

	d := scorediff.Compare(sides[0].side, sides[1].side, date.Format("2006-01-02"))
	if renames := d.Renames(); len(renames) > 0 {
		for _, r := range renames {
			fmt.Fprintln(env.Stderr, inputtext.Terminal(r))
		}
		return fmt.Errorf("diff: a brand renamed between the revisions cannot be compared by its effect; land the rename in a change of its own, then compare the scores: %w", ErrCannotCompare)
	}
	var out bytes.Buffer
	switch *format {
	case "json":
		err = d.WriteJSON(&out)
	case "markdown":
		err = d.WriteMarkdown(&out)
	default:
		err = d.WriteText(&out)
	}
	if err != nil {
		return err
	}
	if _, err := env.Stdout.Write(out.Bytes()); err != nil {
		return err
	}
	if *failOn != scorediff.FailNone && d.Holds(*failOn) {
		return fmt.Errorf("diff: -fail-on %s holds: %w", *failOn, ErrProblems)
	}
	return nil
}
