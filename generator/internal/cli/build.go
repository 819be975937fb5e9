package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"scorebook/generator/internal/build"
	"scorebook/generator/internal/diag"
	"scorebook/generator/internal/inputtext"
)

func runBuild(ctx context.Context, args []string, env Env) error {
	fs := newFlags("build", "build [-src DIR] [-out DIR] [-now YYYY-MM-DD] [-cache DIR|off]", env)
	src := fs.String("src", ".", "the site's source `folder` (holding site.toml)")
	out := fs.String("out", "", "the output `folder` (default: public/ in the source folder)")
	now := fs.String("now", "", "the build `date` for date-dependent checks (default: SOURCE_DATE_EPOCH, else today)")
	cache := fs.String("cache", "", "the cache `folder`, or off (default: scorebook/ in the user's cache folder)")
	quiet := fs.Bool("q", false, "print only problems")
	if _, err := parse(fs, args); err != nil {
		return helpOK(err)
	}
	opts, err := buildOptions(*src, *out, *now, *cache, env)
	if err != nil {
		return err
	}
	opts.OneShot = true
	sum, err := build.New(opts).Build(ctx, nil)
	if err != nil {
		return reportFailure(env, err)
	}
	if !*quiet {
		printSummary(env, opts, sum)
	} else {
		printWarnings(env, sum.Warnings)
	}
	return nil
}

// buildOptions resolves the flags shared by build and serve.
func buildOptions(src, out, now, cache string, env Env) (build.Options, error) {
	date, err := buildDate(now, env)
	if err != nil {
		return build.Options{}, err
	}
	if out == "" {
		out = filepath.Join(src, "public")
	}
	opts := build.Options{Src: src, Out: out, Now: date, Version: cacheIdentity()}
	switch cache {
	case "off":
	case "":
		if dir, err := os.UserCacheDir(); err == nil {
			opts.CacheDir = filepath.Join(dir, "scorebook")
		}
	default:
		opts.CacheDir = cache
	}
	if key := env.Getenv("SCOREBOOK_SHARE_KEY"); key != "" {
		opts.ShareKey = []byte(key)
	}
	if _, err := os.Stat(filepath.Join(src, "site.toml")); err != nil {
		return opts, fmt.Errorf("%s is not a scorebook site: no site.toml there (use -src to point at one)", src)
	}
	return opts, nil
}

// reportFailure prints input problems one a line and returns ErrProblems,
// or returns other errors as they are.
func reportFailure(env Env, err error) error {
	var list diag.List
	if errors.As(err, &list) {
		errs := list.Errors()
		for _, d := range errs {
			fmt.Fprintln(env.Stderr, inputtext.Terminal(d.String()))
		}
		fmt.Fprintf(env.Stderr, "scorebook: %d problem%s; nothing was published\n", len(errs), plural(len(errs)))
		return ErrProblems
	}
	return err
}

func printWarnings(env Env, warnings diag.List) {
	for _, w := range warnings {
		fmt.Fprintln(env.Stderr, inputtext.Terminal(w.String()))
	}
}

func printSummary(env Env, opts build.Options, sum *build.Summary) {
	w := env.Stdout
	if sum.UpToDate {
		fmt.Fprintf(w, "%s is up to date: no source file or setting changed since it was built (checked in %s)\n",
			opts.Out, sum.Duration.Round(millisecond(sum.Duration)))
	} else {
		fmt.Fprintf(w, "Built %s in %s\n", opts.Out, sum.Duration.Round(millisecond(sum.Duration)))
	}
	fmt.Fprintf(w, "  pages       %d\n", sum.Pages)
	cards := fmt.Sprintf("%d listed", sum.Scorecards)
	if sum.Unlisted > 0 {
		cards += fmt.Sprintf(", %d unlisted (share links below)", sum.Unlisted)
	}
	fmt.Fprintf(w, "  scorecards  %s\n", cards)
	var sev []string
	for _, s := range build.SeverityOrder {
		sev = append(sev, fmt.Sprintf("%d %s", sum.Findings[s], s))
	}
	fmt.Fprintf(w, "  findings    %s\n", strings.Join(sev, " · "))
	fmt.Fprintf(w, "  files       %d (%d rendered, %d reused from cache)\n", sum.Outputs, sum.Written, sum.Reused)
	for _, slug := range slices.Sorted(maps.Keys(sum.ShareLinks)) {
		fmt.Fprintf(w, "  share       %s → %s\n", slug, sum.ShareLinks[slug])
	}
	if len(sum.Warnings) > 0 {
		fmt.Fprintf(w, "  warnings    %d\n", len(sum.Warnings))
		printWarnings(env, sum.Warnings)
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// helpOK turns a request for help into success.
func helpOK(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return err
}
