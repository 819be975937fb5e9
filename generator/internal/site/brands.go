package site

import (
	"cmp"
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"scorebook/generator/internal/assessment"
	template "scorebook/generator/internal/gotemplate/html"
	"scorebook/generator/internal/incr"
	"scorebook/generator/internal/model"
	"scorebook/generator/internal/render"
	"scorebook/generator/internal/routes"
	"scorebook/generator/internal/score"
)

// Brand is a Part: one brand's assessments and the scorecards computed
// from them, digested by the brand's files, the model and the build date
// they were scored with. What is derived from it alone (its portfolio row
// and index entry) is computed once and kept with it.
type Brand struct {
	Slug   string
	Files  *assessment.Brand
	Cards  []*score.Scorecard // oldest first
	digest string
	from   brandSources

	rowOnce sync.Once
	row     *render.PortfolioRow

	mu         sync.Mutex
	rowLayouts *render.Layouts                 // the layouts rowHTML was rendered with
	rowHTML    map[template.HTML]template.HTML // rendered rows by their brand link

	firedOnce sync.Once
	fired     []firedCheck

	entryOnce sync.Once
	entry     []byte
	entryErr  error

	asOfOnce sync.Once
	asOf     []*BrandAsOf // by index of its scorecards

	countsOnce sync.Once
	counts     []render.SeverityCount
}

// BrandAsOf is a Brand as one of its scorecards sees it. An earlier
// scorecard is made from the assessments up to its own and shows the
// date of the newest, which its history links by: its digest changes
// with those, the model and the build date alone, so that an edit of the
// newest assessment leaves the pages and data of the earlier ones as they
// were, not rendered again. The newest scorecard's digest is the Brand's.
type BrandAsOf struct {
	*Brand
	digest string
}

// Digest implements incr.Part.
func (b *BrandAsOf) Digest() string { return b.digest }

// AsOf returns the brand as its scorecard i (oldest first) sees it, the
// same pointer each time.
func (b *Brand) AsOf(i int) *BrandAsOf {
	b.asOfOnce.Do(func() {
		last := len(b.Cards) - 1
		b.asOf = make([]*BrandAsOf, len(b.Cards))
		for j := range b.Cards {
			if j == last {
				b.asOf[j] = &BrandAsOf{Brand: b, digest: b.digest}
				continue
			}
			from := []string{"brand as of", b.Slug, b.from.model, b.from.now.Format(time.DateOnly), b.Cards[last].Assessed}
			for _, a := range b.Files.Assessments[:j+1] {
				from = append(from, a.Path, a.Hash)
			}
			b.asOf[j] = &BrandAsOf{Brand: b, digest: incr.Hash(from...)}
		}
	})
	return b.asOf[i]
}

// brandSources is what a Brand is scored from: its files (their hash),
// the model (its source's hash) and the build date. Comparing them decides
// whether a remembered Brand stands, without hashing them each build.
type brandSources struct {
	files, model string
	now          time.Time
}

// Digest implements incr.Part.
func (b *Brand) Digest() string { return b.digest }

// Current returns the brand's newest scorecard.
func (b *Brand) Current() *score.Scorecard { return b.Cards[len(b.Cards)-1] }

func (b *Brand) card(url string) render.BrandCard {
	return render.BrandCard{Assessment: b.Files.Current(), Cards: b.Cards, URL: url}
}

// portfolioRow returns the brand's row of the portfolio; a listed
// brand's address is a function of its slug, so the row is its own.
func (b *Brand) portfolioRow(m *model.Model, url string) *render.PortfolioRow {
	b.rowOnce.Do(func() {
		row := render.NewPortfolioRow(m, b.card(url))
		b.row = &row
	})
	return b.row
}

