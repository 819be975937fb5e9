package config

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"scorebook/generator/internal/diag"
	"scorebook/generator/internal/model"
	"scorebook/generator/internal/tomlfile"
)

// WeightedMean is the default aggregation of criterion levels into
// dimension scores and of dimension scores into the overall score, and the
// only one offered today.
const WeightedMean = "weighted-mean"

// maxScaleLevels bounds the level scale: every criterion describes every
// level, so a scale longer than this is a typo, not a rubric.
const maxScaleLevels = 21

// idPattern is the form of every id in the model: lowercase words joined
// by single hyphens, usable as they are in URLs and file names.
var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// validator checks a decoded model, reporting at the positions of doc.
// prefix is the path of the model table in doc: "model" in site.toml,
// nothing in a model file of its own.
type validator struct {
	doc    *tomlfile.Doc
	prefix []string
	errs   *diag.List
	m      *model.Model
}

// errorf reports a problem with the value at p (relative to the model),
// prefixed with the value's full key path.
func (v *validator) errorf(p []string, format string, args ...any) {
	full := append(slices.Clip(v.prefix), p...)
	line, col := v.doc.ValuePos(full...)
	v.add(line, col, full, format, args...)
}

// keyErrorf is errorf at the key rather than the value (for map keys).
func (v *validator) keyErrorf(p []string, format string, args ...any) {
	full := append(slices.Clip(v.prefix), p...)
	line, col := v.doc.KeyPos(full...)
	v.add(line, col, full, format, args...)
}

func (v *validator) add(line, col int, full []string, format string, args ...any) {
	if line == 0 {
		line, col = 1, 1
	}
	label := tomlfile.Label(full)
	if label == "" {
		label = "model"
	}
	v.errs.Add(v.doc.Path, line, col, "%s: %s", label, fmt.Sprintf(format, args...))
}

func (v *validator) line(p ...string) int {
	line, _ := v.doc.KeyPos(append(slices.Clip(v.prefix), p...)...)
	return line
}

func at(p []string, elems ...any) []string {
	out := slices.Clip(p)
	for _, e := range elems {
		switch e := e.(type) {
		case string:
			out = append(out, e)
		case int:
			out = append(out, strconv.Itoa(e))
		}
	}
	return out
}

// model applies defaults and checks everything; raw is the model table as
// parsed, used to tell a missing table from an empty one.
func (v *validator) model(raw map[string]any, checks map[string][]model.CheckParam) {
	m := v.m
	if strings.TrimSpace(m.Version) == "" {
		v.errorf(at(nil, "version"), "expected a non-empty version string such as \"2026.11\"; it is stamped on every scorecard")
	}
	switch m.Aggregation {
	case "":
		m.Aggregation = WeightedMean
	case WeightedMean:
	default:
		v.errorf(at(nil, "aggregation"), "expected %q (the only aggregation offered), found %q", WeightedMean, m.Aggregation)
	}
	if _, ok := raw["scale"]; !ok {
		m.Scale = model.Scale{Min: 0, Max: 4}
	}
	scaleOK := v.scale()
	if scaleOK {
		v.bands()
	}
	dims := v.dimensions(scaleOK)
	profiles := v.profiles(scaleOK)
	v.patterns(dims, profiles, scaleOK)
	v.platforms()
	v.domains()
	if _, ok := raw["cadences"]; !ok {
		m.Cadences = model.DefaultCadences()
	} else {
		v.cadences()
	}
	v.teamBands()
	v.checks(checks)
}

func (v *validator) scale() bool {
	s := v.m.Scale
	switch {
	case s.Min >= s.Max:
		v.errorf(at(nil, "scale"), "expected min less than max, found min %d and max %d", s.Min, s.Max)
		return false
	case s.Max-s.Min < 0 || s.Max-s.Min >= maxScaleLevels:
		v.errorf(at(nil, "scale"), "expected at most %d levels, found min %d and max %d", maxScaleLevels, s.Min, s.Max)
		return false
	case len(s.Names) != 0 && len(s.Names) != s.Max-s.Min+1:
		v.errorf(at(nil, "scale", "names"), "expected one name per level, %d names for levels %d to %d, found %d", s.Max-s.Min+1, s.Min, s.Max, len(s.Names))
	}
	for i, n := range s.Names {
		if strings.TrimSpace(n) == "" {
			v.errorf(at(nil, "scale", "names", i), "expected a non-empty name for level %d", s.Min+i)
		}
	}
	return true
}

func (v *validator) inScale(x float64) bool {
	return x >= float64(v.m.Scale.Min) && x <= float64(v.m.Scale.Max)
}

