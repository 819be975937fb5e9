package render

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"scorebook/generator/internal/assessment"
	"scorebook/generator/internal/chart"
	template "scorebook/generator/internal/gotemplate/html"
	"scorebook/generator/internal/model"
	"scorebook/generator/internal/routes"
	"scorebook/generator/internal/score"
)

// PortfolioView is one page of the listed brands against every dimension,
// with the filters a reader can apply without JavaScript (each filter is a
// page). Its rows carry their figures formatted and their brand links
// relative to URL, the page the view is for, so that the layout reads
// fields instead of calling a function per cell.
type PortfolioView struct {
	URL        string // the page: the portfolio, one of its filter pages, or a later page of either
	Dimensions []Link
	Rows       []PortfolioRow // this page's rows
	Platforms  []Filter
	Patterns   []Filter
	Filter     string // the active filter's title, or ""
	All        string // the unfiltered portfolio's URL
	// Page places the page among the pages of its portfolio.
	Page PortfolioPage
	// FilterCurrent is the aria-current value of the active filter's
	// link: "page" on the filter's first page, which the link leads to,
	// "true" (the current one of the filters) on its later pages.
	FilterCurrent string
	// Pager links every page of the portfolio when it has more than one.
	Pager []PagerLink
	// Stats are the figures over every brand of the portfolio, shown on
	// its first page; nil on the others.
	Stats *PortfolioStats
	// RowsHTML is every row's HTML (JoinRows), each on its own line:
	// the table body in one piece, which a page of many brands writes
	// far faster than a template's range over Rows.
	RowsHTML template.HTML
}

// Totals are the findings by severity over every page's brands, on the
// first page (Stats); nil on the others. Layouts written before the
// portfolio had pages read them here.
func (v *PortfolioView) Totals() []SeverityCount {
	if v.Stats == nil {
		return nil
	}
	return v.Stats.Totals
}

// Medians are the medians by group over every page's brands, on the first
// page (Stats); nil on the others.
func (v *PortfolioView) Medians() []MedianTable {
	if v.Stats == nil {
		return nil
	}
	return v.Stats.Medians
}

// PortfolioPage places one page of a portfolio among its pages.
type PortfolioPage struct {
	N, Of  int // the page's number from 1, and how many pages there are
	First  int // the number of the page's first row among all rows, from 1
	Last   int // the number of its last row
	Brands int // the rows on all pages together
}

// PagerLink is one page in the portfolio's list of pages.
type PagerLink struct {
	Link
	Current bool
}

// PortfolioStats are the figures over every brand of a portfolio: its
// findings by severity, and the median of each dimension by group.
type PortfolioStats struct {
	Brands int
	Totals []SeverityCount
	// Medians gives the median of each dimension over the brands of each
	// pattern, then of each platform, that has any.
	Medians []MedianTable
}

// portfolioRowSeparator comes before each row in RowsHTML: the line break
// and indent of the table body's rows in layouts/portfolio.html.
const portfolioRowSeparator = "\n    "

// JoinRows sets RowsHTML from the HTML of every row, once each row's HTML
// is set (PortfolioRowLayout).
func (v *PortfolioView) JoinRows() {
	size := 0
	for i := range v.Rows {
		size += len(portfolioRowSeparator) + len(v.Rows[i].HTML)
	}
	var b strings.Builder
	b.Grow(size)
	for i := range v.Rows {
		b.WriteString(portfolioRowSeparator)
		b.WriteString(string(v.Rows[i].HTML))
	}
	v.RowsHTML = template.HTML(b.String())
}

// MedianTable is the medians of each dimension by one kind of group.
type MedianTable struct {
	Kind  string // "pattern" or "platform"
	Label string // "Pattern"
	Rows  []MedianRow
}

// MedianRow is the median score of each dimension over a group of brands.
type MedianRow struct {
	Group Link
	Count int      // brands in the group
	Cells []string // per dimension in model order: the median, or "—" when no brand has a score
	id    string   // the pattern's or platform's id
}

// Filter is a link to the portfolio narrowed to one platform or pattern.
type Filter struct {
	Link
	ID     string
	Count  int
	Active bool
}

