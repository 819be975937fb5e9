package build_test

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

func TestShippedSite_PortfolioShowsCoherenceAgeAndMedians(t *testing.T) {
	site := shippedSite(t)
	m := readModel(t, shippedSrc)
	page := string(site["scorecards/index.html"])
	for _, h := range []string{`data-sort="num" class="num">Journeys failing</th>`, `data-sort="num" class="num">Age</th>`,
		`id="medians-pattern"`, `id="medians-platform"`} {
		if !strings.Contains(page, h) {
			t.Errorf("the portfolio has no %s", h)
		}
	}
	byPattern := map[string][][]float64{} // pattern → per dimension, the scores of its brands
	for _, b := range readBrands(t, shippedSrc) {
		if b.unlisted() {
			continue
		}
		var card struct {
			Assessed  string
			AsOf      string `json:"as_of"`
			Coherence *struct {
				FailureRate float64 `json:"failure_rate"`
			}
			Dimensions []struct{ Score *float64 }
		}
		if err := json.Unmarshal(site["scorecards/"+b.slug+"/scorecard.json"], &card); err != nil {
			t.Fatal(err)
		}
		row := page[strings.Index(page, `href="`+b.slug+`/"`):]
		row, _, _ = strings.Cut(row, "</tr>")
		want := "—"
		if card.Coherence != nil {
			want = fmt.Sprintf("%.0f%%", math.Round(card.Coherence.FailureRate*100))
		}
		if !strings.Contains(row, ">"+want+"</td>") {
			t.Errorf("%s: the portfolio row does not show its failure rate %s:\n%s", b.slug, want, row)
		}
		if !strings.Contains(row, " days</td>") && !strings.Contains(row, " day</td>") {
			t.Errorf("%s: the portfolio row shows no age", b.slug)
		}
		pattern, _ := b.current()["pattern"].(string)
		if byPattern[pattern] == nil {
			byPattern[pattern] = make([][]float64, len(m.Model.Dimensions))
		}
		for i, d := range card.Dimensions {
			if d.Score != nil {
				byPattern[pattern][i] = append(byPattern[pattern][i], *d.Score)
			}
		}
	}
	// The medians by pattern, recomputed from the scorecards' JSON.
	section := page[strings.Index(page, `id="medians-pattern"`):]
	section, _, _ = strings.Cut(section, "</table>")
	for _, p := range m.Model.Patterns {
		scores, ok := byPattern[p.ID]
		if !ok {
			continue
		}
		var cells []string
		for _, s := range scores {
			slices.Sort(s)
			switch n := len(s); {
			case n == 0:
				cells = append(cells, "—")
			case n%2 == 1:
				cells = append(cells, twoPlaces(s[n/2]))
			default:
				cells = append(cells, twoPlaces((s[n/2-1]+s[n/2])/2))
			}
		}
		want := `<td class="num">` + strings.Join(cells, `</td><td class="num">`) + `</td></tr>`
		if !strings.Contains(section, want) {
			t.Errorf("pattern %s: medians %v not in\n%s", p.ID, cells, section)
		}
	}
	// A filter page still lists only its brands and shows their medians.
	filter := string(site["scorecards/platform/shopware/index.html"])
	if !strings.Contains(filter, `id="medians-platform"`) || strings.Count(filter, `<tr data-platform="`) != strings.Count(filter, `<tr data-platform="shopware"`) {
		t.Error("the Shopware filter page lists other platforms' brands or no medians")
	}
}

// twoPlaces rounds half away from zero, as pages show scores.
func twoPlaces(x float64) string { return fmt.Sprintf("%.2f", math.Round(x*100)/100) }
