package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"scorebook/generator/internal/gittest"
	"scorebook/generator/internal/scorediff"
)

const diffDate = "2026-10-15"

// portfolioRepo is a repository whose first commit holds the golden site
// and two more brands, and whose second commit lowers northwind (and
// leaves it without an operations owner), raises bluebell, removes acme,
// unlists zenith and adds newco, whose name is hostile to Markdown.
func portfolioRepo(t *testing.T) *gittest.Repo {
	t.Helper()
	r := gittest.New(t)
	r.CopyDir(smallSite, ".")
	north := "assessments/northwind/2026-10-01.toml"
	blue := "assessments/bluebell/2025-11-20.toml"
	r.Write("assessments/acme/2025-11-20.toml", strings.Replace(r.Read(blue), `brand = "Bluebell & Home"`, `brand = "Acme Retail"`, 1))
	r.Write("assessments/zenith/2026-10-01.toml", strings.Replace(r.Read(north), `brand = "Northwind Outfitters"`, `brand = "Zenith"`, 1))
	r.Commit("base: four brands")

	r.Replace(north, "api-gateway = { level = 3", "api-gateway = { level = 0")
	r.Replace(north, "master-data = { level = 3", "master-data = { level = 0")
	r.Replace(north, "monitoring = 3", "monitoring = 0")
	r.Replace(north, "owner = \"Platform team\"\n", "")
	r.Replace(blue, "api-gateway = 2", "api-gateway = 4")
	r.Replace(blue, "monitoring = 2", "monitoring = 4")
	r.Remove("assessments/acme")
	r.Replace("assessments/zenith/2026-10-01.toml", `brand = "Zenith"`, "brand = \"Zenith\"\nvisibility = \"unlisted\"")
	r.Write("assessments/newco/2026-10-01.toml", strings.Replace(r.Read(north), `brand = "Northwind Outfitters"`, `brand = "Newco <b>Home</b> | @octocat"`, 1))
	r.Commit("head: lower, raise, remove, unlist, add")
	return r
}

// diffJSON runs diff and decodes its JSON.
func diffJSON(t *testing.T, args ...string) (scorediff.Diff, result) {
	t.Helper()
	res := run(t, nil, append([]string{"diff", "-format", "json", "-now", diffDate}, args...)...)
	var d scorediff.Diff
	if res.code == 0 || res.code == 1 {
		if err := json.Unmarshal([]byte(res.stdout), &d); err != nil {
			t.Fatalf("diff -format json printed no JSON: %v\n%s\n%s", err, res.stdout, res.stderr)
		}
	}
	return d, res
}

func brandOf(t *testing.T, d scorediff.Diff, slug string) scorediff.Brand {
	t.Helper()
	for _, b := range d.Brands {
		if b.Slug == slug {
			return b
		}
	}
	t.Fatalf("no brand %q in the diff", slug)
	return scorediff.Brand{}
}