// PortfolioRow is one brand's current scorecard in the portfolio.
type PortfolioRow struct {
	Brand Link
	// Anchor links the brand's name to its scorecard, relative to the
	// portfolio page the row is on; NewPortfolioView sets it,
	// NewPortfolioRow leaves it empty.
	Anchor     Anchor
	Slug       string
	Platform   string // id, for the filter script
	Pattern    string // id
	Assessed   string
	Overall    *float64
	Level      string
	Coverage   float64
	Cells      []HeatCell
	Severities []SeverityCount
	Trend      template.HTML

	OverallText   string // "2.67" or "not assessed"
	OverallValue  string // the score at full precision for sorting; "-1" when there is none
	CoverageText  string // "80%"
	CoverageValue string // the coverage at full precision, for sorting
	// UrgentText counts critical and high findings, "1 / 3"; UrgentValue
	// sorts by them, a critical finding counting twice a high one.
	UrgentText  string
	UrgentValue string
	// CoherenceText is the journey failure rate, "18%", or "—" when no
	// journey was run; CoherenceValue sorts by it ("-1" for none).
	CoherenceText  string
	CoherenceValue string
	// AgeText is the time from the assessment to the date it is judged
	// as of (the build date), "412 days"; AgeValue sorts by it.
	AgeText  string
	AgeValue string

	// HTML is the row as PortfolioRowLayout renders it, which the
	// portfolio layout places; the build sets it.
	HTML template.HTML
}

// HeatCell is one brand's score on one dimension.
type HeatCell struct {
	Score *float64
	Class string // the shade, "heat-3"
	Text  string // "2.67" or "not assessed"
	Value string // the score at full precision for sorting; "-1" when there is none
}

// BrandCard pairs a brand's newest assessment with its scorecards, oldest
// first, for the portfolio and the pattern pages.
type BrandCard struct {
	Assessment *assessment.Assessment
	Cards      []*score.Scorecard
	URL        string
}

// PatternMember is what the pattern pages show of a listed brand: its
// name and address, the pattern it runs and the one it plans.
type PatternMember struct {
	Brand, URL, Pattern, Planned string
}

// Current returns the brand's newest scorecard.
func (b BrandCard) Current() *score.Scorecard { return b.Cards[len(b.Cards)-1] }

// NewPortfolioRow builds one brand's row of the portfolio.
func NewPortfolioRow(m *model.Model, b BrandCard) PortfolioRow {
	a := b.Assessment
	card := b.Current()
	row := PortfolioRow{Brand: Link{Title: card.Brand, URL: b.URL}, Slug: card.Slug, Platform: a.Platform,
		Pattern: a.Pattern, Assessed: card.Assessed, Overall: card.Overall.Score, Coverage: card.Overall.Coverage,
		Severities: CountSeverities(card.Findings), OverallText: FormatScore(card.Overall.Score),
		OverallValue: sortValue(card.Overall.Score), CoverageText: FormatPercent(card.Overall.Coverage),
		CoverageValue: sortValue(&card.Overall.Coverage), Cells: make([]HeatCell, 0, len(card.Dimensions))}
	if card.Overall.Level != nil {
		row.Level = *card.Overall.Level
	}
	row.CoherenceText, row.CoherenceValue = "—", "-1"
	if c := card.Coherence; c != nil {
		row.CoherenceText, row.CoherenceValue = FormatPercent(c.FailureRate), sortValue(&c.FailureRate)
	}
	age := daysBetween(card.Assessed, card.AsOf)
	row.AgeText, row.AgeValue = strconv.Itoa(age)+" "+plural(age, "day", "days"), strconv.Itoa(age)
	crit, high := row.Severities[0].Count, row.Severities[1].Count
	row.UrgentText = strconv.Itoa(crit) + " / " + strconv.Itoa(high)
	row.UrgentValue = strconv.Itoa(2*crit + high)
	for _, d := range card.Dimensions {
		row.Cells = append(row.Cells, HeatCell{Score: d.Score, Text: FormatScore(d.Score), Value: sortValue(d.Score),
			Class: chart.HeatClass(d.Score, float64(m.Scale.Min), float64(m.Scale.Max))})
	}
	if len(b.Cards) > 1 {
		vals := make([]*float64, len(b.Cards))
		for i, c := range b.Cards {
			vals[i] = c.Overall.Score
		}
		row.Trend = chart.Sparkline(vals, float64(m.Scale.Min), float64(m.Scale.Max), "Overall score trend for "+card.Brand)
	}
	return row
}

