package render

import (
	"bytes"
	"math/rand/v2"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"scorebook/generator/internal/assessment"
	"scorebook/generator/internal/model"
	"scorebook/generator/internal/routes"
	"scorebook/generator/internal/score"
)

// resolve returns the root-relative URL that href, written on page, leads
// to, as a browser would resolve it.
func resolve(t *testing.T, page, href string) string {
	t.Helper()
	base, err := url.Parse("https://example.test" + page)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := url.Parse(href)
	if err != nil {
		t.Fatalf("href %q: %v", href, err)
	}
	if ref.IsAbs() || strings.HasPrefix(href, "/") {
		t.Errorf("href %q on %s is not relative", href, page)
	}
	return base.ResolveReference(ref).Path
}

// checkAnchor checks that a links from page to target with text, or is
// plain text when target is "".
func checkAnchor(t *testing.T, what, page string, a Anchor, target, text string) {
	t.Helper()
	if a.Text != text {
		t.Errorf("%s: text %q, want %q", what, a.Text, text)
	}
	if target == "" {
		if a.Href != "" || strings.Contains(string(a.HTML), "<a") {
			t.Errorf("%s: links to %q (%s), want plain text", what, a.Href, a.HTML)
		}
		return
	}
	if a.Href == "" {
		t.Fatalf("%s: no href, want a link to %s", what, target)
	}
	if got := resolve(t, page, a.Href); got != target {
		t.Errorf("%s: href %q on %s leads to %s, want %s", what, a.Href, page, got, target)
	}
	if !strings.Contains(string(a.HTML), `href="`+a.Href+`"`) {
		t.Errorf("%s: HTML %s does not link to its Href %q", what, a.HTML, a.Href)
	}
}

func TestNewScorecardView_LinksRelativeToItsPage(t *testing.T) {
	f := loadFixture(t)
	brand := f.richest(t)
	cards := f.cards[brand.Slug]
	if len(cards) < 3 {
		t.Fatalf("fixture brand %s has %d assessments, want 3 to see history and changes", brand.Slug, len(cards))
	}
	base := "/scorecards/" + brand.Slug + "/"
	for _, i := range []int{len(cards) - 1, len(cards) - 2} {
		card := cards[i]
		sv := NewScorecardView(f.m, brand.Assessments[i], card, cards, base)
		t.Run(sv.URL, func(t *testing.T) {
			wantURL := base
			if i != len(cards)-1 {
				wantURL = base + card.Assessed + "/"
			}
			if sv.URL != wantURL {
				t.Fatalf("URL %s, want %s", sv.URL, wantURL)
			}
			for j, d := range sv.Dimensions {
				checkAnchor(t, "dimension "+d.Link.Title, sv.URL, d.Anchor, "/dimensions/"+f.m.Dimensions[j].ID+"/", f.m.Dimensions[j].Name)
			}
			if len(sv.Findings) == 0 {
				t.Fatal("no findings to check")
			}
			for _, fv := range sv.Findings {
				checkAnchor(t, "finding "+fv.Check, sv.URL, fv.Anchor, routes.Check(fv.Check), fv.CheckName)
			}
			for _, pf := range sv.PatternFit {
				checkAnchor(t, "pattern fit "+pf.Pattern.Title, sv.URL, pf.Anchor, pf.Pattern.URL, pf.Pattern.Title)
			}
			if len(sv.History) != i+1 {
				t.Fatalf("%d history rows, want %d", len(sv.History), i+1)
			}
			for _, h := range sv.History {
				target := h.URL
				if h.This {
					target = "" // no link to the page itself
				}
				checkAnchor(t, "history "+h.Assessed, sv.URL, h.Anchor, target, h.Assessed)
			}
			if sv.Changes == nil {
				t.Fatal("no changes since the previous assessment")
			}
			checkAnchor(t, "previous assessment", sv.URL, sv.Changes.PreviousAnchor, base+cards[i-1].Assessed+"/", cards[i-1].Assessed)
		})
	}
}

