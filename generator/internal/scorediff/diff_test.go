package scorediff

import (
	"bytes"
	"strings"
	"testing"

	"scorebook/generator/internal/model"
	"scorebook/generator/internal/score"
)

func bands(names ...string) *model.Model {
	m := &model.Model{Version: "v1"}
	for i, n := range names {
		m.Levels = append(m.Levels, model.Band{Name: n, Min: float64(i)})
	}
	return m
}

func card(slug, name string, overall float64, level string, findings ...score.Finding) *score.Scorecard {
	l := level
	return &score.Scorecard{Brand: name, Slug: slug, Assessed: "2026-01-01", ModelVersion: "v1",
		Overall:  score.Overall{Score: &overall, Level: &l},
		Findings: findings}
}

func finding(key, severity string) score.Finding {
	check, _, _ := strings.Cut(key, "/")
	return score.Finding{Check: check, Severity: severity, Message: key + " " + severity, Key: key}
}

func side(m *model.Model, cards ...*score.Scorecard) *Side {
	return &Side{Ref: "HEAD", Commit: "abc", Model: m, ModelHash: m.Version, Cards: cards}
}

func TestHolds(t *testing.T) {
	m := bands("Low", "Mid", "High")
	for _, tc := range []struct {
		name          string
		before, after *score.Scorecard
		want          map[string]bool
	}{
		{"lower within a band", card("a", "A", 1.6, "Mid"), card("a", "A", 1.2, "Mid"),
			map[string]bool{FailRegression: true}},
		{"down a band", card("a", "A", 2.1, "High"), card("a", "A", 1.9, "Mid"),
			map[string]bool{FailRegression: true, FailLevelDrop: true}},
		{"floating noise is no regression", card("a", "A", 1.5, "Mid"), card("a", "A", 1.5-1e-12, "Mid"),
			map[string]bool{}},
		{"raised", card("a", "A", 1.2, "Mid"), card("a", "A", 2.2, "High"), map[string]bool{}},
		{"critical appears", card("a", "A", 1, "Mid"), card("a", "A", 1, "Mid", finding("coherence/rate", "critical")),
			map[string]bool{FailNewCritical: true}},
		{"same condition turns critical", card("a", "A", 1, "Mid", finding("coherence/rate", "high")), card("a", "A", 1, "Mid", finding("coherence/rate", "critical")),
			map[string]bool{FailNewCritical: true}},
		{"critical stays", card("a", "A", 1, "Mid", finding("coherence/rate", "critical")), card("a", "A", 1, "Mid", finding("coherence/rate", "critical")),
			map[string]bool{}},
		{"added brand with a critical finding", nil, card("a", "A", 1, "Mid", finding("ops/no-owner", "critical")),
			map[string]bool{FailNewCritical: true}},
		{"removed brand is no regression", card("a", "A", 3, "High"), nil, map[string]bool{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b, a []*score.Scorecard
			if tc.before != nil {
				b = append(b, tc.before)
			}
			if tc.after != nil {
				a = append(a, tc.after)
			}
			d := Compare(side(m, b...), side(m, a...), "2026-01-01")
			for _, cond := range FailConditions {
				if got := d.Holds(cond); got != tc.want[cond] {
					t.Errorf("Holds(%s) = %v, want %v", cond, got, tc.want[cond])
				}
			}
		})
	}
}

func TestCompare_BandRankAcrossModels(t *testing.T) {
	// The head model renames the middle band; a brand that stays in it has
	// not moved, one that falls below it has.
	base, head := bands("Low", "Mid", "High"), bands("Low", "Middling", "High")
	head.Version = "v2"
	d := Compare(
		side(base, card("a", "A", 1.5, "Mid"), card("b", "B", 1.5, "Mid")),
		side(head, card("a", "A", 1.5, "Middling"), card("b", "B", 0.5, "Low")), "2026-01-01")
	if !d.ModelChanged {
		t.Error("ModelChanged is false for two model hashes")
	}
	if d.Brands[0].Band != 0 || d.Brands[1].Band != -1 {
		t.Errorf("band moves %d, %d; want 0 (renamed band) and -1", d.Brands[0].Band, d.Brands[1].Band)
	}
	if !strings.HasPrefix(d.Verdict(), "The scoring model changed (version v1 → v2)") {
		t.Errorf("verdict %q does not start with the model change", d.Verdict())
	}
}