// ComparePortfolioRows orders rows highest overall score first, then by
// name; brands without an overall score come last.
func ComparePortfolioRows(a, b *PortfolioRow) int {
	switch {
	case a.Overall == nil && b.Overall == nil:
		return strings.Compare(a.Brand.Title, b.Brand.Title)
	case a.Overall == nil:
		return 1
	case b.Overall == nil:
		return -1
	}
	return cmp.Or(cmp.Compare(*b.Overall, *a.Overall), strings.Compare(a.Brand.Title, b.Brand.Title))
}

// FilterCounts counts the listed brands of each platform and each
// pattern, by id, for the portfolio's filter links.
type FilterCounts struct {
	Platform, Pattern map[string]int
}

// CountFilters counts rows by platform and by pattern.
func CountFilters(rows []*PortfolioRow) FilterCounts {
	c := FilterCounts{Platform: map[string]int{}, Pattern: map[string]int{}}
	for _, r := range rows {
		c.Platform[r.Platform]++
		c.Pattern[r.Pattern]++
	}
	return c
}

// InFilter reports whether row r is shown on the portfolio filtered to the
// platform or pattern with id filter (filterKind "platform" or "pattern";
// "" for every row).
func InFilter(r *PortfolioRow, filterKind, filter string) bool {
	switch filterKind {
	case "platform":
		return r.Platform == filter
	case "pattern":
		return r.Pattern == filter
	}
	return true
}

// NewPortfolioView builds one page of the portfolio filtered to the
// platform or pattern with id filter when filterKind is "platform" or
// "pattern". rows are the page's rows (made by NewPortfolioRow, in the
// order of ComparePortfolioRows, in the filter: InFilter), page places
// them among all pages, stats are the figures over every row (nil but on
// the first page), and counts are those of every listed brand
// (CountFilters). The rows are copied, with their brand links made
// relative to the view's page, routes.FilterPage(filterKind, filter, page.N).
func NewPortfolioView(m *model.Model, rows []*PortfolioRow, page PortfolioPage, stats *PortfolioStats, counts FilterCounts, filterKind, filter string) *PortfolioView {
	v := &PortfolioView{All: routes.Filter("", ""), URL: routes.FilterPage(filterKind, filter, page.N), Page: page, Stats: stats,
		FilterCurrent: "page"}
	if page.N > 1 {
		v.FilterCurrent = "true"
	}
	for _, d := range m.Dimensions {
		v.Dimensions = append(v.Dimensions, Link{Title: d.Name, URL: routes.Dimension(d.ID)})
	}
	filters := func(kind, id, name string, count map[string]int) Filter {
		f := Filter{Link: Link{Title: name, URL: routes.Filter(kind, id)}, ID: id,
			Active: filterKind == kind && filter == id, Count: count[id]}
		if f.Active {
			v.Filter = name
		}
		return f
	}
	for _, p := range m.Platforms {
		v.Platforms = append(v.Platforms, filters("platform", p.ID, p.Name, counts.Platform))
	}
	for _, p := range m.Patterns {
		v.Patterns = append(v.Patterns, filters("pattern", p.ID, p.Name, counts.Pattern))
	}
	if page.Of > 1 {
		for n := 1; n <= page.Of; n++ {
			v.Pager = append(v.Pager, PagerLink{Link: Link{Title: strconv.Itoa(n), URL: routes.FilterPage(filterKind, filter, n)}, Current: n == page.N})
		}
	}
	v.Rows = make([]PortfolioRow, 0, len(rows))
	for _, shared := range rows {
		r := *shared
		r.Anchor = anchorFrom(v.URL, r.Brand.URL, r.Brand.Title)
		v.Rows = append(v.Rows, r)
	}
	return v
}

