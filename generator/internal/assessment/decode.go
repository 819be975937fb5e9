package assessment

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"

	"scorebook/generator/internal/diag"
	"scorebook/generator/internal/model"
	"scorebook/generator/internal/tomlfile"
)

// Decode parses and validates one assessment file against the model. path
// is the file's slash path as messages show it
// ("assessments/acme/2026-09-30.toml"); its base name, when it is a date,
// must agree with assessed. slug is the brand folder's name.
//
// The Assessment is nil when the file is empty or not valid TOML;
// otherwise it holds what could be decoded even when the list has errors,
// and must not be scored in that case.
func Decode(path, slug string, data []byte, m *model.Model) (*Assessment, diag.List) {
	if m == nil {
		m = &model.Model{}
	}
	var errs diag.List
	if len(bytes.TrimSpace(data)) == 0 {
		errs.Add(path, 1, 1, "the file is empty; expected an assessment with at least brand = \"...\" and assessed = YYYY-MM-DD (`scorebook new` writes one with every criterion)")
		return nil, errs
	}
	doc, errs := tomlfile.Parse(path, data)
	if doc == nil {
		return nil, errs
	}
	sum := sha256.Sum256(data)
	a := &Assessment{Path: path, Slug: slug, Hash: hex.EncodeToString(sum[:])}
	errs = tomlfile.Decode(doc, a)
	c := &checker{doc: doc, errs: &errs, m: m, a: a}
	c.check()
	errs.Sort()
	return a, errs
}

// checker validates a decoded assessment against the model, with the
// positions of doc. Type errors were already reported by the decoder; the
// checker only looks at values that decoded.
type checker struct {
	doc  *tomlfile.Doc
	errs *diag.List
	m    *model.Model
	a    *Assessment
}

// raw returns the parsed value at p, walking tables and arrays.
func (c *checker) raw(p ...string) (any, bool) {
	var v any = c.doc.Root
	for _, k := range p {
		switch t := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = t[k]; !ok {
				return nil, false
			}
		case []map[string]any:
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(t) {
				return nil, false
			}
			v = t[i]
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(t) {
				return nil, false
			}
			v = t[i]
		default:
			return nil, false
		}
	}
	return v, true
}

func (c *checker) has(p ...string) bool {
	_, ok := c.raw(p...)
	return ok
}

// isString reports whether the value at p is a string, so that checks of
// its content never repeat a type error the decoder reported.
func (c *checker) isString(p ...string) bool {
	v, _ := c.raw(p...)
	_, ok := v.(string)
	return ok
}

// isWhole reports whether the value at p decoded as a whole number.
func (c *checker) isWhole(p ...string) bool {
	v, _ := c.raw(p...)
	switch n := v.(type) {
	case int64:
		return true
	case float64:
		return n == math.Trunc(n) && math.Abs(n) < 1<<53
	}
	return false
}

// pos returns the position of the first of paths that is written in the
// file, or the start of the file.
func (c *checker) pos(key bool, paths ...[]string) (line, col int) {
	for _, p := range paths {
		if key {
			line, col = c.doc.KeyPos(p...)
		} else {
			line, col = c.doc.ValuePos(p...)
		}
		if line > 0 {
			return line, col
		}
	}
	return 1, 1
}

// errorf reports a problem with the value at p, prefixed with its label.
func (c *checker) errorf(p []string, format string, args ...any) {
	line, col := c.pos(false, p)
	c.errs.Add(c.doc.Path, line, col, "%s: %s", tomlfile.Label(p), fmt.Sprintf(format, args...))
}

// keyErrorf reports a problem with the key at p (an unknown id).
func (c *checker) keyErrorf(p []string, format string, args ...any) {
	line, col := c.pos(true, p)
	c.errs.Add(c.doc.Path, line, col, "%s: %s", tomlfile.Label(p), fmt.Sprintf(format, args...))
}

func keys(p ...any) []string {
	out := make([]string, 0, len(p))
	for _, k := range p {
		out = append(out, fmt.Sprint(k))
	}
	return out
}

func (c *checker) check() {
	c.header()
	c.scores()
	c.targets()
	c.useCases()
	c.journeys()
	c.goLive()
	c.operations()
	c.actions()
}