func TestScorecardView_ForShareLinksNowhere(t *testing.T) {
	f := loadFixture(t)
	brand := f.richest(t)
	cards := f.cards[brand.Slug]
	sv := NewScorecardView(f.m, brand.Current(), cards[len(cards)-1], cards, "/scorecards/"+brand.Slug+"/")
	share := sv.ForShare()
	if !share.Share || sv.Share {
		t.Fatalf("Share: view %v, share form %v; want false, true", sv.Share, share.Share)
	}
	var anchors []Anchor
	for _, d := range share.Dimensions {
		anchors = append(anchors, d.Anchor)
	}
	for _, fv := range share.Findings {
		anchors = append(anchors, fv.Anchor)
	}
	for _, pf := range share.PatternFit {
		anchors = append(anchors, pf.Anchor)
	}
	for _, h := range share.History {
		anchors = append(anchors, h.Anchor)
	}
	for _, fv := range append(append([]FindingView{}, share.Changes.New...), share.Changes.Cleared...) {
		anchors = append(anchors, fv.Anchor)
	}
	anchors = append(anchors, share.Changes.PreviousAnchor)
	if share.NextLevel != nil {
		for _, st := range share.NextLevel.Steps {
			anchors = append(anchors, st.Anchor)
		}
	}
	for _, a := range share.Plan {
		anchors = append(anchors, a.Raises)
	}
	for _, g := range share.Groups {
		if g.TargetGaps.Text != "" {
			anchors = append(anchors, g.TargetGaps)
		}
	}
	for _, a := range anchors {
		if a.Href != "" || strings.Contains(string(a.HTML), "<a") || a.Text == "" {
			t.Errorf("share form anchor %+v: want its text alone", a)
		}
	}
	// The page's own view keeps its links.
	if sv.Dimensions[0].Anchor.Href == "" || sv.Findings[0].Anchor.Href == "" || sv.Changes.PreviousAnchor.Href == "" {
		t.Error("ForShare unlinked the page's view too")
	}
	if sv.ForKind(KindScorecard) != sv || share.ForShare() != share || !sv.ForKind(KindShare).Share {
		t.Error("ForKind/ForShare: want the page's view for a page, the share form for the share file")
	}
	if sv.Radar() == "" || share.Radar() != sv.Radar() || share.Trend() != sv.Trend() || sv.Trend() == "" {
		t.Error("the share form should show the same radar and trend charts as the page")
	}
}

var outsideRef = regexp.MustCompile(`\s(?:href|src)\s*=`)

// TestRender_ShareFileLinksNowhereFromAnyView renders the share file from
// the page's own view, as a build that keeps one view per scorecard does,
// and checks that it still refers to no other file, while the page does.
func TestRender_ShareFileLinksNowhereFromAnyView(t *testing.T) {
	f := loadFixture(t)
	brand := f.richest(t)
	cards := f.cards[brand.Slug]
	sv := NewScorecardView(f.m, brand.Current(), cards[len(cards)-1], cards, "/scorecards/"+brand.Slug+"/")
	render := func(kind string) string {
		t.Helper()
		var buf bytes.Buffer
		v := &View{Site: benchSite(), Kind: kind, URL: sv.URL, Title: brand.Name(), Scorecard: sv}
		if err := f.layouts.Render(&buf, v); err != nil {
			t.Fatalf("render %s: %v", kind, err)
		}
		return buf.String()
	}
	share, page := render(KindShare), render(KindScorecard)
	if m := outsideRef.FindAllString(share, 3); m != nil {
		t.Errorf("share file refers to other files: %q", m)
	}
	for _, want := range []string{sv.Findings[0].CheckName, sv.Dimensions[0].ScoreText, sv.History[0].Assessed} {
		if !strings.Contains(share, want) {
			t.Errorf("share file lacks %q", want)
		}
	}
	if !strings.Contains(page, string(sv.Findings[0].Anchor.HTML)) || !strings.Contains(page, string(sv.History[0].Anchor.HTML)) {
		t.Error("the page lacks the links of its findings and history")
	}
}

