package e2e

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// screenshotDir is where screenshots go: SCOREBOOK_SCREENSHOTS when set (to
// look at them), otherwise a temp folder removed after the test.
func screenshotDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("SCOREBOOK_SCREENSHOTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// shoot saves a PNG screenshot of the window, or of the whole page.
func shoot(t *testing.T, ctx context.Context, dir, name string, full bool) {
	t.Helper()
	action := chromedp.CaptureScreenshot()
	if full {
		action = chromedp.FullScreenshot(100)
	}
	shot, err := chromedp.Run(ctx, action)
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	saveShot(t, dir, name, shot)
}

// saveShot writes an image or PDF and logs where.
func saveShot(t *testing.T, dir, name string, data []byte) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("saved %s", p)
}

// shotPages are the pages people look at most, photographed in every mode.
var shotPages = []pageType{
	{"home", "/"},
	{"scorecard", "/scorecards/marlow-street/"},
	{"portfolio", "/scorecards/"},
	{"patterns", "/patterns/"},
	{"dimension", "/dimensions/architecture/"},
}

// box is an element's rendered size and display.
type box struct {
	Display string  `json:"display"`
	Width   float64 `json:"width"`
	Height  float64 `json:"height"`
}

// boxOf returns a JavaScript expression for the box of the first element
// matching a selector, or null.
func boxOf(selector string) string {
	return `(() => { const e = document.querySelector(` + jsString(selector) + `); if (!e) return null;
		const r = e.getBoundingClientRect(); return {display: getComputedStyle(e).display, width: r.width, height: r.height}; })()`
}

// TestScreenshots_LightDarkPrintAndPhone photographs the main pages in light
// and dark mode, as printed, and on a phone-sized screen, prints a scorecard
// to PDF on A4 and Letter, and checks what a reader would see: charts drawn,
// no navigation on paper, dark mode really dark, nothing wider than a phone.
func TestScreenshots_LightDarkPrintAndPhone(t *testing.T) {
	ctx := newTab(t)
	base := serveSite(t, publishedSite(t))
	dir := screenshotDir(t)
	// Whole pages only when someone will look at them: encoding tall PNGs
	// is slow, and the assertions need no picture.
	full := os.Getenv("SCOREBOOK_SCREENSHOTS") != ""

	const bodyBackground = `getComputedStyle(document.body).backgroundColor`
	for _, p := range shotPages {
		t.Run(p.name, func(t *testing.T) {
			do(t, ctx, "desktop size", chromedp.EmulateViewport(1280, 900))
			backgrounds := map[string]string{}
			for _, mode := range []struct{ name, scheme, media string }{
				{"light", "light", "screen"},
				{"dark", "dark", "screen"},
				{"print", "light", "print"},
			} {
				do(t, ctx, "open "+p.path+" in "+mode.name, emulateMedia(mode.scheme, mode.media), chromedp.Navigate(base+p.path))
				backgrounds[mode.name] = eval[string](t, ctx, bodyBackground)
				if p.name == "scorecard" {
					checkChart(t, ctx, mode.name, "figure.radar svg")
				}
				if mode.name == "print" {
					if b := eval[*box](t, ctx, boxOf(".site-header")); b == nil || b.Display != "none" {
						t.Errorf("print: site header %+v, want display none", b)
					}
					if b := eval[*box](t, ctx, boxOf("nav.menu, .menu")); b != nil && b.Width > 0 {
						t.Errorf("print: navigation displayed (%+v)", b)
					}
				}
				if mode.name == "light" {
					if w := eval[pageWidth](t, ctx, measureWidth); w.Scroll > w.Inner+1 {
						t.Errorf("at 1280px the page is %.0fpx wide: it scrolls sideways; overflowing: %s", w.Scroll, strings.Join(w.Culprits, "; "))
					}
				}
				shoot(t, ctx, dir, p.name+"-"+mode.name+".png", full)
			}
			if backgrounds["dark"] == backgrounds["light"] {
				t.Errorf("body background is %s in both light and dark mode", backgrounds["light"])
			}

			// A phone: nothing may make the page scroll sideways.
			do(t, ctx, "phone size", chromedp.EmulateViewport(375, 812), emulateMedia("light", "screen"), chromedp.Navigate(base+p.path))
			width := eval[pageWidth](t, ctx, measureWidth)
			if width.Scroll > width.Inner+1 {
				t.Errorf("at 375px the page is %.0fpx wide: it scrolls sideways; overflowing: %s", width.Scroll, strings.Join(width.Culprits, "; "))
			}
			if p.name == "scorecard" {
				checkChart(t, ctx, "phone", "figure.radar svg")
			}
			shoot(t, ctx, dir, p.name+"-phone.png", full)
		})
	}

	t.Run("scorecard-pdf", func(t *testing.T) {
		do(t, ctx, "open the scorecard", chromedp.EmulateViewport(1280, 900), emulateMedia("light", ""), chromedp.Navigate(base+"/scorecards/marlow-street/"))
		for _, paper := range []struct {
			name  string
			size  chromedp.PaperSize
			width float64 // in points
		}{
			{"a4", chromedp.PaperA4, 595},
			{"letter", chromedp.PaperLetter, 612},
		} {
			pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(paper.size)))
			if err != nil {
				t.Fatalf("print to PDF on %s: %v", paper.name, err)
			}
			if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
				t.Fatalf("%s: not a PDF", paper.name)
			}
			if w := pdfPageWidth(pdf); w < paper.width-2 || w > paper.width+2 {
				t.Errorf("%s: page width %.1fpt, want about %.0fpt", paper.name, w, paper.width)
			}
			saveShot(t, dir, "scorecard-"+paper.name+".pdf", pdf)
		}
	})
}

