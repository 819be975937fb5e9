package e2e

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"scorebook/generator/internal/build"
	"scorebook/generator/internal/sealed"
)

// sealedShare is one brand's encrypted share file, as `scorebook share`
// writes it, beside the plain share.html it holds.
type sealedShare struct {
	dir, file, plain string // the folder, the sealed file and the plain share.html in it
	pass             string
	brand            string
}

func makeSealedShare(t *testing.T, slug, brand string) sealedShare {
	t.Helper()
	pass, err := sealed.NewPassphrase()
	if err != nil {
		t.Fatal(err)
	}
	return makeSealedShareWith(t, slug, brand, pass)
}

func makeSealedShareWith(t *testing.T, slug, brand, pass string) sealedShare {
	t.Helper()
	plain, err := build.ShareHTML(context.Background(), build.Options{Src: repoRoot, Out: t.TempDir(), Now: buildDate}, slug, "")
	if err != nil {
		t.Fatalf("render %s's share file: %v", slug, err)
	}
	page, err := sealed.Page(plain, pass)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(page, []byte(brand)) {
		t.Fatalf("the sealed file names %q in clear", brand)
	}
	dir := t.TempDir()
	s := sealedShare{dir: dir, file: filepath.Join(dir, slug+"-scorecard.html"), plain: filepath.Join(dir, "share.html"), pass: pass, brand: brand}
	if err := os.WriteFile(s.file, page, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(s.plain, plain, 0o644); err != nil {
		t.Fatal(err)
	}
	return s
}

func fileURL(p, fragment string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(p), Fragment: fragment}).String()
}

// requestLog records every request a tab makes, and those its Content
// Security Policy blocked before they left the browser.
type requestLog struct {
	mu      sync.Mutex
	urls    map[network.RequestID]string
	blocked map[network.RequestID]bool
}

func logRequests(t *testing.T, ctx context.Context) *requestLog {
	t.Helper()
	l := &requestLog{urls: map[network.RequestID]string{}, blocked: map[network.RequestID]bool{}}
	err := chromedp.Listen(ctx, func(ev any) {
		l.mu.Lock()
		defer l.mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			l.urls[e.RequestID] = e.Request.URL
		case *network.EventLoadingFailed:
			if e.BlockedReason == network.BlockedReasonCsp {
				l.blocked[e.RequestID] = true
			}
		}
	})
	if err != nil {
		t.Fatalf("listen to the tab's requests: %v", err)
	}
	return l
}

// onlyTo fails the test for any request that left the browser but those
// for the pages opened (their addresses without the fragment) and inline
// data; it returns how many the policy blocked.
func (l *requestLog) onlyTo(t *testing.T, pages ...string) (blocked int) {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	allowed := map[string]bool{}
	for _, p := range pages {
		p, _, _ = strings.Cut(p, "#")
		allowed[p] = true
	}
	for id, u := range l.urls {
		u, _, _ = strings.Cut(u, "#")
		switch {
		case l.blocked[id]:
			blocked++
		case !allowed[u] && !strings.HasPrefix(u, "data:"):
			t.Errorf("the page made a request to %s", u)
		}
	}
	return blocked
}

// decrypted is the condition of a share file that shows its scorecard.
const decrypted = `document.body && document.body.classList.contains("share") && !document.getElementById("passphrase")`

// pageLook is what a reader sees of a page, to compare the decrypted file
// with the plain share.html.
type pageLook struct {
	Title, Text, Mode, Class, Background string
	Height                               int
}

const lookJS = `({Title: document.title, Text: document.body.innerText.trim(), Mode: document.compatMode,
	Class: document.body.className, Background: getComputedStyle(document.body).backgroundColor,
	Height: document.documentElement.scrollHeight})`