func TestDiff_StatusOfEveryKindOfChange(t *testing.T) {
	r := portfolioRepo(t)
	d, res := diffJSON(t, "-src", r.Dir, "-base", "HEAD~1", "-head", "HEAD")
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	want := map[string]string{"acme": "removed", "bluebell": "changed", "newco": "added", "northwind": "changed", "zenith": "removed"}
	var slugs []string
	for _, b := range d.Brands {
		slugs = append(slugs, b.Slug)
		if b.Status != want[b.Slug] {
			t.Errorf("%s: status %q, want %q", b.Slug, b.Status, want[b.Slug])
		}
	}
	if !slices.Equal(slugs, []string{"acme", "bluebell", "newco", "northwind", "zenith"}) {
		t.Errorf("brands %v, want every brand of either side sorted by slug", slugs)
	}
	if d.ModelChanged {
		t.Error("model_changed is true, but site.toml did not change")
	}
	if d.Base.Ref != "HEAD~1" || d.Base.Commit == nil || d.Head.Commit == nil || *d.Head.Commit != r.Git("rev-parse", "HEAD") {
		t.Errorf("base %+v head %+v: want the refs as given and the commits they resolve to", d.Base, d.Head)
	}

	north := brandOf(t, d, "northwind")
	if !(*north.Overall.After < *north.Overall.Before) || north.Band != -1 {
		t.Errorf("northwind: overall %v → %v, band move %d; want lower and down a band", *north.Overall.Before, *north.Overall.After, north.Band)
	}
	if !slices.ContainsFunc(north.Findings.Added, func(f scorediff.Finding) bool { return f.Check == "operational-ownership" && f.Severity == "critical" }) {
		t.Errorf("northwind: findings added %+v, want the critical operational-ownership finding", north.Findings.Added)
	}
	var moved []string
	for _, c := range north.Criteria {
		moved = append(moved, c.Dimension+"."+c.Criterion)
	}
	if !slices.Equal(moved, []string{"architecture.api-gateway", "architecture.master-data", "operations.monitoring"}) {
		t.Errorf("northwind: criteria moved %v", moved)
	}

	blue := brandOf(t, d, "bluebell")
	if !(*blue.Overall.After > *blue.Overall.Before) || blue.Band != 1 {
		t.Errorf("bluebell: overall %v → %v, band move %d; want higher and up a band", *blue.Overall.Before, *blue.Overall.After, blue.Band)
	}
	if *blue.Name.Before != "Bluebell & Home" || *blue.Name.After != "Bluebell & Home" {
		t.Errorf("bluebell: name %v; want it unchanged", blue.Name)
	}

	zenith := brandOf(t, d, "zenith")
	if zenith.Overall.After != nil || zenith.Visibility.After == nil || *zenith.Visibility.After != "unlisted" {
		t.Errorf("zenith: after %v, visibility %v; want no after side and visibility unlisted", zenith.Overall.After, zenith.Visibility.After)
	}
	if len(zenith.Notes) != 1 || !strings.Contains(zenith.Notes[0], "unlisted") {
		t.Errorf("zenith: notes %q, want one saying it was made unlisted", zenith.Notes)
	}
	acme := brandOf(t, d, "acme")
	if acme.Overall.After != nil || acme.Overall.Before == nil || len(acme.Findings.Added) != 0 {
		t.Errorf("acme: %+v; want a before side only", acme)
	}
	newco := brandOf(t, d, "newco")
	if newco.Overall.Before != nil || newco.Overall.After == nil || newco.Level.Before != nil {
		t.Errorf("newco: %+v; want an after side only", newco)
	}
}

// TestDiff_AgreesWithTheBuiltScorecards builds each revision from a
// checkout with `scorebook build` and compares every scorecard.json with
// what diff reports for that side.
func TestDiff_AgreesWithTheBuiltScorecards(t *testing.T) {
	r := portfolioRepo(t)
	d, res := diffJSON(t, "-src", r.Dir, "-base", "HEAD~1", "-head", "HEAD")
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	for side, rev := range []string{"HEAD~1", "HEAD"} {
		tree := filepath.Join(t.TempDir(), "tree")
		r.Git("worktree", "add", "-q", "--detach", tree, rev)
		out := filepath.Join(t.TempDir(), "public")
		if res := run(t, nil, "build", "-q", "-src", tree, "-out", out, "-now", diffDate, "-cache", "off"); res.code != 0 {
			t.Fatalf("build %s: exit %d: %s", rev, res.code, res.stderr)
		}
		for _, b := range d.Brands {
			overall, level := b.Overall.Before, b.Level.Before
			if side == 1 {
				overall, level = b.Overall.After, b.Level.After
			}
			data, err := os.ReadFile(filepath.Join(out, "scorecards", b.Slug, "scorecard.json"))
			if overall == nil {
				if err == nil {
					t.Errorf("%s at %s: diff says no side, but the build published a scorecard", b.Slug, rev)
				}
				continue
			}
			if err != nil {
				t.Errorf("%s at %s: diff has a side, the build published none: %v", b.Slug, rev, err)
				continue
			}
			var card struct {
				Overall struct {
					Score *float64 `json:"score"`
					Level *string  `json:"level"`
				} `json:"overall"`
				Dimensions []struct {
					ID    string   `json:"id"`
					Score *float64 `json:"score"`
				} `json:"dimensions"`
			}
			if err := json.Unmarshal(data, &card); err != nil {
				t.Fatal(err)
			}
			if *card.Overall.Score != *overall || *card.Overall.Level != *level {
				t.Errorf("%s at %s: built %v %v, diff says %v %v", b.Slug, rev, *card.Overall.Score, *card.Overall.Level, *overall, *level)
			}
			for i, dim := range card.Dimensions {
				got := b.Dimensions[i].Before
				if side == 1 {
					got = b.Dimensions[i].After
				}
				if b.Dimensions[i].ID != dim.ID || (got == nil) != (dim.Score == nil) || got != nil && *got != *dim.Score {
					t.Errorf("%s at %s: dimension %s built %v, diff says %s %v", b.Slug, rev, dim.ID, dim.Score, b.Dimensions[i].ID, got)
				}
			}
		}
	}
}