// renderRow returns r, a row of the brand's, rendered with layouts: from
// memory when the same row, with the same link, was rendered with the
// same layouts before.
func (b *Brand) renderRow(l *render.Layouts, r *render.PortfolioRow) (template.HTML, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.rowHTML == nil || b.rowLayouts != l {
		b.rowHTML, b.rowLayouts = map[template.HTML]template.HTML{}, l
	}
	if html, ok := b.rowHTML[r.Anchor.HTML]; ok {
		return html, nil
	}
	html, err := l.Fragment(render.KindPortfolio, render.PortfolioRowLayout, r)
	if err != nil {
		return "", err
	}
	b.rowHTML[r.Anchor.HTML] = html
	return html, nil
}

// SeverityCounts returns the findings of the brand's current scorecard
// by severity (render.CountSeverities), counted once: the build's summary
// adds them up for every brand on every rebuild. The slice is shared;
// callers only read it.
func (b *Brand) SeverityCounts() []render.SeverityCount {
	b.countsOnce.Do(func() { b.counts = render.CountSeverities(b.Current().Findings) })
	return b.counts
}

// indexEntry returns the brand's entry in scorecards/index.json, indented
// for its place in the file.
func (b *Brand) indexEntry(url string) ([]byte, error) {
	b.entryOnce.Do(func() {
		c := b.Current()
		a := b.Files.Current()
		e := indexEntry{Slug: b.Slug, Brand: c.Brand, Assessed: c.Assessed, AsOf: c.AsOf, URL: url, Platform: a.Platform,
			Pattern: a.Pattern, Overall: c.Overall, Coherence: c.Coherence, Findings: map[string]int{}}
		for _, c := range b.SeverityCounts() {
			e.Findings[c.Severity] = c.Count
		}
		b.entry, b.entryErr = json.MarshalIndent(e, "    ", "  ")
	})
	return b.entry, b.entryErr
}

// indexEntry is one listed brand in scorecards/index.json.
type indexEntry struct {
	Slug     string        `json:"slug"`
	Brand    string        `json:"brand"`
	Assessed string        `json:"assessed"`
	AsOf     string        `json:"as_of"` // the build date the current assessment is judged as of
	URL      string        `json:"url"`
	Platform string        `json:"platform"`
	Pattern  string        `json:"pattern"`
	Overall  score.Overall `json:"overall"`
	// Coherence is the journey failure rate; nil when no journey was run.
	Coherence *score.Coherence `json:"coherence"`
	Findings  map[string]int   `json:"findings"`
}

// listedParts are the parts derived from the listed brands, which pages
// that show brands hold: made again only when a listed brand changed.
type listedParts struct {
	id      string                               // the listed brands and the model they come from
	model   string                               // the model's digest
	bySlug  map[string]*Brand                    // the listed brands
	brands  *incr.Shared[[]Published]            // for the data files
	members *incr.Shared[[]render.PatternMember] // for the pattern pages
	rows    *incr.Shared[[]portfolioEntry]       // sorted, for the portfolio
	// views holds the portfolio and each of its filters, by address
	// (routes.Filter): parts of their own, so that a brand's edit
	// changes the pages the brand is or was on, not every one.
	views    map[string]*portfolioPart
	pageSize int                                    // the brands per portfolio page the views were paged with
	counts   *incr.Shared[render.FilterCounts]      // for every portfolio page's filter links
	firing   map[string]*incr.Shared[[]render.Link] // by check id: the brands it fires for
	example  *incr.Shared[*render.ScorecardView]    // the scoring page's worked example
	// exampleOf is the brand the example shows, at its address.
	exampleOf Published
	roster    *incr.Shared[[]rosterEntry] // names, addresses and dates
}

// keep tells the parts table that the parts l holds are still in use, so
// that it does not forget them while l stays the same: a later listedParts
// with the same content then gets the same pointers, and the inputs and
// memos holding them (the search entries keyed on the roster) compare
// equal instead of being made again.
func (l *listedParts) keep(t *incr.Parts) {
	incr.Keep(t, l.roster)
	incr.Keep(t, l.members)
	incr.Keep(t, l.counts)
	for _, v := range l.views {
		v.keep(t)
	}
	for _, f := range l.firing {
		incr.Keep(t, f)
	}
	if l.example != nil {
		incr.Keep(t, l.example)
	}
}