func (v *validator) bands() {
	bands := v.m.Levels
	if len(bands) == 0 {
		v.errorf(at(nil, "levels"), "expected at least one maturity band, such as [[model.levels]] name = \"Ad hoc\" min = %d", v.m.Scale.Min)
		return
	}
	names := map[string]int{}
	for i, b := range bands {
		p := at(nil, "levels", i)
		v.name(p, b.Name)
		if j, dup := names[b.Name]; dup && b.Name != "" {
			v.errorf(at(p, "name"), "duplicate band name %q (also at line %d); band names must be unique", b.Name, v.line("levels", strconv.Itoa(j), "name"))
		}
		names[b.Name] = i
		switch {
		case !v.inScale(b.Min):
			v.errorf(at(p, "min"), "expected a minimum within the scale (%d to %d), found %g", v.m.Scale.Min, v.m.Scale.Max, b.Min)
		case i == 0 && b.Min != float64(v.m.Scale.Min):
			v.errorf(at(p, "min"), "the lowest band must start at the bottom of the scale (%d) so that every score has a band, found %g", v.m.Scale.Min, b.Min)
		case i > 0 && b.Min <= bands[i-1].Min:
			v.errorf(at(p, "min"), "bands must be listed in strictly ascending order of min; %g is not greater than %g (%s)", b.Min, bands[i-1].Min, bands[i-1].Name)
		}
	}
}

// ids checks the ids of one list: present, well formed and unique. It
// returns the ids in order, with "" for missing ones.
func (v *validator) ids(list []string, what string, ids []string) []string {
	first := map[string]int{}
	for i, id := range ids {
		p := at(list, i, "id")
		switch {
		case id == "":
			v.errorf(p, "expected an id, a lowercase-hyphen slug such as \"event-backbone\"")
		case !idPattern.MatchString(id):
			v.errorf(p, "expected a lowercase-hyphen slug such as \"event-backbone\" (letters a-z, digits, single hyphens), found %q", id)
		}
		if j, dup := first[id]; dup && id != "" {
			v.errorf(p, "duplicate %s id %q (first used at line %d); ids must be unique", what, id, v.line(at(list, j, "id")...))
			continue
		}
		first[id] = i
	}
	return ids
}

func (v *validator) name(p []string, name string) {
	if strings.TrimSpace(name) == "" {
		v.errorf(at(p, "name"), "expected a non-empty name")
	}
}

// maxWeight bounds a weight so that no sum of weights times levels can
// overflow to infinity (two weights of 1e308 did, and the scores with them).
const maxWeight = 1e6

func (v *validator) weight(p []string, w float64) {
	switch {
	case !(w > 0):
		v.errorf(at(p, "weight"), "expected a weight greater than 0, found %g (a missing weight counts as 0)", w)
	case w > maxWeight:
		v.errorf(at(p, "weight"), "expected a weight of at most %g, found %g", float64(maxWeight), w)
	}
}

func (v *validator) dimensions(scaleOK bool) []string {
	dims := v.m.Dimensions
	if len(dims) == 0 {
		v.errorf(at(nil, "dimensions"), "expected at least one [[dimensions]] table with its criteria")
		return nil
	}
	ids := make([]string, len(dims))
	for i, d := range dims {
		ids[i] = d.ID
	}
	v.ids(at(nil, "dimensions"), "dimension", ids)
	levels := v.m.Scale.Max - v.m.Scale.Min + 1
	for i, d := range dims {
		p := at(nil, "dimensions", i)
		v.name(p, d.Name)
		v.weight(p, d.Weight)
		if len(d.Criteria) == 0 {
			v.errorf(at(p, "criteria"), "expected at least one criterion in dimension %q; a dimension without criteria can never be scored", d.ID)
			continue
		}
		cids := make([]string, len(d.Criteria))
		for j, c := range d.Criteria {
			cids[j] = c.ID
		}
		v.ids(at(p, "criteria"), "criterion", cids)
		for j, c := range d.Criteria {
			cp := at(p, "criteria", j)
			v.name(cp, c.Name)
			v.weight(cp, c.Weight)
			if scaleOK && len(c.Levels) != 0 && len(c.Levels) != levels {
				v.errorf(at(cp, "levels"), "expected no level descriptions or exactly %d (one per level, %d to %d), found %d",
					levels, v.m.Scale.Min, v.m.Scale.Max, len(c.Levels))
			}
		}
	}
	return ids
}

