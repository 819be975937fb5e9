package build_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"scorebook/generator/internal/build"
)

// A matrixEdit is one generated change to a site: the files it writes
// (nil content removes the file).
type matrixEdit struct {
	name  string
	files map[string]*string
}

// editGen makes an edit from the site as it is now; an edit with no files
// is skipped (what it would change is not there).
type editGen func(t *testing.T, src string) matrixEdit

func text(s string) *string { return &s }

// editMatrix generates every kind of edit a writer makes to a site: for
// every content section a page added, retitled, reweighted, redescribed,
// rewritten, redated, moved and deleted; every field of every kind of
// model entry (in site.toml and, once it has moved there, in a model file
// of its own); every field of an assessment, current and earlier; brands
// added, unlisted, listed again and removed; every layout and partial;
// every static file, added and removed.
func editMatrix(t *testing.T, src string) []editGen {
	var gens []editGen
	sections := []string{""}
	entries, err := os.ReadDir(filepath.Join(src, "content"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			sections = append(sections, e.Name())
		}
	}
	for i, sec := range sections {
		// Every section gets the edits that move pages in the outline;
		// the edits of what no other page shows, in two sections.
		gens = append(gens, contentEdits(sec, sections[(i+1)%len(sections)], i < 2 || sec == "scorecards")...)
	}
	gens = append(gens, modelEdits(t, src, nil)...)
	gens = append(gens, editModelFile)
	gens = append(gens, modelEdits(t, src, []string{"name", "weight", "params"})...)
	gens = append(gens, assessmentEdits(t, src)...)
	gens = append(gens, brandEdits()...)
	layouts, err := filepath.Glob(filepath.Join(src, "layouts", "*.html"))
	if err != nil {
		t.Fatal(err)
	}
	partials, _ := filepath.Glob(filepath.Join(src, "layouts", "partials", "*.html"))
	for _, p := range append(layouts, partials...) {
		rel, _ := filepath.Rel(src, p)
		gens = append(gens, layoutEdit(filepath.ToSlash(rel)))
	}
	gens = append(gens, staticEdits(t, src)...)
	return gens
}

// pageIn returns a page of a section (not its index), the first by name.
func pageIn(src, sec string) string {
	files, _ := filepath.Glob(filepath.Join(src, "content", sec, "*.md"))
	slices.Sort(files)
	for _, f := range files {
		if base := filepath.Base(f); base != "_index.md" && !strings.HasPrefix(base, "zz-") {
			rel, _ := filepath.Rel(src, f)
			return filepath.ToSlash(rel)
		}
	}
	return ""
}

func contentPath(sec, name string) string {
	return filepath.ToSlash(filepath.Join("content", sec, name))
}

var (
	frontMatterEnd = regexp.MustCompile(`(?m)^\+\+\+\s*$`)
	titleKey       = regexp.MustCompile(`(?m)^title = "(.*)"$`)
	weightKey      = regexp.MustCompile(`(?m)^weight = (-?\d+)$`)
	descriptionKey = regexp.MustCompile(`(?m)^description = "(.*)"$`)
)

// frontMatter returns a page's text with key = value set in its front
// matter, replacing the key's line or adding one.
func setFrontMatter(page, key, value string) string {
	line := regexp.MustCompile(`(?m)^` + key + ` = .*$`)
	if line.MatchString(page) {
		return line.ReplaceAllLiteralString(page, key+" = "+value)
	}
	locs := frontMatterEnd.FindAllStringIndex(page, 2)
	if len(locs) < 2 {
		return page
	}
	return page[:locs[1][0]] + key + " = " + value + "\n" + page[locs[1][0]:]
}

// editPage edits an existing page of a section.
func editPage(sec, what string, change func(page string) string) editGen {
	return func(t *testing.T, src string) matrixEdit {
		rel := pageIn(src, sec)
		if rel == "" {
			return matrixEdit{}
		}
		return matrixEdit{name: what + " " + rel, files: map[string]*string{rel: text(change(readFile(t, src, rel)))}}
	}
}

