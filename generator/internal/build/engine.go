// Package build is the engine that writes the site: it loads the inputs,
// has package site assemble every output as a value, keys each output by
// that value (package incr), renders the outputs whose key changed,
// checks the links every page makes, and publishes the result. An Engine
// keeps what it loaded and derived between builds, so that a rebuild
// after an edit rereads only the files that changed and renders only the
// outputs whose values changed; a persistent cache gives the same saving
// across runs.
package build

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"time"

	"scorebook/generator/internal/content"
	"scorebook/generator/internal/diag"
	"scorebook/generator/internal/incr"
	"scorebook/generator/internal/markdown"
	"scorebook/generator/internal/publish"
	"scorebook/generator/internal/render"
	"scorebook/generator/internal/routes"
	"scorebook/generator/internal/score"
	"scorebook/generator/internal/site"
)

// Mode says where a build's output goes.
type Mode int

const (
	// Publish renders into a staging folder and swaps it in whole.
	Publish Mode = iota
	// InPlace updates an output folder file by file (the dev server).
	InPlace
	// DryRun renders everything and writes nothing (scorebook check).
	DryRun
)

// Options configures an Engine.
type Options struct {
	Src      string
	Out      string
	Mode     Mode
	Now      time.Time // the build date for date-dependent checks
	CacheDir string    // persistent cache folder; "" for none
	ShareKey []byte    // secret for unlisted brands' paths; nil leaves them out
	Version  string    // the generator's version, part of every output's key
	Workers  int       // parallel renderers; 0 for one per CPU
	// KeepRendered keeps converted Markdown in memory between builds, for
	// fast rebuilds in the dev server.
	KeepRendered bool
	// OneShot says the Engine builds once (scorebook build and check), so it may free
	// each page's Markdown as soon as the page is rendered.
	OneShot bool
}

// Summary describes one finished build.
type Summary struct {
	Pages      int            // HTML pages of the playbook, model and portfolio
	Scorecards int            // brands published
	Unlisted   int            // unlisted brands published under a share path
	Findings   map[string]int // current scorecards' findings by severity
	Outputs    int            // files in the site
	Written    int            // files rendered and written this time
	Reused     int            // files reused unchanged from the previous build
	Removed    int            // files removed (in-place builds)
	Warnings   diag.List
	Duration   time.Duration
	Changed    []string // output paths written or removed, slash-separated
	ShareLinks map[string]string
	// UpToDate says the published site was already this build's: the
	// persistent cache vouched that no source file or setting changed, so
	// nothing was read or rendered.
	UpToDate bool `json:"-"`
}

// Engine builds one site, again and again.
type Engine struct {
	opts Options
	mu   sync.Mutex
	in   *inputs
	md   *mdCache

	// What the last builds derived, kept for the next; each piece is
	// derived again whenever what it was derived from changed.
	layouts     *render.Layouts // parsed from the layouts whose hash is layoutsHash
	layoutsHash string
	conv        *markdown.Converter
	convUnsafe  bool
	outline     *site.Outline
	stale       staleness // pages read since the outline was made
	memory      *site.Memory
	git         *gitInfo // nil unless site.toml sets git_info
	// texts is each page's plain text for the search index, by Digest,
	// as converted by textsConv: every page of the last build's, and
	// perhaps pages since changed or gone (swept now and then).
	texts     map[string]site.PageText
	textsConv *markdown.Converter
	textPages []*content.Page // the pages of the tree texts was last made for
	// ledger is what the last published build wrote, with every
	// output's key.
	ledger ledger
	// manifestStamp is the stamp of the build the persistent cache says
	// is published, when it was read.
	manifestStamp string
	// linked holds every target (linkTarget) of a link of a page this
	// Engine rendered, in the dev server: a superset of what the pages
	// link to now, so that removing a file no page ever linked to needs
	// no page's links checked again.
	linked map[string]bool
	// folder is the in-place output, opened on the first build.
	folder *publish.Folder
	// scanned is the sources' fingerprint taken as this build began, when
	// the persistent cache is in use.
	scanned string
}

