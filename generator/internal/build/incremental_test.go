package build_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"scorebook/generator/internal/build"
	"scorebook/generator/internal/diag"
	"scorebook/generator/internal/fingerprint"
	"scorebook/generator/internal/publish"
)

// siteEdit is one change to a copy of the shipped site, as a writer makes
// it in an editor. apply returns the source paths it touched, for the
// incremental build; fails says the site is broken afterwards.
type siteEdit struct {
	name  string
	apply func(t *testing.T, src string) []string
	fails bool
}

// newestAssessment returns the slash path of the newest assessment of the
// first listed brand, so that the edits follow the shipped examples.
func newestAssessment(t *testing.T, src string) string {
	t.Helper()
	for _, b := range readBrands(t, src) {
		if !b.unlisted() {
			return "assessments/" + b.slug + "/" + b.dates[len(b.dates)-1] + ".toml"
		}
	}
	t.Fatal("no listed brand")
	return ""
}

var (
	shortLevel     = regexp.MustCompile(`(?m)^([a-z0-9-]+) = ([0-4])$`)
	titleLine      = regexp.MustCompile(`(?m)^title = ".*"$`)
	dimensionWeigh = regexp.MustCompile(`(\[\[model\.dimensions\]\]\nid = "[a-z0-9-]+"\nname = "[^"]*"\nweight = )([0-9.]+)`)
	assessedLine   = regexp.MustCompile(`(?m)^assessed = \d{4}-\d\d-\d\d$`)
	brandLine      = regexp.MustCompile(`(?m)^brand = ".*"$`)
)

// regexpEdit rewrites the first match of re in a source file, failing
// when there is none, so that an edit that no longer applies is noticed.
func regexpEdit(t *testing.T, src, rel string, re *regexp.Regexp, replace func(match []string) string) {
	t.Helper()
	text := readFile(t, src, rel)
	loc := re.FindStringSubmatchIndex(text)
	if loc == nil {
		t.Fatalf("%s has nothing matching %s; update the test's edit", rel, re)
	}
	match := make([]string, len(loc)/2)
	for i := range match {
		if loc[2*i] >= 0 {
			match[i] = text[loc[2*i]:loc[2*i+1]]
		}
	}
	writeFile(t, src, rel, text[:loc[0]]+replace(match)+text[loc[1]:])
}

// removePath deletes a source file or folder and returns its slash path.
func removePath(t *testing.T, src, rel string) []string {
	t.Helper()
	if err := os.RemoveAll(filepath.Join(src, filepath.FromSlash(rel))); err != nil {
		t.Fatal(err)
	}
	return []string{rel}
}