func TestNewScorecardView_DisplayText(t *testing.T) {
	f := loadFixture(t)
	brand := f.richest(t)
	cards := f.cards[brand.Slug]
	card := cards[len(cards)-1]
	sv := NewScorecardView(f.m, brand.Current(), card, cards, "/scorecards/"+brand.Slug+"/")
	if sv.OverallText != FormatScore(card.Overall.Score) || sv.CoverageText != FormatPercent(card.Overall.Coverage) {
		t.Errorf("overall %q, coverage %q", sv.OverallText, sv.CoverageText)
	}
	for i, d := range sv.Dimensions {
		ds := card.Dimensions[i]
		wantTarget := "—"
		if ds.Target != nil {
			wantTarget = FormatScore(ds.Target)
		}
		if d.ScoreText != FormatScore(ds.Score) || d.TargetText != wantTarget || d.CoverageText != FormatPercent(ds.Coverage) {
			t.Errorf("dimension %s: %q, %q, %q", d.Link.Title, d.ScoreText, d.TargetText, d.CoverageText)
		}
		if ds.Score != nil && !strings.HasSuffix(d.Formula, " = "+d.ScoreText) {
			t.Errorf("dimension %s: formula %q does not end in its score", d.Link.Title, d.Formula)
		}
		for _, c := range d.Criteria {
			switch {
			case c.Exempt && c.Note != c.Reason, !c.Exempt && c.Note != c.Evidence:
				t.Errorf("criterion %s: note %q", c.ID, c.Note)
			case c.Level != nil && c.LevelText == "", c.Level == nil && c.LevelText != "":
				t.Errorf("criterion %s: level text %q", c.ID, c.LevelText)
			}
		}
	}
	for _, h := range sv.History {
		if len(h.DimensionTexts) != len(f.m.Dimensions) || h.OverallText != FormatScore(h.Overall) {
			t.Errorf("history %s: %q, %q", h.Assessed, h.OverallText, h.DimensionTexts)
		}
	}
}

func TestPatternFitView_Shortfalls(t *testing.T) {
	f := loadFixture(t)
	p := &f.m.Patterns[0]
	d0, d1 := f.m.Dimensions[0], f.m.Dimensions[1]
	a := &assessment.Assessment{Pattern: p.ID}
	c0 := d0.Criteria[0]
	tests := []struct {
		name       string
		shortfalls []score.Shortfall
		criteria   []score.CriterionShortfall
		engineers  *score.EngineerShortfall
		want       string
	}{
		{"none", nil, nil, nil, "none"},
		{"scored and unscored", []score.Shortfall{{Dimension: d0.ID, Required: 3, Score: ptr(2.5)}, {Dimension: d1.ID, Required: 2.5}}, nil, nil,
			d0.Name + " 2.50 of 3 needed; " + d1.Name + " not assessed, 2.5 needed"},
		{"criteria and engineers after dimensions", []score.Shortfall{{Dimension: d1.ID, Required: 2.5}},
			[]score.CriterionShortfall{{Dimension: d0.ID, Criterion: c0.ID, Required: 3, Level: intPtr(1)}, {Dimension: d0.ID, Criterion: c0.ID, Required: 4}},
			&score.EngineerShortfall{Required: 4, Have: intPtr(2)},
			d1.Name + " not assessed, 2.5 needed; " + c0.Name + " at level 1, 3 needed; " + c0.Name + " not assessed, level 4 needed; dedicated engineers 2, 4 needed"},
		{"engineers not recorded", nil, nil, &score.EngineerShortfall{Required: 3}, "dedicated engineers none recorded, 3 needed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pf := score.PatternFit{Pattern: p.ID, Fit: 0.625, Shortfalls: tc.shortfalls, CriterionShortfalls: tc.criteria, Engineers: tc.engineers}
			fv := patternFitView(f.m, p, pf, a,
				func(target, text string) Anchor { return anchorFrom("/scorecards/x/", target, text) })
			if fv.ShortfallsText != tc.want || fv.FitText != "63%" || fv.FitValue != "0.625" || !fv.Current {
				t.Errorf("got %q, %q, %q, current %v; want %q, 63%%, 0.625, true", fv.ShortfallsText, fv.FitText, fv.FitValue, fv.Current, tc.want)
			}
		})
	}
}