func contentEdits(sec, next string, bodies bool) []editGen {
	added := contentPath(sec, "zz-matrix.md")
	moved := contentPath(next, "zz-matrix-moved.md")
	page := "+++\ntitle = \"A page added by the matrix\"\ndescription = \"Added.\"\nweight = 3\n+++\n\nSee [the home page](/).\n"
	gens := []editGen{
		func(*testing.T, string) matrixEdit {
			return matrixEdit{name: "add " + added, files: map[string]*string{added: text(page)}}
		},
		func(t *testing.T, src string) matrixEdit {
			page, ok := readIfThere(src, added)
			if !ok {
				return matrixEdit{}
			}
			return matrixEdit{name: "retitle " + added, files: map[string]*string{added: text(titleKey.ReplaceAllString(page, `title = "Retitled by the matrix"`))}}
		},
		func(t *testing.T, src string) matrixEdit {
			page, ok := readIfThere(src, added)
			if !ok {
				return matrixEdit{}
			}
			return matrixEdit{name: "move " + added + " to " + moved, files: map[string]*string{added: nil, moved: text(page)}}
		},
		func(*testing.T, string) matrixEdit {
			return matrixEdit{name: "delete " + moved, files: map[string]*string{moved: nil}}
		},
		editPage(sec, "retitle", func(p string) string { return titleKey.ReplaceAllString(p, `title = "$1 (edited)"`) }),
		editPage(sec, "reweight", func(p string) string { return setFrontMatter(p, "weight", "97") }),
		func(t *testing.T, src string) matrixEdit {
			rel := contentPath(sec, "_index.md")
			if _, err := os.Stat(filepath.Join(src, rel)); err != nil {
				return matrixEdit{}
			}
			return matrixEdit{name: "retitle " + rel, files: map[string]*string{rel: text(titleKey.ReplaceAllString(readFile(t, src, rel), `title = "$1 (edited)"`))}}
		},
	}
	if bodies {
		gens = append(gens, editPage(sec, "redescribe", func(p string) string { return setFrontMatter(p, "description", `"Described again by the matrix."`) }),
			editPage(sec, "rewrite the body of", func(p string) string { return p + "\nA sentence added by the matrix.\n" }),
			editPage(sec, "date and tag", func(p string) string {
				return setFrontMatter(setFrontMatter(p, "date", "2026-01-02"), "tags", `["matrix"]`)
			}),
			editPage(sec, "hide the contents of", func(p string) string { return setFrontMatter(p, "toc", "false") }))
	}
	return append(gens,
		func(t *testing.T, src string) matrixEdit {
			rel := pageIn(src, sec)
			if rel == "" {
				return matrixEdit{}
			}
			return matrixEdit{name: "delete " + rel, files: map[string]*string{rel: nil}}
		})
}

// modelFile is the file that holds the model: site.toml, or the file it
// names.
func modelFile(t *testing.T, src string) string {
	if _, err := os.Stat(filepath.Join(src, "model.toml")); err == nil {
		return "model.toml"
	}
	return "site.toml"
}

var (
	tableHeader = regexp.MustCompile(`^\s*\[\[?([a-z_.]+)\]\]?\s*$`)
	keyValue    = regexp.MustCompile(`^\s*([a-z_-]+) = (.+)$`)
)

// modelEdits edits every field but the id (or only the keys named in
// only) of the first entry of every kind of model table.
func modelEdits(t *testing.T, src string, only []string) []editGen {
	lines := strings.Split(readFile(t, src, modelFile(t, src)), "\n")
	seen := map[string]bool{}
	var gens []editGen
	header := ""
	for _, line := range lines {
		if m := tableHeader.FindStringSubmatch(line); m != nil {
			header = strings.TrimPrefix(m[1], "model.")
			continue
		}
		m := keyValue.FindStringSubmatch(line)
		if m == nil || m[1] == "id" || m[1] == "version" || m[1] == "model" || seen[header+"."+m[1]] ||
			only != nil && !slices.Contains(only, m[1]) {
			continue
		}
		seen[header+"."+m[1]] = true
		key, section := m[1], header
		gens = append(gens, func(t *testing.T, src string) matrixEdit {
			rel := modelFile(t, src)
			return matrixEdit{name: fmt.Sprintf("model %s: edit %s in %s", section, key, rel),
				files: map[string]*string{rel: text(editKeyIn(readFile(t, src, rel), section, key, "model."))}}
		})
	}
	return gens
}

