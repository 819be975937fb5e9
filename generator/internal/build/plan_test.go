package build_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// overdueAsOf counts the actions of a decoded assessment that are planned
// or in progress and were due before day.
func overdueAsOf(assessment map[string]any, day time.Time) (overdue, all int) {
	actions, _ := assessment["actions"].([]map[string]any)
	for _, a := range actions {
		due, hasDue := a["due"].(time.Time)
		open := a["status"] == "planned" || a["status"] == "in-progress"
		if open && hasDue && due.Before(day) {
			overdue++
		}
	}
	return overdue, len(actions)
}

func TestShippedSite_PlanAndSummaryAsEachAssessmentRecordsThem(t *testing.T) {
	site := shippedSite(t)
	var brandsWithPlans, overdueSeen, earlierPlans int
	for _, b := range readBrands(t, shippedSrc) {
		if b.unlisted() {
			continue
		}
		dir := "scorecards/" + b.slug + "/"
		var card struct {
			Summary string
			Actions []struct {
				Title, Status string
				Overdue       bool
			}
			Findings []struct{ Check string }
		}
		if err := json.Unmarshal(site[dir+"scorecard.json"], &card); err != nil {
			t.Fatal(err)
		}
		cur := b.current()
		if want, _ := cur["summary"].(string); card.Summary != want {
			t.Errorf("%s: summary %q, want %q from the file", b.slug, card.Summary, want)
		}
		page, share := string(site[dir+"index.html"]), string(site[dir+"share.html"])
		for name, doc := range map[string]string{"page": page, "share file": share} {
			if got, want := strings.Contains(doc, `<div class="summary">`), card.Summary != ""; got != want {
				t.Errorf("%s: %s shows a summary: %v, want %v", b.slug, name, got, want)
			}
		}
		overdue, all := overdueAsOf(cur, buildDay)
		if len(card.Actions) != all {
			t.Fatalf("%s: %d actions in JSON, %d in the file", b.slug, len(card.Actions), all)
		}
		if all > 0 {
			brandsWithPlans++
		}
		flagged, findings := 0, 0
		for _, a := range card.Actions {
			if a.Overdue {
				flagged++
			}
		}
		for _, f := range card.Findings {
			if f.Check == "overdue-action" {
				findings++
			}
		}
		overdueSeen += overdue
		if flagged != overdue || findings != overdue {
			t.Errorf("%s: %d actions flagged overdue and %d overdue-action findings; %d are overdue as of %s",
				b.slug, flagged, findings, overdue, buildDay.Format(time.DateOnly))
		}
		if got := strings.Count(page, `<span class="tag overdue">`); got != overdue {
			t.Errorf("%s: the page marks %d actions overdue, want %d", b.slug, got, overdue)
		}
		if got := strings.Contains(page, `id="plan"`); got != (all > 0) {
			t.Errorf("%s: the page shows a plan: %v, with %d actions", b.slug, got, all)
		}
		// Earlier assessments judge their plans as of their own dates.
		for i, date := range b.dates[:len(b.dates)-1] {
			day, _ := time.Parse(time.DateOnly, date)
			overdue, all := overdueAsOf(b.files[i], day)
			if all > 0 {
				earlierPlans++
			}
			earlier := string(site[dir+date+"/index.html"])
			if got := strings.Count(earlier, `<span class="tag overdue">`); got != overdue {
				t.Errorf("%s %s: the page marks %d actions overdue, want %d as of its own date", b.slug, date, got, overdue)
			}
		}
	}
	if brandsWithPlans < 5 || overdueSeen == 0 || earlierPlans == 0 {
		t.Errorf("the shipped brands show too little: %d current plans, %d overdue actions, %d earlier plans",
			brandsWithPlans, overdueSeen, earlierPlans)
	}
}