func (v *validator) profiles(scaleOK bool) []string {
	ids := make([]string, len(v.m.Profiles))
	for i, p := range v.m.Profiles {
		ids[i] = p.ID
	}
	v.ids(at(nil, "profiles"), "profile", ids)
	for i, pr := range v.m.Profiles {
		p := at(nil, "profiles", i)
		v.name(p, pr.Name)
		if scaleOK && !v.inScale(pr.Score) {
			v.errorf(at(p, "score"), "expected a score within the scale (%d to %d), found %g", v.m.Scale.Min, v.m.Scale.Max, pr.Score)
		}
		if scaleOK && pr.Demand != 0 && !v.inScale(pr.Demand) {
			v.errorf(at(p, "demand"), "expected 0 (no demand) or a score within the scale (%d to %d), found %g", v.m.Scale.Min, v.m.Scale.Max, pr.Demand)
		}
	}
	return ids
}

func (v *validator) patterns(dims, profiles []string, scaleOK bool) {
	ids := make([]string, len(v.m.Patterns))
	for i, p := range v.m.Patterns {
		ids[i] = p.ID
	}
	v.ids(at(nil, "patterns"), "pattern", ids)
	for i, pat := range v.m.Patterns {
		p := at(nil, "patterns", i)
		v.name(p, pat.Name)
		for _, dim := range slices.Sorted(maps.Keys(pat.Profile)) {
			if !slices.Contains(dims, dim) {
				v.keyErrorf(at(p, "profile", dim), "unknown dimension %q; expected one of: %s", dim, list(dims))
			}
			if prof := pat.Profile[dim]; !slices.Contains(profiles, prof) {
				v.errorf(at(p, "profile", dim), "unknown profile %q; expected one of the [[profiles]] ids: %s", prof, list(profiles))
			}
		}
		for _, ref := range slices.Sorted(maps.Keys(pat.LeansOn)) {
			if !v.criterionRef(at(p, "leans_on", ref), ref, true) {
				continue
			}
			if l := pat.LeansOn[ref]; scaleOK && !v.inScale(float64(l)) {
				v.errorf(at(p, "leans_on", ref), "expected a level within the scale (%d to %d), found %d", v.m.Scale.Min, v.m.Scale.Max, l)
			}
		}
		if pat.MinEngineers < 0 {
			v.errorf(at(p, "min_engineers"), "expected 0 or more engineers, found %d", pat.MinEngineers)
		}
	}
	v.m.DeriveDemands()
}

// criterionRef checks a "<dimension-id>.<criterion-id>" reference, the
// value at p or, when key is set, the key at p.
func (v *validator) criterionRef(p []string, ref string, key bool) bool {
	if _, _, ok := v.m.CriterionRef(ref); ok {
		return true
	}
	var refs []string
	for _, d := range v.m.Dimensions {
		for _, c := range d.Criteria {
			refs = append(refs, d.ID+"."+c.ID)
		}
	}
	report := v.errorf
	if key {
		report = v.keyErrorf
	}
	report(p, "unknown criterion %q; expected \"<dimension-id>.<criterion-id>\", one of: %s", ref, list(refs))
	return false
}

func (v *validator) platforms() {
	ids := make([]string, len(v.m.Platforms))
	for i, p := range v.m.Platforms {
		ids[i] = p.ID
	}
	v.ids(at(nil, "platforms"), "platform", ids)
	for i, p := range v.m.Platforms {
		v.name(at(nil, "platforms", i), p.Name)
	}
}

func (v *validator) domains() {
	ids := make([]string, len(v.m.Domains))
	for i, d := range v.m.Domains {
		ids[i] = d.ID
	}
	v.ids(at(nil, "domains"), "domain", ids)
	for i, d := range v.m.Domains {
		p := at(nil, "domains", i)
		v.name(p, d.Name)
		if d.Cadence != model.RealTime && d.Cadence != model.Batch {
			v.errorf(at(p, "cadence"), "expected %q or %q, found %q", model.RealTime, model.Batch, d.Cadence)
		}
	}
}

func (v *validator) cadences() {
	ids := make([]string, len(v.m.Cadences))
	for i, c := range v.m.Cadences {
		ids[i] = c.ID
	}
	v.ids(at(nil, "cadences"), "cadence", ids)
	for i, c := range v.m.Cadences {
		if c.Class != model.RealTime && c.Class != model.Batch {
			v.errorf(at(nil, "cadences", i, "class"), "expected %q or %q, found %q", model.RealTime, model.Batch, c.Class)
		}
	}
	var missing []string
	for _, c := range model.DefaultCadences() {
		if !slices.Contains(ids, c.ID) {
			missing = append(missing, c.ID)
		}
	}
	if len(missing) > 0 {
		v.keyErrorf(at(nil, "cadences"), "missing the contract cadence(s) %s; assessments may use every one of: %s",
			list(missing), list(ids2(model.DefaultCadences())))
	}
}

func ids2(cs []model.Cadence) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

