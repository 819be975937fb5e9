package benchcorpus

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"scorebook/generator/internal/assessment"
	"scorebook/generator/internal/config"
	"scorebook/generator/internal/content"
	"scorebook/generator/internal/model"
)

// shippedSite is the repository root, whose site.toml, layouts and static
// files every corpus copies.
const shippedSite = "../../.."

func writeCorpus(t *testing.T, opts Options) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := Write(dir, shippedSite, opts); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestPage_SameArgumentsSameBytes(t *testing.T) {
	for i := range 8 {
		if a, b := Page(1, 100, i), Page(1, 100, i); !bytes.Equal(a, b) {
			t.Fatalf("page %d differs between two calls", i)
		}
	}
	if bytes.Equal(Page(1, 100, 3), Page(2, 100, 3)) {
		t.Error("another seed wrote the same page")
	}
}

func TestPage_ShapeMatchesCorpusPy(t *testing.T) {
	langs := map[string]bool{}
	total := 0
	const n = 200
	for i := range n {
		page := string(Page(1, 1000, i))
		total += len(page)
		p, errs := content.Parse(PagePath(i), []byte(page))
		if errs.HasErrors() {
			t.Fatalf("page %d: %v", i, errs.Err())
		}
		if !strings.HasSuffix(p.Title, " "+strconv.Itoa(i)) || p.Weight != i || len(p.Tags) != 2 {
			t.Errorf("page %d front matter: title %q weight %d tags %v", i, p.Title, p.Weight, p.Tags)
		}
		if got := strings.Count(page, "\n## "); got != 3 {
			t.Errorf("page %d has %d headings, want 3", i, got)
		}
		if !strings.Contains(page, "| system | cadence | owner |\n|---|---|---|\n") {
			t.Errorf("page %d has no table", i)
		}
		m := regexp.MustCompile("(?m)^```(\\w+)$").FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("page %d has no fenced code block", i)
		}
		langs[m[1]] = true
	}
	for _, l := range []string{"go", "json", "yaml", "sql"} {
		if !langs[l] {
			t.Errorf("no %s code block in %d pages", l, n)
		}
	}
	// corpus.py's first 200 pages average 4,308 bytes and 491 words.
	if avg := total / n; avg < 3900 || avg > 4800 {
		t.Errorf("average page is %d bytes, want about 4300", avg)
	}
	if words := len(strings.Fields(string(Page(1, 1000, 7)))); words < 300 || words > 750 {
		t.Errorf("page 7 has %d words, want about 490", words)
	}
}

func TestPage_LinksStayInsideTheCorpus(t *testing.T) {
	link := regexp.MustCompile(`\]\(/bench/p(\d{5})/\)`)
	for i := range 50 {
		for _, m := range link.FindAllStringSubmatch(string(Page(1, 20, i)), -1) {
			if m[1] >= "00020" {
				t.Errorf("page %d links to p%s in a corpus of 20 pages", i, m[1])
			}
		}
	}
}

func TestWrite_AssessmentsAreValid(t *testing.T) {
	opts := Options{Pages: 5, Brands: 12, History: 3, Seed: 1}
	dir := writeCorpus(t, opts)
	site := loadModel(t, dir)
	brands, errs := assessment.Load(dir, site)
	if len(errs) > 0 {
		t.Fatalf("generated assessments have problems:\n%v", errs.Err())
	}
	if len(brands) != opts.Brands {
		t.Fatalf("loaded %d brands, want %d", len(brands), opts.Brands)
	}
	levels := map[int]bool{}
	evidence := 0
	for _, b := range brands {
		if len(b.Assessments) != opts.History {
			t.Errorf("%s has %d assessments, want %d", b.Slug, len(b.Assessments), opts.History)
		}
		cur := b.Current()
		rated := 0
		for _, d := range site.Dimensions {
			for _, c := range d.Criteria {
				r, ok := cur.Scores[d.ID][c.ID]
				if !ok {
					t.Errorf("%s leaves %s.%s unrated", b.Slug, d.ID, c.ID)
				}
				if !r.Exempt {
					rated++
					levels[r.Level] = true
				}
				if r.Evidence != "" {
					evidence++
				}
			}
		}
		if len(cur.Journeys) == 0 || len(cur.UseCases) == 0 || cur.Operations == nil {
			t.Errorf("%s has no journeys, use cases or operations", b.Slug)
		}
	}
	if len(levels) < 3 {
		t.Errorf("levels drawn: %v, want a spread", levels)
	}
	if evidence == 0 {
		t.Error("no rating carries evidence")
	}
}