// editSequence is what a writer might do in one session: every kind of
// input changed, added and removed, and a broken file fixed again.
func editSequence() []siteEdit {
	var saved, brokenLayout string
	return []siteEdit{
		{name: "edit a page body", apply: func(t *testing.T, src string) []string {
			rel := "content/practice/habits.md"
			writeFile(t, src, rel, readFile(t, src, rel)+"\nA closing sentence added by the incremental test.\n")
			return []string{rel}
		}},
		{name: "change a page title", apply: func(t *testing.T, src string) []string {
			rel := "content/practice/habits.md"
			regexpEdit(t, src, rel, titleLine, func([]string) string { return `title = "Habits that last (edited)"` })
			return []string{rel}
		}},
		{name: "add a page", apply: func(t *testing.T, src string) []string {
			rel := "content/practice/zz-added.md"
			writeFile(t, src, rel, "+++\ntitle = \"A page added by the test\"\ndescription = \"Added.\"\n+++\n\nSee [the habits](/practice/habits/).\n")
			return []string{rel}
		}},
		{name: "make the added page a draft", apply: func(t *testing.T, src string) []string {
			rel := "content/practice/zz-added.md"
			replaceIn(t, src, rel, "description = \"Added.\"\n", "description = \"Added.\"\ndraft = true\n")
			return []string{rel}
		}},
		{name: "edit the draft", apply: func(t *testing.T, src string) []string {
			rel := "content/practice/zz-added.md"
			writeFile(t, src, rel, readFile(t, src, rel)+"\nStill a draft.\n")
			return []string{rel}
		}},
		{name: "publish the draft again", apply: func(t *testing.T, src string) []string {
			rel := "content/practice/zz-added.md"
			replaceIn(t, src, rel, "draft = true\n", "")
			return []string{rel}
		}},
		{name: "retitle a page and break another in one save", fails: true, apply: func(t *testing.T, src string) []string {
			retitled, broken := "content/practice/zz-added.md", "content/practice/habits.md"
			replaceIn(t, src, retitled, "A page added by the test", "A page retitled while another was broken")
			saved = readFile(t, src, broken)
			writeFile(t, src, broken, "+++\ntitle = \n+++\n")
			return []string{retitled, broken}
		}},
		{name: "fix only the broken page", apply: func(t *testing.T, src string) []string {
			// The retitled page is not among the changed files this time:
			// its new title must still reach the menus and lists.
			rel := "content/practice/habits.md"
			writeFile(t, src, rel, saved)
			return []string{rel}
		}},
		{name: "delete a page", apply: func(t *testing.T, src string) []string {
			return removePath(t, src, "content/faq.md")
		}},
		{name: "edit an assessment level", apply: func(t *testing.T, src string) []string {
			rel := newestAssessment(t, src)
			regexpEdit(t, src, rel, shortLevel, func(m []string) string {
				l, _ := strconv.Atoi(m[2])
				return m[1] + " = " + strconv.Itoa((l+1)%5)
			})
			return []string{rel}
		}},
		{name: "add an assessment date", apply: func(t *testing.T, src string) []string {
			rel := newestAssessment(t, src)
			added := filepath.ToSlash(filepath.Join(filepath.Dir(rel), "2026-11-20.toml"))
			if added <= rel {
				t.Fatalf("%s is not newer than %s", added, rel)
			}
			writeFile(t, src, added, assessedLine.ReplaceAllString(readFile(t, src, rel), "assessed = 2026-11-20"))
			return []string{added}
		}},
		{name: "add a brand", apply: func(t *testing.T, src string) []string {
			from := newestAssessment(t, src)
			rel := "assessments/zz-test-brand/2026-09-01.toml"
			text := assessedLine.ReplaceAllString(readFile(t, src, from), "assessed = 2026-09-01")
			writeFile(t, src, rel, brandLine.ReplaceAllString(text, `brand = "Zz Test Brand"`))
			return []string{rel}
		}},
		{name: "delete a brand folder", apply: func(t *testing.T, src string) []string {
			return removePath(t, src, "assessments/zz-test-brand")
		}},
		{name: "change a layout", apply: func(t *testing.T, src string) []string {
			rel := "layouts/page.html"
			replaceIn(t, src, rel, "<article>", `<article data-edited="by the test">`)
			return []string{rel}
		}},
		{name: "edit the stylesheet (inlined in share.html)", apply: func(t *testing.T, src string) []string {
			rel := "static/css/site.css"
			writeFile(t, src, rel, readFile(t, src, rel)+"\n.added-by-test { color: inherit; }\n")
			return []string{rel}
		}},
		{name: "change a model weight", apply: func(t *testing.T, src string) []string {
			regexpEdit(t, src, "site.toml", dimensionWeigh, func(m []string) string {
				if m[2] == "1.5" {
					return m[1] + "2.0"
				}
				return m[1] + "1.5"
			})
			return []string{"site.toml"}
		}},
		{name: "break an assessment", fails: true, apply: func(t *testing.T, src string) []string {
			rel := newestAssessment(t, src)
			saved = readFile(t, src, rel)
			regexpEdit(t, src, rel, shortLevel, func(m []string) string { return m[1] + ` = "three"` })
			return []string{rel}
		}},
		{name: "fix the assessment", apply: func(t *testing.T, src string) []string {
			rel := newestAssessment(t, src)
			writeFile(t, src, rel, saved)
			return []string{rel}
		}},
		{name: "break a layout when it runs", fails: true, apply: func(t *testing.T, src string) []string {
			rel := "layouts/page.html"
			brokenLayout = readFile(t, src, rel)
			replaceIn(t, src, rel, "{{.Title}}", "{{.NoSuchField}}")
			return []string{rel}
		}},
		{name: "fix the layout", apply: func(t *testing.T, src string) []string {
			writeFile(t, src, "layouts/page.html", brokenLayout)
			return []string{"layouts/page.html"}
		}},
	}
}

// emptyDirs lists the folders below dir that hold nothing.
func emptyDirs(t *testing.T, dir string) []string {
	t.Helper()
	var empty []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && p != dir {
			if entries, _ := os.ReadDir(p); len(entries) == 0 {
				empty = append(empty, p)
			}
		}
		return nil
	})
	return empty
}