// portfolioEntry is one row of the portfolio with the brand it shows.
type portfolioEntry struct {
	Row   *render.PortfolioRow
	Brand *Brand
}

// rowsOf returns the rows of entries.
func rowsOf(entries []portfolioEntry) []*render.PortfolioRow {
	rows := make([]*render.PortfolioRow, len(entries))
	for i, e := range entries {
		rows[i] = e.Row
	}
	return rows
}

// rosterEntry is what the search index and the sitemap show of a listed
// brand.
type rosterEntry struct {
	Name, URL string
	Dates     []string // oldest first
}

func (a *assembly) listedParts() *listedParts {
	prev := a.mem.listed
	changed, few := a.changedBrands(prev)
	// The same brands, by pointer, at the same addresses, under the same
	// model and page size are the last parts, known without hashing every
	// brand; otherwise the id (the hash) tells.
	same := few && len(changed) == 0 && prev.pageSize == a.in.Config.PortfolioPageSize
	var id string
	if !same {
		id = a.listedID()
		same = prev != nil && prev.id == id
	}
	if same {
		prev.keep(a.mem.parts)
		return prev
	}
	l := &listedParts{id: id, model: a.model.Digest(), firing: map[string]*incr.Shared[[]render.Link]{}}
	// A part whose share of every changed brand is as it was is the last
	// one: one brand's edit need not walk and hash every brand again.
	unchanged := func(same func(before, after Published) bool) bool {
		return few && !slices.ContainsFunc(changed, func(c [2]Published) bool { return !same(c[0], c[1]) })
	}
	if few {
		// The same slugs as before: the last map, with the changed brands.
		l.bySlug = maps.Clone(prev.bySlug)
		for _, c := range changed {
			l.bySlug[c[1].Brand.Slug] = c[1].Brand
		}
	} else {
		l.bySlug = make(map[string]*Brand, len(a.listed))
		for _, p := range a.listed {
			l.bySlug[p.Brand.Slug] = p.Brand
		}
	}
	rows, moved, incremental := a.sortRows(prev, l.bySlug)
	keep := a.mem.parts
	l.brands = incr.Derive(slices.Clone(a.listed), id)
	if unchanged(sameMember) {
		l.members = incr.Keep(keep, prev.members)
	} else {
		l.members = incr.Keep(keep, a.members())
	}
	l.rows = incr.Derive(rows, id)
	if unchanged(sameFilters) {
		l.counts = incr.Keep(keep, prev.counts)
	} else {
		l.counts = incr.Keep(keep, incr.Share(render.CountFilters(rowsOf(rows))))
	}
	l.pageSize = a.in.Config.PortfolioPageSize
	l.views = a.portfolioParts(prev, rows, moved, incremental)
	if unchanged(sameRosterEntry) {
		l.roster = incr.Keep(keep, prev.roster)
	} else {
		l.roster = incr.Keep(keep, a.roster())
	}
	if unchanged(sameFiring) {
		for check, f := range prev.firing {
			l.firing[check] = incr.Keep(keep, f)
		}
	} else {
		for check, links := range a.firing() {
			ids := make([]string, 0, 3*len(links)+2)
			ids = append(ids, "firing", check)
			for _, link := range links {
				ids = append(ids, link.Title, link.URL, link.Note)
			}
			l.firing[check] = incr.Keep(keep, incr.Derive(links, ids...))
		}
	}
	if ex := a.exampleBrand(); ex != nil {
		b := ex.Brand
		l.exampleOf = *ex
		if few && prev.exampleOf == *ex && prev.example != nil {
			l.example = incr.Keep(keep, prev.example)
		} else {
			l.example = incr.Keep(keep, incr.Derive(render.NewScorecardView(a.m, b.Files.Current(), b.Current(), b.Cards, ex.URL),
				"example", a.model.Digest(), b.Digest(), ex.URL))
		}
	}
	a.mem.listed = l
	return l
}

