package assessment

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLoad_GroupsBySlugOldestFirst(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"assessments/README.md":                        "# Assessments\n",
		"assessments/zeta/2026-01-01.toml":             fileText("Zeta", "2026-01-01"),
		"assessments/acme/2026-09-30.toml":             fileText("Acme", "2026-09-30"),
		"assessments/acme/2025-03-01.toml":             fileText("Acme", "2025-03-01"),
		"assessments/acme/2026-02-14.toml":             fileText("Acme", "2026-02-14"),
		"assessments/acme/.#2026-09-30.toml":           "garbage",
		"assessments/acme/2026-09-30.toml~":            "garbage",
		"assessments/acme/.2026-09-30.toml.swp":        "garbage",
		"assessments/acme/#2026-09-30.toml#":           "garbage",
		"assessments/acme/2026-09-30.toml___jb_tmp___": "garbage",
		"assessments/.DS_Store":                        "garbage",
		"assessments/.hidden/2026-01-01.toml":          "garbage",
	})
	brands, errs := Load(dir, testModel())
	if len(errs) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", strings.Join(strs(errs), "\n"))
	}
	if len(brands) != 2 || brands[0].Slug != "acme" || brands[1].Slug != "zeta" {
		t.Fatalf("brands = %v", brands)
	}
	var dates []string
	for _, a := range brands[0].Assessments {
		dates = append(dates, Date(a.Assessed))
		if a.Slug != "acme" || !strings.HasPrefix(a.Path, "assessments/acme/") {
			t.Errorf("assessment slug %q path %q", a.Slug, a.Path)
		}
	}
	if got := strings.Join(dates, " "); got != "2025-03-01 2026-02-14 2026-09-30" {
		t.Errorf("acme dates = %s, want oldest first", got)
	}
	if brands[0].Name() != "Acme" {
		t.Errorf("name = %q", brands[0].Name())
	}
}

func TestLoad_WithoutAssessmentsFolderHasNoBrands(t *testing.T) {
	brands, errs := Load(t.TempDir(), testModel())
	if len(brands) != 0 || len(errs) != 0 {
		t.Fatalf("got %v, %v", brands, errs)
	}
}

func TestLoad_ReportsLayoutProblems(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"folder not a slug", map[string]string{"assessments/Acme Corp/2026-01-01.toml": fileText("Acme", "2026-01-01")},
			`assessments/Acme Corp: folder name "Acme Corp" is not a brand slug; expected lowercase letters, digits and hyphens`},
		{"folder starting with a hyphen", map[string]string{"assessments/-acme/2026-01-01.toml": fileText("Acme", "2026-01-01")},
			`assessments/-acme: folder name "-acme" is not a brand slug`},
		{"file that is not a date", map[string]string{"assessments/acme/notes.txt": "x"},
			`assessments/acme/notes.txt: file name "notes.txt" is not an assessment; expected <YYYY-MM-DD>.toml`},
		{"impossible date", map[string]string{"assessments/acme/2026-13-01.toml": fileText("Acme", "2026-01-01")},
			`assessments/acme/2026-13-01.toml: file name "2026-13-01.toml" is not an assessment`},
		{"short date", map[string]string{"assessments/acme/2026-1-1.toml": fileText("Acme", "2026-01-01")},
			`assessments/acme/2026-1-1.toml: file name "2026-1-1.toml" is not an assessment`},
		{"folder inside a brand", map[string]string{"assessments/acme/old/2026-01-01.toml": fileText("Acme", "2026-01-01")},
			`assessments/acme/old: expected only assessment files in a brand folder, found a folder`},
		{"file directly in assessments", map[string]string{"assessments/2026-01-01.toml": fileText("Acme", "2026-01-01")},
			`assessments/2026-01-01.toml: expected only brand folders (and a README.md) in assessments/`},
		{"README in a brand folder", map[string]string{"assessments/acme/README.md": "x", "assessments/acme/2026-01-01.toml": fileText("Acme", "2026-01-01")},
			`assessments/acme/README.md: file name "README.md" is not an assessment`},
		{"invalid content", map[string]string{"assessments/acme/2026-01-01.toml": "brand = \"Acme\"\nassessed = 2026-01-02\n"},
			`assessments/acme/2026-01-01.toml:2:12: assessed: 2026-01-02 does not match the file name's date 2026-01-01`},
		{"empty file", map[string]string{"assessments/acme/2026-01-01.toml": ""},
			`assessments/acme/2026-01-01.toml:1:1: the file is empty`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeFiles(t, tc.files)
			_, errs := Load(dir, testModel())
			if !errs.HasErrors() {
				t.Fatalf("want errors, got %v", errs)
			}
			assertHas(t, errs, tc.want)
		})
	}
}

