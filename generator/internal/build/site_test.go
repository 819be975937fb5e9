package build_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"maps"
	"math"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"scorebook/generator/internal/site"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/BurntSushi/toml"

	"scorebook/generator/internal/build"
	"scorebook/generator/internal/cli"
	"scorebook/generator/internal/routes"
)

// The whole-site tests build the shipped playbook once and read what was
// written the way a reader, a crawler or a script would.

var (
	shippedOnce sync.Once
	shippedOut  string
	shippedErr  error
	shippedSum  *build.Summary // the summary of that build
	shippedTmp  string
)

func TestMain(m *testing.M) {
	// Every output a dev server's build takes from memory is made again
	// and compared: a dependency the memory misses fails the edit that
	// shows it instead of passing unseen.
	site.VerifyMemory(true)
	code := m.Run()
	if shippedTmp != "" {
		os.RemoveAll(shippedTmp)
	}
	os.Exit(code)
}

// shippedSite returns the output of one build of the shipped playbook
// without a share key, made once for all tests.
func shippedSite(t *testing.T) map[string][]byte {
	t.Helper()
	shippedOnce.Do(func() {
		shippedTmp, shippedErr = os.MkdirTemp("", "scorebook-shipped-")
		if shippedErr != nil {
			return
		}
		shippedOut = filepath.Join(shippedTmp, "public")
		shippedSum, shippedErr = build.New(options(shippedSrc, shippedOut, build.Publish)).Build(context.Background(), nil)
	})
	if shippedErr != nil {
		t.Fatalf("build the shipped playbook: %s", describeErr(shippedErr))
	}
	return readTree(t, shippedOut)
}

// shippedModel is the part of site.toml the tests recompute scores from,
// decoded independently of the generator's own loader.
type shippedModel struct {
	Model struct {
		Version    string
		Dimensions []struct {
			ID       string
			Weight   float64
			Criteria []struct {
				ID     string
				Weight float64
			}
		}
		Patterns []struct{ ID string }
		Levels   []struct {
			Name string
			Min  float64
		}
		Checks []struct{ ID string }
	}
}

func readModel(t *testing.T, src string) shippedModel {
	t.Helper()
	var m shippedModel
	if _, err := toml.DecodeFile(filepath.Join(src, "site.toml"), &m); err != nil {
		t.Fatalf("decode site.toml: %v", err)
	}
	return m
}

// brandFiles is one brand's assessment files as decoded by the test.
type brandFiles struct {
	slug  string
	dates []string         // oldest first
	files []map[string]any // decoded, same order
}

func (b brandFiles) current() map[string]any { return b.files[len(b.files)-1] }

func (b brandFiles) name() string { return b.current()["brand"].(string) }

func (b brandFiles) unlisted() bool { return b.current()["visibility"] == "unlisted" }

func readBrands(t *testing.T, src string) []brandFiles {
	t.Helper()
	dirs, err := os.ReadDir(filepath.Join(src, "assessments"))
	if err != nil {
		t.Fatal(err)
	}
	var brands []brandFiles
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		b := brandFiles{slug: d.Name()}
		names, err := filepath.Glob(filepath.Join(src, "assessments", d.Name(), "*.toml"))
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(names)
		for _, n := range names {
			var f map[string]any
			if _, err := toml.DecodeFile(n, &f); err != nil {
				t.Fatalf("decode %s: %v", n, err)
			}
			b.dates = append(b.dates, strings.TrimSuffix(filepath.Base(n), ".toml"))
			b.files = append(b.files, f)
		}
		brands = append(brands, b)
	}
	return brands
}

