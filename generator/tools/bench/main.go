// Command bench measures scorebook against Hugo on the same synthetic
// pages: cold build, warm build through the persistent cache, the time a
// running dev server takes to serve an edited page or assessment, and the
// peak memory of each, and prints a table of medians with the ratios the
// project aims for. `make bench` runs it.
//
// Every measured build is a separate process of a scorebook binary built
// once for the run, so that its wall time and peak resident memory
// (getrusage's ru_maxrss of the child) are its own. Hugo, when installed,
// runs on the same pages in the same run, the runs of the two interleaved
// so that the machine's drift falls on both alike.
//
// What it measures, on each corpus (-corpus: benchcorpus's pages, those of
// shared/bench/corpus.py, or both, each with benchcorpus's brands) and at
// each size (-pages, or -sizes / -scale):
//   - cold: `scorebook build -cache off` and `hugo`, each both into the
//     output folder its last build left (as users build) and into an
//     emptied one; wall, user and system time and peak RSS of every build;
//   - warm: `scorebook build -cache DIR` with nothing changed, after one
//     cached build filled DIR (Hugo has no persistent cache: its ratio is
//     taken against its full build into its existing output);
//   - peak RSS of each build and of each dev server;
//   - edits: with `scorebook serve` (and `hugo server`, its defaults: in
//     memory, fast render) running, -edits (Hugo: -hugo-edits) times
//     appending a sentence to one page and, for scorebook, setting one
//     criterion's level (with a marker as evidence) in one brand's newest
//     assessment; each latency runs from the write returning to the first
//     HTTP response, polled every millisecond, that shows the edit;
//   - `scorebook diff -base HEAD~1 -head HEAD` against `scorebook check`
//     on a git repository of the site whose second commit edits a tenth
//     of the brands' newest assessments;
//   - the size of the full-text search index the cold build wrote.
//
// The own corpus comes from package benchcorpus (see there for how it
// follows shared/bench/corpus.py); the shared one takes corpus.py's pages
// (the script found upward from the module, or at -shared-script) into
// the same sites, and is skipped with a message where it is missing. The
// Hugo site renders the same pages with a minimal theme: title, a menu of
// sections, the content, and highlighting to classes
// (markup.highlight.noClasses = false).
//
// With -profile FILE it measures nothing: it builds the corpus once in
// this process under the CPU profiler and writes FILE, FILE.mem (and
// FILE.mem.base to subtract) for `go tool pprof`; then it profiles a
// warm build into FILE.warm and dev-server rebuilds after single edits
// into FILE.edit-page and FILE.edit-assessment.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// config is the command line.
type config struct {
	pages, brands, history int
	runs, edits            int
	hugoEdits              int // edits timed in Hugo's server (each takes a rebuild of seconds)
	sizes                  []int
	corpora                []string // ownCorpus, sharedCorpus or both
	sharedScript           string   // -shared-script: corpus.py's path; "" to find it
	keep                   string
	jsonPath               string
	profile                string
	hugo                   string // the hugo command; "" when not installed or -hugo=off
	repo                   string // the module root: where the shipped site and generator are
	now                    string
	seed                   int64
}

func main() {
	// On an interrupt the dev servers are stopped, the edited files put
	// back and the sizes finished so far still reported.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	b, err := newBench(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer b.close()
	if cfg.profile != "" {
		return b.profileBuild(ctx, stdout)
	}
	rep, err := b.measureAll(ctx)
	if len(rep.Sizes) > 0 {
		if err != nil {
			fmt.Fprintf(stdout, "\nstopped early (%v): the sizes finished so far\n", err)
		}
		rep.print(stdout)
		if cfg.jsonPath != "" {
			if err := rep.writeJSON(cfg.jsonPath); err != nil {
				return err
			}
		}
	}
	return err
}

func parseFlags(args []string, stderr io.Writer) (*config, error) {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := &config{}
	fs.IntVar(&cfg.pages, "pages", 10000, "playbook pages in the corpus")
	fs.IntVar(&cfg.brands, "brands", 1000, "brands in the corpus (scaled with the pages for the other -sizes)")
	fs.IntVar(&cfg.history, "history", 3, "assessments per brand")
	fs.IntVar(&cfg.runs, "runs", 3, "measured runs of each build; the table shows medians")
	fs.IntVar(&cfg.edits, "edits", 21, "edits of a page, and of an assessment, timed in scorebook serve")
	fs.IntVar(&cfg.hugoEdits, "hugo-edits", 5, "edits of a page timed in hugo server (0: do not start it)")
	corpusFlag := fs.String("corpus", "both", "whose pages: own (package benchcorpus), shared (shared/bench/corpus.py, at least 1000 pages) or both")
	fs.StringVar(&cfg.sharedScript, "shared-script", "", "the shared corpus `script` (default: shared/bench/corpus.py found upward from the module)")
	sizes := fs.String("sizes", "", "comma-separated page counts for the scaling table (default: just -pages)")
	scale := fs.Bool("scale", false, "measure 1000, 10000 and 50000 pages (50000 takes long)")
	fs.StringVar(&cfg.keep, "keep", "", "write the corpus and outputs into this `folder` and keep them (default: a temporary folder, removed)")
	fs.StringVar(&cfg.jsonPath, "json", "", "also write the results as JSON to this `file`")
	fs.StringVar(&cfg.profile, "profile", "", "instead of measuring, build the corpus once in-process and write a CPU profile to this `file` (and the memory profile to file.mem)")
	hugo := fs.String("hugo", "hugo", "the Hugo `command` to compare with; off to skip Hugo")
	fs.StringVar(&cfg.repo, "repo", "", "the scorebook module `folder` (default: found upward from the working folder)")
	fs.StringVar(&cfg.now, "now", "2026-11-27", "the build `date` passed to scorebook")
	fs.Int64Var(&cfg.seed, "seed", 1, "the corpus seed")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if cfg.pages < 1 || cfg.brands < 0 || cfg.history < 1 || cfg.runs < 1 || cfg.edits < 1 || cfg.hugoEdits < 0 {
		return nil, errors.New("-pages, -history, -runs and -edits must be at least 1, -brands and -hugo-edits at least 0")
	}
	switch *corpusFlag {
	case ownCorpus, sharedCorpus:
		cfg.corpora = []string{*corpusFlag}
	case "both":
		cfg.corpora = []string{ownCorpus, sharedCorpus}
	default:
		return nil, fmt.Errorf("-corpus %q: want own, shared or both", *corpusFlag)
	}
	switch {
	case *sizes != "":
		for _, f := range strings.Split(*sizes, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n < 1 {
				return nil, fmt.Errorf("-sizes: %q is not a page count", f)
			}
			cfg.sizes = append(cfg.sizes, n)
		}
	case *scale:
		cfg.sizes = []int{1000, 10000, 50000}
	default:
		cfg.sizes = []int{cfg.pages}
	}
	if _, err := time.Parse(time.DateOnly, cfg.now); err != nil {
		return nil, fmt.Errorf("-now: want YYYY-MM-DD: %w", err)
	}
	if *hugo != "off" {
		if p, err := lookPath(*hugo); err == nil {
			cfg.hugo = p
		} else {
			fmt.Fprintf(stderr, "bench: %s not found: measuring scorebook alone\n", *hugo)
		}
	}
	return cfg, nil
}

// brandsFor scales the brand count with the pages: -brands is for -pages.
func (c *config) brandsFor(pages int) int {
	if pages == c.pages {
		return c.brands
	}
	return int(int64(c.brands) * int64(pages) / int64(c.pages))
}