func TestCompare_FindingsMatchedByCondition(t *testing.T) {
	m := bands("Low", "High")
	before := card("a", "A", 1, "High", finding("coherence/high-rate", "high"), finding("team-size/below", "high"))
	after := card("a", "A", 1, "High", finding("coherence/high-rate", "high"), finding("target-gap/ops/below", "medium"))
	after.Findings[0].Message = "the figure moved" // same condition, new numbers
	d := Compare(side(m, before), side(m, after), "2026-01-01")
	f := d.Brands[0].Findings
	if len(f.Added) != 1 || f.Added[0].Check != "target-gap" || len(f.Cleared) != 1 || f.Cleared[0].Check != "team-size" {
		t.Errorf("findings %+v; want target-gap added and team-size cleared only", f)
	}
	if d.Brands[0].Status != Changed {
		t.Errorf("status %s, want changed", d.Brands[0].Status)
	}
}

func TestCompare_UnchangedAndUnlisted(t *testing.T) {
	m := bands("Low", "High")
	base := side(m, card("a", "A", 1, "High"))
	base.Unlisted = []string{"hidden", "leaving"}
	head := side(m, card("a", "A", 1, "High"), card("leaving", "Leaving Co", 1, "High"))
	head.Unlisted = []string{"hidden"}
	d := Compare(base, head, "2026-01-01")
	if len(d.Brands) != 2 || d.Brands[0].Status != Unchanged || d.Brands[1].Status != Added {
		t.Fatalf("brands %+v; want a unchanged and leaving added", d.Brands)
	}
	if d.Unlisted != 1 {
		t.Errorf("Unlisted = %d, want 1 (hidden, unlisted on both sides)", d.Unlisted)
	}
	if v := d.Brands[1].Visibility; *v.Before != "unlisted" || *v.After != "listed" {
		t.Errorf("visibility %v → %v", *v.Before, *v.After)
	}
	var md bytes.Buffer
	d.WriteMarkdown(&md)
	if strings.Contains(md.String(), "hidden") {
		t.Errorf("the comment names a brand unlisted on both sides:\n%s", md.String())
	}
}

func TestMarkdown_NothingChanged(t *testing.T) {
	m := bands("Low", "High")
	d := Compare(side(m, card("a", "A", 1, "High")), side(m, card("a", "A", 1, "High")), "2026-01-01")
	var md bytes.Buffer
	if err := d.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(md.String(), "\n")
	if lines[0] != Marker || !strings.Contains(lines[1], "No scorecard changed (1 brand compared)") {
		t.Errorf("comment:\n%s", md.String())
	}
	if strings.Contains(md.String(), "| Brand |") {
		t.Error("a table with no rows")
	}
}

func TestMarkdown_StaysUnderGitHubsLimit(t *testing.T) {
	m := bands("Low", "High")
	var before, after []*score.Scorecard
	long := strings.Repeat("a long finding message ", 20)
	for i := range 3000 {
		slug := "brand-" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676))
		f := score.Finding{Check: "c", Severity: "high", Message: long, Key: "c/" + slug}
		before = append(before, card(slug, slug, 1.5, "High"))
		after = append(after, card(slug, slug, 0.5, "Low", f))
	}
	d := Compare(side(m, before...), side(m, after...), "2026-01-01")
	var md bytes.Buffer
	d.WriteMarkdown(&md)
	if md.Len() > 65536 {
		t.Errorf("comment of %d bytes, over GitHub's 65,536", md.Len())
	}
	for _, want := range []string{"more brands not in the table", "would not fit in one comment", "</sub>"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("comment lacks %q", want)
		}
	}
}

func TestEscape(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Plain Name 2.0, Ltd.", "Plain Name 2.0, Ltd."},
		{"<script>alert(1)</script>", "&#60;script&#62;alert(1)&#60;/script&#62;"},
		{"a | b", "a &#124; b"},
		{"*bold* _it_ `code` [x](y) ~s~", "&#42;bold&#42; &#95;it&#95; &#96;code&#96; &#91;x&#93;(y) &#126;s&#126;"},
		{"@team", "&#64;\u2060team"},
		{"two\nlines\r\tand\x1b[31m", "two lines and &#91;31m"},
		{"&amp;", "&#38;amp;"},
		{"Ünïcödé", "Ünïcödé"},
	} {
		if got := Escape(tc.in); got != tc.want {
			t.Errorf("Escape(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