// contentURLs lists the URL of every published page of content/.
func contentURLs(t *testing.T, src string) []string {
	t.Helper()
	var urls []string
	root := filepath.Join(src, "content")
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fm, _, ok := strings.Cut(strings.TrimPrefix(string(data), "+++\n"), "\n+++")
		if !ok {
			return fmt.Errorf("%s: no front matter", p)
		}
		var meta struct{ Draft bool }
		if _, err := toml.Decode(fm, &meta); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		if meta.Draft {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = strings.TrimSuffix(filepath.ToSlash(rel), ".md")
		rel = strings.TrimSuffix(strings.TrimSuffix(rel, "_index"), "/")
		url := "/"
		if rel != "" {
			url = "/" + strings.ToLower(rel) + "/"
		}
		urls = append(urls, url)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return urls
}

// pageFile is the output file of a page URL.
func pageFile(url string) string {
	return strings.TrimPrefix(path.Join(url, "index.html"), "/")
}

func TestShippedSite_EveryContractPathExists(t *testing.T) {
	site := shippedSite(t)
	m := readModel(t, shippedSrc)
	want := []string{"index.html", "patterns/index.html", "scorecards/index.html", "scorecards/index.json",
		"model.json", "sitemap.xml", "404.html"}
	for _, url := range contentURLs(t, shippedSrc) {
		want = append(want, pageFile(url))
	}
	for _, d := range m.Model.Dimensions {
		want = append(want, pageFile("/dimensions/"+d.ID+"/"))
	}
	for _, p := range m.Model.Patterns {
		want = append(want, pageFile("/patterns/"+p.ID+"/"))
	}
	for _, c := range m.Model.Checks {
		want = append(want, pageFile("/checks/"+c.ID+"/"))
	}
	listed := 0
	for _, b := range readBrands(t, shippedSrc) {
		if b.unlisted() {
			continue
		}
		listed++
		base := "scorecards/" + b.slug + "/"
		want = append(want, base+"index.html", base+"scorecard.json", base+"scorecard.csv", base+"share.html", base+"badge.svg")
		for _, date := range b.dates[:len(b.dates)-1] {
			want = append(want, base+date+"/index.html", base+date+"/scorecard.json")
		}
	}
	if listed < 2 {
		t.Fatalf("the shipped playbook has %d listed brands; the test expects several", listed)
	}
	for _, rel := range want {
		if _, ok := site[rel]; !ok {
			t.Errorf("%s is missing from the output", rel)
		}
	}
}

// A shape describes a JSON value: "string", "number", "integer", "boolean",
// nullable{shape}, []any{element shape}, mapOf{value shape} (any keys), or
// map[string]any (exactly these keys; a key starting with "?" is an
// extension beyond the contract that may be left out).
type (
	nullable struct{ shape any }
	mapOf    struct{ shape any }
)

// checkShape reports every way v differs from shape.
func checkShape(t *testing.T, where string, v any, shape any) {
	t.Helper()
	switch s := shape.(type) {
	case string:
		ok := false
		switch s {
		case "string":
			_, ok = v.(string)
		case "number":
			_, ok = v.(float64)
		case "integer":
			f, isNum := v.(float64)
			ok = isNum && f == math.Trunc(f)
		case "boolean":
			_, ok = v.(bool)
		}
		if !ok {
			t.Errorf("%s: expected a %s, found %#v", where, s, v)
		}
	case nullable:
		if v != nil {
			checkShape(t, where, v, s.shape)
		}
	case []any:
		list, ok := v.([]any)
		if !ok {
			t.Errorf("%s: expected an array, found %#v", where, v)
			return
		}
		for i, e := range list {
			checkShape(t, fmt.Sprintf("%s[%d]", where, i), e, s[0])
		}
	case mapOf:
		obj, ok := v.(map[string]any)
		if !ok {
			t.Errorf("%s: expected an object, found %#v", where, v)
			return
		}
		for k, e := range obj {
			checkShape(t, where+"."+k, e, s.shape)
		}
	case map[string]any:
		obj, ok := v.(map[string]any)
		if !ok {
			t.Errorf("%s: expected an object, found %#v", where, v)
			return
		}
		for key, sub := range s {
			name, optional := strings.CutPrefix(key, "?")
			e, present := obj[name]
			if !present {
				if !optional {
					t.Errorf("%s: key %q is missing", where, name)
				}
				continue
			}
			checkShape(t, where+"."+name, e, sub)
		}
		for k := range obj {
			_, required := s[k]
			_, extension := s["?"+k]
			if !required && !extension {
				t.Errorf("%s: key %q is not in the contract", where, k)
			}
		}
	default:
		t.Fatalf("bad shape %#v", shape)
	}
}

var modelJSONShape = map[string]any{
	"version": "string",
	"scale":   map[string]any{"min": "integer", "max": "integer"},
	"levels":  []any{map[string]any{"name": "string", "min": "number"}},
	"dimensions": []any{map[string]any{"id": "string", "name": "string", "weight": "number",
		"criteria": []any{map[string]any{"id": "string", "name": "string", "weight": "number"}}}},
	"patterns":  []any{map[string]any{"id": "string", "name": "string"}},
	"platforms": []any{map[string]any{"id": "string", "name": "string"}},
	"domains":   []any{map[string]any{"id": "string", "cadence": "string"}},
}

// scorecardJSONShape is the scorecard.json contract. Extensions the
// generator writes beyond it are named with "?": a criterion's exemption
// reason, the comparison with the previous assessment, a pattern fit's
// criterion and engineer shortfalls, and each history point's journey
// failure rate. Anything else fails the test.
var scorecardJSONShape = map[string]any{
	"brand": "string", "slug": "string", "assessed": "string", "as_of": "string", "model_version": "string",
	"overall": map[string]any{"score": nullable{"number"}, "level": nullable{"string"}, "coverage": "number"},
	"dimensions": []any{map[string]any{"id": "string", "score": nullable{"number"}, "coverage": "number",
		"target": nullable{"number"},
		"criteria": []any{map[string]any{"id": "string", "level": nullable{"integer"}, "exempt": "boolean",
			"evidence": "string", "confidence": "string", "?reason": "string"}}}},
	"coherence": nullable{map[string]any{"runs": "integer", "failures": "integer", "failure_rate": "number"}},
	"findings":  []any{map[string]any{"check": "string", "severity": "string", "message": "string", "page": "string", "?detail": "string"}},
	"?finding_groups": []any{map[string]any{"cause": "string", "severity": "string", "findings": []any{"integer"},
		"?dimensions": []any{map[string]any{"dimension": "string", "score": nullable{"number"}, "target": nullable{"number"},
			"demand": nullable{"number"}, "?pattern": "string"}}}},
	"pattern_fit": []any{map[string]any{"pattern": "string", "fit": "number", "shortfalls": []any{shortfallShape},
		"?criterion_shortfalls": []any{map[string]any{"dimension": "string", "criterion": "string", "required": "integer", "level": nullable{"integer"}}},
		"?engineers":            nullable{map[string]any{"required": "integer", "have": nullable{"integer"}}}}},
	"next_level": nullable{map[string]any{"level": "string", "min": "number", "score_after": "number",
		"?cap": "integer", "?raises": "integer",
		"steps": []any{map[string]any{"dimension": "string", "criterion": "string", "from": "integer", "to": "integer",
			"?covered_by": []any{"integer"}}}}},
	"summary": "string",
	"actions": []any{map[string]any{"title": "string", "criterion": nullable{"string"}, "target": nullable{"integer"},
		"owner": nullable{"string"}, "due": nullable{"string"}, "status": "string", "?overdue": "boolean"}},
	"history": []any{map[string]any{"assessed": "string", "overall": nullable{"number"},
		"dimensions": mapOf{nullable{"number"}}, "?coherence": nullable{"number"}}},
	"?changes": map[string]any{"previous": "string", "overall_delta": nullable{"number"},
		"criteria": []any{map[string]any{"dimension": "string", "criterion": "string", "from": nullable{"integer"},
			"to": nullable{"integer"}, "from_exempt": "boolean", "to_exempt": "boolean"}},
		"new_findings":     []any{map[string]any{"check": "string", "severity": "string", "message": "string", "page": "string", "?detail": "string"}},
		"cleared_findings": []any{map[string]any{"check": "string", "severity": "string", "message": "string", "page": "string", "?detail": "string"}}},
}

// shortfallShape is a pattern's unmet demand; the contract lists
// shortfalls without fixing their form, so this pins what is written.
var shortfallShape = map[string]any{"dimension": "string", "required": "number", "score": nullable{"number"}}

func decodeJSON(t *testing.T, name string, data []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("%s is not JSON: %v", name, err)
	}
	return v
}