func TestDiff_FailOn(t *testing.T) {
	r := portfolioRepo(t)
	for _, tc := range []struct {
		failOn string
		base   string
		want   int
	}{
		{"none", "HEAD~1", 0},
		{"regression", "HEAD~1", 1},
		{"level-drop", "HEAD~1", 1},
		{"new-critical", "HEAD~1", 1},
		// Reversed, the same commits raise northwind and clear its critical
		// finding, but bluebell drops.
		{"regression", "HEAD", 1},
	} {
		t.Run(tc.failOn+"/"+tc.base, func(t *testing.T) {
			head := "HEAD"
			if tc.base == "HEAD" {
				head = "HEAD~1"
			}
			res := run(t, nil, "diff", "-src", r.Dir, "-base", tc.base, "-head", head, "-now", diffDate, "-fail-on", tc.failOn)
			if res.code != tc.want {
				t.Errorf("exit %d, want %d\n%s%s", res.code, tc.want, res.stdout, res.stderr)
			}
			if !strings.Contains(res.stdout, "changed") {
				t.Errorf("the report is printed whether the condition holds or not; got %q", res.stdout)
			}
		})
	}
	// Only raises: nothing fails.
	r2 := gittest.New(t)
	r2.CopyDir(smallSite, ".")
	r2.Commit("base")
	r2.Replace("assessments/bluebell/2025-11-20.toml", "api-gateway = 2", "api-gateway = 3")
	for _, cond := range scorediff.FailConditions {
		if res := run(t, nil, "diff", "-src", r2.Dir, "-now", diffDate, "-fail-on", cond); res.code != 0 {
			t.Errorf("a raise with -fail-on %s: exit %d\n%s", cond, res.code, res.stderr)
		}
	}
}

func TestDiff_MarkdownComment(t *testing.T) {
	r := portfolioRepo(t)
	res := run(t, nil, "diff", "-src", r.Dir, "-base", "HEAD~1", "-head", "HEAD", "-now", diffDate, "-format", "markdown")
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	md := res.stdout
	lines := strings.Split(md, "\n")
	if lines[0] != scorediff.Marker {
		t.Errorf("first line %q, want the marker %q", lines[0], scorediff.Marker)
	}
	if !strings.Contains(lines[1], "2 brands changed (1 down a band, 1 up a band)") {
		t.Errorf("verdict %q", lines[1])
	}
	for _, want := range []string{
		"| Brand | Status | Overall | Band | Findings |",
		"▼", "▲", "(1 critical)",
		"<details><summary>Northwind Outfitters (northwind): changed</summary>",
		"Newco &#60;b&#62;Home&#60;/b&#62; &#124; &#64;\u2060octocat",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the comment lacks %q:\n%s", want, md)
		}
	}
	for _, bad := range []string{"<b>", "| @octocat", "@octocat"} {
		if strings.Contains(md, bad) {
			t.Errorf("the comment holds %q unescaped:\n%s", bad, md)
		}
	}
	for _, row := range lines {
		if strings.HasPrefix(row, "| ") && strings.Count(row, "|") != 6 {
			t.Errorf("table row with %d cell separators, want 6: %s", strings.Count(row, "|"), row)
		}
	}
}