func (c *checker) header() {
	a := c.a
	line, col := c.doc.TopLevelValuePos("brand")
	a.brandPos = tomlfile.Pos{Line: line, Col: col}
	if !c.has("brand") {
		c.errorf(keys("brand"), "required; expected brand = \"<the brand's name>\" at the top of the file")
	} else if c.isString("brand") && strings.TrimSpace(a.Brand) == "" {
		c.errorf(keys("brand"), "expected the brand's name, found an empty string")
	}

	fileDate, named := FileDate(path.Base(c.doc.Path))
	switch {
	case !c.has("assessed"):
		example := "2026-09-30"
		if named {
			example = Date(fileDate)
		}
		c.errorf(keys("assessed"), "required; expected assessed = %s (a TOML date without quotes, the same as the file name's)", example)
	case a.Assessed.IsZero():
		// The decoder reported the wrong type.
	case named && !a.Assessed.Equal(fileDate):
		c.errorf(keys("assessed"), "%s does not match the file name's date %s; rename the file or correct the date", Date(a.Assessed), Date(fileDate))
	}

	switch {
	case !c.has("visibility"):
		a.Visibility = Listed
	case a.Visibility != Listed && a.Visibility != Unlisted:
		if c.isString("visibility") {
			c.errorf(keys("visibility"), "expected %q or %q, found %q", Listed, Unlisted, a.Visibility)
		}
	}

	c.ref("platform", a.Platform, "platform", ids(c.m.Platforms, func(p model.Platform) string { return p.ID }))
	patterns := ids(c.m.Patterns, func(p model.Pattern) string { return p.ID })
	c.ref("pattern", a.Pattern, "pattern", patterns)
	c.ref("planned_pattern", a.PlannedPattern, "pattern", patterns)

	switch {
	case a.RevenueMUSD != nil && *a.RevenueMUSD < 0:
		c.errorf(keys("revenue_musd"), "expected annual revenue in millions of US dollars, 0 or more, found %g", *a.RevenueMUSD)
	case a.RevenueMUSD != nil && *a.RevenueMUSD > maxRevenueMUSD:
		c.errorf(keys("revenue_musd"), "expected annual revenue in millions of US dollars, at most %g, found %g", float64(maxRevenueMUSD), *a.RevenueMUSD)
	}
	switch {
	case a.IntegrationEngineers != nil && *a.IntegrationEngineers < 0:
		c.errorf(keys("integration_engineers"), "expected a number of engineers, 0 or more, found %d", *a.IntegrationEngineers)
	case a.IntegrationEngineers != nil && *a.IntegrationEngineers > maxCount:
		c.errorf(keys("integration_engineers"), "expected a number of engineers, at most %d, found %d", maxCount, *a.IntegrationEngineers)
	}
}

// Bounds on the figures of an assessment, far above any real one, so that
// no total or ratio computed from them can overflow: a journey's runs are
// summed over journeys and assessments.
const (
	maxCount       = 1_000_000_000
	maxRevenueMUSD = 100_000_000 // $100 trillion
)

// ref checks an optional top-level reference to a model id.
func (c *checker) ref(key, got, what string, valid []string) {
	if !c.isString(key) {
		return // absent, or a type error already reported
	}
	if !slices.Contains(valid, got) {
		c.errorf(keys(key), "unknown %s %q; %s", what, got, expected(what, valid, got))
	}
}

func ids[T any](list []T, id func(T) string) []string {
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = id(x)
	}
	return out
}

func (c *checker) scaleText() string {
	s := c.m.Scale
	var names []string
	for l := s.Min; l <= s.Max && len(names) <= maxListed; l++ {
		if n := c.m.LevelName(l); n != fmt.Sprint(l) {
			names = append(names, fmt.Sprintf("%d %s", l, n))
		}
	}
	text := fmt.Sprintf("a whole number from %d to %d", s.Min, s.Max)
	if len(names) > 0 && len(names) <= maxListed {
		text += " (" + strings.Join(names, ", ") + ")"
	}
	return text
}

func (c *checker) inScale(x float64) bool {
	return x >= float64(c.m.Scale.Min) && x <= float64(c.m.Scale.Max)
}