// The summary counts, severity by severity, the findings of every
// published brand's current scorecard, as each scorecard.json lists them.
func TestShippedSite_SummaryCountsEveryBrandsFindings(t *testing.T) {
	site := shippedSite(t)
	index := decodeJSON(t, "scorecards/index.json", site["scorecards/index.json"]).(map[string]any)
	want := map[string]int{}
	for _, e := range index["brands"].([]any) {
		rel := strings.TrimPrefix(e.(map[string]any)["url"].(string), "/") + "scorecard.json"
		card := decodeJSON(t, rel, site[rel]).(map[string]any)
		for _, f := range card["findings"].([]any) {
			want[f.(map[string]any)["severity"].(string)]++
		}
	}
	if len(want) < 2 {
		t.Fatalf("the shipped brands' findings have %d severities: too few to tell the counts apart", len(want))
	}
	if !maps.Equal(shippedSum.Findings, want) {
		t.Errorf("summary findings = %v, want %v", shippedSum.Findings, want)
	}
	if n := len(index["brands"].([]any)); shippedSum.Scorecards != n {
		t.Errorf("summary scorecards = %d, want the %d listed", shippedSum.Scorecards, n)
	}
}

func TestShippedSite_JSONFollowsTheContract(t *testing.T) {
	site := shippedSite(t)
	m := readModel(t, shippedSrc)

	model := decodeJSON(t, "model.json", site["model.json"])
	checkShape(t, "model.json", model, modelJSONShape)
	if v := model.(map[string]any)["version"]; v != m.Model.Version {
		t.Errorf("model.json version = %v, want %q from site.toml", v, m.Model.Version)
	}
	if n := len(model.(map[string]any)["dimensions"].([]any)); n != len(m.Model.Dimensions) {
		t.Errorf("model.json lists %d dimensions, site.toml %d", n, len(m.Model.Dimensions))
	}

	for _, b := range readBrands(t, shippedSrc) {
		if b.unlisted() {
			continue
		}
		name := "scorecards/" + b.slug + "/scorecard.json"
		card := decodeJSON(t, name, site[name])
		checkShape(t, name, card, scorecardJSONShape)
		c := card.(map[string]any)
		if c["slug"] != b.slug || c["brand"] != b.name() || c["assessed"] != b.dates[len(b.dates)-1] {
			t.Errorf("%s: slug %v, brand %v, assessed %v; want %s, %s, %s", name, c["slug"], c["brand"], c["assessed"],
				b.slug, b.name(), b.dates[len(b.dates)-1])
		}
		if c["model_version"] != m.Model.Version {
			t.Errorf("%s: model_version %v, want %s", name, c["model_version"], m.Model.Version)
		}
		if h := c["history"].([]any); len(h) != len(b.dates) {
			t.Errorf("%s: history has %d points for %d assessments", name, len(h), len(b.dates))
		}
		for _, f := range c["findings"].([]any) {
			f := f.(map[string]any)
			page := f["page"].(string)
			if page != "/checks/"+f["check"].(string)+"/" || site[strings.TrimPrefix(page, "/")+"index.html"] == nil {
				t.Errorf("%s: finding of %v links to %q, which is not its check's published page", name, f["check"], page)
			}
		}
	}

	index := decodeJSON(t, "scorecards/index.json", site["scorecards/index.json"]).(map[string]any)
	var slugs []string
	for _, e := range index["brands"].([]any) {
		slugs = append(slugs, e.(map[string]any)["slug"].(string))
	}
	var listed []string
	for _, b := range readBrands(t, shippedSrc) {
		if !b.unlisted() {
			listed = append(listed, b.slug)
		}
	}
	if !slices.Equal(slugs, listed) {
		t.Errorf("scorecards/index.json lists %v, want every listed brand %v", slugs, listed)
	}
}

