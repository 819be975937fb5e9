package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"scorebook/generator/internal/config"
	"scorebook/generator/internal/diag"
	"scorebook/generator/internal/model"
	"scorebook/generator/internal/schema"
	"scorebook/generator/internal/score"
)

func runSchema(args []string, env Env) error {
	fs := newFlags("schema", "schema [-src DIR] [-write]", env)
	src := fs.String("src", ".", "the site's source `folder`")
	write := fs.Bool("write", false, "write the schema to "+schema.File+" for editors instead of standard output")
	pos, err := parse(fs, args)
	if err != nil {
		return helpOK(err)
	}
	if len(pos) != 0 {
		fs.Usage()
		return ErrUsage
	}
	site, problems := config.Load(*src, score.CheckParams())
	if problems.HasErrors() {
		return reportFailure(env, problems)
	}
	data := schema.Assessment(&site.Model)
	if !*write {
		_, err := env.Stdout.Write(data)
		return err
	}
	file := filepath.Join(*src, filepath.FromSlash(schema.File))
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return fmt.Errorf("create assessments folder: %w", err)
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		return fmt.Errorf("write schema: %w", err)
	}
	fmt.Fprintf(env.Stdout, "Wrote %s: the assessment schema of model %s.\n", file, site.Model.Version)
	return nil
}

// staleSchema reports the committed copy of the schema (schema.File) when
// it differs from the one the model gives; a site without a copy has
// nothing to keep up to date.
func staleSchema(src string, m *model.Model) diag.List {
	var errs diag.List
	data, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(schema.File)))
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		errs.Add(schema.File, 0, 0, "read the committed schema: %v", err)
	case !bytes.Equal(data, schema.Assessment(m)):
		errs.Add(schema.File, 1, 1, "the committed assessment schema is stale: it does not match model %s; run `scorebook schema -write` to update it", m.Version)
	}
	return errs
}