func (c *checker) scores() {
	dimIDs := ids(c.m.Dimensions, func(d model.Dimension) string { return d.ID })
	for _, dim := range slices.Sorted(maps.Keys(c.a.Scores)) {
		ratings := c.a.Scores[dim]
		d := c.m.Dimension(dim)
		if d == nil {
			// A dotted key (scores.archi.x = 1) writes no position for the
			// dimension itself; fall back to its first criterion.
			p := keys("scores", dim)
			line, col := c.pos(true, p, append(p, firstKey(ratings)))
			c.errs.Add(c.doc.Path, line, col, "%s: unknown dimension %q; %s", tomlfile.Label(p), dim, expected("dimension", dimIDs, dim))
			continue
		}
		critIDs := ids(d.Criteria, func(cr model.Criterion) string { return cr.ID })
		for _, crit := range slices.Sorted(maps.Keys(ratings)) {
			p := keys("scores", dim, crit)
			if c.m.Criterion(dim, crit) == nil {
				c.keyErrorf(p, "unknown criterion %q in dimension %q; %s", crit, dim, expected("criterion", critIDs, crit))
				continue
			}
			r := ratings[crit]
			if r.invalid || r.Exempt {
				continue
			}
			if !c.inScale(float64(r.Level)) {
				c.errorf(append(p, "level"), "level %d is outside the scale; expected %s", r.Level, c.scaleText())
			}
		}
	}
}

func firstKey[V any](m map[string]V) string {
	if k := slices.Sorted(maps.Keys(m)); len(k) > 0 {
		return k[0]
	}
	return ""
}

func (c *checker) targets() {
	dimIDs := ids(c.m.Dimensions, func(d model.Dimension) string { return d.ID })
	for _, dim := range slices.Sorted(maps.Keys(c.a.Targets)) {
		p := keys("targets", dim)
		if c.m.Dimension(dim) == nil {
			c.keyErrorf(p, "unknown dimension %q; %s", dim, expected("dimension", dimIDs, dim))
			continue
		}
		if t := c.a.Targets[dim]; !c.inScale(t) {
			c.errorf(p, "target %g is outside the scale; expected a score from %d to %d", t, c.m.Scale.Min, c.m.Scale.Max)
		}
	}
}

func (c *checker) useCases() {
	domains := ids(c.m.Domains, func(d model.Domain) string { return d.ID })
	cadenceList := c.m.Cadences
	if len(cadenceList) == 0 {
		cadenceList = model.DefaultCadences()
	}
	cadences := ids(cadenceList, func(cd model.Cadence) string { return cd.ID })
	for i, u := range c.a.UseCases {
		p := keys("use_cases", i)
		switch n := append(p, "name"); {
		case !c.has(n...):
			c.errorf(n, "required; expected name = \"<what the integration does>\"")
		case c.isString(n...) && strings.TrimSpace(u.Name) == "":
			c.errorf(n, "expected a name, found an empty string")
		}
		c.reqRef(append(p, "domain"), u.Domain, "domain", domains)
		c.reqRef(append(p, "cadence"), u.Cadence, "cadence", cadences)
	}
}

// reqRef checks a required reference to a model id.
func (c *checker) reqRef(p []string, got, what string, valid []string) {
	switch {
	case !c.has(p...):
		c.errorf(p, "required; expected %s = \"<id>\", %s", p[len(p)-1], expected(what, valid, ""))
	case !c.isString(p...):
		// type error already reported
	case !slices.Contains(valid, got):
		c.errorf(p, "unknown %s %q; %s", what, got, expected(what, valid, got))
	}
}

func (c *checker) journeys() {
	for i, j := range c.a.Journeys {
		p := keys("journeys", i)
		switch n := append(p, "name"); {
		case !c.has(n...):
			c.errorf(n, "required; expected name = \"<the journey>\", such as \"Buy online, return in store\"")
		case c.isString(n...) && strings.TrimSpace(j.Name) == "":
			c.errorf(n, "expected the journey's name, found an empty string")
		}
		runs := append(p, "runs")
		switch {
		case !c.has(runs...):
			c.errorf(runs, "required; expected runs = <how many times the journey was run end to end>")
		case !c.isWhole(runs...):
			// type error already reported
		case j.Runs < 0:
			c.errorf(runs, "expected the number of runs, 1 or more, found %d", j.Runs)
		case j.Runs == 0:
			c.errorf(runs, "expected at least 1 run; a journey never run says nothing about coherence (record the runs, or remove the journey)")
		case j.Runs > maxCount:
			c.errorf(runs, "expected the number of runs, at most %d, found %d", maxCount, j.Runs)
		}
		failures := append(p, "failures")
		switch {
		case !c.isWhole(failures...):
			// absent (no failures) or a type error already reported
		case j.Failures < 0:
			c.errorf(failures, "expected the number of failed runs, 0 or more, found %d", j.Failures)
		case j.Runs > 0 && j.Failures > j.Runs:
			c.errorf(failures, "%d failures is more than the %d runs; failures counts the runs in which the customer met an inconsistency", j.Failures, j.Runs)
		}
	}
}