// editKeyIn changes the first key of the first table named section
// ("" for the top of the file) in a TOML file, whose table names are
// read without prefix (the "model." of site.toml).
func editKeyIn(doc, section, key, prefix string) string {
	lines := strings.Split(doc, "\n")
	header := ""
	for i, line := range lines {
		if m := tableHeader.FindStringSubmatch(line); m != nil {
			header = strings.TrimPrefix(m[1], prefix)
			continue
		}
		if m := keyValue.FindStringSubmatch(line); m != nil && header == section && m[1] == key {
			lines[i] = m[1] + " = " + editValue(m[1], m[2])
			break
		}
	}
	return strings.Join(lines, "\n")
}

var (
	numberValue = regexp.MustCompile(`-?\d+(\.\d+)?`)
	dateValue   = regexp.MustCompile(`^\d{4}-\d\d-\d\d$`)
	// rotations are the enumerated values a field may take, each changed
	// to the next so that the edit stays valid.
	rotations = [][]string{
		{"adobe-commerce", "shopify-plus", "shopware", "bigcommerce"},
		{"hub-and-spoke", "event-driven", "composable", "hybrid"},
		{"real-time", "near-real-time", "hourly", "daily", "nightly", "weekly"},
		{"low", "medium", "high"},
		{"planned", "in-progress", "done", "dropped"},
		{"listed", "unlisted"},
		{"inventory", "order-status", "customer-profile", "loyalty", "analytics", "reporting", "financial-reconciliation"},
		{"true", "false"},
	}
)

// editValue returns another value of the same kind.
func editValue(key, v string) string {
	for _, r := range rotations {
		for i, x := range r {
			if v == x || v == `"`+x+`"` {
				next := r[(i+1)%len(r)]
				if strings.HasPrefix(v, `"`) {
					return `"` + next + `"`
				}
				return next
			}
		}
	}
	switch {
	case strings.HasPrefix(v, `"""`):
		return `"""Rewritten by the matrix."""`
	case strings.HasPrefix(v, `"`):
		return strings.TrimSuffix(v, `"`) + ` (edited)"`
	case dateValue.MatchString(v):
		d, _ := time.Parse(time.DateOnly, v)
		return d.AddDate(0, 0, -3).Format(time.DateOnly)
	case strings.HasPrefix(v, "{"), strings.HasPrefix(v, "["):
		// An inline table or array: change its first number, or its first
		// string.
		if loc := numberValue.FindStringIndex(v); loc != nil {
			return v[:loc[0]] + bump(key, v[loc[0]:loc[1]]) + v[loc[1]:]
		}
		if i := strings.Index(v, `"`); i >= 0 {
			return v[:i+1] + "edited " + v[i+1:]
		}
	case numberValue.MatchString(v):
		return bump(key, v)
	}
	return v
}

// bump changes a number: a level stays on the scale, other numbers grow.
func bump(key, n string) string {
	if f, err := strconv.ParseFloat(n, 64); err == nil && strings.Contains(n, ".") {
		return strconv.FormatFloat(f+0.25, 'f', -1, 64)
	}
	i, _ := strconv.Atoi(n)
	if key == "level" || len(key) > 0 && !strings.ContainsAny(key, "_") && i <= 4 && i >= 0 {
		return strconv.Itoa((i + 1) % 5)
	}
	return strconv.Itoa(i + 1)
}

// editModelFile moves the model out of site.toml into model.toml.
func editModelFile(t *testing.T, src string) matrixEdit {
	site := readFile(t, src, "site.toml")
	i := strings.Index(site, "\n[model]")
	if i < 0 {
		return matrixEdit{}
	}
	var model strings.Builder
	for _, line := range strings.Split(site[i+1:], "\n") {
		switch m := tableHeader.FindStringSubmatch(line); {
		case line == "[model]":
		case m != nil:
			model.WriteString(strings.Replace(line, "model.", "", 1) + "\n")
		default:
			model.WriteString(line + "\n")
		}
	}
	head := site[:i+1]
	return matrixEdit{name: "move the model to model.toml", files: map[string]*string{
		"site.toml": text(`model = "model.toml"` + "\n" + head), "model.toml": text(model.String())}}
}