// New returns an Engine for opts.
func New(opts Options) *Engine {
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now().UTC()
	}
	opts.Now = time.Date(opts.Now.Year(), opts.Now.Month(), opts.Now.Day(), 0, 0, 0, 0, time.UTC)
	opts.Src, opts.Out = absOrSelf(opts.Src), absOrSelf(opts.Out)
	return &Engine{opts: opts, in: newInputs(opts.Src), md: newMDCache(opts.KeepRendered), memory: site.NewMemory(),
		linked: map[string]bool{}}
}

// Build rebuilds the site after the given source changes (slash paths
// relative to the source folder; nil for everything). On failure it returns
// an error, a diag.List when the inputs are at fault, and the published
// output is left exactly as it was.
func (e *Engine) Build(ctx context.Context, changed []string) (*Summary, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	start := time.Now()
	sum := &Summary{Findings: map[string]int{}}
	if e.opts.Mode != DryRun {
		if err := publish.CheckOutput(e.opts.Src, e.opts.Out); err != nil {
			return sum, err
		}
	}
	if e.opts.Mode == Publish {
		// A build killed mid-swap may have set the site aside: put it back
		// now, even if this build then fails on its inputs.
		if err := publish.Recover(e.opts.Out); err != nil {
			return sum, err
		}
	}
	e.scanned = ""
	if e.opts.Mode == Publish && e.opts.CacheDir != "" && e.ledger.keys == nil && changed == nil {
		if last, ok := e.unchanged(); ok {
			e.ledger.keys = map[string]string{} // a later build of this Engine must read everything
			last.Duration = time.Since(start)
			return last, nil
		}
	}
	s, layouts, warnings, err := e.assemble(ctx, changed)
	sum.Warnings = warnings
	if err != nil {
		return sum, err
	}
	if e.opts.OneShot {
		// Nothing builds again from the pages' texts or the search
		// index's postings: free them for the render.
		e.texts, e.textsConv, e.textPages = nil, nil, nil
		e.memory.ForgetSearch()
	}
	if e.opts.Mode == Publish && e.opts.CacheDir != "" && e.ledger.keys == nil {
		if m := e.loadManifest(); m != nil {
			e.ledger.keys, e.manifestStamp = m.Outputs, m.Stamp
			e.md.load(m.Links)
		}
	}
	renderer := e.rendererID()
	p, err := e.plan(s.Outputs, renderer)
	if err != nil {
		return sum, err
	}
	r := &site.Renderer{Layouts: layouts, Convert: e.convert, Text: e.text, FreeBodies: e.opts.OneShot}
	stamp, err := e.write(ctx, r, p, sum)
	if err != nil {
		return sum, err
	}
	e.commit(p, renderer)
	for _, b := range s.Brands {
		if !b.Published {
			continue
		}
		if b.Unlisted {
			sum.Unlisted++
		} else {
			sum.Scorecards++
		}
		for _, c := range b.Brand.SeverityCounts() {
			if c.Count > 0 {
				sum.Findings[c.Severity] += c.Count
			}
		}
	}
	sum.Pages = p.pages
	sum.ShareLinks = s.ShareLinks
	sum.Outputs = len(p.outputs)
	if e.opts.CacheDir != "" && e.opts.Mode == Publish {
		e.saveCache(stamp, p.keys, sum)
	}
	sum.Duration = time.Since(start)
	return sum, nil
}