// TestEdits_IncrementalAndCachedBuildsEqualAFullBuild applies the edit
// sequence to a copy of the shipped site and, after every edit, compares
// byte for byte with a full build from nothing:
//   - the folder an Engine in InPlace mode updates from the changed paths
//     alone (the dev server);
//   - the folder a Publish build with a persistent cache writes, each run
//     a new Engine as each `scorebook build` is a new process.
//
// A failed build must leave both exactly as they were.
func TestEdits_IncrementalAndCachedBuildsEqualAFullBuild(t *testing.T) {
	src := copySite(t, shippedSrc)
	tmp := t.TempDir()
	served, cachedOut, plainOut := filepath.Join(tmp, "served"), filepath.Join(tmp, "cached"), filepath.Join(tmp, "plain")
	cacheDir := filepath.Join(tmp, "cache")
	ctx := context.Background()

	incrOpts := options(src, served, build.InPlace)
	incrOpts.KeepRendered = true
	incremental := build.New(incrOpts)
	cached := func() (*build.Summary, error) {
		opts := options(src, cachedOut, build.Publish)
		opts.CacheDir = cacheDir
		return build.New(opts).Build(ctx, nil)
	}
	full := func() (*build.Summary, error) {
		return build.New(options(src, plainOut, build.Publish)).Build(ctx, nil)
	}
	compare := func(step string, want map[string][]byte) {
		t.Helper()
		if diff := treeDiff(want, readTree(t, served)); diff != "" {
			t.Fatalf("%s: the incrementally updated folder differs from a full build:\n%s", step, diff)
		}
		if empty := emptyDirs(t, served); len(empty) > 0 {
			t.Errorf("%s: empty folders left in the served site: %v", step, empty)
		}
		if diff := treeDiff(want, readTree(t, cachedOut)); diff != "" {
			t.Fatalf("%s: the cached build differs from an uncached one:\n%s", step, diff)
		}
	}

	for _, b := range []func() (*build.Summary, error){full, cached, func() (*build.Summary, error) { return incremental.Build(ctx, nil) }} {
		if _, err := b(); err != nil {
			t.Fatalf("first build: %s", describeErr(err))
		}
	}
	want := readTree(t, plainOut)
	compare("first build", want)

	sum, err := cached()
	if err != nil {
		t.Fatal(describeErr(err))
	}
	compare("second cached build, nothing changed", want)
	if sum.Reused < sum.Outputs*9/10 || sum.Written > sum.Outputs/10 {
		t.Errorf("a second build with nothing changed reused %d and rendered %d of %d files; want nearly all reused",
			sum.Reused, sum.Written, sum.Outputs)
	}

	for _, edit := range editSequence() {
		changed := edit.apply(t, src)
		isum, ierr := incremental.Build(ctx, changed)
		_, cerr := cached()
		if edit.fails {
			for what, err := range map[string]error{"incremental": ierr, "cached": cerr} {
				var problems diag.List
				switch {
				case err == nil:
					t.Fatalf("%s: the %s build succeeded", edit.name, what)
				case !errors.As(err, &problems):
					t.Errorf("%s: the %s build's error %v is not a list of input problems", edit.name, what, err)
				}
			}
			compare(edit.name, want) // still the last good build
			continue
		}
		if ierr != nil || cerr != nil {
			t.Fatalf("%s: incremental build: %v; cached build: %v", edit.name, ierr, cerr)
		}
		sum, err := full()
		if err != nil {
			t.Fatalf("%s: full build: %s", edit.name, describeErr(err))
		}
		want = readTree(t, plainOut)
		if sum.Outputs != len(want) {
			t.Errorf("%s: summary counts %d outputs, the build wrote %d files", edit.name, sum.Outputs, len(want))
		}
		if isum.Pages != sum.Pages || isum.Outputs != sum.Outputs {
			t.Errorf("%s: the incremental build counts %d pages of %d outputs, a full build %d of %d",
				edit.name, isum.Pages, isum.Outputs, sum.Pages, sum.Outputs)
		}
		compare(edit.name, want)
	}
}