// listedBrand returns the slug and dates of the first listed brand; ""
// when every brand is unlisted by now.
func listedBrand(t *testing.T, src string) (string, []string) {
	for _, b := range readBrands(t, src) {
		if !b.unlisted() {
			return b.slug, b.dates
		}
	}
	return "", nil
}

// assessmentEdits edits every field of a brand's current assessment, in
// every table, and a level and an evidence of an earlier one.
func assessmentEdits(t *testing.T, src string) []editGen {
	slug, dates := listedBrand(t, src)
	if slug == "" {
		t.Fatal("no listed brand")
	}
	var gens []editGen
	for i, date := range dates {
		rel := "assessments/" + slug + "/" + date + ".toml"
		lines := strings.Split(readFile(t, src, rel), "\n")
		header, seen := "", map[string]bool{}
		for _, line := range lines {
			if m := tableHeader.FindStringSubmatch(line); m != nil {
				header = m[1]
				continue
			}
			m := keyValue.FindStringSubmatch(line)
			if m == nil || m[1] == "assessed" || seen[header+"."+m[1]] {
				continue
			}
			if i < len(dates)-1 && !strings.HasPrefix(header, "scores.") {
				continue // an earlier assessment: its scores are enough
			}
			seen[header+"."+m[1]] = true
			key, table := m[1], header
			gens = append(gens, func(t *testing.T, src string) matrixEdit {
				return matrixEdit{name: fmt.Sprintf("assessment %s: edit [%s] %s", rel, table, key),
					files: map[string]*string{rel: text(editKeyIn(readFile(t, src, rel), table, key, ""))}}
			})
		}
	}
	return gens
}

func brandEdits() []editGen {
	const added = "assessments/zz-matrix-brand/2026-09-01.toml"
	newest := func(t *testing.T, src string) string {
		slug, dates := listedBrand(t, src)
		if slug == "" {
			return ""
		}
		return "assessments/" + slug + "/" + dates[len(dates)-1] + ".toml"
	}
	return []editGen{
		func(t *testing.T, src string) matrixEdit {
			from := newest(t, src)
			if from == "" {
				return matrixEdit{}
			}
			doc := assessedLine.ReplaceAllString(readFile(t, src, from), "assessed = 2026-09-01")
			doc = brandLine.ReplaceAllString(doc, `brand = "Zz Matrix Brand"`)
			return matrixEdit{name: "add a brand", files: map[string]*string{added: text(doc)}}
		},
		func(t *testing.T, src string) matrixEdit {
			doc, ok := readIfThere(src, added)
			if !ok {
				return matrixEdit{}
			}
			return matrixEdit{name: "unlist the added brand", files: map[string]*string{added: text(setTop(doc, "visibility", `"unlisted"`))}}
		},
		func(t *testing.T, src string) matrixEdit {
			doc, ok := readIfThere(src, added)
			if !ok {
				return matrixEdit{}
			}
			return matrixEdit{name: "list the added brand again", files: map[string]*string{added: text(setTop(doc, "visibility", `"listed"`))}}
		},
		func(t *testing.T, src string) matrixEdit {
			doc, ok := readIfThere(src, added)
			if !ok {
				return matrixEdit{}
			}
			rel := strings.Replace(added, "2026-09-01", "2026-10-01", 1)
			return matrixEdit{name: "add an assessment date", files: map[string]*string{rel: text(assessedLine.ReplaceAllString(doc, "assessed = 2026-10-01"))}}
		},
		func(*testing.T, string) matrixEdit {
			return matrixEdit{name: "remove the earlier assessment", files: map[string]*string{added: nil}}
		},
		func(*testing.T, string) matrixEdit {
			return matrixEdit{name: "remove the added brand", files: map[string]*string{strings.Replace(added, "2026-09-01", "2026-10-01", 1): nil}}
		},
		func(t *testing.T, src string) matrixEdit {
			rel := newest(t, src)
			if rel == "" {
				return matrixEdit{}
			}
			return matrixEdit{name: "unlist a shipped brand", files: map[string]*string{rel: text(setTop(readFile(t, src, rel), "visibility", `"unlisted"`))}}
		},
	}
}