func TestDiff_ModelChangeIsSaidFirst(t *testing.T) {
	r := gittest.New(t)
	r.CopyDir(smallSite, ".")
	r.Commit("base")
	r.Replace("site.toml", `version = "golden.1"`, `version = "golden.2"`)
	r.Replace("site.toml", "name = \"Architectural foundation\"\nweight = 1.0", "name = \"Architectural foundation\"\nweight = 3.0")
	d, res := diffJSON(t, "-src", r.Dir)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	if !d.ModelChanged || *d.Model.Before != "golden.1" || *d.Model.After != "golden.2" {
		t.Errorf("model_changed %v, versions %v → %v", d.ModelChanged, *d.Model.Before, *d.Model.After)
	}
	if d.Head.Ref != scorediff.WorkingTree || d.Head.Commit != nil {
		t.Errorf("head %+v, want the working tree without a commit", d.Head)
	}
	if brandOf(t, d, "northwind").Status != "changed" {
		t.Error("northwind: a heavier dimension changed its overall score, but the status is not changed")
	}
	md := run(t, nil, "diff", "-src", r.Dir, "-now", diffDate, "-format", "markdown").stdout
	if _, verdict, _ := strings.Cut(md, "\n"); !strings.Contains(strings.SplitN(verdict, "\n", 2)[0], "The scoring model changed") {
		t.Errorf("the verdict does not start with the model change:\n%s", md)
	}
	txt := run(t, nil, "diff", "-src", r.Dir, "-now", diffDate).stdout
	if !strings.Contains(strings.Split(txt, "\n")[1], "The scoring model changed (version golden.1 → golden.2)") {
		t.Errorf("text verdict:\n%s", txt)
	}
}

func TestDiff_CannotCompare(t *testing.T) {
	r := gittest.New(t)
	r.Write("README", "top\n")
	r.CopyDir(smallSite, "site")
	north := "site/assessments/northwind/2026-10-01.toml"
	r.Replace(north, "event-backbone = 2", "event-backbone = 9")
	r.Commit("a level off the scale")
	r.Replace(north, "event-backbone = 9", "event-backbone = 2")
	r.Commit("fixed")
	src := filepath.Join(r.Dir, "site")

	t.Run("file that does not load on one side", func(t *testing.T) {
		res := run(t, nil, "diff", "-src", src, "-base", "HEAD~1", "-now", diffDate, "-format", "markdown")
		if res.code != 2 || res.stdout != "" {
			t.Fatalf("exit %d, stdout %q; want 2 and nothing written", res.code, res.stdout)
		}
		if !strings.Contains(res.stderr, "HEAD~1:site/assessments/northwind/2026-10-01.toml:12:18: ") {
			t.Errorf("stderr does not name REV:path:line:col:\n%s", res.stderr)
		}
	})
	t.Run("the fixed side loads", func(t *testing.T) {
		if res := run(t, nil, "diff", "-src", src, "-now", diffDate); res.code != 0 {
			t.Errorf("exit %d: %s", res.code, res.stderr)
		}
	})
	t.Run("working tree that does not load", func(t *testing.T) {
		r.Replace(north, "event-backbone = 2", "event-backbone = \"two\"")
		defer r.Replace(north, "event-backbone = \"two\"", "event-backbone = 2")
		res := run(t, nil, "diff", "-src", src, "-now", diffDate)
		if res.code != 2 || res.stdout != "" || !strings.Contains(res.stderr, "assessments/northwind/2026-10-01.toml:12:18: ") {
			t.Errorf("exit %d, stdout %q, stderr %q", res.code, res.stdout, res.stderr)
		}
	})
	t.Run("unknown revision", func(t *testing.T) {
		res := run(t, nil, "diff", "-src", src, "-base", "no-such-branch")
		if res.code != 2 || res.stdout != "" || !strings.Contains(res.err.Error(), `revision "no-such-branch" names no commit`) {
			t.Errorf("exit %d, stdout %q, err %v", res.code, res.stdout, res.err)
		}
	})
	t.Run("no site at the revision", func(t *testing.T) {
		first := gittest.New(t)
		first.Write("README", "empty\n")
		first.Commit("before the site")
		first.CopyDir(smallSite, ".")
		res := run(t, nil, "diff", "-src", first.Dir)
		if res.code != 2 || !strings.Contains(res.stderr, "HEAD:site.toml: no site.toml") {
			t.Errorf("exit %d, stderr %q", res.code, res.stderr)
		}
	})
	t.Run("shallow clone without the base", func(t *testing.T) {
		clone := filepath.Join(t.TempDir(), "clone")
		gittest.Run(t, t.TempDir(), nil, "clone", "-q", "--depth", "1", "file://"+r.Dir, clone)
		res := run(t, nil, "diff", "-src", filepath.Join(clone, "site"), "-base", "HEAD~1")
		if res.code != 2 || res.stdout != "" {
			t.Fatalf("exit %d, stdout %q", res.code, res.stdout)
		}
		for _, want := range []string{"shallow clone", "git fetch --unshallow", "fetch-depth: 0"} {
			if !strings.Contains(res.err.Error(), want) {
				t.Errorf("error %q does not say %q", res.err, want)
			}
		}
	})
	t.Run("not a git repository", func(t *testing.T) {
		res := run(t, nil, "diff", "-src", copySite(t, smallSite))
		if res.code != 2 || !strings.Contains(res.err.Error(), "not a git repository") {
			t.Errorf("exit %d, err %v", res.code, res.err)
		}
	})
	t.Run("bad flags", func(t *testing.T) {
		for _, args := range [][]string{{"-format", "html"}, {"-fail-on", "anything"}, {"-now", "soon"}} {
			if res := run(t, nil, append([]string{"diff", "-src", src}, args...)...); res.code != 2 {
				t.Errorf("%v: exit %d, want 2", args, res.code)
			}
		}
	})
}

