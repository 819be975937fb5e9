// Package scorediff compares the scorecards of two revisions of a site,
// brand by brand, by their effect: scores and maturity bands before and
// after, the criteria that moved, the findings that appeared or cleared,
// and whether the scoring model changed. It is pure: both sides are loaded
// and scored by the caller, as of one date.
package scorediff

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"scorebook/generator/internal/model"
	"scorebook/generator/internal/score"
)

// Brand statuses. A brand's side exists when the brand is listed at that
// revision: a brand made unlisted is removed from the listed set (the
// portfolio, index.json, the sitemap), one made listed is added, and a
// brand unlisted on both sides is not compared at all, so that a pull
// request comment never names a brand its publisher keeps out of sight.
const (
	Added     = "added"
	Removed   = "removed"
	Changed   = "changed"
	Unchanged = "unchanged"
)

// Conditions -fail-on can test.
const (
	FailNone        = "none"
	FailRegression  = "regression"
	FailLevelDrop   = "level-drop"
	FailNewCritical = "new-critical"
)

// FailConditions lists every condition Holds knows, for usage messages.
var FailConditions = []string{FailNone, FailRegression, FailLevelDrop, FailNewCritical}

// tolerance absorbs floating-point noise: scores that differ by less are
// the same score.
const tolerance = 1e-9

// Side is one revision's scorecards, scored as of the diff's date.
type Side struct {
	Ref    string // the revision as named on the command line; "" for the working tree
	Commit string // its full commit hash; "" for the working tree
	Model  *model.Model
	// ModelHash identifies the model's content (config.Site.ModelHash).
	ModelHash string
	// Cards is the current scorecard of every listed brand.
	Cards []*score.Scorecard
	// Unlisted holds the slugs of the brands left out as unlisted.
	Unlisted []string
}

// Diff is the comparison of two sides. Its JSON form is the `scorebook
// diff -format json` contract.
type Diff struct {
	Base         Rev    `json:"base"`
	Head         Rev    `json:"head"`
	AsOf         string `json:"as_of"` // YYYY-MM-DD: the date both sides were judged as of
	ModelChanged bool   `json:"model_changed"`
	// Model is the model's version string on each side.
	Model  Change[*string] `json:"model_version"`
	Brands []Brand         `json:"brands"`
	// Unlisted counts the brands unlisted on both sides, which are not
	// compared.
	Unlisted int `json:"unlisted_not_compared"`

	bands [2]*model.Model // base and head models, for band ranks
}

// Rev names one side: the revision as given and the commit it resolved
// to; Commit is nil for the working tree.
type Rev struct {
	Ref    string  `json:"ref"`
	Commit *string `json:"commit"`
}

// Change is a value before and after; a side that does not exist is nil.
type Change[T any] struct {
	Before T `json:"before"`
	After  T `json:"after"`
}

// Brand is the comparison of one brand.
type Brand struct {
	Slug   string `json:"slug"`
	Brand  string `json:"brand"` // the name at head, or at base for a removed brand
	Status string `json:"status"`
	// Name is the brand's name on each side; they differ when the brand
	// was renamed (its slug kept).
	Name Change[*string] `json:"name"`
	// Visibility is "listed" or "unlisted" on each side, nil where the
	// brand has no assessment.
	Visibility Change[*string]  `json:"visibility"`
	Assessed   Change[*string]  `json:"assessed"` // the current assessment's date
	Overall    Change[*float64] `json:"overall"`
	Level      Change[*string]  `json:"level"`
	Dimensions []Dimension      `json:"dimensions"`
	Criteria   []Criterion      `json:"criteria"`
	Findings   Findings         `json:"findings"`
	// Band is +1 when the brand moved up a maturity band or more, -1 when
	// it moved down, 0 otherwise (including added and removed brands).
	Band int `json:"band_move"`
	// Notes explain in words what the fields alone do not: a rename, a
	// change of visibility.
	Notes []string `json:"notes"`
}

// Dimension is one dimension's score on each side.
type Dimension struct {
	ID     string   `json:"id"`
	Before *float64 `json:"before"`
	After  *float64 `json:"after"`
}

// Criterion is one criterion whose level or exemption moved. Before and
// After are nil where it was not assessed or exempt; the exempt flags tell
// those apart.
type Criterion struct {
	Dimension    string `json:"dimension"`
	Criterion    string `json:"criterion"`
	Before       *int   `json:"before"`
	After        *int   `json:"after"`
	BeforeExempt bool   `json:"before_exempt"`
	AfterExempt  bool   `json:"after_exempt"`
}

// Findings are the findings that appeared at head and those that cleared.
type Findings struct {
	Added   []Finding `json:"added"`
	Cleared []Finding `json:"cleared"`
}