func TestIncremental_BodyEditRewritesOnlyThatPage(t *testing.T) {
	src := copySite(t, shippedSrc)
	opts := options(src, filepath.Join(t.TempDir(), "served"), build.InPlace)
	engine := build.New(opts)
	ctx := context.Background()
	if _, err := engine.Build(ctx, nil); err != nil {
		t.Fatal(describeErr(err))
	}
	rel := "content/practice/habits.md"
	writeFile(t, src, rel, readFile(t, src, rel)+"\nOne more sentence.\n")
	sum, err := engine.Build(ctx, []string{rel})
	if err != nil {
		t.Fatal(describeErr(err))
	}
	// The full-text search index holds the page's words: its files are
	// rendered again, and those whose terms moved are rewritten.
	pages := slices.DeleteFunc(slices.Clone(sum.Changed), isSearchIndex)
	if len(pages) != 1 || pages[0] != "practice/habits/index.html" {
		t.Errorf("editing the body of %s changed %v; want only practice/habits/index.html and search index files", rel, sum.Changed)
	}
	if !slices.ContainsFunc(sum.Changed, isSearchIndex) {
		t.Errorf("editing the body of %s left the search index as it was: changed %v", rel, sum.Changed)
	}
	index, err := filepath.Glob(filepath.Join(opts.Out, "search", "*.js"))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Written > sum.Outputs/10+len(index) {
		t.Errorf("editing one page body rendered %d of %d files (%d of them the search index)", sum.Written, sum.Outputs, len(index))
	}
}

// isSearchIndex reports whether an output is a file of the search index.
func isSearchIndex(rel string) bool {
	return strings.HasPrefix(rel, "search/") && strings.HasSuffix(rel, ".js")
}

// TestCache_SurvivesAnOutputChangedBehindItsBack checks that the cache
// never reuses a file that someone changed or removed in the published
// folder since the build it remembers.
func TestCache_SurvivesAnOutputChangedBehindItsBack(t *testing.T) {
	src := filepath.Join("testdata", "golden", "site")
	cacheDir := filepath.Join(t.TempDir(), "cache")
	out := filepath.Join(t.TempDir(), "public")
	opts := options(src, out, build.Publish)
	opts.CacheDir = cacheDir
	mustBuild(t, opts)
	want := readTree(t, out)

	// Replace the whole folder with an older build of another date: the
	// marker's stamp no longer matches the cache's manifest.
	other := options(src, out, build.Publish)
	other.Now = buildDay.Add(-400 * 24 * time.Hour)
	mustBuild(t, other)
	mustBuild(t, opts)
	if diff := treeDiff(want, readTree(t, out)); diff != "" {
		t.Errorf("after another build replaced the output, the cached build differs:\n%s", diff)
	}
}

// TestIncremental_ChangedListsWhatWasWritten checks the paths the dev
// server reloads pages for.
func TestIncremental_ChangedListsWhatWasWritten(t *testing.T) {
	src := copySite(t, filepath.Join("testdata", "golden", "site"))
	opts := options(src, filepath.Join(t.TempDir(), "served"), build.InPlace)
	engine := build.New(opts)
	ctx := context.Background()
	if _, err := engine.Build(ctx, nil); err != nil {
		t.Fatal(describeErr(err))
	}
	sum, err := engine.Build(ctx, removePath(t, src, "content/guide/reviewing.md"))
	if err != nil {
		t.Fatal(describeErr(err))
	}
	// Fewer pages may also need fewer files of the search index.
	removedIndex := 0
	for _, rel := range sum.Changed {
		if isSearchIndex(rel) {
			if _, err := os.Stat(filepath.Join(opts.Out, filepath.FromSlash(rel))); err != nil {
				removedIndex++
			}
		}
	}
	if !slices.Contains(sum.Changed, "guide/reviewing/index.html") || sum.Removed-removedIndex != 1 {
		t.Errorf("deleting a page: changed %v, removed %d; want guide/reviewing/index.html removed", sum.Changed, sum.Removed)
	}
	if !slices.Contains(sum.Changed, "guide/writing/index.html") {
		t.Errorf("deleting the next page of guide/writing did not rewrite it: changed %v", sum.Changed)
	}
}

