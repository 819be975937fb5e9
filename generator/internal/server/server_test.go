package server

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// waitLimit bounds every wait in these tests. They check behaviour, not
// speed, so it is generous.
const waitLimit = 20 * time.Second

// builderFunc is a Builder made of a function.
type builderFunc func(ctx context.Context, changed []string) ([]string, error)

func (f builderFunc) Build(ctx context.Context, changed []string) ([]string, error) {
	return f(ctx, changed)
}

// logbook collects what the server logs.
type logbook struct {
	mu    sync.Mutex
	lines []string
}

func (l *logbook) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

func (l *logbook) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.lines...)
}

// testSite is a built site in a temp folder, with a secret file and folder
// beside it that must never be served.
type testSite struct {
	tmp, root, source string
}

const secret = "TOP SECRET"

const homePage = `<!doctype html>
<html lang="en">
<head><title>Home</title><link rel="stylesheet" href="/css/site.css"></head>
<body><h1>Home</h1></body>
</html>
`

func newTestSite(t testing.TB) testSite {
	t.Helper()
	tmp := t.TempDir()
	s := testSite{tmp: tmp, root: filepath.Join(tmp, "public"), source: filepath.Join(tmp, "src")}
	files := map[string]string{
		"public/index.html":                     homePage,
		"public/404.html":                       "<!doctype html><html><body><h1>Page not found</h1></body></html>",
		"public/guides/index.html":              "<!doctype html><html><body><h1>Guides</h1></body></html>",
		"public/css/site.css":                   "body { color: #222; }\n",
		"public/scorecards/acme/scorecard.json": `{"brand":"Acme"}`,
		"public/scorecards/acme/scorecard.csv":  "dimension,criterion,level\n",
		"public/scorecards/acme/radar.svg":      `<svg xmlns="http://www.w3.org/2000/svg"></svg>`,
		"public/scorecards/acme/share.html":     "<html><body>share</body></html>",
		"public/sitemap.xml":                    `<?xml version="1.0"?><urlset></urlset>`,
		"public/model.json":                     `{"version":"1"}`,
		"public/empty/notes.txt":                "no index here",
		"secret.txt":                            secret,
		"private/secret.txt":                    secret,
		"src/site.toml":                         "title = \"Playbook\"\n",
		"src/assessments/acme/2026-09-30.toml":  "brand = \"Acme\"\n",
		"src/content/faq.md":                    "+++\ntitle = \"FAQ\"\n+++\n",
		"src/layouts/page.html":                 "{{ .Title }}",
	}
	for name, text := range files {
		writeFile(t, filepath.Join(tmp, name), text)
	}
	for link, target := range map[string]string{
		"public/leak.txt":      filepath.Join(tmp, "secret.txt"),
		"public/leakdir":       filepath.Join(tmp, "private"),
		"public/relleak.txt":   "../secret.txt",
		"public/css/alias.css": "site.css",
	} {
		if err := os.Symlink(target, filepath.Join(tmp, link)); err != nil {
			t.Skipf("symbolic links unavailable: %v", err)
		}
	}
	return s
}

func writeFile(t testing.TB, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// running is a Server serving over loopback.
type running struct {
	*Server
	addr string // host:port
	base string // http://host:port
	stop func() error
}

// start serves opts on 127.0.0.1 with a free port until the test ends.
func start(t *testing.T, opts Options) *running {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if opts.Logf == nil {
		opts.Logf = t.Logf
	}
	s := New(opts)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	var once sync.Once
	var stopErr error
	stop := func() error {
		once.Do(func() {
			cancel()
			select {
			case stopErr = <-done:
			case <-time.After(waitLimit):
				stopErr = errors.New("server did not stop")
			}
		})
		return stopErr
	}
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	addr := ln.Addr().String()
	return &running{Server: s, addr: addr, base: "http://" + addr, stop: stop}
}

// noRedirects is a client that shows redirects instead of following them.
var noRedirects = &http.Client{
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	Timeout:       waitLimit,
}

// get fetches url and returns the response with its body read.
func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	resp, err := noRedirects.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: read body: %v", url, err)
	}
	return resp, string(body)
}

// rawGet sends target as the request line verbatim, as a hostile client
// would, without any client-side cleaning of the path.
func rawGet(t *testing.T, addr, target string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(waitLimit))
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, addr)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

var buildAttr = regexp.MustCompile(`data-build="([^"]*)"`)

// pageBuild returns the output token a served page was stamped with.
func pageBuild(t *testing.T, page string) string {
	t.Helper()
	m := buildAttr.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("page has no reload script:\n%s", page)
	}
	return m[1]
}

// sseEvent is one event read from the stream.
type sseEvent struct {
	ID, Name, Data string
}

// sseClient is a browser's event stream, reduced to a TCP connection.
type sseClient struct {
	conn net.Conn
	r    *bufio.Reader
}

// dial opens the event stream as a page stamped with build would.
func dial(t *testing.T, addr, build string) *sseClient {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	conn.SetDeadline(time.Now().Add(waitLimit))
	fmt.Fprintf(conn, "GET %s?build=%s HTTP/1.1\r\nHost: %s\r\nAccept: text/event-stream\r\n\r\n",
		eventsPath, url.QueryEscape(build), addr)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("open event stream: %v", err)
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("event stream: status %d, type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	return &sseClient{conn: conn, r: bufio.NewReader(resp.Body)}
}

// next reads the next event, skipping comments and retry-only blocks.
func (c *sseClient) next(t *testing.T) sseEvent {
	t.Helper()
	c.conn.SetDeadline(time.Now().Add(waitLimit))
	var ev sseEvent
	for {
		line, err := c.r.ReadString('\n')
		if err != nil {
			t.Fatalf("read event: %v", err)
		}
		line = strings.TrimSuffix(line, "\n")
		switch {
		case line == "":
			if ev.Name != "" {
				return ev
			}
		case strings.HasPrefix(line, ":"):
		case strings.HasPrefix(line, "id: "):
			ev.ID = strings.TrimPrefix(line, "id: ")
		case strings.HasPrefix(line, "event: "):
			ev.Name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			ev.Data += strings.TrimPrefix(line, "data: ")
		}
	}
}

// expect reads the next event and checks its name.
func (c *sseClient) expect(t *testing.T, name string) sseEvent {
	t.Helper()
	ev := c.next(t)
	if ev.Name != name {
		t.Fatalf("event %q (data %s), want %q", ev.Name, ev.Data, name)
	}
	return ev
}

// eventually waits for cond, failing with what after waitLimit.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