// listedID identifies the listed brands by their slugs, addresses and
// digests, with the model and the portfolio's page size.
func (a *assembly) listedID() string {
	ids := make([]string, 0, 3+3*len(a.listed))
	ids = append(ids, "listed", a.model.Digest(), strconv.Itoa(a.in.Config.PortfolioPageSize))
	for _, p := range a.listed {
		ids = append(ids, p.Brand.Slug, p.URL, p.Brand.Digest())
	}
	return incr.Hash(ids...)
}

// changedBrands returns the listed brands (before and after) that changed
// since prev, the last listedParts, with few true when they can be told
// apart from the rest: prev was made with the same model, no brand came,
// went or moved address, and at most maxMoved changed.
func (a *assembly) changedBrands(prev *listedParts) (changed [][2]Published, few bool) {
	if prev == nil || prev.model != a.model.Digest() || len(prev.brands.V) != len(a.listed) {
		return nil, false
	}
	for i, p := range a.listed {
		before := prev.brands.V[i]
		if before.Brand == p.Brand && before.URL == p.URL {
			continue
		}
		if before.Brand.Slug != p.Brand.Slug || before.URL != p.URL {
			return nil, false
		}
		if changed = append(changed, [2]Published{before, p}); len(changed) > maxMoved {
			return nil, false
		}
	}
	return changed, true
}

// members lists what the pattern pages show of every listed brand.
func (a *assembly) members() *incr.Shared[[]render.PatternMember] {
	members := make([]render.PatternMember, len(a.listed))
	// Digested by the strings they are made of, hashed, rather than
	// encoded field by field (incr.Share).
	ids := make([]string, 0, 4*len(a.listed)+1)
	ids = append(ids, "members")
	for i, p := range a.listed {
		m := memberOf(p)
		members[i] = m
		ids = append(ids, m.Brand, m.URL, m.Pattern, m.Planned)
	}
	return incr.Derive(members, ids...)
}

func memberOf(p Published) render.PatternMember {
	cur := p.Brand.Files.Current()
	return render.PatternMember{Brand: cur.Brand, URL: p.URL, Pattern: cur.Pattern, Planned: cur.PlannedPattern}
}

func sameMember(before, after Published) bool { return memberOf(before) == memberOf(after) }

// sameFilters reports whether a brand is on the same platform's and
// pattern's portfolio filters (render.CountFilters).
func sameFilters(before, after Published) bool {
	x, y := before.Brand.Files.Current(), after.Brand.Files.Current()
	return x.Platform == y.Platform && x.Pattern == y.Pattern
}

// roster lists the names, addresses and dates of every listed brand.
func (a *assembly) roster() *incr.Shared[[]rosterEntry] {
	roster := make([]rosterEntry, len(a.listed))
	ids := []string{"roster"}
	for i, p := range a.listed {
		r := rosterEntryOf(p)
		roster[i] = r
		ids = append(append(append(ids, r.Name, r.URL), r.Dates...), "")
	}
	return incr.Derive(roster, ids...)
}

func rosterEntryOf(p Published) rosterEntry {
	r := rosterEntry{Name: p.Brand.Current().Brand, URL: p.URL}
	for _, c := range p.Brand.Cards {
		r.Dates = append(r.Dates, c.Assessed)
	}
	return r
}

func sameRosterEntry(before, after Published) bool {
	x, y := rosterEntryOf(before), rosterEntryOf(after)
	return x.Name == y.Name && x.URL == y.URL && slices.Equal(x.Dates, y.Dates)
}

// sameFiring reports whether a brand is listed under the same checks, with
// the same notes, by the same name (see firing).
func sameFiring(before, after Published) bool {
	return before.Brand.Current().Brand == after.Brand.Current().Brand && slices.Equal(before.Brand.firedChecks(), after.Brand.firedChecks())
}

// maxMoved is how many listed brands may change, come or go for sortRows
// to move their rows in the last build's order rather than sort them all.
const maxMoved = 32

// movedRow is the row of a brand that changed, came or went since the
// last listedParts: before (nil for a brand that came) and after (nil for
// one that went).
type movedRow struct{ before, after *render.PortfolioRow }