func TestLoad_EmptyBrandFolderIsAWarning(t *testing.T) {
	dir := writeFiles(t, map[string]string{"assessments/acme/.keep": ""})
	brands, errs := Load(dir, testModel())
	if len(brands) != 0 || errs.HasErrors() || len(errs) != 1 {
		t.Fatalf("brands %v, diagnostics %v", brands, errs)
	}
	assertHas(t, errs, "assessments/acme: warning: no assessments in this brand folder")
}

func TestLoad_LeavesOutInvalidAssessmentsButKeepsTheRest(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"assessments/acme/2026-01-01.toml": fileText("Acme", "2026-01-01"),
		"assessments/acme/2026-02-01.toml": fileText("Acme", "2026-02-01") + "[scores.operations]\non-call = 9\n",
		"assessments/beta/2026-01-01.toml": "brand = ",
	})
	brands, errs := Load(dir, testModel())
	assertHas(t, errs,
		"assessments/acme/2026-02-01.toml:4:11: scores.operations.on-call.level: level 9 is outside the scale",
		"assessments/beta/2026-01-01.toml:1:",
	)
	if len(brands) != 1 || len(brands[0].Assessments) != 1 || Date(brands[0].Current().Assessed) != "2026-01-01" {
		t.Fatalf("want only acme's valid assessment, got %v", brands)
	}
}

func TestLoad_ReportsProblemsInEveryFileAtOnce(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"assessments/acme/2026-01-01.toml":  "brand = \"Acme\"\nassessed = 2026-01-01\nplatform = \"x\"\n",
		"assessments/acme/2026-02-01.toml":  "brand = \"Acme\"\nassessed = 2026-02-01\nvisibility = \"x\"\n",
		"assessments/beta/2026-03-01.toml":  "assessed = 2026-03-01\n",
		"assessments/Gamma/2026-01-01.toml": fileText("G", "2026-01-01"),
		"assessments/delta/today.toml":      fileText("D", "2026-01-01"),
	})
	_, errs := Load(dir, testModel())
	want := []string{
		"assessments/Gamma: folder name",
		"assessments/acme/2026-01-01.toml:3:12: platform:",
		"assessments/acme/2026-02-01.toml:3:14: visibility:",
		"assessments/beta/2026-03-01.toml:1:1: brand: required",
		`assessments/delta/today.toml: file name "today.toml"`,
	}
	assertHas(t, errs, want...)
	if len(errs) != len(want) {
		t.Errorf("want %d diagnostics, got:\n%s", len(want), strings.Join(strs(errs), "\n"))
	}
	for i := 1; i < len(errs); i++ {
		if errs[i-1].Path > errs[i].Path {
			t.Errorf("diagnostics not sorted: %s before %s", errs[i-1].Path, errs[i].Path)
		}
	}
}

func TestLoad_WarnsWhenBrandNamesDisagree(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"assessments/acme/2025-01-01.toml": "# old\nbrand = \"ACME Ltd\"\nassessed = 2025-01-01\n",
		"assessments/acme/2026-01-01.toml": fileText("Acme", "2026-01-01"),
	})
	brands, errs := Load(dir, testModel())
	if errs.HasErrors() || len(errs) != 1 || len(brands) != 1 {
		t.Fatalf("want one warning and one brand, got %v / %v", errs, brands)
	}
	assertHas(t, errs, `assessments/acme/2025-01-01.toml:2:9: warning: brand "ACME Ltd" differs from "Acme" in the newest assessment, assessments/acme/2026-01-01.toml; the newest name is shown`)
	if brands[0].Name() != "Acme" {
		t.Errorf("name = %q", brands[0].Name())
	}
}