// filterRows keeps the rows a filter page shows.
func filterRows(rows []PortfolioRow, kind, id string) []*PortfolioRow {
	var out []*PortfolioRow
	for i := range rows {
		if InFilter(&rows[i], kind, id) {
			out = append(out, &rows[i])
		}
	}
	return out
}

// pointers points at each of rows.
func pointers(rows []PortfolioRow) []*PortfolioRow {
	return filterRows(rows, "", "")
}

func TestNewPortfolioView_FiltersRowsAndTotals(t *testing.T) {
	f := loadFixture(t)
	rows := portfolioRows(f.m, syntheticBrands(f, 40))
	platform := rows[0].Platform
	pattern := rows[len(rows)-1].Pattern
	tests := []struct {
		name, kind, id, url string
		keep                func(PortfolioRow) bool
	}{
		{"all", "", "", "/scorecards/", func(PortfolioRow) bool { return true }},
		{"platform", "platform", platform, "/scorecards/platform/" + platform + "/", func(r PortfolioRow) bool { return r.Platform == platform }},
		{"pattern", "pattern", pattern, "/scorecards/pattern/" + pattern + "/", func(r PortfolioRow) bool { return r.Pattern == pattern }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := wholePortfolio(f.m, filterRows(rows, tc.kind, tc.id), CountFilters(pointers(rows)), tc.kind, tc.id)
			if v.URL != tc.url {
				t.Errorf("URL %s, want %s", v.URL, tc.url)
			}
			var want []PortfolioRow
			totals := map[string]int{}
			for _, r := range rows {
				if tc.keep(r) {
					want = append(want, r)
					for _, c := range r.Severities {
						totals[c.Severity] += c.Count
					}
				}
			}
			if len(v.Rows) != len(want) || len(want) == 0 || len(want) == len(rows) && tc.kind != "" {
				t.Fatalf("%d rows of %d, want %d (and a filter that filters)", len(v.Rows), len(rows), len(want))
			}
			for i, r := range v.Rows {
				if r.Slug != want[i].Slug {
					t.Errorf("row %d is %s, want %s in the same order", i, r.Slug, want[i].Slug)
				}
				checkAnchor(t, "row "+r.Slug, v.URL, r.Anchor, r.Brand.URL, r.Brand.Title)
			}
			if rows[0].Anchor.Href != "" {
				t.Error("NewPortfolioView wrote its hrefs into the shared rows")
			}
			sum := 0
			for _, c := range v.Totals() {
				if c.Count != totals[c.Severity] || c.Class != SeverityClass(c.Severity) {
					t.Errorf("total %+v, want %d", c, totals[c.Severity])
				}
				sum += c.Count
			}
			if sum == 0 {
				t.Error("no findings in the totals")
			}
			active := 0
			for _, fl := range append(append([]Filter{}, v.Platforms...), v.Patterns...) {
				if fl.Active {
					active++
					if fl.URL != tc.url || v.Filter != fl.Title || fl.Count != len(want) {
						t.Errorf("active filter %+v, view filter %q; want %s with %d brands", fl, v.Filter, tc.url, len(want))
					}
				}
			}
			if want := min(len(tc.kind), 1); active != want {
				t.Errorf("%d active filters, want %d", active, want)
			}
		})
	}
}

