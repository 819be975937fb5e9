// Package e2e holds the tests that need a real browser or outside tools:
// live reload in Chromium against the real dev server, screenshots in light,
// dark and print, axe-core accessibility checks, and html-validate over the
// built pages. Each skips with a clear message when what it needs is not
// installed, unless the environment says it is required (CI sets
// SCOREBOOK_REQUIRE_BROWSER=1 and SCOREBOOK_REQUIRE_TOOLS=1).
package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// One Chromium serves every test of the binary; each test opens its own tabs.
var browser struct {
	once    sync.Once
	ctx     context.Context // the browser's context; tabs derive from it
	cancel  func()
	profile string        // the user-data-dir, removed when the tests end
	output  *bytes.Buffer // Chromium's own output, shown if it fails to start
	err     error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if browser.cancel != nil {
		browser.cancel()
	}
	if browser.profile != "" {
		os.RemoveAll(browser.profile)
	}
	if published.dir != "" {
		os.RemoveAll(filepath.Dir(published.dir))
	}
	os.Exit(code)
}

// chromiumPath finds Debian's Chromium; "" when it is not installed.
func chromiumPath() string {
	if fi, err := os.Stat("/usr/bin/chromium"); err == nil && !fi.IsDir() {
		return "/usr/bin/chromium"
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	return ""
}

// needBrowser skips the test when Chromium is missing, or fails it when
// SCOREBOOK_REQUIRE_BROWSER=1, and otherwise returns the shared browser's
// context, starting the browser on first use.
func needBrowser(t *testing.T) context.Context {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		if os.Getenv("SCOREBOOK_REQUIRE_BROWSER") == "1" {
			t.Fatal("chromium not installed and SCOREBOOK_REQUIRE_BROWSER=1: apt-get install chromium")
		}
		t.Skip("chromium not installed: apt-get install chromium to run browser tests")
	}
	browser.once.Do(func() { startBrowser(path) })
	if browser.err != nil {
		t.Fatalf("start chromium %s: %v\n%s", path, browser.err, browser.output)
	}
	return browser.ctx
}

func startBrowser(path string) {
	profile, err := os.MkdirTemp("", "scorebook-e2e-chromium-")
	if err != nil {
		browser.err = err
		return
	}
	browser.profile = profile
	browser.output = &bytes.Buffer{}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		// Names under rebind.test lead to this machine, as a DNS rebinding
		// attacker's own name would (serve_hosts_test.go).
		chromedp.Flag("host-resolver-rules", "MAP *.rebind.test 127.0.0.1"),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
		chromedp.CombinedOutput(browser.output),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelBrowser := chromedp.NewContext(alloc)
	browser.ctx = ctx
	browser.cancel = func() { cancelBrowser(); cancelAlloc() }
	// The first run launches the browser, which lives as long as the context
	// of that run: no timeout on it.
	browser.err = chromedp.Do(ctx)
}

// newTab opens a tab in the shared browser, closed when the test ends. Its
// context has a generous deadline so that a hung page fails the test rather
// than the whole binary.
func newTab(t *testing.T) context.Context {
	t.Helper()
	parent := needBrowser(t)
	tab, closeTab := chromedp.NewContext(parent)
	t.Cleanup(closeTab)
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("open tab: %v", err)
	}
	ctx, cancel := context.WithTimeout(tab, 3*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// do runs browser actions and fails the test on error.
func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression in the tab and returns its value.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// emulateMedia emulates a prefers-color-scheme ("light" or "dark") and a
// media type ("screen", "print", or "" for the default) for the tab.
func emulateMedia(scheme, media string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Media:    media,
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	})
}

// waitFor polls cond, a JavaScript expression, until it is true or the
// timeout passes; it returns whether it became true. Errors while the page
// reloads count as false.
func waitFor(ctx context.Context, cond string, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("!!("+cond+")"))
		if err == nil && ok {
			return true
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return false
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// mustWaitFor is waitFor that fails the test, saying what it waited for.
func mustWaitFor(t *testing.T, ctx context.Context, what, cond string, timeout time.Duration) {
	t.Helper()
	if !waitFor(ctx, cond, timeout) {
		body, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText.slice(0, 3000) : ""`))
		t.Fatalf("timed out after %s waiting for %s (%s); the page shows:\n%s", timeout, what, cond, body)
	}
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(fmt.Sprintf("quote %q: %v", s, err))
	}
	return string(b)
}