// PagePortfolio splits n rows into pages of at most size rows (every row
// on one page when size is 0 or less): it returns the place of each page.
// A portfolio without rows still has its one page.
func PagePortfolio(n, size int) []PortfolioPage {
	if size <= 0 || n <= size {
		return []PortfolioPage{{N: 1, Of: 1, First: min(1, n), Last: n, Brands: n}}
	}
	of := (n + size - 1) / size
	pages := make([]PortfolioPage, of)
	for i := range pages {
		pages[i] = PortfolioPage{N: i + 1, Of: of, First: i*size + 1, Last: min((i+1)*size, n), Brands: n}
	}
	return pages
}

// NewPortfolioStats sums the findings of rows by severity and takes the
// median of each dimension over the rows of each pattern and of each
// platform.
func NewPortfolioStats(m *model.Model, rows []*PortfolioRow) *PortfolioStats {
	return UpdatePortfolioStats(m, rows, nil, nil)
}

// UpdatePortfolioStats returns what NewPortfolioStats(m, rows) would,
// taking from prev, the figures over the same view before some of its
// rows changed, the medians of every group (kind "pattern" or "platform",
// and id) for which changed is false: the caller vouches that none of
// that group's rows changed, came or went. A nil prev takes nothing.
func UpdatePortfolioStats(m *model.Model, rows []*PortfolioRow, prev *PortfolioStats, changed func(kind, id string) bool) *PortfolioStats {
	st := &PortfolioStats{Brands: len(rows), Totals: make([]SeverityCount, len(score.Severities))}
	for i, sev := range score.Severities {
		st.Totals[i].Severity, st.Totals[i].Class = sev, SeverityClass(sev)
	}
	// The medians each group had, for the groups that did not change.
	kept := map[[2]string]MedianRow{}
	if prev != nil {
		for _, t := range prev.Medians {
			for _, r := range t.Rows {
				if !changed(t.Kind, r.id) {
					kept[[2]string{t.Kind, r.id}] = r
				}
			}
		}
	}
	// The rows of each pattern and platform whose medians are taken
	// again, in the model's order, gathered in one pass.
	patterns, platforms := make(map[string]int, len(m.Patterns)), make(map[string]int, len(m.Platforms))
	for i, p := range m.Patterns {
		if _, ok := kept[[2]string{"pattern", p.ID}]; !ok {
			patterns[p.ID] = i
		}
	}
	for i, p := range m.Platforms {
		if _, ok := kept[[2]string{"platform", p.ID}]; !ok {
			platforms[p.ID] = i
		}
	}
	ofPattern, ofPlatform := make([][]*PortfolioRow, len(m.Patterns)), make([][]*PortfolioRow, len(m.Platforms))
	for _, r := range rows {
		for i, c := range r.Severities {
			st.Totals[i].Count += c.Count
		}
		if i, ok := patterns[r.Pattern]; ok {
			ofPattern[i] = append(ofPattern[i], r)
		}
		if i, ok := platforms[r.Platform]; ok {
			ofPlatform[i] = append(ofPlatform[i], r)
		}
	}
	group := func(t *MedianTable, id string, l Link, members []*PortfolioRow) {
		if r, ok := kept[[2]string{t.Kind, id}]; ok {
			t.Rows = append(t.Rows, r)
			return
		}
		t.Rows = appendMedians(t.Rows, id, l, members)
	}
	byPattern := MedianTable{Kind: "pattern", Label: "Pattern"}
	for i, p := range m.Patterns {
		group(&byPattern, p.ID, Link{Title: p.Name, URL: "/patterns/" + p.ID + "/"}, ofPattern[i])
	}
	byPlatform := MedianTable{Kind: "platform", Label: "Platform"}
	for i, p := range m.Platforms {
		group(&byPlatform, p.ID, Link{Title: p.Name, URL: routes.Filter("platform", p.ID)}, ofPlatform[i])
	}
	for _, t := range []MedianTable{byPattern, byPlatform} {
		if len(t.Rows) > 0 {
			st.Medians = append(st.Medians, t)
		}
	}
	return st
}