// assemble loads what changed and assembles the site, with the parsed
// layouts and the warnings found; an error (a diag.List when the inputs
// are at fault) when the site cannot be built.
func (e *Engine) assemble(ctx context.Context, changed []string) (*site.Site, *render.Layouts, diag.List, error) {
	e.stale.add(e.in.reload(ctx, changed))
	if err := canceled(ctx); err != nil {
		return nil, nil, nil, err
	}
	errs := e.in.problems()
	if errs.HasErrors() {
		// Layouts parse without the other inputs: report their problems in
		// the same run, not only once everything else is fixed.
		if !e.in.layoutErrs.HasErrors() {
			if _, lerrs := e.parseLayouts(); lerrs.HasErrors() {
				errs = append(errs, lerrs...)
				errs.Sort()
			}
		}
		return nil, nil, nil, errs.Err()
	}
	layouts, lerrs := e.parseLayouts()
	if lerrs.HasErrors() {
		return nil, nil, nil, lerrs.Err()
	}
	outline := e.pageOutline()
	var gitWarnings diag.List
	in := e.siteInputs(outline)
	in.Commits = e.commits(ctx, &gitWarnings)
	in.PageTexts = e.pageTexts(outline)
	in.TextID = fmt.Sprint("unsafe=", e.convUnsafe)
	s := site.Assemble(in, e.memory)
	if err := canceled(ctx); err != nil {
		return nil, nil, nil, err
	}
	warnings := append(append(errs.Warnings(), s.Warnings...), gitWarnings...)
	warnings.Sort()
	problems := append(diag.List{}, outline.Tree().Diagnostics()...)
	problems = append(problems, s.Errs...)
	if problems.HasErrors() {
		problems.Sort()
		return nil, nil, warnings, problems.Err()
	}
	return s, layouts, warnings, nil
}

// SettingsFiles lists the files the settings were read from as of the
// last build, site.toml first and then any model file it names, as slash
// paths relative to the source folder: what a watcher must watch besides
// the source folders.
func (e *Engine) SettingsFiles() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.in.settingsFiles == nil {
		return []string{routes.ConfigFile}
	}
	return slices.Clone(e.in.settingsFiles)
}

// Check loads, scores and renders everything without writing, and returns
// every problem found.
func Check(ctx context.Context, opts Options) (*Summary, error) {
	opts.Mode, opts.OneShot = DryRun, true
	return New(opts).Build(ctx, nil)
}

// SeverityOrder lists severities worst first, for summaries.
var SeverityOrder = score.Severities

func (e *Engine) parseLayouts() (*render.Layouts, diag.List) {
	if e.layouts != nil && e.layoutsHash == e.in.layoutsHash {
		return e.layouts, nil
	}
	l, errs := render.Parse(e.in.layouts)
	if !errs.HasErrors() {
		e.layouts, e.layoutsHash = l, e.in.layoutsHash
	}
	return l, errs
}

// converter returns the Markdown converter for the site's settings.
func (e *Engine) converter() *markdown.Converter {
	unsafe := e.in.site.UnsafeHTML
	if e.conv == nil || e.convUnsafe != unsafe {
		e.conv, e.convUnsafe = markdown.New(markdown.Options{UnsafeHTML: unsafe}), unsafe
		e.md.reset()
	}
	return e.conv
}

// rendererID identifies what every output is rendered with besides its
// value: the generator, the layouts and the Markdown converter's
// settings. It is part of every key.
func (e *Engine) rendererID() string {
	e.converter()
	return incr.Hash("renderer", e.opts.Version, e.in.layoutsHash, fmt.Sprint(e.convUnsafe))
}

// convert converts a page's Markdown, from memory when it can.
func (e *Engine) convert(p *content.Page) (markdown.Result, error) {
	return e.md.convert(e.conv, p)
}

// text converts a short Markdown text set in a generated page, such as a
// brand's summary.
func (e *Engine) text(src []byte) ([]byte, error) {
	return e.converter().Text(src)
}

func absOrSelf(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

var errCanceled = errors.New("build canceled")

func canceled(ctx context.Context) error {
	if ctx.Err() != nil {
		return fmt.Errorf("%w: %w", errCanceled, ctx.Err())
	}
	return nil
}