// movedRows are the rows sortRows moved.
type movedRows []movedRow

// touch reports whether a moved row was or is on the portfolio filtered
// by kind and id.
func (m movedRows) touch(kind, id string) bool {
	for _, r := range m {
		if (r.before != nil && render.InFilter(r.before, kind, id)) || (r.after != nil && render.InFilter(r.after, kind, id)) {
			return true
		}
	}
	return false
}

// portfolioPart is the portfolio or one of its filters: its rows, the
// figures over them, and the rows of each of its pages.
type portfolioPart struct {
	rows  []portfolioEntry
	stats *incr.Shared[*render.PortfolioStats]
	pages []render.PortfolioPage
	// paged holds the rows of each page, a part of its own, so that an
	// edit changes the pages whose rows changed.
	paged []*incr.Shared[[]portfolioEntry]
}

func (v *portfolioPart) keep(t *incr.Parts) {
	incr.Keep(t, v.stats)
	for _, p := range v.paged {
		incr.Keep(t, p)
	}
}

// view returns the view at url, nil when l is nil or has none.
func (l *listedParts) view(url string) *portfolioPart {
	if l == nil {
		return nil
	}
	return l.views[url]
}

// compareRows orders the portfolio: by render.ComparePortfolioRows, then
// by slug, an order of its own for every set of listed brands.
func compareRows(x, y portfolioEntry) int {
	return cmp.Or(render.ComparePortfolioRows(x.Row, y.Row), strings.Compare(x.Brand.Slug, y.Brand.Slug))
}

// sortRows returns the rows of the listed brands in portfolio order. When
// prev, the last build's parts, was made with the same model and at most
// maxMoved brands changed, came or went since, it takes prev's order and
// moves those brands' rows (incremental is true, and moved lists them);
// otherwise it sorts every row. listed holds the listed brands by slug.
func (a *assembly) sortRows(prev *listedParts, listed map[string]*Brand) (rows []portfolioEntry, moved movedRows, incremental bool) {
	if prev != nil && prev.model == a.model.Digest() {
		if rows, moved, ok := a.moveRows(prev, listed); ok {
			return rows, moved, true
		}
	}
	rows = make([]portfolioEntry, len(a.listed))
	for i, p := range a.listed {
		rows[i] = a.portfolioEntry(p)
	}
	slices.SortFunc(rows, compareRows)
	return rows, nil, false
}

// moveRows takes prev's order of rows and moves into it the rows of the
// brands that changed, came or went since; ok is false when more than
// maxMoved did.
func (a *assembly) moveRows(prev *listedParts, listed map[string]*Brand) (rows []portfolioEntry, moved movedRows, ok bool) {
	var came []portfolioEntry
	for _, p := range a.listed {
		before := prev.bySlug[p.Brand.Slug]
		if before == p.Brand {
			continue
		}
		e := a.portfolioEntry(p)
		came = append(came, e)
		m := movedRow{after: e.Row}
		if before != nil {
			m.before = before.row
		}
		if moved = append(moved, m); len(moved) > maxMoved {
			return nil, nil, false
		}
	}
	rows = make([]portfolioEntry, 0, len(a.listed))
	for _, e := range prev.rows.V {
		switch b := listed[e.Brand.Slug]; {
		case b == e.Brand:
			rows = append(rows, e)
		case b == nil:
			if moved = append(moved, movedRow{before: e.Row}); len(moved) > maxMoved {
				return nil, nil, false
			}
		}
	}
	for _, e := range came {
		i, _ := slices.BinarySearchFunc(rows, e, compareRows)
		rows = slices.Insert(rows, i, e)
	}
	return rows, moved, true
}

// portfolioEntry returns p's row of the portfolio with its brand.
func (a *assembly) portfolioEntry(p Published) portfolioEntry {
	return portfolioEntry{Row: p.Brand.portfolioRow(a.m, p.URL), Brand: p.Brand}
}