// appendMedians appends the medians of the rows in a group, members, with
// its id, when it has any.
func appendMedians(out []MedianRow, id string, group Link, members []*PortfolioRow) []MedianRow {
	if len(members) == 0 {
		return out
	}
	mr := MedianRow{Group: group, Count: len(members), id: id}
	scores := make([]float64, 0, len(members)) // for each cell in turn
	for i := range members[0].Cells {
		scores = scores[:0]
		for _, r := range members {
			if s := r.Cells[i].Score; s != nil {
				scores = append(scores, *s)
			}
		}
		text := "—"
		if m, ok := median(scores); ok {
			text = FormatScore(&m)
		}
		mr.Cells = append(mr.Cells, text)
	}
	return append(out, mr)
}

// median returns the median of xs (the mean of the middle two for an
// even count), reordering xs in place; ok is false when xs is empty. It
// selects the middle instead of sorting: a portfolio edit takes the
// medians of every group of every view it touches.
func median(xs []float64) (m float64, ok bool) {
	n := len(xs)
	if n == 0 {
		return 0, false
	}
	upper := nth(xs, n/2)
	if n%2 == 1 {
		return upper, true
	}
	// nth left the smaller half before n/2: its largest is the lower middle.
	return (slices.Max(xs[:n/2]) + upper) / 2, true
}

// nth reorders xs so that xs[k] holds what sorting would put there, no
// greater value before it and no smaller one after it, and returns it
// (Hoare's selection with a median-of-three pivot).
func nth(xs []float64, k int) float64 {
	lo, hi := 0, len(xs)-1
	for lo < hi {
		mid := lo + (hi-lo)/2
		if xs[mid] < xs[lo] {
			xs[mid], xs[lo] = xs[lo], xs[mid]
		}
		if xs[hi] < xs[lo] {
			xs[hi], xs[lo] = xs[lo], xs[hi]
		}
		if xs[hi] < xs[mid] {
			xs[hi], xs[mid] = xs[mid], xs[hi]
		}
		pivot := xs[mid]
		i, j := lo, hi
		for i <= j {
			for xs[i] < pivot {
				i++
			}
			for xs[j] > pivot {
				j--
			}
			if i <= j {
				xs[i], xs[j] = xs[j], xs[i]
				i++
				j--
			}
		}
		// xs[lo..j] ≤ pivot ≤ xs[i..hi], and what lies between equals it.
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return xs[k]
		}
	}
	return xs[k]
}

// daysBetween counts the days from one YYYY-MM-DD date to another; 0 when
// either does not parse.
func daysBetween(from, to string) int {
	f, err1 := time.Parse(time.DateOnly, from)
	t, err2 := time.Parse(time.DateOnly, to)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int(t.Sub(f).Hours() / 24)
}

// NewPatternsView builds the pattern comparison from the model's profiles
// and the listed brands' current and planned patterns.
func NewPatternsView(m *model.Model, brands []PatternMember) *PatternsView {
	v := &PatternsView{}
	for _, d := range m.Dimensions {
		v.Dimensions = append(v.Dimensions, Link{Title: d.Name, URL: routes.Dimension(d.ID)})
	}
	var profiles []chart.PatternProfile
	axes := make([]string, len(m.Dimensions))
	for i, d := range m.Dimensions {
		axes[i] = d.Name
	}
	for i := range m.Patterns {
		p := &m.Patterns[i]
		row := PatternRow{Pattern: Link{Title: p.Name, URL: routes.Pattern(p.ID)}, Summary: p.Summary}
		for _, d := range m.Dimensions {
			row.Cells = append(row.Cells, profileCell(m, p, d.ID))
		}
		for _, b := range brands {
			link := Link{Title: b.Brand, URL: b.URL}
			if b.Pattern == p.ID {
				row.Brands = append(row.Brands, link)
			}
			if b.Planned == p.ID && b.Pattern != p.ID {
				row.Planned = append(row.Planned, link)
			}
		}
		v.Rows = append(v.Rows, row)
		levels := make([]string, len(m.Dimensions))
		for j, c := range row.Cells {
			levels[j] = c.Profile
		}
		profiles = append(profiles, chart.PatternProfile{Name: p.Name, Values: patternProfile(m, p), Levels: levels,
			Style: chart.PaletteStyle(i)})
	}
	v.Chart = chart.PatternMatrixChart(chart.PatternMatrixInput{Title: "Pattern profiles by dimension", Dimensions: axes,
		Min: float64(m.Scale.Min), Max: float64(m.Scale.Max), Patterns: profiles})
	return v
}
