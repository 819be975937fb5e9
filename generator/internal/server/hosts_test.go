package server

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"scorebook/generator/internal/diag"
)

// rawRequest sends one GET for target with exactly the given Host and extra
// header lines, as a hostile page's rebinding request would arrive, and
// returns the status and body.
func rawRequest(t *testing.T, addr, target, host string, headers ...string) (int, string) {
	t.Helper()
	conn := dialServer(t, addr)
	var extra strings.Builder
	for _, h := range headers {
		extra.WriteString(h + "\r\n")
	}
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\n%sConnection: close\r\n\r\n", target, host, extra.String())
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s (Host %s): %v", target, host, err)
	}
	if resp.StatusCode == http.StatusOK && strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		// A stream: its first line is enough to show it was answered. (The
		// connection is closed without draining the body, which never ends.)
		line, _ := bufio.NewReader(resp.Body).ReadString('\n')
		return resp.StatusCode, line
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// dialServer opens a connection to addr, closed when the test ends, on
// which every read and write gives up after waitLimit.
func dialServer(t *testing.T, addr string) net.Conn {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	conn.SetDeadline(time.Now().Add(waitLimit))
	return conn
}

// checkRefused fails unless status and body are the one-line 403 refusal.
func checkRefused(t *testing.T, what string, status int, body string) {
	t.Helper()
	if status != http.StatusForbidden {
		t.Errorf("%s: status %d, want 403; body:\n%s", what, status, body)
		return
	}
	if strings.Count(body, "\n") != 1 || !strings.HasSuffix(body, "\n") {
		t.Errorf("%s: refusal is not one line: %q", what, body)
	}
	for _, leak := range []string{"<h1>", "scorebook-error", "reload.js", "data:", "Northwind", "event_backbone"} {
		if strings.Contains(body, leak) {
			t.Errorf("%s: refusal contains %q: %q", what, leak, body)
		}
	}
}

func TestHostRule_RefusesForeignHosts(t *testing.T) {
	site := newTestSite(t)
	srv := start(t, Options{Root: site.root, Source: site.source})
	_, port, _ := net.SplitHostPort(srv.addr)
	otherPort := "1"
	if port == otherPort {
		otherPort = "2"
	}
	for _, host := range []string{
		"evil.example",
		"evil.example:" + port,
		"127.0.0.1.nip.io:" + port,
		"localhost.evil.example:" + port,
		"localhost:" + otherPort,
		"127.0.0.1:" + otherPort,
		"localhost",
		"",
		"[::1]:" + otherPort,
		"0.0.0.0:" + port,
	} {
		for _, target := range []string{"/", "/scorecards/acme/scorecard.json", scriptPath, eventsPath} {
			status, body := rawRequest(t, srv.addr, target, host)
			checkRefused(t, fmt.Sprintf("GET %s with Host %q", target, host), status, body)
		}
	}
	for _, host := range []string{srv.addr, "localhost:" + port, "LOCALHOST:" + port, "[::1]:" + port, "127.0.0.1:" + port} {
		status, body := rawRequest(t, srv.addr, "/", host)
		if status != http.StatusOK || !strings.Contains(body, "<h1>Home</h1>") {
			t.Errorf("GET / with Host %q: status %d, want the home page:\n%s", host, status, body)
		}
	}
}

func TestHostRule_AllowHostNames(t *testing.T) {
	site := newTestSite(t)
	srv := start(t, Options{Root: site.root, AllowHosts: []string{"Playbook.Internal", "proxy.example:8443"}})
	_, port, _ := net.SplitHostPort(srv.addr)
	for _, host := range []string{"playbook.internal", "playbook.internal:" + port, "PLAYBOOK.internal:443", "proxy.example:8443"} {
		if status, body := rawRequest(t, srv.addr, "/", host); status != http.StatusOK {
			t.Errorf("Host %q: status %d, want 200: %s", host, status, body)
		}
	}
	for _, host := range []string{"proxy.example", "proxy.example:" + port, "other.internal:" + port, "playbook.internal.evil.example"} {
		status, body := rawRequest(t, srv.addr, "/", host)
		checkRefused(t, fmt.Sprintf("Host %q", host), status, body)
	}
}