func TestLoad_RefusesFilesOverOneMiB(t *testing.T) {
	dir := writeFiles(t, map[string]string{"assessments/acme/2026-01-01.toml": fileText("Acme", "2026-01-01")})
	big := filepath.Join(dir, "assessments", "acme", "2026-02-01.toml")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse file: the loader must refuse it by size, not by reading it.
	if err := f.Truncate(64 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	brands, errs := Load(dir, testModel())
	assertHas(t, errs, "assessments/acme/2026-02-01.toml: the file is 67108864 bytes; an assessment may be at most 1048576 (1 MiB)")
	if len(brands) != 1 || len(brands[0].Assessments) != 1 {
		t.Errorf("the valid assessment should still load: %v", brands)
	}
	_, errs = LoadFile(dir, "assessments/acme/2026-02-01.toml", testModel())
	assertHas(t, errs, "assessments/acme/2026-02-01.toml: the file is 67108864 bytes")
}

func TestLoad_SymbolicLinks(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "2026-01-01.toml"), []byte(fileText("Secret", "2026-01-01")), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string)
		want  string // "" means the link is followed and loads
	}{
		{"file link outside", func(t *testing.T, dir string) {
			symlink(t, filepath.Join(outside, "2026-01-01.toml"), filepath.Join(dir, "assessments", "acme", "2026-01-01.toml"))
		}, "assessments/acme/2026-01-01.toml: the symbolic link leads outside the site folder"},
		{"brand folder link outside", func(t *testing.T, dir string) {
			symlink(t, outside, filepath.Join(dir, "assessments", "secret"))
		}, "assessments/secret: the symbolic link leads outside the site folder"},
		{"relative link climbing out", func(t *testing.T, dir string) {
			rel, err := filepath.Rel(filepath.Join(dir, "assessments", "acme"), filepath.Join(outside, "2026-01-01.toml"))
			if err != nil {
				t.Skip(err)
			}
			symlink(t, rel, filepath.Join(dir, "assessments", "acme", "2026-01-01.toml"))
		}, "assessments/acme/2026-01-01.toml: the symbolic link leads outside the site folder"},
		{"assessments folder link outside", func(t *testing.T, dir string) {
			if err := os.RemoveAll(filepath.Join(dir, "assessments")); err != nil {
				t.Fatal(err)
			}
			symlink(t, outside, filepath.Join(dir, "assessments"))
		}, "assessments: the symbolic link leads outside the site folder"},
		{"link loop", func(t *testing.T, dir string) {
			a := filepath.Join(dir, "assessments", "acme", "2026-01-01.toml")
			b := filepath.Join(dir, "assessments", "acme", "2026-02-01.toml")
			symlink(t, b, a)
			symlink(t, a, b)
		}, "assessments/acme/2026-01-01.toml: the symbolic link loops"},
		{"dangling link", func(t *testing.T, dir string) {
			symlink(t, filepath.Join(dir, "nowhere.toml"), filepath.Join(dir, "assessments", "acme", "2026-01-01.toml"))
		}, "assessments/acme/2026-01-01.toml: the symbolic link leads to a file that does not exist"},
		{"file link inside", func(t *testing.T, dir string) {
			shared := filepath.Join(dir, "shared.toml")
			if err := os.WriteFile(shared, []byte(fileText("Acme", "2026-01-01")), 0o644); err != nil {
				t.Fatal(err)
			}
			symlink(t, shared, filepath.Join(dir, "assessments", "acme", "2026-01-01.toml"))
		}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"assessments/acme/.keep": ""})
			tc.setup(t, dir)
			brands, errs := Load(dir, testModel())
			if tc.want == "" {
				if len(errs) > 0 || len(brands) != 1 || brands[0].Name() != "Acme" {
					t.Fatalf("want the linked file loaded, got %v / %v", brands, errs)
				}
				return
			}
			assertHas(t, errs, tc.want)
			for _, b := range brands {
				if b.Name() == "Secret" {
					t.Fatal("followed a link out of the site")
				}
			}
		})
	}
}

func TestLoadFile(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"assessments/acme/2026-01-01.toml": fileText("Acme", "2026-01-01"),
		"assessments/acme/2026-02-01.toml": fileText("Acme", "2026-02-02"),
	})
	a, errs := LoadFile(dir, "assessments/acme/2026-01-01.toml", testModel())
	if len(errs) > 0 || a == nil || a.Slug != "acme" || a.Path != "assessments/acme/2026-01-01.toml" {
		t.Fatalf("LoadFile = %+v, %v", a, errs)
	}
	tests := []struct{ rel, want string }{
		{"assessments/acme/2026-02-01.toml", "assessments/acme/2026-02-01.toml:2:12: assessed: 2026-02-02 does not match"},
		{"assessments/acme/2026-03-01.toml", "assessments/acme/2026-03-01.toml: file does not exist"},
		{"assessments/Acme/2026-01-01.toml", `assessments/Acme: folder name "Acme" is not a brand slug`},
		{"assessments/acme/latest.toml", `assessments/acme/latest.toml: file name "latest.toml" is not an assessment`},
		{"content/acme/2026-01-01.toml", "expected an assessment at assessments/<brand-slug>/<YYYY-MM-DD>.toml"},
		{"assessments/../../etc/2026-01-01.toml", "expected an assessment at assessments/<brand-slug>/<YYYY-MM-DD>.toml"},
	}
	for _, tc := range tests {
		t.Run(tc.rel, func(t *testing.T) {
			a, errs := LoadFile(dir, tc.rel, testModel())
			if a != nil {
				t.Error("want no assessment")
			}
			assertHas(t, errs, tc.want)
		})
	}
}

