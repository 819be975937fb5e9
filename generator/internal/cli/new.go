package cli

import (
	"errors"
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
	pos, err := parse(fs, args)
	if err != nil {
		return helpOK(err)
	}
	if len(pos) != 1 {
		fs.Usage()
		return ErrUsage
	}
	slug := pos[0]
	if !assessment.ValidSlug(slug) {
		fmt.Fprintf(env.Stderr, "scorebook new: %q is not a brand slug: use lowercase letters, digits and hyphens, such as northwind-outfitters\n", slug)
		return ErrUsage
	}
	day := time.Now().UTC()
	if *date != "" {
		if day, err = time.Parse(time.DateOnly, *date); err != nil {
			fmt.Fprintf(env.Stderr, "scorebook new: -date %q: expected a date such as 2026-09-30\n", *date)
			return ErrUsage
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