// countingServer serves handle on loopback until the test ends, and lists
// the paths it was asked for.
func countingServer(t *testing.T, handle http.HandlerFunc) (base string, hits func() []string) {
	t.Helper()
	var mu sync.Mutex
	var paths []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		paths = append(paths, r.URL.Path)
		mu.Unlock()
		handle(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, func() []string { mu.Lock(); defer mu.Unlock(); return slices.Clone(paths) }
}

func TestShareFile_FragmentOpensAtOnceAndPrints(t *testing.T) {
	s := makeSealedShare(t, "marlow-street", "Marlow Street")
	ctx := newTab(t)
	reqs := logRequests(t, ctx)

	do(t, ctx, "open the plain share.html", emulateMedia("light", "screen"), chromedp.Navigate(fileURL(s.plain, "")))
	want := eval[pageLook](t, ctx, lookJS)

	u := fileURL(s.file, "pass="+url.QueryEscape(s.pass))
	do(t, ctx, "open the sealed file with its passphrase", chromedp.Navigate(u))
	mustWaitFor(t, ctx, "the scorecard to be decrypted", decrypted, time.Minute)
	got := eval[pageLook](t, ctx, lookJS)
	if got != want {
		t.Errorf("decrypted page does not look like share.html:\n got  %+v\n want %+v", short(got), short(want))
	}
	if !strings.Contains(got.Text, s.brand) {
		t.Errorf("decrypted page does not show %q", s.brand)
	}
	if h := eval[string](t, ctx, "location.href"); strings.Contains(h, s.pass) {
		t.Errorf("the passphrase stays in the address bar: %s", h)
	}

	// The file's policy outlives the decryption: the scorecard cannot
	// reach anything, not even a server that would allow it.
	// The probe server would allow any page to read it.
	probe, hits := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Write([]byte("probe"))
	})
	res := eval[string](t, ctx, `fetch(`+jsString(probe+"/fetch")+`).then(() => "fetched", () => "blocked")`)
	eval[bool](t, ctx, `(() => { const i = new Image(); i.src = `+jsString(probe+"/image.png")+`; document.body.append(i); return true })()`)
	if res != "blocked" {
		t.Errorf("a fetch from the decrypted page was %s", res)
	}

	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
	if err != nil {
		t.Fatalf("print the decrypted scorecard: %v", err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || len(pdf) < 10_000 {
		t.Errorf("print gave %d bytes, not a scorecard PDF", len(pdf))
	}
	if !eval[bool](t, ctx, `document.body.innerText.includes(`+jsString(s.brand)+`)`) {
		t.Error("the printed document lost the scorecard")
	}
	if h := hits(); len(h) != 0 {
		t.Errorf("the decrypted page reached the probe server: %v", h)
	}
	if blocked := reqs.onlyTo(t, fileURL(s.plain, ""), u); blocked == 0 {
		t.Error("the image the test added was not blocked by the policy")
	}
}

func short(l pageLook) pageLook {
	if len(l.Text) > 200 {
		l.Text = l.Text[:200] + "…"
	}
	return l
}

func TestShareFile_FormRefusesAWrongPassphraseThenOpens(t *testing.T) {
	s := makeSealedShare(t, "harrow-finch", "Harrow")
	ctx := newTab(t)
	reqs := logRequests(t, ctx)
	u := fileURL(s.file, "")
	do(t, ctx, "open the sealed file", chromedp.Navigate(u))

	// The form is labelled, and the page says nothing of the scorecard.
	if label := eval[string](t, ctx, `document.getElementById("passphrase").labels[0].textContent`); label != "Passphrase" {
		t.Errorf("passphrase field labelled %q", label)
	}
	if title := eval[string](t, ctx, "document.title"); title != "Shared scorecard" {
		t.Errorf("title %q, want a generic one", title)
	}

	do(t, ctx, "type a wrong passphrase",
		chromedp.SendKeys(chromedp.ID("passphrase"), "not-the-passphrase"),
		chromedp.Click(chromedp.CSS(`button[type="submit"]`)))
	mustWaitFor(t, ctx, "the wrong passphrase to be refused", `document.getElementById("status").textContent.includes("Wrong passphrase")`, time.Minute)
	if eval[bool](t, ctx, `document.body.innerText.includes(`+jsString(s.brand)+`) || document.body.classList.contains("share")`) {
		t.Error("a wrong passphrase showed part of the scorecard")
	}
	if eval[string](t, ctx, `document.getElementById("passphrase").getAttribute("aria-invalid")`) != "true" {
		t.Error("the refused passphrase is not marked invalid")
	}

	eval[bool](t, ctx, `(document.getElementById("passphrase").value = "", true)`)
	do(t, ctx, "type the passphrase",
		chromedp.SendKeys(chromedp.ID("passphrase"), s.pass+"\r"))
	mustWaitFor(t, ctx, "the scorecard to be decrypted", decrypted, time.Minute)
	if !eval[bool](t, ctx, `document.body.innerText.includes(`+jsString(s.brand)+`)`) {
		t.Errorf("the decrypted page does not show %q", s.brand)
	}
	reqs.onlyTo(t, u)
}

func TestShareFile_OpensFromAWebServerWithoutFurtherRequests(t *testing.T) {
	s := makeSealedShare(t, "marlow-street", "Marlow Street")
	base, hits := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/scorecard.html" {
			http.NotFound(w, r)
			return
		}
		http.ServeFile(w, r, s.file)
	})

	ctx := newTab(t)
	reqs := logRequests(t, ctx)
	u := base + "/scorecard.html#pass=" + url.QueryEscape(s.pass)
	do(t, ctx, "open the sealed file over HTTP", chromedp.Navigate(u))
	mustWaitFor(t, ctx, "the scorecard to be decrypted", decrypted, time.Minute)
	if _, err := chromedp.Run(ctx, chromedp.PrintToPDF()); err != nil {
		t.Fatalf("print: %v", err)
	}
	if h := hits(); len(h) != 1 || h[0] != "/scorecard.html" {
		t.Errorf("the server saw %v, want only the file", h)
	}
	reqs.onlyTo(t, u)
}