func (v *validator) teamBands() {
	bands := v.m.TeamBands
	for i, b := range bands {
		p := at(nil, "team_bands", i)
		v.name(p, b.Name)
		if b.MinRevenue < 0 {
			v.errorf(at(p, "min_revenue_musd"), "expected 0 or more, found %g", b.MinRevenue)
		}
		if b.MaxRevenue != 0 && b.MaxRevenue <= b.MinRevenue {
			v.errorf(at(p, "max_revenue_musd"), "expected more than min_revenue_musd (%g), or 0 for no upper bound, found %g", b.MinRevenue, b.MaxRevenue)
		}
		if b.MinEngineers < 0 {
			v.errorf(at(p, "min_engineers"), "expected 0 or more engineers, found %d", b.MinEngineers)
		}
		if b.MaxEngineers < b.MinEngineers {
			v.errorf(at(p, "max_engineers"), "expected at least min_engineers (%d), found %d", b.MinEngineers, b.MaxEngineers)
		}
	}
	order := make([]int, len(bands))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case bands[a].MinRevenue < bands[b].MinRevenue:
			return -1
		case bands[a].MinRevenue > bands[b].MinRevenue:
			return 1
		}
		return 0
	})
	for k := 1; k < len(order); k++ {
		prev, cur := bands[order[k-1]], bands[order[k]]
		if prev.MaxRevenue == 0 || prev.MaxRevenue > cur.MinRevenue {
			upper := "no upper bound"
			if prev.MaxRevenue != 0 {
				upper = fmt.Sprintf("up to %g", prev.MaxRevenue)
			}
			v.errorf(at(nil, "team_bands", order[k], "min_revenue_musd"),
				"band %q overlaps band %q (line %d, from %g, %s); revenue bands must not overlap",
				cur.Name, prev.Name, v.line("team_bands", strconv.Itoa(order[k-1])), prev.MinRevenue, upper)
		}
	}
}

func (v *validator) checks(implemented map[string][]model.CheckParam) {
	ids := make([]string, len(v.m.Checks))
	for i, c := range v.m.Checks {
		ids[i] = c.ID
	}
	v.ids(at(nil, "checks"), "check", ids)
	known := slices.Sorted(maps.Keys(implemented))
	for i, c := range v.m.Checks {
		p := at(nil, "checks", i)
		v.name(p, c.Name)
		if c.Criterion != "" {
			v.criterionRef(at(p, "criterion"), c.Criterion, false)
		}
		if implemented == nil {
			continue
		}
		params, ok := implemented[c.ID]
		if !ok {
			if c.ID != "" {
				v.errorf(at(p, "id"), "unknown check %q; the checks scorebook implements are: %s", c.ID, list(known))
			}
			continue
		}
		names := make([]string, len(params))
		for i, param := range params {
			names[i] = param.Name
		}
		for _, name := range slices.Sorted(maps.Keys(c.Params)) {
			if i := slices.Index(names, name); i >= 0 {
				v.paramRange(at(p, "params", name), params[i].Kind, c.Params[name])
				continue
			}
			if len(params) == 0 {
				v.keyErrorf(at(p, "params", name), "unknown parameter %q: check %q takes no parameters", name, c.ID)
			} else {
				v.keyErrorf(at(p, "params", name), "unknown parameter %q for check %q; expected one of: %s", name, c.ID, list(names))
			}
		}
	}
}

func list(ids []string) string {
	var nonEmpty []string
	for _, id := range ids {
		if id != "" {
			nonEmpty = append(nonEmpty, id)
		}
	}
	if len(nonEmpty) == 0 {
		return "(none defined)"
	}
	return strings.Join(nonEmpty, ", ")
}

// paramRange refuses a check threshold outside what its kind allows: a
// negative age, a failure rate of -1 or a coverage of 500% would make the
// check say nothing, or always fire, without anyone noticing.
func (v *validator) paramRange(p []string, kind model.ParamKind, x float64) {
	scale := v.m.Scale
	lo, hi, what := 0.0, 0.0, ""
	switch kind {
	case model.Days:
		lo, hi, what = 0, 36_500, "a number of days"
	case model.Share:
		lo, hi, what = 0, 1, "a share (0.05 is 5%)"
	case model.Level:
		lo, hi, what = float64(scale.Min), float64(scale.Max), "a level on the model's scale"
	case model.Gap:
		lo, hi, what = 0, float64(scale.Max-scale.Min), "a gap in levels or score points"
	case model.Count:
		lo, hi, what = 0, 1e9, "a count"
	default:
		return
	}
	if !(x >= lo && x <= hi) {
		v.errorf(p, "expected %s from %g to %g, found %g", what, lo, hi, x)
	}
}
