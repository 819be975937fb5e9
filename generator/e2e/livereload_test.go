package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// reloadWait is how long a page may take to show a change after a save:
// generous, since the machine may be busy; the test never asserts speed.
const reloadWait = 10 * time.Second

const (
	connected    = `document.documentElement.dataset.scorebook === "connected"`
	overallScore = `(document.querySelector(".figure.overall .value") || {}).textContent`
	overlay      = `document.getElementById("scorebook-error")`
	navType      = `performance.getEntriesByType("navigation")[0].type`
)

// shortLevel matches a criterion rated in the short form, `id = 2`.
var shortLevel = regexp.MustCompile(`(?m)^([a-z0-9-]+ = )([0-9])[ \t]*$`)

// TestLiveReload_AssessmentEditReloadsThenErrorOverlayComesAndGoes edits the
// newest assessment of a brand under `scorebook serve` and watches an open
// scorecard: the new score appears by itself, a broken file puts the error
// overlay over open and newly opened pages, and the fix takes it away.
func TestLiveReload_AssessmentEditReloadsThenErrorOverlayComesAndGoes(t *testing.T) {
	ctx := newTab(t)
	dev := startDevServer(t)
	const slug = "marlow-street"
	path := newestAssessment(t, dev.src, slug)
	rel := filepath.ToSlash(strings.TrimPrefix(path, dev.src+string(filepath.Separator)))
	original, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	page := dev.base + "/scorecards/" + slug + "/"
	do(t, ctx, "open the scorecard", chromedp.Navigate(page))
	mustWaitFor(t, ctx, "the live-reload script to connect", connected, reloadWait)
	before := strings.TrimSpace(eval[string](t, ctx, overallScore))
	if before == "" || before == "—" {
		t.Fatalf("scorecard shows no overall score (%q)", before)
	}
	eval[bool](t, ctx, `window.__e2eMarker = true`)

	// Change one criterion's level by the whole scale: the overall score moves.
	m := shortLevel.FindSubmatchIndex(original)
	if m == nil {
		t.Fatalf("%s has no short-form criterion to edit", rel)
	}
	level, _ := strconv.Atoi(string(original[m[4]:m[5]]))
	newLevel := 4
	if level >= 2 {
		newLevel = 0
	}
	criterionLine := string(original[m[0]:m[1]])
	editedLine := string(original[m[2]:m[3]]) + strconv.Itoa(newLevel)
	line := editFile(t, path, criterionLine, editedLine)
	t.Logf("%s:%d: %q -> %q", rel, line, criterionLine, editedLine)

	mustWaitFor(t, ctx, "the page to show a new overall score",
		fmt.Sprintf(`%s && %s && %s.trim() !== %s`, connected, overallScore, overallScore, jsString(before)), reloadWait)
	after := strings.TrimSpace(eval[string](t, ctx, overallScore))
	if eval[bool](t, ctx, `window.__e2eMarker === true`) {
		t.Error("the page shows the new score but was never reloaded (the window marker survived)")
	}
	if got := eval[string](t, ctx, navType); got != "reload" {
		t.Errorf("navigation type after the change = %q, want reload by the live-reload script", got)
	}
	t.Logf("overall score %s -> %s", before, after)

	// Break the file: the overlay names the file, line and column, and shows
	// the line, over the page that stays as it was.
	eval[bool](t, ctx, `window.__e2eMarker = true`)
	brokenLine := strings.Replace(editedLine, " = ", " = = ", 1)
	editFile(t, path, editedLine, brokenLine)
	mustWaitFor(t, ctx, "the error overlay", overlay, reloadWait)
	checkErrorOverlay(t, ctx, rel, line, brokenLine)
	if !eval[bool](t, ctx, `window.__e2eMarker === true`) {
		t.Error("the page reloaded to show the error; want the overlay added to the open page")
	}
	if got := strings.TrimSpace(eval[string](t, ctx, overallScore)); got != after {
		t.Errorf("under the overlay the page shows %q, want the last good score %q", got, after)
	}

	// A page opened while the build is broken shows the overlay too.
	other := newTab(t)
	do(t, other, "open another page", chromedp.Navigate(dev.base+"/patterns/"))
	mustWaitFor(t, other, "the error overlay on a newly opened page", overlay, reloadWait)
	checkErrorOverlay(t, other, rel, line, brokenLine)

	// Fix it: the overlay goes by itself everywhere and the score is back.
	saveAtomically(t, path, original)
	mustWaitFor(t, ctx, "the overlay to go and the original score to show",
		fmt.Sprintf(`!%s && %s && %s.trim() === %s`, overlay, overallScore, overallScore, jsString(before)), reloadWait)
	mustWaitFor(t, other, "the overlay to go on the other page", `!`+overlay+` && document.querySelector("h1")`, reloadWait)
}