// recomputed is a scorecard's scores as the test computes them from the
// contract's formula.
type recomputed struct {
	overall  *float64
	coverage float64
	level    *string
	dims     map[string]*float64
	dimCover map[string]float64
}

// recompute applies DESIGN.md's formula to one decoded assessment.
func recompute(m shippedModel, a map[string]any) recomputed {
	r := recomputed{dims: map[string]*float64{}, dimCover: map[string]float64{}}
	scores, _ := a["scores"].(map[string]any)
	var sumWS, sumW, sumWC, sumAllW float64
	for _, d := range m.Model.Dimensions {
		crit, _ := scores[d.ID].(map[string]any)
		var sumWL, sumWAssessed, sumCovered, sumAll float64
		for _, c := range d.Criteria {
			sumAll += c.Weight
			switch v := crit[c.ID].(type) {
			case int64:
				sumWL += c.Weight * float64(v)
				sumWAssessed += c.Weight
				sumCovered += c.Weight
			case map[string]any:
				if v["exempt"] == true {
					sumCovered += c.Weight
					continue
				}
				if l, ok := v["level"].(int64); ok {
					sumWL += c.Weight * float64(l)
					sumWAssessed += c.Weight
					sumCovered += c.Weight
				}
			}
		}
		cover := sumCovered / sumAll
		r.dimCover[d.ID] = cover
		sumWC += d.Weight * cover
		sumAllW += d.Weight
		if sumWAssessed > 0 {
			s := sumWL / sumWAssessed
			r.dims[d.ID] = &s
			sumWS += d.Weight * s
			sumW += d.Weight
		} else {
			r.dims[d.ID] = nil
		}
	}
	r.coverage = sumWC / sumAllW
	if sumW > 0 {
		o := sumWS / sumW
		r.overall = &o
		best := -1
		for i, l := range m.Model.Levels {
			if l.Min <= o && (best < 0 || l.Min > m.Model.Levels[best].Min) {
				best = i
			}
		}
		if best >= 0 {
			r.level = &m.Model.Levels[best].Name
		}
	}
	return r
}