// TestIncremental_RetitleInALargeSection checks the narrower keys of pages
// in a section too large for the side menu: retitling one page re-renders
// its neighbours and the section's list, and the result still equals a
// full build.
func TestIncremental_RetitleInALargeSection(t *testing.T) {
	src := copySite(t, filepath.Join("testdata", "golden", "site"))
	const n = 70
	for i := range n {
		writeFile(t, src, fmt.Sprintf("content/bulk/p%02d.md", i),
			fmt.Sprintf("+++\ntitle = \"Bulk page %02d\"\nweight = %d\n+++\n\nBody of page %d.\n", i, i+1, i))
	}
	served := filepath.Join(t.TempDir(), "served")
	engine := build.New(options(src, served, build.InPlace))
	ctx := context.Background()
	if _, err := engine.Build(ctx, nil); err != nil {
		t.Fatal(describeErr(err))
	}
	rel := "content/bulk/p30.md"
	replaceIn(t, src, rel, `title = "Bulk page 30"`, `title = "Bulk page thirty"`)
	sum, err := engine.Build(ctx, []string{rel})
	if err != nil {
		t.Fatal(describeErr(err))
	}
	for _, want := range []string{"bulk/p29/index.html", "bulk/p30/index.html", "bulk/p31/index.html", "bulk/index.html"} {
		if !slices.Contains(sum.Changed, want) {
			t.Errorf("retitling %s did not rewrite %s; changed %v", rel, want, sum.Changed)
		}
	}
	if slices.Contains(sum.Changed, "bulk/p10/index.html") {
		t.Errorf("retitling %s rewrote bulk/p10, which shows neither it nor its neighbours", rel)
	}
	full := filepath.Join(t.TempDir(), "full")
	mustBuild(t, options(src, full, build.Publish))
	want, got := readTree(t, full), readTree(t, served)
	delete(want, publish.Marker)
	delete(got, publish.Marker)
	if diff := treeDiff(want, got); diff != "" {
		t.Errorf("the incrementally updated folder differs from a full build:\n%s", diff)
	}
}

// TestCache_UpToDateOnlyWhileNothingChanged checks the shortcut of a build
// whose sources the cache can vouch for: taken when nothing changed, with
// the same summary, and never after an edit that keeps a file's size and
// modification time, a new build date or another build in the output.
func TestCache_UpToDateOnlyWhileNothingChanged(t *testing.T) {
	src := copySite(t, filepath.Join("testdata", "golden", "site"))
	out := filepath.Join(t.TempDir(), "public")
	opts := options(src, out, build.Publish)
	opts.CacheDir = filepath.Join(t.TempDir(), "cache")
	// Files younger than the margin are never vouched for.
	time.Sleep(fingerprint.Margin + 100*time.Millisecond)

	first := mustBuild(t, opts)
	want := readTree(t, out)
	second := mustBuild(t, opts)
	if first.UpToDate || !second.UpToDate || second.Written != 0 || second.Reused != first.Outputs {
		t.Fatalf("first build up to date %v; second up to date %v, %d written, %d reused of %d",
			first.UpToDate, second.UpToDate, second.Written, second.Reused, first.Outputs)
	}
	if second.Pages != first.Pages || second.Scorecards != first.Scorecards || !maps.Equal(second.Findings, first.Findings) ||
		!slices.Equal(second.Warnings, first.Warnings) || second.Outputs != first.Outputs {
		t.Errorf("the up-to-date summary differs from the build it stands for:\n%+v\n%+v", second, first)
	}
	if diff := treeDiff(want, readTree(t, out)); diff != "" {
		t.Errorf("an up-to-date build changed the output:\n%s", diff)
	}

	// A published file someone deleted is written again.
	if err := os.Remove(filepath.Join(out, "guide", "writing", "index.html")); err != nil {
		t.Fatal(err)
	}
	if sum := mustBuild(t, opts); sum.UpToDate {
		t.Error("a build with a published file missing was taken as up to date")
	}
	if diff := treeDiff(want, readTree(t, out)); diff != "" {
		t.Errorf("the build after a published file was deleted differs:\n%s", diff)
	}
	if sum := mustBuild(t, opts); !sum.UpToDate {
		t.Error("the build after the repair was not up to date")
	}

	other := opts
	other.Now = buildDay.Add(24 * time.Hour)
	if sum := mustBuild(t, other); sum.UpToDate {
		t.Error("a build for another date was taken as up to date")
	}
	if sum := mustBuild(t, opts); sum.UpToDate {
		t.Error("a build after another build replaced the output was taken as up to date")
	}

	// Same length, modification time put back: only the change time tells.
	rel := "content/guide/writing.md"
	p := filepath.Join(src, filepath.FromSlash(rel))
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	text := readFile(t, src, rel)
	i := strings.Index(text, "the ")
	if i < 0 {
		t.Fatalf("%s has no \"the \" to edit", rel)
	}
	writeFile(t, src, rel, text[:i]+"THE "+text[i+4:])
	if err := os.Chtimes(p, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	time.Sleep(fingerprint.Margin + 100*time.Millisecond)
	sum := mustBuild(t, opts)
	if sum.UpToDate || sum.Written == 0 {
		t.Errorf("an edit keeping size and modification time went unnoticed: up to date %v, %d written", sum.UpToDate, sum.Written)
	}
	if !strings.Contains(readFile(t, out, "guide/writing/index.html"), "THE ") {
		t.Error("the edited page was not rebuilt")
	}
}