// portfolioParts makes the portfolio and each of its filters from rows,
// sorted, keeping prev's view that no moved row was or is on when the rows
// were moved (incremental) rather than sorted, and prev's page whose rows
// are those it had.
func (a *assembly) portfolioParts(prev *listedParts, rows []portfolioEntry, moved movedRows, incremental bool) map[string]*portfolioPart {
	size := a.in.Config.PortfolioPageSize
	if prev != nil && (prev.pageSize != size || prev.model != a.model.Digest()) {
		prev = nil
	}
	views := map[string]*portfolioPart{}
	add := func(kind, fid string) {
		url := routes.Filter(kind, fid)
		old := prev.view(url)
		if incremental && old != nil && !moved.touch(kind, fid) {
			old.keep(a.mem.parts)
			views[url] = old
			return
		}
		in := rows
		if kind != "" {
			in = nil
			for _, r := range rows {
				if render.InFilter(r.Row, kind, fid) {
					in = append(in, r)
				}
			}
		}
		v := &portfolioPart{rows: in, pages: render.PagePortfolio(len(in), size)}
		var before *render.PortfolioStats // the view's figures, when only the moved rows changed since
		if incremental && old != nil {
			before = old.stats.V
		}
		v.stats = incr.Keep(a.mem.parts, incr.Share(render.UpdatePortfolioStats(a.m, rowsOf(in), before, moved.touch)))
		for _, pg := range v.pages {
			lo := max(pg.First-1, 0)
			page := in[lo:pg.Last]
			if old != nil && len(old.pages) == len(v.pages) && old.pages[pg.N-1] == pg && slices.Equal(old.rows[lo:pg.Last], page) {
				v.paged = append(v.paged, old.paged[pg.N-1])
				continue
			}
			ids := []string{"portfolio page", a.model.Digest(), url, strconv.Itoa(pg.N)}
			for _, r := range page {
				ids = append(ids, r.Brand.Slug, r.Brand.Digest(), r.Row.Brand.URL)
			}
			v.paged = append(v.paged, incr.Keep(a.mem.parts, incr.Derive(page, ids...)))
		}
		views[url] = v
	}
	add("", "")
	for _, kind := range routes.FilterKinds {
		for _, fid := range a.filterIDs(kind) {
			add(kind, fid)
		}
	}
	return views
}

// firing lists, for every check, the listed brands whose current
// scorecard has a finding of it.
func (a *assembly) firing() map[string][]render.Link {
	by := map[string][]render.Link{}
	for _, c := range a.m.Checks {
		by[c.ID] = nil
	}
	for _, p := range a.listed {
		for _, c := range p.Brand.firedChecks() {
			by[c.check] = append(by[c.check], render.Link{Title: p.Brand.Current().Brand, URL: p.URL, Note: c.note})
		}
	}
	return by
}

// firedCheck is a check that fires for a brand's current scorecard, with
// how often and how badly, as the check's page lists it.
type firedCheck struct {
	check, note string
}

// firedChecks lists the checks that fire for the brand's current
// scorecard, in the order of its findings, made once.
func (b *Brand) firedChecks() []firedCheck {
	b.firedOnce.Do(func() {
		type fired struct {
			check, worst string
			n            int
		}
		var checks []fired
		for _, f := range b.Current().Findings {
			i := slices.IndexFunc(checks, func(c fired) bool { return c.check == f.Check })
			if i < 0 {
				// Findings come worst first: the first of a check is its worst.
				checks = append(checks, fired{check: f.Check, worst: f.Severity})
				i = len(checks) - 1
			}
			checks[i].n++
		}
		for _, c := range checks {
			b.fired = append(b.fired, firedCheck{c.check, strconv.Itoa(c.n) + " finding" + plural(c.n) + ", worst " + c.worst})
		}
	})
	return b.fired
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// exampleBrand is the listed brand whose current scorecard is most
// complete, the first by slug among equals.
func (a *assembly) exampleBrand() *Published {
	var best *Published
	for i, p := range a.listed {
		if best == nil || p.Brand.Current().Overall.Coverage > best.Brand.Current().Overall.Coverage {
			best = &a.listed[i]
		}
	}
	return best
}