func TestWrite_SameOptionsSameFiles(t *testing.T) {
	opts := Options{Pages: 10, Brands: 3, History: 2, Seed: 7}
	a, b := readTree(t, writeCorpus(t, opts)), readTree(t, writeCorpus(t, opts))
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two writes", name)
		}
	}
	for _, want := range []string{"site.toml", "content/bench/_index.md", PagePath(9), AssessmentPath(2, 2, 1), "assessments/brand-00002/2026-10-15.toml"} {
		if _, ok := a[want]; !ok {
			t.Errorf("corpus has no %s", want)
		}
	}
}

func TestWriteHugo_SamePages(t *testing.T) {
	opts := Options{Pages: 4, Seed: 1}
	dir := t.TempDir()
	if err := WriteHugo(dir, opts); err != nil {
		t.Fatal(err)
	}
	files := readTree(t, dir)
	for i := range opts.Pages {
		if !bytes.Equal(files[PagePath(i)], Page(1, 4, i)) {
			t.Errorf("Hugo's %s differs from scorebook's", PagePath(i))
		}
	}
	if !strings.Contains(string(files["config.toml"]), "noClasses = false") {
		t.Error("Hugo config does not highlight to classes")
	}
}

func loadModel(t *testing.T, dir string) *model.Model {
	t.Helper()
	site, errs := config.Load(dir, nil)
	if errs.HasErrors() {
		t.Fatal(errs.Err())
	}
	return &site.Model
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestSetRating_ChangesOneCriterion(t *testing.T) {
	orig := "brand = \"B\"\n\n[scores.architecture]\napi-gateway = 2\nipaas = 1\n\n[scores.operations]\napi-gateway = 3\n"
	got, err := SetRating([]byte(orig), "operations", "api-gateway", 4, "Edit m-1")
	if err != nil {
		t.Fatal(err)
	}
	want := "brand = \"B\"\n\n[scores.architecture]\napi-gateway = 2\nipaas = 1\n\n[scores.operations]\napi-gateway = { level = 4, evidence = \"Edit m-1\", confidence = \"high\" }\n"
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if _, err := SetRating([]byte(orig), "governance", "api-gateway", 1, "e"); err == nil {
		t.Error("setting a criterion that is not there succeeded")
	}
}

func TestSetRating_KeepsGeneratedAssessmentValid(t *testing.T) {
	opts := Options{Pages: 1, Brands: 1, History: 1, Seed: 1}
	dir := writeCorpus(t, opts)
	m := loadModel(t, dir)
	rel := AssessmentPath(1, 0, 0)
	orig, err := os.ReadFile(filepath.Join(dir, rel))
	if err != nil {
		t.Fatal(err)
	}
	d, c := m.Dimensions[0], m.Dimensions[0].Criteria[0]
	edited, err := SetRating(orig, d.ID, c.ID, m.Scale.Max, "Seen in the bench")
	if err != nil {
		t.Fatal(err)
	}
	a, errs := assessment.Decode(rel, BrandSlug(0), edited, m)
	if len(errs) > 0 {
		t.Fatalf("edited assessment has problems:\n%v", errs.Err())
	}
	if r := a.Scores[d.ID][c.ID]; r.Level != m.Scale.Max || r.Evidence != "Seen in the bench" {
		t.Errorf("rating after the edit: %+v", r)
	}
}