func TestDiff_JSONContractKeys(t *testing.T) {
	r := portfolioRepo(t)
	res := run(t, nil, "diff", "-src", r.Dir, "-base", "HEAD~1", "-head", "HEAD", "-now", diffDate, "-format", "json")
	var doc map[string]any
	if err := json.Unmarshal([]byte(res.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"base", "head", "model_changed", "brands"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("no top-level key %q", k)
		}
	}
	for _, side := range []string{"base", "head"} {
		s := doc[side].(map[string]any)
		if _, ok := s["ref"]; !ok {
			t.Errorf("%s has no ref", side)
		}
		if _, ok := s["commit"]; !ok {
			t.Errorf("%s has no commit", side)
		}
	}
	for _, b := range doc["brands"].([]any) {
		brand := b.(map[string]any)
		for _, k := range []string{"slug", "brand", "status", "overall", "level", "dimensions", "criteria", "findings"} {
			if _, ok := brand[k]; !ok {
				t.Errorf("brand %v has no %q", brand["slug"], k)
			}
		}
		for _, k := range []string{"overall", "level"} {
			pair := brand[k].(map[string]any)
			if _, ok := pair["before"]; !ok {
				t.Errorf("%v.%s has no before", brand["slug"], k)
			}
			if _, ok := pair["after"]; !ok {
				t.Errorf("%v.%s has no after", brand["slug"], k)
			}
		}
		f := brand["findings"].(map[string]any)
		if f["added"] == nil || f["cleared"] == nil {
			t.Errorf("%v: findings %v, want added and cleared lists (empty, not null)", brand["slug"], f)
		}
		if brand["status"] == "added" && brand["overall"].(map[string]any)["before"] != nil {
			t.Errorf("%v: an added brand's before side is not null", brand["slug"])
		}
	}
}

// TestDiff_RenamedBrandIsNotCompared checks that a brand renamed between
// the revisions, in its name or its folder, stops the comparison with a
// message saying which brand and how (exit 2, nothing on standard output).
func TestDiff_RenamedBrandIsNotCompared(t *testing.T) {
	for _, tc := range []struct {
		name   string
		rename func(r *gittest.Repo)
		want   string
	}{
		{"name", func(r *gittest.Repo) {
			r.Replace("assessments/bluebell/2025-11-20.toml", `brand = "Bluebell & Home"`, `brand = "Bluebell Living"`)
		}, `assessments/bluebell/: brand "Bluebell & Home" is named "Bluebell Living" at the head`},
		{"folder", func(r *gittest.Repo) {
			for _, f := range []string{"2025-06-15.toml", "2025-11-20.toml"} {
				r.Write("assessments/bluebell-home/"+f, r.Read("assessments/bluebell/"+f))
			}
			r.Remove("assessments/bluebell")
		}, `assessments/bluebell/: brand "Bluebell & Home" moved to assessments/bluebell-home/`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := gittest.New(t)
			r.CopyDir(smallSite, ".")
			r.Commit("base")
			tc.rename(r)
			r.Commit("rename")
			res := run(t, nil, "diff", "-src", r.Dir, "-base", "HEAD~1", "-head", "HEAD", "-now", diffDate)
			if res.code != 2 || res.stdout != "" || !strings.Contains(res.stderr, tc.want) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 2, nothing printed, and %q", res.code, res.stdout, res.stderr, tc.want)
			}
		})
	}
}
