package e2e

import (
	"net"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestServe_RefusesARebindingName opens the dev server the way a DNS
// rebinding attack reaches it: under a foreign name that resolves to
// 127.0.0.1 (the browser maps *.rebind.test there). The server must answer
// nothing of the site under that name, while its own address still works.
func TestServe_RefusesARebindingName(t *testing.T) {
	dev := startDevServer(t)
	ctx := newTab(t)
	u, err := url.Parse(dev.base)
	if err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(u.Host)
	foreign := "http://attacker.rebind.test:" + port

	do(t, ctx, "open the scorecard under the attacker's name", chromedp.Navigate(foreign+"/scorecards/marlow-street/"))
	text := eval[string](t, ctx, "document.body.innerText")
	if !strings.Contains(text, "answers only its own address") || strings.Contains(text, "Marlow") {
		t.Errorf("under a foreign name the server showed:\n%.500s", text)
	}
	// The attacker's page is same-origin with that name, so it could read
	// anything served under it: the site, the data and the reload stream.
	for _, path := range []string{"/", "/scorecards/marlow-street/scorecard.json", "/__scorebook/events", "/__scorebook/reload.js"} {
		status := eval[int](t, ctx, `fetch(`+jsString(path)+`).then(r => r.status)`)
		if status != 403 {
			t.Errorf("fetch %s under the attacker's name: status %d, want 403", path, status)
		}
	}

	do(t, ctx, "open the scorecard at the server's own address", chromedp.Navigate(dev.base+"/scorecards/marlow-street/"))
	if !strings.Contains(eval[string](t, ctx, "document.body.innerText"), "Marlow Street") {
		t.Error("the server's own address no longer shows the scorecard")
	}
}