func TestShareFile_FragmentAsTypedOrAsAQueryString(t *testing.T) {
	const pass = "ink & river + 7 ships"
	s := makeSealedShareWith(t, "cinder-sage", "Cinder", pass)
	ctx := newTab(t)
	for _, fragment := range []string{
		"pass=" + pass,                      // typed as is: the browser escapes the spaces
		"pass=" + url.QueryEscape(pass),     // spaces as "+", as query strings have them
		"pass=" + url.PathEscape(pass),      // spaces as "%20"
		"x=1&pass=" + url.QueryEscape(pass), // after another parameter
	} {
		u := fileURL(s.file, "") + "#" + fragment
		// Leave first: from the same file, a new fragment would not load it again.
		do(t, ctx, "open with #"+fragment, chromedp.Navigate("about:blank"), chromedp.Navigate(u))
		mustWaitFor(t, ctx, "the scorecard to be decrypted from #"+fragment, decrypted, time.Minute)
	}
	do(t, ctx, "open with a wrong passphrase", chromedp.Navigate("about:blank"), chromedp.Navigate(fileURL(s.file, "")+"#pass=ink"))
	mustWaitFor(t, ctx, "the wrong passphrase to be refused", `document.getElementById("status") && document.getElementById("status").textContent.includes("Wrong passphrase")`, time.Minute)
	if eval[bool](t, ctx, `document.body.innerText.includes("Cinder")`) {
		t.Error("a wrong passphrase in the address showed part of the scorecard")
	}
}

// TestShareFile_WrapperAccessible runs axe-core on the passphrase page, as
// it first shows and after a wrong passphrase, in light and dark.
func TestShareFile_WrapperAccessible(t *testing.T) {
	ctx := axeTab(t)
	s := makeSealedShare(t, "quarry-lane", "Quarry Lane")
	for _, scheme := range []string{"light", "dark"} {
		for _, refused := range []bool{false, true} {
			do(t, ctx, "open the sealed file", emulateMedia(scheme, "screen"), chromedp.Navigate("about:blank"), chromedp.Navigate(fileURL(s.file, "")))
			if refused {
				do(t, ctx, "type a wrong passphrase", chromedp.SendKeys(chromedp.ID("passphrase"), "wrong\r"))
				mustWaitFor(t, ctx, "the refusal", `document.body.className === "refused"`, time.Minute)
			}
			for _, v := range eval[[]axeViolation](t, ctx, `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations)`) {
				if v.failing() {
					t.Errorf("%s, refused %v: %s", scheme, refused, v)
				} else {
					t.Logf("%s, refused %v (not failing): %s", scheme, refused, v)
				}
			}
		}
	}
}

// TestShareFile_WrapperValidHTML runs html-validate over the sealed file
// with the site's configuration.
func TestShareFile_WrapperValidHTML(t *testing.T) {
	validator, config := htmlValidator(t)
	s := makeSealedShare(t, "quarry-lane", "Quarry Lane")
	out, err := exec.Command(validator, "--config", config, s.file).CombinedOutput()
	if err != nil {
		t.Errorf("html-validate %s: %v\n%s", filepath.Base(s.file), err, out)
	}
}