func TestPortfolioRows_CellText(t *testing.T) {
	f := loadFixture(t)
	brands := syntheticBrands(f, len(f.brands))
	// A brand without any score: every figure reads "not assessed" and
	// sorts last.
	empty := *brands[0].Current()
	empty.Brand, empty.Slug = "Aardvark Unscored", "aardvark-unscored"
	empty.Overall = score.Overall{Coverage: 0}
	empty.Dimensions = make([]score.DimensionScore, len(f.m.Dimensions))
	empty.Findings = []score.Finding{{Check: "coherence", Severity: score.Critical}, {Check: "coherence", Severity: score.High},
		{Check: "coherence", Severity: score.High}, {Check: "coherence", Severity: score.Low}}
	brands = append(brands, BrandCard{Assessment: brands[0].Assessment, Cards: []*score.Scorecard{&empty}, URL: "/scorecards/aardvark-unscored/"})
	rows := portfolioRows(f.m, brands)
	last := rows[len(rows)-1]
	if last.Slug != empty.Slug {
		t.Fatalf("last row %s, want the unscored brand", last.Slug)
	}
	if last.OverallText != "not assessed" || last.OverallValue != "-1" || last.CoverageText != "0%" || last.CoverageValue != "0" {
		t.Errorf("unscored row: %q %q %q %q", last.OverallText, last.OverallValue, last.CoverageText, last.CoverageValue)
	}
	if last.UrgentText != "1 / 2" || last.UrgentValue != "4" {
		t.Errorf("urgent %q sorting as %q, want 1 / 2 sorting as 4", last.UrgentText, last.UrgentValue)
	}
	for _, c := range last.Cells {
		if c.Text != "not assessed" || c.Value != "-1" || c.Class != "heat-none" {
			t.Errorf("unscored cell %+v", c)
		}
	}
	first := rows[0]
	if first.OverallText != FormatScore(first.Overall) || first.OverallValue != sortValue(first.Overall) {
		t.Errorf("first row %q %q for %v", first.OverallText, first.OverallValue, *first.Overall)
	}
	for i, c := range first.Cells {
		if c.Text != FormatScore(c.Score) || c.Value != sortValue(c.Score) {
			t.Errorf("cell %d: %q %q for %v", i, c.Text, c.Value, deref(c.Score))
		}
	}
}

// TestScorecardView_PageAndShareConcurrently renders one view as the page
// and as the share file at once, as a build that keeps one view per
// scorecard may; run with -race, it checks that drawing the charts on
// first use is safe.
func TestScorecardView_PageAndShareConcurrently(t *testing.T) {
	f := loadFixture(t)
	brand := f.richest(t)
	cards := f.cards[brand.Slug]
	sv := NewScorecardView(f.m, brand.Current(), cards[len(cards)-1], cards, "/scorecards/"+brand.Slug+"/")
	kinds := []string{KindScorecard, KindShare, KindScorecard, KindShare}
	out := make([]string, len(kinds))
	errs := make([]error, len(kinds))
	var wg sync.WaitGroup
	for i, kind := range kinds {
		wg.Go(func() {
			var buf bytes.Buffer
			errs[i] = f.layouts.Render(&buf, &View{Site: benchSite(), Kind: kind, URL: sv.URL, Title: brand.Name(), Scorecard: sv})
			out[i] = buf.String()
		})
	}
	wg.Wait()
	radar := string(sv.Radar())
	for i, o := range out {
		if errs[i] != nil {
			t.Fatalf("render %s: %v", kinds[i], errs[i])
		}
		if !strings.Contains(o, radar) {
			t.Errorf("%s lacks the radar chart", kinds[i])
		}
	}
	if out[0] != out[2] || out[1] != out[3] {
		t.Error("the same view rendered twice gave different pages")
	}
}

func intPtr(n int) *int { return &n }

func TestNewScorecardView_JourneyRates(t *testing.T) {
	f := loadFixture(t)
	brand := f.richest(t)
	a := *brand.Current()
	a.Journeys = []assessment.Journey{
		{Name: "Click and collect", Runs: 40, Failures: 5},
		{Name: "Return by phone", Runs: 8, Failures: 1},
	}
	cards := f.cards[brand.Slug]
	sv := NewScorecardView(f.m, &a, cards[len(cards)-1], cards, "/scorecards/"+brand.Slug+"/")
	want := []string{"13%", "13% (fewer than 20 runs: not yet counted)"}
	if len(sv.Journeys) != len(want) {
		t.Fatalf("%d journeys, want %d", len(sv.Journeys), len(want))
	}
	for i, w := range want {
		if sv.Journeys[i].RateText != w {
			t.Errorf("journey %d rate %q, want %q", i, sv.Journeys[i].RateText, w)
		}
	}
}