func TestGroup_RejectsTwoAssessmentsOnOneDate(t *testing.T) {
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	_, errs := Group([]*Assessment{
		{Slug: "acme", Brand: "Acme", Assessed: day, Path: "a.toml"},
		{Slug: "acme", Brand: "Acme", Assessed: day, Path: "b.toml"},
	})
	assertHas(t, errs, `b.toml: a second assessment of "acme" dated 2026-01-01 (the other is a.toml)`)
}

func TestLoadBrand_ReloadsOneBrandFolder(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"assessments/acme/2026-01-01.toml": fileText("Acme", "2026-01-01"),
		"assessments/acme/2025-01-01.toml": fileText("Acme", "2025-01-01"),
		"assessments/beta/2026-01-01.toml": fileText("Beta", "2026-01-01") + "platform = \"nope\"\n",
	})
	b, errs := LoadBrand(dir, "acme", testModel(), nil)
	if len(errs) > 0 || b == nil || b.Slug != "acme" || len(b.Assessments) != 2 || Date(b.Assessments[0].Assessed) != "2025-01-01" {
		t.Fatalf("LoadBrand(acme) = %+v, %v", b, errs)
	}
	b, errs = LoadBrand(dir, "beta", testModel(), nil)
	if b != nil {
		t.Errorf("a brand without valid assessments should be nil, got %+v", b)
	}
	assertHas(t, errs, `assessments/beta/2026-01-01.toml:3:12: platform: unknown platform "nope"`)
	if b, errs := LoadBrand(dir, "gone", testModel(), nil); b != nil || len(errs) != 0 {
		t.Errorf("a missing folder has no brand and no problems, got %v, %v", b, errs)
	}
	_, errs = LoadBrand(dir, "Bad Slug", testModel(), nil)
	assertHas(t, errs, `assessments/Bad Slug: folder name "Bad Slug" is not a brand slug`)
}

// TestLoadBrand_DecodesAgainOnlyTheFilesThatChanged loads a brand again
// with what the last load decoded: an unchanged file is the same
// assessment, with its warning reported again; a changed file, a new
// one, and every file under another model are decoded again; a removed
// file is forgotten.
func TestLoadBrand_DecodesAgainOnlyTheFilesThatChanged(t *testing.T) {
	older, newer := "assessments/acme/2025-01-01.toml", "assessments/acme/2026-01-01.toml"
	dir := writeFiles(t, map[string]string{
		older: fileText("Acme", "2025-01-01") + "go_live = 2025-06-01\n", // a warning: go-live after the date
		newer: fileText("Acme", "2026-01-01"),
	})
	m := testModel()
	var last Decoded
	load := func() *Brand {
		t.Helper()
		b, errs := LoadBrand(dir, "acme", m, &last)
		if errs.HasErrors() || b == nil {
			t.Fatalf("LoadBrand = %+v, %v", b, errs)
		}
		assertHas(t, errs, older+":3:11: warning: go_live: 2025-06-01 is after the assessment date 2025-01-01")
		return b
	}
	first := load()
	write := func(rel, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(rel)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(newer, fileText("Acme Renamed", "2026-01-01"))
	second := load()
	if second.Assessments[0] != first.Assessments[0] {
		t.Error("the unchanged file was decoded again")
	}
	if second.Assessments[1] == first.Assessments[1] || second.Assessments[1].Brand != "Acme Renamed" {
		t.Errorf("the changed file reads %q, the same assessment as before: %v", second.Assessments[1].Brand, second.Assessments[1] == first.Assessments[1])
	}
	m = testModel()
	if third := load(); third.Assessments[0] == second.Assessments[0] {
		t.Error("under another model, the unchanged file was not decoded again")
	}
	if err := os.Remove(filepath.Join(dir, filepath.FromSlash(newer))); err != nil {
		t.Fatal(err)
	}
	load()
	if _, ok := last.files[newer]; ok || len(last.files) != 1 {
		t.Errorf("after the file went, the memory holds %d files (%s among them: %v)", len(last.files), newer, ok)
	}
}
