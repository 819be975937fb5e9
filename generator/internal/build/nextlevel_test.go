package build_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func TestShippedSite_ScorecardShowsTheNextLevelOfItsJSON(t *testing.T) {
	site := shippedSite(t)
	shown := 0
	for _, b := range readBrands(t, shippedSrc) {
		if b.unlisted() {
			continue
		}
		var card struct {
			NextLevel *struct {
				Level string
				Steps []struct {
					Dimension, Criterion string
					From, To             int
				}
			} `json:"next_level"`
		}
		if err := json.Unmarshal(site["scorecards/"+b.slug+"/scorecard.json"], &card); err != nil {
			t.Fatal(err)
		}
		page := string(site["scorecards/"+b.slug+"/index.html"])
		nl := card.NextLevel
		if nl == nil {
			if strings.Contains(page, `id="next-level"`) {
				t.Errorf("%s: the page shows a next level its JSON does not have", b.slug)
			}
			continue
		}
		shown++
		section, _, _ := strings.Cut(page[strings.Index(page, `id="next-level"`)+1:], "</section>")
		if !strings.Contains(section, "To reach "+nl.Level+": raise ") {
			t.Errorf("%s: the next-level section does not say it leads to %s:\n%s", b.slug, nl.Level, section)
		}
		if got := strings.Count(section, "<li>"); got != len(nl.Steps) {
			t.Errorf("%s: the page lists %d steps, the JSON %d", b.slug, got, len(nl.Steps))
		}
		for _, s := range nl.Steps {
			link := fmt.Sprintf(`dimensions/%s/#criterion-%s-level-%d"`, s.Dimension, s.Criterion, s.To)
			if !strings.Contains(section, link) {
				t.Errorf("%s: no step links to %s", b.slug, link)
			}
		}
	}
	if shown == 0 {
		t.Error("no shipped scorecard shows a next level")
	}
}
