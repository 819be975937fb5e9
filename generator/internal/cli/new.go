package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"scorebook/generator/internal/assessment"
	"scorebook/generator/internal/config"
	"scorebook/generator/internal/score"
)

func runNew(args []string, env Env) error {
	fs := newFlags("new", "new <brand-slug> [-date YYYY-MM-DD] [-brand NAME] [-src DIR]", env)
	date := fs.String("date", "", "the assessment `date` (default: today)")
	name := fs.String("brand", "", "the brand's display `name` (default: from its latest assessment, else from the slug)")
	src := fs.String("src", ".", "the site's source `folder`")
	force := fs.Bool("force", false, "overwrite an existing assessment file")
	slug, err := brandArgs(fs, args, env)
	if err != nil {
		return err
	}
	day := time.Now().UTC()
	if *date != "" {
		if day, err = dateFlag(fs, *date, env); err != nil {
			return err
		}
	}
	site, problems := config.Load(*src, score.CheckParams())
	if problems.HasErrors() {
		return reportFailure(env, problems)
	}
	brand := *name
	if brand == "" {
		brand = existingName(*src, slug, &site.Model)
	}
	file := filepath.Join(*src, "assessments", slug, day.Format(time.DateOnly)+".toml")
	if _, err := os.Stat(file); err == nil && !*force {
		return fmt.Errorf("%s already exists; edit it, choose another -date, or pass -force", file)
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return fmt.Errorf("create brand folder: %w", err)
	}
	data := assessment.Scaffold(&site.Model, slug, day, brand)
	if err := os.WriteFile(file, data, 0o644); err != nil {
		return fmt.Errorf("write assessment: %w", err)
	}
	fmt.Fprintf(env.Stdout, "Wrote %s: every criterion of model %s, ready to fill in.\n", file, site.Model.Version)
	return nil
}

// brandArgs parses the flags of a command that takes one brand slug, and
// returns the slug; a usage error, already explained, when there is not
// exactly one or it is not a slug.
func brandArgs(fs *flag.FlagSet, args []string, env Env) (string, error) {
	pos, err := parse(fs, args)
	if err != nil {
		return "", helpOK(err)
	}
	if len(pos) != 1 {
		fs.Usage()
		return "", ErrUsage
	}
	if !assessment.ValidSlug(pos[0]) {
		fmt.Fprintf(env.Stderr, "scorebook %s: %q is not a brand slug: use lowercase letters, digits and hyphens, such as northwind-outfitters\n", fs.Name(), pos[0])
		return "", ErrUsage
	}
	return pos[0], nil
}

// dateFlag parses a command's -date value; a usage error, already
// explained, when it is not a date.
func dateFlag(fs *flag.FlagSet, value string, env Env) (time.Time, error) {
	day, err := time.Parse(time.DateOnly, value)
	if err != nil {
		fmt.Fprintf(env.Stderr, "scorebook %s: -date %q: expected a date such as 2026-09-30\n", fs.Name(), value)
		return time.Time{}, ErrUsage
	}
	return day, nil
}
