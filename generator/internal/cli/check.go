package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"scorebook/generator/internal/build"
	"scorebook/generator/internal/config"
	"scorebook/generator/internal/diag"
	"scorebook/generator/internal/inputtext"
	"scorebook/generator/internal/sarif"
	"scorebook/generator/internal/score"
)

func runCheck(ctx context.Context, args []string, env Env) error {
	fs := newFlags("check", "check [-src DIR] [-format text|json|github|sarif] [-now YYYY-MM-DD]", env)
	src := fs.String("src", ".", "the site's source `folder`")
	format := fs.String("format", "text", "how to print problems: text, json, github (workflow annotations) or sarif (SARIF 2.1.0 for code scanning)")
	now := fs.String("now", "", "the build `date` for date-dependent checks")
	if _, err := parse(fs, args); err != nil {
		return helpOK(err)
	}
	if !slices.Contains([]string{"text", "json", "github", "sarif"}, *format) {
		fmt.Fprintf(env.Stderr, "scorebook check: -format %q: expected text, json, github or sarif\n", *format)
		return ErrUsage
	}
	opts, err := buildOptions(*src, "", *now, "off", env)
	if err != nil {
		return err
	}
	sum, err := build.Check(ctx, opts)
	var problems diag.List
	if err != nil && !errors.As(err, &problems) {
		if ctx.Err() != nil {
			return err
		}
		// A failure that is no one file's fault is still a problem, shown
		// in every format, named after the site's folder.
		problems.Add(".", 0, 0, "%v", err)
	}
	var warnings diag.List
	if sum != nil {
		warnings = sum.Warnings
	}
	if site, errs := config.Load(*src, score.CheckParams()); !errs.HasErrors() {
		problems = append(problems, staleSchema(*src, &site.Model)...)
	}
	all := append(problems.Errors(), warnings...)
	all.Sort()
	printDiagnostics(env, *format, *src, all)
	if problems.HasErrors() {
		return ErrProblems
	}
	return nil
}

func printDiagnostics(env Env, format, src string, all diag.List) {
	w := env.Stdout
	switch format {
	case "sarif":
		abs, err := filepath.Abs(src)
		if err != nil {
			abs = ""
		}
		tool := sarif.Tool{Name: "scorebook", Version: versionString()}
		w.Write(inputtext.JSON(sarif.New(tool, abs, all).JSON()))
	case "json":
		type entry struct {
			Path     string `json:"path"`
			Line     int    `json:"line"`
			Column   int    `json:"column"`
			Severity string `json:"severity"`
			Message  string `json:"message"`
		}
		out := make([]entry, 0, len(all))
		for _, d := range all {
			out = append(out, entry{d.Path, d.Line, d.Col, d.Severity.String(), d.Message})
		}
		data, _ := json.MarshalIndent(out, "", "  ")
		w.Write(inputtext.JSON(append(data, '\n')))
	case "github":
		for _, d := range all {
			fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d::%s\n", d.Severity, ghEscapeProperty(inputtext.Terminal(d.Path)),
				max(d.Line, 1), max(d.Col, 1), ghEscapeData(inputtext.Terminal(d.Message)))
		}
	default:
		for _, d := range all {
			fmt.Fprintln(w, inputtext.Terminal(d.String()))
		}
		n := len(all.Errors())
		if n == 0 {
			fmt.Fprintf(w, "No problems found (%d warning%s).\n", len(all), plural(len(all)))
		} else {
			fmt.Fprintf(w, "%d problem%s found.\n", n, plural(n))
		}
	}
}

// GitHub workflow commands need %, CR and LF escaped in the message, and
// also : and , in properties.
func ghEscapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func ghEscapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