// checkErrorOverlay checks that the open page shows the build-error overlay
// for a problem at path:line with the offending line's text.
func checkErrorOverlay(t *testing.T, ctx context.Context, path string, line int, text string) {
	t.Helper()
	where := eval[string](t, ctx, `Array.from(document.querySelectorAll("#scorebook-error .sb-where"), e => e.textContent).join("\n")`)
	want := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(path) + `:` + strconv.Itoa(line) + `:[0-9]+$`)
	if !want.MatchString(where) {
		t.Errorf("overlay names %q, want %s:%d:<column>", where, path, line)
	}
	hit := eval[string](t, ctx, `Array.from(document.querySelectorAll("#scorebook-error .sb-hit"), e => e.textContent).join("\n")`)
	if !strings.Contains(hit, strings.TrimSpace(text)) || !strings.HasPrefix(strings.TrimSpace(hit), strconv.Itoa(line)) {
		t.Errorf("overlay marks the line %q, want line %d showing %q", hit, line, text)
	}
	if !eval[bool](t, ctx, `!!document.querySelector("#scorebook-error .sb-caret")`) {
		t.Error("overlay has no caret under the column")
	}
	visible := eval[bool](t, ctx, `(() => { const r = document.querySelector("#scorebook-error .sb-panel").getBoundingClientRect(); return r.width > 0 && r.height > 0 })()`)
	if !visible {
		t.Error("overlay is in the page but not displayed")
	}
}

// TestLiveReload_StylesheetEditAppliesWithoutReload edits the site's
// stylesheet under `scorebook serve`: the open page picks up the new rule
// without being reloaded.
func TestLiveReload_StylesheetEditAppliesWithoutReload(t *testing.T) {
	ctx := newTab(t)
	dev := startDevServer(t)
	do(t, ctx, "open the scorecard", chromedp.Navigate(dev.base+"/scorecards/marlow-street/"))
	mustWaitFor(t, ctx, "the live-reload script to connect", connected, reloadWait)
	const titleColor = `getComputedStyle(document.querySelector(".site-title")).color`
	if got := eval[string](t, ctx, titleColor); got == "rgb(1, 2, 3)" {
		t.Fatalf("site title is already %s", got)
	}
	eval[bool](t, ctx, `window.__e2eMarker = true`)

	css := filepath.Join(dev.src, "static", "css", "site.css")
	data, err := os.ReadFile(css)
	if err != nil {
		t.Fatal(err)
	}
	saveAtomically(t, css, append(data, "\n.site-title { color: rgb(1, 2, 3); }\n"...))

	mustWaitFor(t, ctx, "the new rule to apply", titleColor+` === "rgb(1, 2, 3)"`, reloadWait)
	if !eval[bool](t, ctx, `window.__e2eMarker === true`) {
		t.Errorf("the page was reloaded (navigation type %q); a stylesheet-only change should swap the stylesheet in place", eval[string](t, ctx, navType))
	}
}