func (c *checker) operations() {
	o := c.a.Operations
	if o == nil {
		return
	}
	if c.isString("operations", "owner") && strings.TrimSpace(o.Owner) == "" {
		c.errorf(keys("operations", "owner"), "expected the name of the team that runs the integrations, found an empty string (leave owner out if there is none)")
	}
	if o.RunbooksReviewed != nil && !c.a.Assessed.IsZero() && o.RunbooksReviewed.After(c.a.Assessed) {
		line, col := c.pos(false, keys("operations", "runbooks_reviewed"))
		c.errs.Warn(c.doc.Path, line, col, "operations.runbooks_reviewed: %s is after the assessment date %s",
			Date(*o.RunbooksReviewed), Date(c.a.Assessed))
	}
	if c.isString("operations", "estate_owner") && !slices.Contains(EstateOwners, o.EstateOwner) {
		c.errorf(keys("operations", "estate_owner"), "unknown estate owner %q; expected one of: %s (who runs the estate day to day)",
			o.EstateOwner, strings.Join(EstateOwners, ", "))
	}
	if o.HypercareEnds != nil && c.a.GoLive != nil && o.HypercareEnds.Before(*c.a.GoLive) {
		c.errorf(keys("operations", "hypercare_ends"), "%s is before go_live %s; hypercare starts at go-live",
			Date(*o.HypercareEnds), Date(*c.a.GoLive))
	}
}

// goLive warns about a go-live after the assessment: an estate assessed
// before it went live has no operating record to judge.
func (c *checker) goLive() {
	g := c.a.GoLive
	if g != nil && !c.a.Assessed.IsZero() && g.After(c.a.Assessed) {
		line, col := c.pos(false, keys("go_live"))
		c.errs.Warn(c.doc.Path, line, col, "go_live: %s is after the assessment date %s; record go_live once the estate is live",
			Date(*g), Date(c.a.Assessed))
	}
}

func (c *checker) actions() {
	for i, a := range c.a.Actions {
		p := keys("actions", i)
		switch n := append(p, "title"); {
		case !c.has(n...):
			c.errorf(n, "required; expected title = \"<what will be done>\"")
		case c.isString(n...) && strings.TrimSpace(a.Title) == "":
			c.errorf(n, "expected what will be done, found an empty string")
		}
		crit := append(p, "criterion")
		if c.isString(crit...) {
			dim, id, ok := a.Raises()
			switch {
			case !ok:
				c.errorf(crit, "expected <dimension>.<criterion>, such as %q; found %q", firstCriterion(c.m), a.Criterion)
			case c.m.Dimension(dim) == nil:
				c.errorf(crit, "unknown dimension %q; %s", dim, expected("dimension", ids(c.m.Dimensions, func(d model.Dimension) string { return d.ID }), dim))
			case c.m.Criterion(dim, id) == nil:
				c.errorf(crit, "unknown criterion %q in dimension %q; %s", id, dim,
					expected("criterion", ids(c.m.Dimension(dim).Criteria, func(cr model.Criterion) string { return cr.ID }), id))
			}
		}
		target := append(p, "target")
		switch {
		case a.Target == nil || !c.isWhole(target...):
			// absent, or a type error already reported
		case !c.inScale(float64(*a.Target)):
			c.errorf(target, "level %d is outside the scale; expected %s", *a.Target, c.scaleText())
		case !c.has(crit...):
			c.errorf(target, "a target is the level the action's criterion aims for; name it with criterion = \"<dimension>.<criterion>\"")
		}
		status := append(p, "status")
		switch {
		case !c.has(status...):
			c.errorf(status, "required; expected status = one of: %s", strings.Join(quoted(ActionStatuses), ", "))
		case c.isString(status...) && !slices.Contains(ActionStatuses, a.Status):
			c.errorf(status, "expected one of: %s; found %q", strings.Join(quoted(ActionStatuses), ", "), a.Status)
		}
	}
}

func quoted(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = strconv.Quote(s)
	}
	return out
}