func TestCoherenceTrend_DrawsOnlyMeasuredAssessments(t *testing.T) {
	rate := func(x float64) *float64 { return &x }
	card := &score.Scorecard{Brand: "Acme", History: []score.HistoryPoint{
		{Assessed: "2025-01-01"}, {Assessed: "2025-06-01", Coherence: rate(0.125)}, {Assessed: "2026-01-01", Coherence: rate(0.35)},
	}}
	svg := string(coherenceTrend(card, []string{"2025-01-01", "2025-06-01", "2026-01-01"}))
	for _, want := range []string{"Journey failure rate (%)", "12.5", "35", ">40<"} {
		if !strings.Contains(svg, want) {
			t.Errorf("chart lacks %q:\n%s", want, svg)
		}
	}
	none := &score.Scorecard{History: []score.HistoryPoint{{Assessed: "2025-01-01"}, {Assessed: "2026-01-01"}}}
	if got := coherenceTrend(none, []string{"2025-01-01", "2026-01-01"}); got != "" {
		t.Errorf("no journeys measured, chart %q, want none", got)
	}
}

// wholePortfolio is the portfolio view of rows on one page, with the
// figures over them.
func wholePortfolio(m *model.Model, rows []*PortfolioRow, counts FilterCounts, kind, id string) *PortfolioView {
	return NewPortfolioView(m, rows, PagePortfolio(len(rows), 0)[0], NewPortfolioStats(m, rows), counts, kind, id)
}

func TestPagePortfolio_SplitsRowsIntoPages(t *testing.T) {
	for _, tc := range []struct {
		n, size int
		want    []PortfolioPage
	}{
		{0, 100, []PortfolioPage{{N: 1, Of: 1, First: 0, Last: 0, Brands: 0}}},
		{7, 0, []PortfolioPage{{N: 1, Of: 1, First: 1, Last: 7, Brands: 7}}},
		{100, 100, []PortfolioPage{{N: 1, Of: 1, First: 1, Last: 100, Brands: 100}}},
		{201, 100, []PortfolioPage{{N: 1, Of: 3, First: 1, Last: 100, Brands: 201}, {N: 2, Of: 3, First: 101, Last: 200, Brands: 201},
			{N: 3, Of: 3, First: 201, Last: 201, Brands: 201}}},
	} {
		if got := PagePortfolio(tc.n, tc.size); !slices.Equal(got, tc.want) {
			t.Errorf("PagePortfolio(%d, %d) = %+v, want %+v", tc.n, tc.size, got, tc.want)
		}
	}
}

// TestNewPortfolioView_PagesLinkEachOther builds every page of a filtered
// portfolio split into pages: each page has its own address, links to
// every page with itself current, and links its brands relative to itself;
// only the first carries the figures over every page.
func TestNewPortfolioView_PagesLinkEachOther(t *testing.T) {
	f := loadFixture(t)
	rows := portfolioRows(f.m, syntheticBrands(f, 40))
	platform := rows[0].Platform
	in := filterRows(rows, "platform", platform)
	pages := PagePortfolio(len(in), 3)
	if len(pages) < 3 {
		t.Fatalf("%d brands on %d pages: the fixture should fill at least 3", len(in), len(pages))
	}
	stats := NewPortfolioStats(f.m, in)
	base := "/scorecards/platform/" + platform + "/"
	for _, pg := range pages {
		var st *PortfolioStats
		if pg.N == 1 {
			st = stats
		}
		v := NewPortfolioView(f.m, in[pg.First-1:pg.Last], pg, st, CountFilters(pointers(rows)), "platform", platform)
		want := base
		if pg.N > 1 {
			want = base + "page/" + strconv.Itoa(pg.N) + "/"
		}
		if v.URL != want {
			t.Errorf("page %d at %s, want %s", pg.N, v.URL, want)
		}
		if len(v.Pager) != len(pages) {
			t.Fatalf("page %d links %d pages, want %d", pg.N, len(v.Pager), len(pages))
		}
		for i, l := range v.Pager {
			if l.Current != (i+1 == pg.N) || l.URL != routes.FilterPage("platform", platform, i+1) || l.Title != strconv.Itoa(i+1) {
				t.Errorf("page %d: pager link %d is %+v", pg.N, i+1, l)
			}
		}
		for _, r := range v.Rows {
			checkAnchor(t, "row "+r.Slug, v.URL, r.Anchor, r.Brand.URL, r.Brand.Title)
		}
		if want := map[bool]string{true: "page", false: "true"}[pg.N == 1]; v.FilterCurrent != want {
			t.Errorf("page %d: the active filter's link is aria-current=%q, want %q", pg.N, v.FilterCurrent, want)
		}
		if (v.Stats != nil) != (pg.N == 1) || (v.Totals() != nil) != (pg.N == 1) {
			t.Errorf("page %d: figures %v, want them on the first page only", pg.N, v.Stats)
		}
	}
	if stats.Brands != len(in) {
		t.Errorf("figures over %d brands, want %d", stats.Brands, len(in))
	}
}