func TestHostRule_ListenAddressName(t *testing.T) {
	// A server told to listen on localhost answers to that name at its port,
	// and to the address each connection arrived on.
	site := newTestSite(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	s := New(Options{Root: site.root, Addr: "localhost:" + port, Logf: t.Logf})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	for _, host := range []string{"localhost:" + port, ln.Addr().String()} {
		if status, body := rawRequest(t, ln.Addr().String(), "/", host); status != http.StatusOK {
			t.Errorf("Host %q: status %d: %s", host, status, body)
		}
	}
}

func TestHostRule_OverlayNotShownToForeignHost(t *testing.T) {
	site := newTestSite(t)
	writeFile(t, site.source+"/assessments/acme/2026-09-30.toml", "brand = \"Northwind\"\nassessed = 2026-09-30\n[scores.architecture]\nevent_backbone = 9\n")
	b := &editingBuilder{root: site.root}
	srv := start(t, Options{Root: site.root, Source: site.source, Builder: b})
	var problems diag.List
	problems.Add("assessments/acme/2026-09-30.toml", 4, 18, "level 9 is outside the scale")
	b.err = problems.Err()
	srv.Rebuild(context.Background(), nil)

	// The overlay is there for the person at the keyboard...
	status, page := rawRequest(t, srv.addr, "/", srv.addr)
	if status != http.StatusOK || !strings.Contains(page, "event_backbone") {
		t.Fatalf("own Host: status %d, want the page with the overlay:\n%s", status, page)
	}
	// ...and not for a rebinding page.
	status, body := rawRequest(t, srv.addr, "/", "rebind.evil.example:"+strings.Split(srv.addr, ":")[1])
	checkRefused(t, "foreign Host during a failed build", status, body)
}

func TestHostRule_EventStreamRefusesForeignOrigin(t *testing.T) {
	site := newTestSite(t)
	srv := start(t, Options{Root: site.root, AllowHosts: []string{"playbook.internal"}})
	_, port, _ := net.SplitHostPort(srv.addr)
	for _, origin := range []string{
		"http://evil.example",
		"http://evil.example:" + port,
		"https://evil.example",
		"null",
		"file://",
		"http://localhost:1",
		"http://127.0.0.1.nip.io:" + port,
		"chrome-extension://abcdef",
	} {
		status, body := rawRequest(t, srv.addr, eventsPath, srv.addr, "Origin: "+origin)
		checkRefused(t, fmt.Sprintf("events with Origin %q", origin), status, body)
	}
	for _, origin := range []string{"", "http://" + srv.addr, "http://localhost:" + port, "http://playbook.internal", "https://playbook.internal"} {
		var headers []string
		if origin != "" {
			headers = append(headers, "Origin: "+origin)
		}
		status, first := rawRequest(t, srv.addr, eventsPath, srv.addr, headers...)
		if status != http.StatusOK || !strings.HasPrefix(first, "retry:") {
			t.Errorf("events with Origin %q: status %d, first line %q; want the stream", origin, status, first)
		}
	}
	// Pages themselves may be linked to from anywhere.
	if status, _ := rawRequest(t, srv.addr, "/", srv.addr, "Origin: http://evil.example"); status != http.StatusOK {
		t.Errorf("page with a foreign Origin: status %d, want 200", status)
	}
}

func TestServe_ClosesIdleConnections(t *testing.T) {
	site := newTestSite(t)
	srv := start(t, Options{Root: site.root, IdleTimeout: 50 * time.Millisecond})
	conn := dialServer(t, srv.addr)
	fmt.Fprintf(conn, "GET / HTTP/1.1\r\nHost: %s\r\n\r\n", srv.addr)
	r := bufio.NewReader(conn)
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.Close {
		t.Fatal("the server closed a keep-alive connection straight away; the test needs it kept")
	}
	// Send nothing more: the server must hang up by itself, well before
	// the deadline set above.
	if _, err := r.ReadByte(); !errors.Is(err, io.EOF) {
		t.Fatalf("idle connection: read gave %v, want EOF (closed by the server)", err)
	}
}

func TestServe_ClosesConnectionsSlowToSendHeaders(t *testing.T) {
	site := newTestSite(t)
	srv := start(t, Options{Root: site.root, ReadHeaderTimeout: 50 * time.Millisecond})
	conn := dialServer(t, srv.addr)
	fmt.Fprintf(conn, "GET / HTTP/1.1\r\nHost: %s\r\n", srv.addr) // headers never finished
	body, err := io.ReadAll(conn)
	if err != nil {
		t.Fatalf("slow client: %v, want the server to close the connection", err)
	}
	if strings.Contains(string(body), "<h1>Home</h1>") {
		t.Errorf("a request with unfinished headers was answered:\n%s", body)
	}
}

func TestNew_DefaultConnectionLimits(t *testing.T) {
	s := New(Options{Root: t.TempDir()})
	if s.opts.IdleTimeout != DefaultIdleTimeout || s.opts.ReadHeaderTimeout != DefaultReadHeaderTimeout {
		t.Errorf("limits = %v idle, %v headers; want the defaults", s.opts.IdleTimeout, s.opts.ReadHeaderTimeout)
	}
}

func TestHostRule_RefusalsLoggedOncePerNameAndBounded(t *testing.T) {
	site := newTestSite(t)
	var logs logbook
	srv := start(t, Options{Root: site.root, Logf: logs.logf})
	_, port, _ := net.SplitHostPort(srv.addr)
	for range 3 {
		rawRequest(t, srv.addr, "/", "box.lan:"+port)
	}
	for i := range 2 * maxNotedHosts {
		rawRequest(t, srv.addr, "/", fmt.Sprintf("n%d.evil.example", i))
	}
	var refusals []string
	for _, l := range logs.all() {
		if strings.HasPrefix(l, "refused a request for Host") {
			refusals = append(refusals, l)
		}
	}
	if len(refusals) != maxNotedHosts {
		t.Errorf("%d refusals logged, want %d (one per name, at most %d):\n%s", len(refusals), maxNotedHosts, maxNotedHosts, strings.Join(refusals, "\n"))
	}
	if len(refusals) == 0 || !strings.Contains(refusals[0], `"box.lan:`+port+`"`) || !strings.Contains(refusals[0], `-allow-host "box.lan"`) {
		t.Errorf("first refusal does not name the host and the flag to allow it: %q", refusals)
	}
}
