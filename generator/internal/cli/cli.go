// Package cli is scorebook's command line: one flag set per command, the
// wiring of options into the build, and the reports people read.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
)

// Version is scorebook's release.
const Version = "0.1.0"

// Env is what a command may use of its surroundings; tests supply their own.
type Env struct {
	Stdout, Stderr io.Writer
	Getenv         func(string) string
}

// ErrUsage marks a mistake on the command line (exit status 2).
var ErrUsage = errors.New("usage")

// ErrProblems marks a run that found problems in the input and reported
// them already (exit status 1).
var ErrProblems = errors.New("problems found")

// ErrCannotCompare marks a diff that could not compare its two sides: a
// bad revision, or an input that does not load (exit status 2).
var ErrCannotCompare = errors.New("could not compare")

const usage = `scorebook publishes an integration-capability playbook and per-brand
scorecards as a static site.

Usage:
  scorebook build  [-src DIR] [-out DIR] [-now YYYY-MM-DD] [-cache DIR|off]
  scorebook serve  [-addr 127.0.0.1:1313] [-allow-host NAME]... [-src DIR] [-poll] [-now YYYY-MM-DD]
  scorebook check  [-src DIR] [-format text|json|github|sarif] [-now YYYY-MM-DD]
  scorebook new    <brand-slug> [-date YYYY-MM-DD] [-brand NAME] [-src DIR]
  scorebook share  <brand-slug> [-date YYYY-MM-DD] [-out FILE] [-src DIR] [-now YYYY-MM-DD]
  scorebook schema [-src DIR] [-write]
  scorebook diff   [-base REF] [-head REF] [-now YYYY-MM-DD] [-format text|markdown|json]
                   [-fail-on none|regression|level-drop|new-critical] [-src DIR]
  scorebook version

Run 'scorebook <command> -h' for a command's options.
`

// Run runs the command named by args[0] and returns its error; main turns
// that into an exit status with ExitCode.
func Run(ctx context.Context, args []string, env Env) error {
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	if len(args) == 0 {
		fmt.Fprint(env.Stderr, usage)
		return ErrUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "build":
		return interrupted(ctx, env, runBuild(ctx, rest, env), "the published site is unchanged")
	case "serve", "server":
		return runServe(ctx, rest, env)
	case "check":
		return interrupted(ctx, env, runCheck(ctx, rest, env), "the check did not finish")
	case "new":
		return runNew(rest, env)
	case "share":
		return runShare(ctx, rest, env)
	case "schema":
		return runSchema(rest, env)
	case "diff":
		return interrupted(ctx, env, runDiff(ctx, rest, env), "nothing was compared")
	case "version", "-version", "--version":
		fmt.Fprintf(env.Stdout, "scorebook %s\n", versionString())
		return nil
	case "help", "-h", "-help", "--help":
		fmt.Fprint(env.Stdout, usage)
		return nil
	}
	fmt.Fprintf(env.Stderr, "scorebook: unknown command %q\n\n%s", cmd, usage)
	return ErrUsage
}

// ErrInterrupted marks a command stopped by Ctrl-C or SIGTERM (exit
// status 130, as a shell gives a command ended by SIGINT).
var ErrInterrupted = errors.New("interrupted")

// interrupted turns the failure of a command whose context was canceled
// (main cancels it on Ctrl-C and SIGTERM) into ErrInterrupted, saying what
// state it left.
func interrupted(ctx context.Context, env Env, err error, left string) error {
	if err == nil || ctx.Err() == nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "scorebook: interrupted: %s\n", left)
	return ErrInterrupted
}

// ExitCode maps Run's error to the process exit status.
func ExitCode(err error) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, ErrUsage), errors.Is(err, ErrCannotCompare):
		return 2
	case errors.Is(err, ErrInterrupted):
		return 130
	default:
		return 1
	}
}

// newFlags returns a flag set for one command that reports its own errors
// as usage mistakes.
func newFlags(name, synopsis string, env Env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: scorebook %s\n\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses a command's flags, allowing flags after positional
// arguments (scorebook new acme -date 2026-09-30).
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, flag.ErrHelp
			}
			return nil, ErrUsage
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// buildDate resolves the date used by date-dependent checks: -now, else
// SOURCE_DATE_EPOCH, else today (UTC).
func buildDate(flagValue string, env Env) (time.Time, error) {
	if flagValue != "" {
		t, err := time.Parse(time.DateOnly, flagValue)
		if err != nil {
			return time.Time{}, fmt.Errorf("-now %q: expected a date such as 2026-09-30: %w", flagValue, ErrUsage)
		}
		return t, nil
	}
	if s := strings.TrimSpace(env.Getenv("SOURCE_DATE_EPOCH")); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH %q: expected seconds since 1970: %w", s, ErrUsage)
		}
		return time.Unix(n, 0).UTC(), nil
	}
	return time.Now().UTC(), nil
}