// TestUpdatePortfolioStats_EqualsStatsMadeAgain changes a few rows of a
// portfolio at random (scores, pattern, platform; rows that come and go)
// and checks that the figures updated from the last ones, retaking the
// medians of the groups a changed row was or is in, equal those made
// from nothing; and that a group no changed row touches keeps the row it
// had, not one made again.
func TestUpdatePortfolioStats_EqualsStatsMadeAgain(t *testing.T) {
	f := loadFixture(t)
	base := pointers(portfolioRows(f.m, syntheticBrands(f, 120)))
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		prev := NewPortfolioStats(f.m, base)
		rows := slices.Clone(base)
		var moved [][2]*PortfolioRow // before (nil: came), after (nil: went)
		for range 1 + r.IntN(4) {
			i := r.IntN(len(rows))
			switch r.IntN(3) {
			case 0: // goes
				moved = append(moved, [2]*PortfolioRow{rows[i], nil})
				rows = slices.Delete(rows, i, i+1)
			default: // changes, or a copy comes
				c := *rows[i]
				c.Cells = slices.Clone(c.Cells)
				for k := range c.Cells {
					if r.IntN(2) == 0 {
						s := float64(r.IntN(5))
						c.Cells[k].Score = &s
					}
				}
				if r.IntN(3) == 0 {
					c.Pattern = f.m.Patterns[r.IntN(len(f.m.Patterns))].ID
				}
				if r.IntN(3) == 0 {
					c.Platform = f.m.Platforms[r.IntN(len(f.m.Platforms))].ID
				}
				before := rows[i]
				if r.IntN(2) == 0 {
					before = nil
					rows = append(rows, &c)
				} else {
					rows[i] = &c
				}
				moved = append(moved, [2]*PortfolioRow{before, &c})
			}
		}
		changed := func(kind, id string) bool {
			return slices.ContainsFunc(moved, func(m [2]*PortfolioRow) bool {
				return (m[0] != nil && InFilter(m[0], kind, id)) || (m[1] != nil && InFilter(m[1], kind, id))
			})
		}
		got, want := UpdatePortfolioStats(f.m, rows, prev, changed), NewPortfolioStats(f.m, rows)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("round %d: updated figures\n%+v\nmade again\n%+v", round, got, want)
		}
		base = rows
	}

	// A mark put in a group's last medians stays when no changed row
	// touches the group, and goes when one does.
	prev := NewPortfolioStats(f.m, base)
	table := prev.Medians[0]
	mark := slices.Clone(table.Rows[0].Cells)
	mark[0] = "kept"
	prev.Medians[0].Rows[0].Cells = mark
	id := table.Rows[0].id
	for _, touched := range []bool{false, true} {
		got := UpdatePortfolioStats(f.m, base, prev, func(kind, gid string) bool { return touched && kind == table.Kind && gid == id })
		if kept := got.Medians[0].Rows[0].Cells[0] == "kept"; kept == touched {
			t.Errorf("group %s %s touched %v: its last medians kept %v", table.Kind, id, touched, kept)
		}
	}
}