// readIfThere reads a source file the matrix may have removed by now.
func readIfThere(src, rel string) (string, bool) {
	data, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(rel)))
	return string(data), err == nil
}

// setTop sets a top-level key of an assessment, before its first table.
func setTop(doc, key, value string) string {
	line := regexp.MustCompile(`(?m)^` + key + ` = .*$`)
	if line.MatchString(doc) {
		return line.ReplaceAllLiteralString(doc, key+" = "+value)
	}
	return brandLine.ReplaceAllStringFunc(doc, func(b string) string { return b + "\n" + key + " = " + value })
}

func layoutEdit(rel string) editGen {
	return func(t *testing.T, src string) matrixEdit {
		doc := readFile(t, src, rel)
		if i := strings.LastIndex(doc, "{{end}}"); i >= 0 {
			doc = doc[:i] + `<i data-matrix="edited"></i>` + doc[i:]
		} else {
			doc += `<i data-matrix="edited"></i>`
		}
		return matrixEdit{name: "edit " + rel, files: map[string]*string{rel: text(doc)}}
	}
}

func staticEdits(t *testing.T, src string) []editGen {
	var gens []editGen
	filepath.WalkDir(filepath.Join(src, "static"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		rel = filepath.ToSlash(rel)
		gens = append(gens, func(t *testing.T, src string) matrixEdit {
			return matrixEdit{name: "edit " + rel, files: map[string]*string{rel: text(readFile(t, src, rel) + "\n/* edited by the matrix */\n")}}
		})
		return nil
	})
	const added = "static/files/matrix.txt"
	return append(gens,
		func(*testing.T, string) matrixEdit {
			return matrixEdit{name: "add " + added, files: map[string]*string{added: text("added by the matrix\n")}}
		},
		func(*testing.T, string) matrixEdit {
			return matrixEdit{name: "remove " + added, files: map[string]*string{added: nil}}
		})
}

// editRunner applies edits to a copy of a site and, after each, compares
// the folder the dev server's Engine updates from the changed paths alone
// and a cached build (a new Engine, as each `scorebook build` is) with a
// build from nothing, byte for byte. An edit that breaks the site must
// fail all three and leave the published folders as they were; it is
// then undone.
type editRunner struct {
	t                       *testing.T
	src, served, cached     string
	plain, cacheDir         string
	incremental             *build.Engine
	want                    map[string][]byte
	applied, failed, undone int
}

func newEditRunner(t *testing.T, src string) *editRunner {
	tmp := fastTempDir(t)
	r := &editRunner{t: t, src: src, served: filepath.Join(tmp, "served"), cached: filepath.Join(tmp, "cached"),
		plain: filepath.Join(tmp, "plain"), cacheDir: filepath.Join(tmp, "cache")}
	opts := options(src, r.served, build.InPlace)
	opts.KeepRendered = true
	r.incremental = build.New(opts)
	if err := r.buildAll("the first build", nil); err != nil {
		t.Fatalf("first build: %s", describeErr(err))
	}
	return r
}

// buildAll builds the three ways after changed; it returns the full
// build's error, having checked that the others agree.
func (r *editRunner) buildAll(step string, changed []string) error {
	t := r.t
	t.Helper()
	ctx := context.Background()
	_, fullErr := build.New(options(r.src, r.plain, build.Publish)).Build(ctx, nil)
	if r.want == nil && changed != nil {
		changed = nil
	}
	_, incErr := r.incremental.Build(ctx, changed)
	cachedOpts := options(r.src, r.cached, build.Publish)
	cachedOpts.CacheDir = r.cacheDir
	_, cacheErr := build.New(cachedOpts).Build(ctx, nil)
	if (fullErr == nil) != (incErr == nil) || (fullErr == nil) != (cacheErr == nil) {
		t.Fatalf("%s: the builds disagree: from nothing: %v; dev server: %v; cached: %v", step, fullErr, incErr, cacheErr)
	}
	if fullErr == nil {
		r.want = readTree(t, r.plain)
	}
	for what, dir := range map[string]string{"the dev server's folder": r.served, "the cached build": r.cached} {
		if diff := treeDiff(r.want, readTree(t, dir)); diff != "" {
			t.Fatalf("%s: %s differs from a build from nothing:\n%s", step, what, diff)
		}
	}
	return fullErr
}