// pageWidth is how wide a page lays out against the window.
type pageWidth struct {
	Scroll, Inner float64
	Culprits      []string // elements that stick out while their parent does not
}

// measureWidth measures the page's width and names the elements that make
// it scroll sideways: those that end past the window's edge inside a parent
// that does not.
const measureWidth = `(() => {
	const inner = window.innerWidth, out = [];
	const name = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (typeof e.className === "string" && e.className ? "." + e.className.trim().split(/\s+/).join(".") : "");
	for (const e of document.querySelectorAll("body *")) {
		const r = e.getBoundingClientRect(), parent = e.parentElement;
		if (r.width === 0 || r.right <= inner + 1 || !parent) continue;
		if (parent.getBoundingClientRect().right > inner + 1) continue;
		if (getComputedStyle(parent).overflowX !== "visible") continue;
		out.push(name(parent) + " > " + name(e) + " ends at " + Math.round(r.right) + "px");
		if (out.length === 5) break;
	}
	return {Scroll: document.documentElement.scrollWidth, Inner: inner, Culprits: out};
})()`

// checkChart checks that an SVG chart is displayed with a non-zero size.
func checkChart(t *testing.T, ctx context.Context, mode, selector string) {
	t.Helper()
	b := eval[*box](t, ctx, boxOf(selector))
	if b == nil {
		t.Errorf("%s: no %s on the page", mode, selector)
		return
	}
	if b.Display == "none" || b.Width < 50 || b.Height < 50 {
		t.Errorf("%s: chart %s rendered as %+v, want it displayed with a real size", mode, selector, *b)
	}
}

var mediaBox = regexp.MustCompile(`/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]`)

// pdfPageWidth reads the first page's width in points from a PDF's MediaBox.
func pdfPageWidth(pdf []byte) float64 {
	m := mediaBox.FindSubmatch(pdf)
	if m == nil {
		return 0
	}
	w, _ := strconv.ParseFloat(string(m[1]), 64)
	return w
}

// TestPhone_NoPageScrollsSideways opens one page of every type on a
// 375px-wide screen: none may be wider than the screen.
func TestPhone_NoPageScrollsSideways(t *testing.T) {
	ctx := newTab(t)
	base := serveSite(t, publishedSite(t))
	do(t, ctx, "phone size", chromedp.EmulateViewport(375, 812), emulateMedia("light", "screen"))
	for _, p := range pageTypes {
		do(t, ctx, "open "+p.path, chromedp.Navigate(base+p.path))
		if w := eval[pageWidth](t, ctx, measureWidth); w.Scroll > w.Inner+1 {
			t.Errorf("%s %s at 375px is %.0fpx wide; overflowing: %s", p.name, p.path, w.Scroll, strings.Join(w.Culprits, "; "))
		}
	}
}
