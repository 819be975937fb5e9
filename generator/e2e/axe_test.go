package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// axeViolation is one failed axe-core rule on a page.
type axeViolation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		Target         []json.RawMessage `json:"target"`
		FailureSummary string            `json:"failureSummary"`
	} `json:"nodes"`
}

// String describes the violation with the elements it was found on.
func (v axeViolation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s <%s>", v.ID, v.Impact, v.Help, v.HelpURL)
	for i, n := range v.Nodes {
		if i == 8 {
			fmt.Fprintf(&b, "\n    … and %d more", len(v.Nodes)-i)
			break
		}
		var target []string
		for _, t := range n.Target {
			target = append(target, strings.Trim(string(t), `"`))
		}
		summary := strings.ReplaceAll(strings.TrimSpace(n.FailureSummary), "\n", " ")
		fmt.Fprintf(&b, "\n    %s: %s", strings.Join(target, " "), summary)
	}
	return b.String()
}

// axeOptions are the options of each run: every rule in light mode; in dark
// mode, where only colours change, the rules about colour.
var axeOptions = map[string]string{
	"light": `{resultTypes: ["violations"]}`,
	"dark":  `{resultTypes: ["violations"], runOnly: {type: "rule", values: ["color-contrast", "link-in-text-block"]}}`,
}

// failing reports whether a violation fails the test: serious or critical.
func (v axeViolation) failing() bool { return v.Impact == "serious" || v.Impact == "critical" }

// axeTab opens a tab in which every page gets axe-core before its own
// scripts run; it skips the test when axe-core is not installed.
func axeTab(t *testing.T) context.Context {
	t.Helper()
	axePath := needTool(t, "SCOREBOOK_AXE",
		"install it with `cd /tmp/axe && npm install axe-core@4.14.1` and set SCOREBOOK_AXE=/tmp/axe/node_modules/axe-core/axe.min.js")
	axe, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	ctx := newTab(t)
	do(t, ctx, "add axe-core to every page", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: string(axe)})
		return err
	}))
	return ctx
}

// TestAccessibility_AxeOnEveryPageType runs axe-core in Chromium on one page
// of every type, with every rule in light mode and the colour rules again in
// dark mode, and wants no serious or critical violation. Lesser ones are
// logged.
func TestAccessibility_AxeOnEveryPageType(t *testing.T) {
	ctx := axeTab(t)
	base := serveSite(t, publishedSite(t))
	do(t, ctx, "set the viewport", chromedp.EmulateViewport(1280, 900))

	// First make sure axe runs and would catch what this test is for: a
	// planted image without a text alternative and a planted low-contrast
	// paragraph.
	t.Run("planted-violations-found", func(t *testing.T) {
		do(t, ctx, "open the home page", emulateMedia("light", "screen"), chromedp.Navigate(base+"/"))
		eval[bool](t, ctx, `document.querySelector("main").insertAdjacentHTML("beforeend",
			'<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="20" height="20"><p style="color:#777;background:#888">barely readable</p>'), true`)
		found := map[string]bool{}
		for _, v := range eval[[]axeViolation](t, ctx, `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations)`) {
			found[v.ID] = v.failing()
		}
		for _, id := range []string{"image-alt", "color-contrast"} {
			if !found[id] {
				t.Errorf("axe did not report the planted %s violation as serious or critical (found %v)", id, found)
			}
		}
	})

	for _, scheme := range []string{"light", "dark"} {
		for _, p := range pageTypes {
			t.Run(scheme+"/"+p.name, func(t *testing.T) {
				do(t, ctx, "open "+p.path, emulateMedia(scheme, "screen"), chromedp.Navigate(base+p.path))
				violations := eval[[]axeViolation](t, ctx, `axe.run(document, `+axeOptions[scheme]+`).then(r => r.violations)`)
				for _, v := range violations {
					if v.failing() {
						t.Errorf("%s %s: %s", scheme, p.path, v)
					} else {
						t.Logf("%s %s (not failing): %s", scheme, p.path, v)
					}
				}
			})
		}
	}
}