// apply makes one edit and checks the builds after it.
func (r *editRunner) apply(e matrixEdit) {
	t := r.t
	t.Helper()
	old := map[string]*string{}
	var changed []string
	for _, rel := range slices.Sorted(mapsKeys(e.files)) {
		p := filepath.Join(r.src, filepath.FromSlash(rel))
		if data, err := os.ReadFile(p); err == nil {
			old[rel] = text(string(data))
		} else {
			old[rel] = nil
		}
		writeOrRemove(t, r.src, rel, e.files[rel])
		changed = append(changed, rel)
	}
	r.applied++
	if err := r.buildAll(e.name, changed); err == nil {
		return
	}
	r.failed++
	for rel, data := range old {
		writeOrRemove(t, r.src, rel, data)
	}
	if err := r.buildAll("undo "+e.name, changed); err != nil {
		t.Fatalf("undo %s: the site does not build again: %s", e.name, describeErr(err))
	}
	r.undone++
}

func mapsKeys(m map[string]*string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func writeOrRemove(t *testing.T, src, rel string, data *string) {
	t.Helper()
	p := filepath.Join(src, filepath.FromSlash(rel))
	if data == nil {
		if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		return
	}
	writeFile(t, src, rel, *data)
}

// TestEditMatrix_EveryKindOfEditEqualsABuildFromNothing runs the whole
// generated matrix in order on a copy of the shipped site.
func TestEditMatrix_EveryKindOfEditEqualsABuildFromNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("the edit matrix builds the site three times per edit")
	}
	src := copySite(t, shippedSrc)
	// Three brands to a portfolio page: edits move brands between pages.
	replaceIn(t, src, "site.toml", "\nunsafe_html = false\n", "\nunsafe_html = false\nportfolio_page_size = 3\n")
	r := newEditRunner(t, src)
	for _, gen := range editMatrix(t, src) {
		if e := gen(t, src); len(e.files) > 0 {
			r.apply(e)
		}
	}
	t.Logf("%d edits, %d of them broke the site and were undone", r.applied, r.undone)
	if r.applied < 120 {
		t.Errorf("the matrix made only %d edits", r.applied)
	}
	if r.failed > r.applied/3 {
		t.Errorf("%d of %d edits broke the site: the matrix tests the failure path more than the edits", r.failed, r.applied)
	}
}

// TestEditSequence_Random applies a seeded random sequence of the
// matrix's edits; every step must build as a build from nothing does.
// make test runs a short one; make fuzz a long one with a new seed
// (SCOREBOOK_EDIT_SEED, SCOREBOOK_EDIT_COUNT), printed so that a failure
// can be replayed.
func TestEditSequence_Random(t *testing.T) {
	seed, count := uint64(20261207), 8
	if v, err := strconv.ParseUint(os.Getenv("SCOREBOOK_EDIT_SEED"), 10, 64); err == nil {
		seed = v
	}
	if v, err := strconv.Atoi(os.Getenv("SCOREBOOK_EDIT_COUNT")); err == nil && v > 0 {
		count = v
	}
	t.Logf("SCOREBOOK_EDIT_SEED=%d SCOREBOOK_EDIT_COUNT=%d", seed, count)
	src := copySite(t, shippedSrc)
	r := newEditRunner(t, src)
	gens := editMatrix(t, src)
	rng := rand.New(rand.NewPCG(seed, seed>>1))
	for range count {
		if e := gens[rng.IntN(len(gens))](t, src); len(e.files) > 0 {
			r.apply(e)
		}
	}
}

// fastTempDir returns a temporary folder in memory (/dev/shm) where there
// is one: the matrix publishes hundreds of whole sites, and on a disk
// most of its time would go to creating folders and files.
func fastTempDir(t *testing.T) string {
	dir, err := os.MkdirTemp("/dev/shm", "scorebook-matrix-")
	if err != nil {
		return t.TempDir()
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}