func sameScore(got any, want *float64) bool {
	if want == nil {
		return got == nil
	}
	f, ok := got.(float64)
	return ok && math.Abs(f-*want) < 1e-9
}

func show(p *float64) string {
	if p == nil {
		return "null"
	}
	return strconv.FormatFloat(*p, 'g', -1, 64)
}

func TestShippedSite_ScoresFollowTheFormula(t *testing.T) {
	site := shippedSite(t)
	m := readModel(t, shippedSrc)
	checked := 0
	for _, b := range readBrands(t, shippedSrc) {
		if b.unlisted() {
			continue
		}
		name := "scorecards/" + b.slug + "/scorecard.json"
		card := decodeJSON(t, name, site[name]).(map[string]any)
		want := recompute(m, b.current())
		overall := card["overall"].(map[string]any)
		if !sameScore(overall["score"], want.overall) {
			t.Errorf("%s: overall score %v, the formula gives %s", name, overall["score"], show(want.overall))
		}
		if !sameScore(overall["coverage"], &want.coverage) {
			t.Errorf("%s: overall coverage %v, the formula gives %v", name, overall["coverage"], want.coverage)
		}
		if want.level == nil && overall["level"] != nil || want.level != nil && overall["level"] != *want.level {
			t.Errorf("%s: level %v, want %v", name, overall["level"], *want.level)
		}
		for _, d := range card["dimensions"].([]any) {
			dim := d.(map[string]any)
			id := dim["id"].(string)
			if !sameScore(dim["score"], want.dims[id]) {
				t.Errorf("%s: dimension %s scores %v, the formula gives %s", name, id, dim["score"], show(want.dims[id]))
			}
			cover := want.dimCover[id]
			if !sameScore(dim["coverage"], &cover) {
				t.Errorf("%s: dimension %s coverage %v, the formula gives %v", name, id, dim["coverage"], cover)
			}
		}
		// Every point of the history is the same formula applied to an
		// earlier file.
		for i, h := range card["history"].([]any) {
			want := recompute(m, b.files[i])
			point := h.(map[string]any)
			if point["assessed"] != b.dates[i] || !sameScore(point["overall"], want.overall) {
				t.Errorf("%s: history[%d] = %v %v, want %s %s", name, i, point["assessed"], point["overall"], b.dates[i], show(want.overall))
			}
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no listed brand was checked")
	}
}

// urlAttrs are the attributes whose values a browser fetches or follows.
var urlAttrs = map[string]bool{"href": true, "src": true, "action": true, "formaction": true, "xlink:href": true,
	"poster": true, "srcset": true, "data-index": true}

// pageLinks returns the unescaped values of a page's URL attributes.
func pageLinks(page []byte) []string {
	var links []string
	for _, tg := range htmlTags(page) {
		for _, a := range tg.attrs {
			if urlAttrs[a[0]] {
				links = append(links, a[1])
			}
		}
	}
	return links
}

var idPattern = regexp.MustCompile(`\sid="([^"]*)"`)

// resolveLink returns the output file a link from the page at rel leads
// to, and its fragment; ok is false for links that leave the site.
func resolveLink(rel, link string) (file, fragment string, ok bool) {
	if link == "" || strings.HasPrefix(link, "mailto:") || strings.Contains(link, "://") || strings.HasPrefix(link, "data:") {
		return "", "", false
	}
	link, fragment, _ = strings.Cut(link, "#")
	link, _, _ = strings.Cut(link, "?")
	if link == "" {
		return rel, fragment, true
	}
	var target string
	if strings.HasPrefix(link, "/") {
		target = path.Clean(strings.TrimPrefix(link, "/"))
	} else {
		target = path.Join(path.Dir(rel), link)
	}
	if strings.HasSuffix(link, "/") || target == "." {
		target = path.Join(target, "index.html")
	}
	return strings.TrimPrefix(target, "./"), fragment, true
}

// linkProblems follows every link and URL attribute of every HTML page
// and every url() of every stylesheet of a built site, and describes each
// one that leads to no file of the site, or to a fragment the target page
// does not have. It also returns how many internal links it followed.
func linkProblems(site map[string][]byte) (problems []string, followed int) {
	ids := map[string]map[string]bool{}
	idsOf := func(file string) map[string]bool {
		if ids[file] == nil {
			ids[file] = map[string]bool{}
			for _, m := range idPattern.FindAllSubmatch(site[file], -1) {
				ids[file][html.UnescapeString(string(m[1]))] = true
			}
		}
		return ids[file]
	}
	for _, rel := range slices.Sorted(maps.Keys(site)) {
		var links []string
		switch {
		case strings.HasSuffix(rel, ".html"):
			links = pageLinks(site[rel])
		case strings.HasSuffix(rel, ".css"):
			for _, m := range cssURLPattern.FindAllSubmatch(site[rel], -1) {
				links = append(links, string(m[1]))
			}
		}
		for _, link := range links {
			if strings.HasPrefix(strings.ToLower(strings.TrimSpace(link)), "javascript:") {
				problems = append(problems, fmt.Sprintf("%s links to %q", rel, link))
				continue
			}
			file, fragment, ok := resolveLink(rel, link)
			if !ok {
				continue
			}
			followed++
			switch {
			case file == ".." || strings.HasPrefix(file, "../"):
				problems = append(problems, fmt.Sprintf("%s: link %q leads outside the site", rel, link))
			case site[file] == nil:
				problems = append(problems, fmt.Sprintf("%s: link %q leads nowhere (no %s in the output)", rel, link, file))
			case fragment != "" && strings.HasSuffix(file, ".html") && !idsOf(file)[fragment]:
				problems = append(problems, fmt.Sprintf("%s: link %q names #%s, which %s does not have", rel, link, fragment, file))
			}
		}
	}
	return problems, followed
}

var cssURLPattern = regexp.MustCompile(`url\(\s*['"]?([^'")]*)`)

func TestLinkProblems_FindsWhatIsBroken(t *testing.T) {
	site := map[string][]byte{
		"index.html":     []byte(`<a href="a/">a</a> <a href="a/#top">top</a> <a href="b/">b</a> <a href="a/#nowhere">x</a> <a href="https://example.com/">out</a> <a href="../up.html">up</a> <a href="javascript:alert(1)">js</a>`),
		"a/index.html":   []byte(`<h1 id="top">A</h1><link rel="stylesheet" href="../css/site.css"><img src="/img/x.svg">`),
		"css/site.css":   []byte(`body { background: url("../img/missing.png") }`),
		"img/x.svg":      []byte(`<svg></svg>`),
		"404.html":       []byte(`<a href="/a/">home</a>`),
		"share/x/s.html": []byte(`<a href="#top">top</a>`),
	}
	problems, followed := linkProblems(site)
	want := []string{
		`css/site.css: link "../img/missing.png" leads nowhere (no img/missing.png in the output)`,
		`index.html: link "b/" leads nowhere (no b/index.html in the output)`,
		`index.html: link "a/#nowhere" names #nowhere, which a/index.html does not have`,
		`index.html: link "../up.html" leads outside the site`,
		`index.html links to "javascript:alert(1)"`,
		`share/x/s.html: link "#top" names #top, which share/x/s.html does not have`,
	}
	for _, w := range want {
		if !slices.Contains(problems, w) {
			t.Errorf("problem not reported: %s", w)
		}
	}
	if len(problems) != len(want) {
		t.Errorf("reported %d problems, want %d:\n%s", len(problems), len(want), strings.Join(problems, "\n"))
	}
	if followed != 10 {
		t.Errorf("followed %d links, want 10", followed)
	}
}

func TestShippedSite_EveryInternalLinkResolves(t *testing.T) {
	problems, followed := linkProblems(shippedSite(t))
	for _, p := range problems {
		t.Error(p)
	}
	if followed < 1000 {
		t.Errorf("only %d internal links found; the link extraction looks broken", followed)
	}
}

func TestShippedSite_EveryCheckFiresSomewhereAndNotEverywhere(t *testing.T) {
	site := shippedSite(t)
	m := readModel(t, shippedSrc)
	fires := map[string]int{}
	brands := 0
	for _, b := range readBrands(t, shippedSrc) {
		if b.unlisted() {
			continue
		}
		brands++
		name := "scorecards/" + b.slug + "/scorecard.json"
		card := decodeJSON(t, name, site[name]).(map[string]any)
		seen := map[string]bool{}
		for _, f := range card["findings"].([]any) {
			finding := f.(map[string]any)
			check := finding["check"].(string)
			if !seen[check] {
				fires[check]++
				seen[check] = true
			}
			if finding["page"] != "/checks/"+check+"/" {
				t.Errorf("%s: finding of %s links to %v", name, check, finding["page"])
			}
		}
	}
	for _, c := range m.Model.Checks {
		switch n := fires[c.ID]; {
		case n == 0:
			t.Errorf("check %s fires for none of the %d listed brands; the shipped examples should show it", c.ID, brands)
		case n == brands:
			t.Errorf("check %s fires for every listed brand; the shipped examples should show a brand that passes it", c.ID)
		}
	}
}

func TestShippedSite_HasNoTemplateOrFormatDebris(t *testing.T) {
	for rel, data := range shippedSite(t) {
		for _, bad := range []string{"NaN", "<no value>", "%!", "Inf"} {
			if i := bytes.Index(data, []byte(bad)); i >= 0 {
				if bad == "Inf" && !isWordAt(data, i, len(bad)) {
					continue
				}
				t.Errorf("%s contains %q: …%s…", rel, bad, excerptAt(data, i))
			}
		}
	}
}

// isWordAt reports whether data[i:i+n] stands alone, not inside a word
// such as "Information".
func isWordAt(data []byte, i, n int) bool {
	letter := func(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }
	return (i == 0 || !letter(data[i-1])) && (i+n >= len(data) || !letter(data[i+n]))
}

func excerptAt(data []byte, i int) string {
	return strings.ReplaceAll(string(data[max(i-60, 0):min(i+60, len(data))]), "\n", " ")
}

func TestShippedSite_ShareFileLoadsNothing(t *testing.T) {
	site := shippedSite(t)
	checked := 0
	for rel, data := range site {
		if path.Base(rel) != "share.html" {
			continue
		}
		checked++
		for _, link := range pageLinks(data) {
			if !strings.HasPrefix(link, "#") {
				t.Errorf("%s: %q points outside the file", rel, link)
			}
		}
		for _, needle := range []string{"url(", "@import", "<link", "<script", "<iframe", "<img", "srcset"} {
			for i := bytes.Index(data, []byte(needle)); i >= 0; {
				if needle == "url(" && bytes.HasPrefix(data[i:], []byte("url(#")) {
					// A reference to an SVG definition in the file itself.
				} else {
					t.Errorf("%s: %s loads something from outside: …%s…", rel, needle, excerptAt(data, i))
				}
				next := bytes.Index(data[i+1:], []byte(needle))
				if next < 0 {
					break
				}
				i += next + 1
			}
		}
		if !bytes.Contains(data, []byte("<style>")) || !bytes.Contains(data, []byte("<svg")) {
			t.Errorf("%s has no inline style or SVG chart", rel)
		}
	}
	if checked == 0 {
		t.Fatal("no share.html in the output")
	}
}

// unlistedBrands returns the shipped brands whose newest assessment is
// unlisted; the test needs at least one.
func unlistedBrands(t *testing.T) []brandFiles {
	t.Helper()
	var out []brandFiles
	for _, b := range readBrands(t, shippedSrc) {
		if b.unlisted() {
			out = append(out, b)
		}
	}
	if len(out) == 0 {
		t.Fatal("the shipped playbook has no unlisted brand to test with")
	}
	return out
}

// traces are the strings that would reveal an unlisted brand.
func traces(b brandFiles) []string {
	name := b.name()
	return slices.Compact([]string{b.slug, name, html.EscapeString(name), jsonString(name)})
}

func jsonString(s string) string {
	data, _ := json.Marshal(s)
	return strings.Trim(string(data), `"`)
}

func TestShippedSite_UnlistedBrandIsLeftOutWithoutAKey(t *testing.T) {
	site := shippedSite(t)
	for _, b := range unlistedBrands(t) {
		for rel, data := range site {
			for _, trace := range traces(b) {
				if strings.Contains(rel, trace) {
					t.Errorf("unlisted brand %s is published at %s", b.slug, rel)
				}
				if i := bytes.Index(data, []byte(trace)); i >= 0 {
					t.Errorf("%s mentions unlisted brand %s (%q): …%s…", rel, b.slug, trace, excerptAt(data, i))
				}
			}
		}
	}
}

func TestShippedSite_UnlistedBrandOnlyUnderItsSharePath(t *testing.T) {
	key := []byte("a test key that is long enough to be a secret")
	opts := options(shippedSrc, filepath.Join(t.TempDir(), "public"), build.Publish)
	opts.ShareKey = key
	sum := mustBuild(t, opts)
	site := readTree(t, opts.Out)
	for _, b := range unlistedBrands(t) {
		token := routes.ShareToken(key, b.slug)
		if strings.Contains(token, b.slug) || len(token) < 24 {
			t.Errorf("share token %q is guessable", token)
		}
		prefix := "s/" + token + "/"
		if got := sum.ShareLinks[b.slug]; got != "/"+prefix {
			t.Errorf("summary share link of %s = %q, want /%s", b.slug, got, prefix)
		}
		var under []string
		for rel, data := range site {
			if strings.HasPrefix(rel, prefix) {
				under = append(under, rel)
				if strings.HasSuffix(rel, ".html") && !bytes.Contains(data, []byte(`name="robots" content="noindex`)) {
					t.Errorf("%s is not marked noindex", rel)
				}
				continue
			}
			for _, trace := range append(traces(b), token) {
				if strings.Contains(rel, trace) {
					t.Errorf("unlisted brand %s is published outside its share path at %s", b.slug, rel)
				}
				if i := bytes.Index(data, []byte(trace)); i >= 0 {
					t.Errorf("%s reveals unlisted brand %s (%q): …%s…", rel, b.slug, trace, excerptAt(data, i))
				}
			}
		}
		slices.Sort(under)
		want := []string{prefix + "index.html", prefix + "scorecard.csv", prefix + "scorecard.json", prefix + "share.html", prefix + "badge.svg"}
		for _, date := range b.dates[:len(b.dates)-1] {
			want = append(want, prefix+date+"/index.html", prefix+date+"/scorecard.json")
		}
		slices.Sort(want)
		if !slices.Equal(under, want) {
			t.Errorf("under /%s: %v, want %v", prefix, under, want)
		}
	}
	// The listed part of the site is the same with or without the key.
	without := shippedSite(t)
	for rel, data := range without {
		if !bytes.Equal(site[rel], data) {
			t.Errorf("%s differs when the share key is set", rel)
		}
	}
}

func TestShippedSite_SameDateSameBytes(t *testing.T) {
	first := shippedSite(t)
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, options(shippedSrc, out, build.Publish))
	if diff := treeDiff(first, readTree(t, out)); diff != "" {
		t.Errorf("a second build with the same date differs:\n%s", diff)
	}

	// scorebook build reads the date from SOURCE_DATE_EPOCH when -now is
	// not given.
	out = filepath.Join(t.TempDir(), "public")
	env := cli.Env{Stdout: io.Discard, Stderr: io.Discard, Getenv: func(name string) string {
		if name == "SOURCE_DATE_EPOCH" {
			return strconv.FormatInt(buildDay.Add(13*3600e9).Unix(), 10) // 13:00 that day
		}
		return ""
	}}
	if err := cli.Run(context.Background(), []string{"build", "-src", shippedSrc, "-out", out, "-cache", "off"}, env); err != nil {
		t.Fatalf("scorebook build: %v", err)
	}
	if diff := treeDiff(first, readTree(t, out)); diff != "" {
		t.Errorf("scorebook build with SOURCE_DATE_EPOCH differs from a build with -now:\n%s", diff)
	}
}