// Finding is one finding of a check.
type Finding struct {
	Check    string `json:"check"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

// Compare compares base with head, both scored as of asOf (YYYY-MM-DD).
// Brands are sorted by slug.
func Compare(base, head *Side, asOf string) *Diff {
	d := &Diff{
		Base:         rev(base),
		Head:         rev(head),
		AsOf:         asOf,
		ModelChanged: base.ModelHash != head.ModelHash,
		Model:        Change[*string]{Before: &base.Model.Version, After: &head.Model.Version},
		Brands:       []Brand{},
		bands:        [2]*model.Model{base.Model, head.Model},
	}
	before, after := bySlug(base.Cards), bySlug(head.Cards)
	unlistedBefore, unlistedAfter := set(base.Unlisted), set(head.Unlisted)
	slugs := map[string]bool{}
	for s := range before {
		slugs[s] = true
	}
	for s := range after {
		slugs[s] = true
	}
	for _, s := range base.Unlisted {
		if unlistedAfter[s] {
			d.Unlisted++
		}
	}
	for _, slug := range sortedKeys(slugs) {
		b := d.compareBrand(slug, before[slug], after[slug])
		b.Visibility = Change[*string]{Before: visibility(before[slug] != nil, unlistedBefore[slug]), After: visibility(after[slug] != nil, unlistedAfter[slug])}
		switch {
		case b.Status == Removed && unlistedAfter[slug]:
			b.Notes = append(b.Notes, "made unlisted: it leaves the portfolio and the indexes")
		case b.Status == Added && unlistedBefore[slug]:
			b.Notes = append(b.Notes, "was unlisted: it joins the portfolio and the indexes")
		}
		d.Brands = append(d.Brands, b)
	}
	return d
}

func (d *Diff) compareBrand(slug string, before, after *score.Scorecard) Brand {
	b := Brand{Slug: slug, Dimensions: []Dimension{}, Criteria: []Criterion{}, Findings: Findings{Added: []Finding{}, Cleared: []Finding{}}, Notes: []string{}}
	if before != nil {
		b.Brand = before.Brand
		b.Name.Before, b.Assessed.Before = &before.Brand, &before.Assessed
		b.Overall.Before, b.Level.Before = before.Overall.Score, before.Overall.Level
	}
	if after != nil {
		b.Brand = after.Brand
		b.Name.After, b.Assessed.After = &after.Brand, &after.Assessed
		b.Overall.After, b.Level.After = after.Overall.Score, after.Overall.Level
	}
	b.Dimensions = dimensions(before, after)
	b.Criteria = criteria(before, after)
	b.Findings.Added = unmatched(after, before)
	b.Findings.Cleared = unmatched(before, after)
	switch {
	case before == nil:
		b.Status = Added
	case after == nil:
		b.Status = Removed
	default:
		b.Band = d.bandMove(b.Level, b.Overall)
		if before.Brand != after.Brand {
			b.Notes = append(b.Notes, "renamed from \""+before.Brand+"\" to \""+after.Brand+"\" (same slug)")
		}
		b.Status = Unchanged
		if b.differs(before, after) {
			b.Status = Changed
		}
	}
	return b
}

// differs reports whether anything the comparison shows moved.
func (b *Brand) differs(before, after *score.Scorecard) bool {
	if before.Brand != after.Brand || before.Assessed != after.Assessed || before.ModelVersion != after.ModelVersion {
		return true
	}
	if !sameScore(b.Overall.Before, b.Overall.After) || !sameString(b.Level.Before, b.Level.After) {
		return true
	}
	for _, dim := range b.Dimensions {
		if !sameScore(dim.Before, dim.After) {
			return true
		}
	}
	return len(b.Criteria) > 0 || len(b.Findings.Added) > 0 || len(b.Findings.Cleared) > 0
}

// bandMove compares the ranks of the bands before and after, each in its
// own side's model, so a renamed band at the same place is no move.
func (d *Diff) bandMove(level Change[*string], overall Change[*float64]) int {
	if overall.Before == nil || overall.After == nil {
		return 0
	}
	rb, ra := bandRank(d.bands[0], level.Before), bandRank(d.bands[1], level.After)
	return cmp.Compare(ra, rb)
}

// bandRank is how many bands of m lie below the named one: -1 for a score
// under every band.
func bandRank(m *model.Model, name *string) int {
	if name == nil {
		return -1
	}
	var min float64
	for _, b := range m.Levels {
		if b.Name == *name {
			min = b.Min
			break
		}
	}
	rank := 0
	for _, b := range m.Levels {
		if b.Min < min {
			rank++
		}
	}
	return rank
}

// dimensions pairs the dimension scores of both sides by id, in head's
// model order followed by the dimensions only base has.
func dimensions(before, after *score.Scorecard) []Dimension {
	out := []Dimension{}
	index := map[string]int{}
	for _, c := range []*score.Scorecard{after, before} {
		if c == nil {
			continue
		}
		for _, ds := range c.Dimensions {
			i, ok := index[ds.ID]
			if !ok {
				i = len(out)
				index[ds.ID] = i
				out = append(out, Dimension{ID: ds.ID})
			}
			if c == after {
				out[i].After = ds.Score
			} else {
				out[i].Before = ds.Score
			}
		}
	}
	return out
}

// criteria lists the criteria whose level or exemption differs between the
// sides, matched by dimension and criterion id, in head's model order
// followed by those only base has.
func criteria(before, after *score.Scorecard) []Criterion {
	type key struct{ dim, crit string }
	var order []key
	rows := map[key]*Criterion{}
	for _, c := range []*score.Scorecard{after, before} {
		if c == nil {
			continue
		}
		for _, ds := range c.Dimensions {
			for _, cs := range ds.Criteria {
				k := key{ds.ID, cs.ID}
				r := rows[k]
				if r == nil {
					r = &Criterion{Dimension: ds.ID, Criterion: cs.ID}
					rows[k] = r
					order = append(order, k)
				}
				if c == after {
					r.After, r.AfterExempt = cs.Level, cs.Exempt
				} else {
					r.Before, r.BeforeExempt = cs.Level, cs.Exempt
				}
			}
		}
	}
	out := []Criterion{}
	for _, k := range order {
		r := rows[k]
		if !sameLevel(r.Before, r.After) || r.BeforeExempt != r.AfterExempt {
			out = append(out, *r)
		}
	}
	return out
}

// unmatched returns the findings of a that b does not have, keeping a's
// order. Findings are matched on the condition the check found (its key,
// which leaves out the numbers behind it) and the severity, so a figure
// that moved within the same condition is no new finding, while a
// condition that turned critical is. Matches are counted: a condition
// found twice in a and once in b leaves one unmatched.
func unmatched(a, b *score.Scorecard) []Finding {
	out := []Finding{}
	if a == nil {
		return out
	}
	type id struct{ key, severity string }
	counts := map[id]int{}
	if b != nil {
		for _, f := range b.Findings {
			counts[id{f.Key, f.Severity}]++
		}
	}
	for _, f := range a.Findings {
		k := id{f.Key, f.Severity}
		if counts[k] > 0 {
			counts[k]--
			continue
		}
		out = append(out, Finding{Check: f.Check, Severity: f.Severity, Message: f.Message})
	}
	return out
}

// Holds reports whether the -fail-on condition holds: regression, any
// brand's overall score went down; level-drop, any brand's band went down;
// new-critical, a critical finding appeared (in an added brand too). A
// brand removed or made unlisted is no regression; an overall score that
// appears or disappears is not compared.
func (d *Diff) Holds(condition string) bool {
	for _, b := range d.Brands {
		switch condition {
		case FailRegression:
			if b.Overall.Before != nil && b.Overall.After != nil && *b.Overall.After < *b.Overall.Before-tolerance {
				return true
			}
		case FailLevelDrop:
			if b.Band < 0 {
				return true
			}
		case FailNewCritical:
			for _, f := range b.Findings.Added {
				if f.Severity == score.Critical {
					return true
				}
			}
		}
	}
	return false
}

// Count returns how many brands have the status.
func (d *Diff) Count(status string) int {
	return d.count(func(b *Brand) bool { return b.Status == status })
}

func (d *Diff) count(match func(*Brand) bool) int {
	n := 0
	for i := range d.Brands {
		if match(&d.Brands[i]) {
			n++
		}
	}
	return n
}

func rev(s *Side) Rev {
	r := Rev{Ref: s.Ref}
	if s.Commit != "" {
		c := s.Commit
		r.Commit = &c
	}
	if s.Ref == "" {
		r.Ref = WorkingTree
	}
	return r
}

// WorkingTree is the ref reported for the side read from the working tree.
const WorkingTree = "working tree"

func visibility(listed, unlisted bool) *string {
	var v string
	switch {
	case listed:
		v = "listed"
	case unlisted:
		v = "unlisted"
	default:
		return nil
	}
	return &v
}

func bySlug(cards []*score.Scorecard) map[string]*score.Scorecard {
	m := make(map[string]*score.Scorecard, len(cards))
	for _, c := range cards {
		m[c.Slug] = c
	}
	return m
}

func set(xs []string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func sameScore(a, b *float64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return math.Abs(*a-*b) <= tolerance
}

func sameString(a, b *string) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func sameLevel(a, b *int) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// Renames describes every brand renamed between the sides: a brand folder
// whose brand name changed, and a brand name that moved to another
// folder. A diff compares brands by folder and name, so such a pair cannot
// be compared by its effect; the command refuses it, saying why.
func (d *Diff) Renames() []string {
	var out []string
	removed := map[string]string{} // brand name → slug
	for _, b := range d.Brands {
		if b.Name.Before != nil && b.Name.After != nil && *b.Name.Before != *b.Name.After {
			out = append(out, fmt.Sprintf("assessments/%s/: brand %q is named %q at the head: renamed between the revisions", b.Slug, *b.Name.Before, *b.Name.After))
		}
		if b.Status == Removed && b.Name.Before != nil {
			removed[*b.Name.Before] = b.Slug
		}
	}
	for _, b := range d.Brands {
		if b.Status == Added && b.Name.After != nil {
			if slug, ok := removed[*b.Name.After]; ok {
				out = append(out, fmt.Sprintf("assessments/%s/: brand %q moved to assessments/%s/ between the revisions", slug, *b.Name.After, b.Slug))
			}
		}
	}
	return out
}
