package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// searchHit is one result on the search page, as a reader sees it.
type searchHit struct {
	Title string   `json:"title"`
	Href  string   `json:"href"`
	Marks []string `json:"marks"`
}

const readHits = `Array.from(document.querySelectorAll("[data-search-page] .search-hits > li")).map(li => ({
	title: li.querySelector("a").textContent,
	href: li.querySelector("a").href,
	marks: Array.from(li.querySelectorAll("mark")).map(m => m.textContent.toLowerCase()),
}))`

// checkSearchPage opens the search page for a query at base (http:// or
// file://) and checks the ranking, snippets and marks.
func checkSearchPage(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	do(t, ctx, "open the search page", chromedp.Navigate(page+"?q=cadence+mismatch"))
	mustWaitFor(t, ctx, "search results", `document.querySelector("[data-search-page] .search-hits li")`, 30*time.Second)
	hits := eval[[]searchHit](t, ctx, readHits)
	if len(hits) < 2 {
		t.Fatalf("%d hits for cadence mismatch, want the check page and the pages that mention it: %+v", len(hits), hits)
	}
	if hits[0].Title != "Cadence mismatch" {
		t.Errorf("first hit %q, want the page titled Cadence mismatch (title over heading over body): %+v", hits[0].Title, hits)
	}
	for _, h := range hits[:2] {
		if len(h.Marks) == 0 {
			t.Errorf("hit %q marks no word", h.Title)
		}
		for _, m := range h.Marks {
			if !strings.HasPrefix(m, "cadence") && !strings.HasPrefix(m, "mismatch") {
				t.Errorf("hit %q marks %q, which is no query word", h.Title, m)
			}
		}
	}
	if snippet := eval[string](t, ctx, `document.querySelector("[data-search-page] .search-hits .snippet").textContent`); len(snippet) < 40 {
		t.Errorf("first snippet %q is too short to be text around the match", snippet)
	}
	if v := eval[string](t, ctx, `document.querySelector("[data-search-page] input").value`); v != "cadence mismatch" {
		t.Errorf("the search page's box holds %q, want the query", v)
	}
	if status := eval[string](t, ctx, `document.querySelector(".search-status").textContent`); !strings.Contains(status, "match") {
		t.Errorf("status %q does not say how many pages match", status)
	}

	// Prefix matching: the start of a word finds the word.
	do(t, ctx, "search a prefix", chromedp.Navigate(page+"?q=runbo"))
	mustWaitFor(t, ctx, "prefix results", `document.querySelector("[data-search-page] .search-hits mark")`, 30*time.Second)
	for _, h := range eval[[]searchHit](t, ctx, readHits)[:1] {
		if !strings.Contains(strings.Join(h.Marks, " "), "runbook") {
			t.Errorf("prefix runbo: first hit %q marks %q, want runbook(s)", h.Title, h.Marks)
		}
	}

	// A word no page holds says so.
	do(t, ctx, "search nothing", chromedp.Navigate(page+"?q=zyzzogeton"))
	mustWaitFor(t, ctx, "no-match status", `document.querySelector(".search-status").textContent.includes("No page")`, 30*time.Second)
}

// checkSearchKeys types in the header's search box and moves through the
// results with the arrow keys, then opens one with Enter.
func checkSearchKeys(t *testing.T, ctx context.Context, home string) {
	t.Helper()
	do(t, ctx, "open the home page", chromedp.Navigate(home))
	do(t, ctx, "type a query", chromedp.SendKeys("#search-q", "journey coherence"))
	// Results come as the words are typed: wait for those of the whole query.
	mustWaitFor(t, ctx, "the results box", `document.querySelector(".site-header .search-results").getAttribute("data-query") === "journey coherence" &&
		document.querySelectorAll(".site-header .search-results a").length >= 2`, 30*time.Second)
	first := eval[string](t, ctx, `document.querySelector(".site-header .search-results a").href`)
	do(t, ctx, "arrow down", chromedp.KeyEvent(kb.ArrowDown))
	if got := eval[string](t, ctx, `document.activeElement.href || ""`); got != first {
		t.Fatalf("ArrowDown focuses %q, want the first result %q", got, first)
	}
	do(t, ctx, "arrow down again", chromedp.KeyEvent(kb.ArrowDown))
	second := eval[string](t, ctx, `document.activeElement.href || ""`)
	if second == first || second == "" {
		t.Errorf("the second ArrowDown stays on %q", second)
	}
	do(t, ctx, "arrow up", chromedp.KeyEvent(kb.ArrowUp))
	if got := eval[string](t, ctx, `document.activeElement.href || ""`); got != first {
		t.Errorf("ArrowUp focuses %q, want the first result again", got)
	}
	do(t, ctx, "arrow up to the box", chromedp.KeyEvent(kb.ArrowUp))
	if id := eval[string](t, ctx, `document.activeElement.id`); id != "search-q" {
		t.Errorf("ArrowUp from the first result focuses #%s, want the search box", id)
	}
	do(t, ctx, "down and Enter", chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter))
	mustWaitFor(t, ctx, "the first result's page", `location.href === `+jsString(first), 30*time.Second)
}

// TestSearch_OverHTTP searches the shipped playbook served over HTTP.
func TestSearch_OverHTTP(t *testing.T) {
	ctx := newTab(t)
	base := serveSite(t, publishedSite(t))
	checkSearchPage(t, ctx, base+"/search/")
	checkSearchKeys(t, ctx, base+"/")
}

// TestSearch_FromAFolder searches the shipped playbook opened from its
// folder (file://), where no fetch can read the index.
func TestSearch_FromAFolder(t *testing.T) {
	ctx := newTab(t)
	dir, err := filepath.Abs(publishedSite(t))
	if err != nil {
		t.Fatal(err)
	}
	checkSearchPage(t, ctx, "file://"+filepath.ToSlash(dir)+"/search/index.html")
	checkSearchKeys(t, ctx, "file://"+filepath.ToSlash(dir)+"/index.html")
}

// TestSearch_IndexHoldsListedBrandsOnly reads the index files: listed
// brands are found by name, the unlisted one nowhere.
func TestSearch_IndexHoldsListedBrandsOnly(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(publishedSite(t), "search", "*.js"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no index files: %v", err)
	}
	var all strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(data)
	}
	text := all.String()
	for _, listed := range []string{`"/scorecards/osprey-athletic/","Osprey Athletic"`, `"/scorecards/harrow-finch/","Harrow \u0026 Finch"`} {
		if !strings.Contains(text, listed) {
			t.Errorf("the index lacks the listed brand %s", listed)
		}
	}
	for _, unlisted := range []string{"fernhill", "Fernhill"} {
		if strings.Contains(text, unlisted) {
			t.Errorf("the index holds the unlisted brand (%s)", unlisted)
		}
	}
}