func TestShippedSite_EveryPageIsReachableFromHome(t *testing.T) {
	site := shippedSite(t)
	reached := map[string]bool{"index.html": true}
	queue := []string{"index.html"}
	for len(queue) > 0 {
		rel := queue[0]
		queue = queue[1:]
		for _, link := range pageLinks(site[rel]) {
			file, _, ok := resolveLink(rel, link)
			if ok && strings.HasSuffix(file, ".html") && site[file] != nil && !reached[file] {
				reached[file] = true
				queue = append(queue, file)
			}
		}
	}
	for rel := range site {
		if strings.HasSuffix(rel, ".html") && !reached[rel] && rel != "404.html" {
			t.Errorf("%s cannot be reached by following links from the home page", rel)
		}
	}
}

func TestSmallSite_SectionWithoutAnIndexPageIsListed(t *testing.T) {
	src := copySite(t, goldenSrc)
	removePath(t, src, "content/guide/_index.md")
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, options(src, out, build.Publish))
	site := readTree(t, out)
	problems, _ := linkProblems(site)
	for _, p := range problems {
		t.Error(p)
	}
	list := string(site["guide/index.html"])
	for _, title := range []string{"Writing an assessment", "Reviewing a scorecard"} {
		if !strings.Contains(list, title) {
			t.Errorf("the generated guide/index.html does not list %q", title)
		}
	}
	if !strings.Contains(string(site["sitemap.xml"]), "<loc>/guide/</loc>") {
		t.Error("the sitemap leaves out /guide/")
	}
}
