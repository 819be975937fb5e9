package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"scorebook/generator/internal/diag"
)

// editingBuilder writes the page the test asks for into the site folder, or
// fails the way it is told to.
type editingBuilder struct {
	root    string
	page    string   // written to index.html when not empty
	written []string // returned on success
	err     error
	calls   [][]string
}

func (b *editingBuilder) Build(_ context.Context, changed []string) ([]string, error) {
	b.calls = append(b.calls, changed)
	if b.err != nil {
		return nil, b.err
	}
	if b.page != "" {
		if err := os.WriteFile(filepath.Join(b.root, "index.html"), []byte(b.page), 0o644); err != nil {
			return nil, err
		}
	}
	return b.written, nil
}

func TestLiveReload_PushesReloadAfterBuild(t *testing.T) {
	site := newTestSite(t)
	b := &editingBuilder{root: site.root}
	var logs logbook
	srv := start(t, Options{Root: site.root, Builder: b, Logf: logs.logf})

	_, page := get(t, srv.base+"/")
	before := pageBuild(t, page)
	c := dial(t, srv.addr, before)
	c.expect(t, eventOK)

	b.page = strings.Replace(homePage, "Home", "Home, edited", 1)
	b.written = []string{"index.html", "guides/index.html"}
	srv.Rebuild(context.Background(), []string{"content/_index.md", "content/guides.md"})

	ev := c.expect(t, eventReload)
	if ev.ID == before {
		t.Errorf("reload event id %q equals the old page's; want the new output's", ev.ID)
	}
	_, page = get(t, srv.base+"/")
	if !strings.Contains(page, "Home, edited") || pageBuild(t, page) != ev.ID {
		t.Errorf("after the reload, want the new page stamped %s; got:\n%s", ev.ID, page)
	}
	if !slices.Equal(b.calls[0], []string{"content/_index.md", "content/guides.md"}) {
		t.Errorf("builder got %v", b.calls)
	}
	if got := logs.all(); len(got) != 1 || !strings.HasPrefix(got[0], "rebuilt in ") || !strings.HasSuffix(got[0], ": content/_index.md (+1 more)") {
		t.Errorf("log = %q, want one line naming the cause", got)
	}
}

func TestLiveReload_CSSOnlyChangeSwapsStylesheets(t *testing.T) {
	site := newTestSite(t)
	b := &editingBuilder{root: site.root, written: []string{"css/site.css"}}
	srv := start(t, Options{Root: site.root, Builder: b})
	c := dial(t, srv.addr, "")
	c.expect(t, eventOK)

	srv.Rebuild(context.Background(), []string{"static/css/site.css"})
	ev := c.expect(t, eventCSS)
	var data struct{ Paths []string }
	if err := json.Unmarshal([]byte(ev.Data), &data); err != nil || !slices.Equal(data.Paths, []string{"css/site.css"}) {
		t.Errorf("css event data %s (%v), want the stylesheet's path", ev.Data, err)
	}

	b.written = []string{"css/site.css", "index.html"}
	srv.Rebuild(context.Background(), []string{"static/css/site.css", "layouts/base.html"})
	c.expect(t, eventReload)
}

func TestLiveReload_StalePageReloadsWhenItConnects(t *testing.T) {
	site := newTestSite(t)
	b := &editingBuilder{root: site.root, written: []string{"index.html"}}
	srv := start(t, Options{Root: site.root, Builder: b})
	_, page := get(t, srv.base+"/")
	old := pageBuild(t, page)

	// A build lands between serving the page and its script connecting.
	srv.Rebuild(context.Background(), nil)
	dial(t, srv.addr, old).expect(t, eventReload)

	// A build that changed nothing leaves open pages alone.
	_, page = get(t, srv.base+"/")
	current := pageBuild(t, page)
	b.written = nil
	srv.Rebuild(context.Background(), []string{"content/faq.md"})
	dial(t, srv.addr, current).expect(t, eventOK)
}

func TestLiveReload_FailedBuildShowsErrorUntilFixed(t *testing.T) {
	site := newTestSite(t)
	writeFile(t, filepath.Join(site.source, "assessments/acme/2026-09-30.toml"), strings.Join([]string{
		`brand = "Acme"`,
		`assessed = 2026-09-30`,
		``,
		`[scores.architecture]`,
		"\tapi_gateway = 7 # <script>alert(1)</script>",
		`event_backbone = 2`,
		`ipaas = 1`,
		`mdm = 0`,
		`warehouse = 3`,
	}, "\n"))
	b := &editingBuilder{root: site.root, written: []string{"index.html"}}
	var logs logbook
	srv := start(t, Options{Root: site.root, Source: site.source, Builder: b, Logf: logs.logf})
	_, page := get(t, srv.base+"/")
	c := dial(t, srv.addr, pageBuild(t, page))
	c.expect(t, eventOK)

	var problems diag.List
	problems.Add("assessments/acme/2026-09-30.toml", 5, 16, "level 7 is outside the scale 0 to 4 <b>")
	problems.Add("site.toml", 0, 0, "no [model] table")
	problems.Warn("content/faq.md", 1, 1, "a warning does not fail the build")
	b.err = fmt.Errorf("build: %w", problems.Err())
	srv.Rebuild(context.Background(), []string{"assessments/acme/2026-09-30.toml"})

	// Open pages get the error, with positions and the lines around it.
	ev := c.expect(t, eventFailed)
	var data struct {
		HTML     string
		Problems []problem
	}
	if err := json.Unmarshal([]byte(ev.Data), &data); err != nil {
		t.Fatalf("build-error data: %v\n%s", err, ev.Data)
	}
	if len(data.Problems) != 2 {
		t.Fatalf("problems = %+v, want the 2 errors", data.Problems)
	}
	p := data.Problems[0]
	if p.Path != "assessments/acme/2026-09-30.toml" || p.Line != 5 || p.Col != 16 || !strings.Contains(p.Message, "outside the scale") {
		t.Errorf("problem = %+v", p)
	}
	var lines []int
	for _, l := range p.Excerpt {
		lines = append(lines, l.N)
		if l.Error != (l.N == 5) {
			t.Errorf("line %d marked error = %v", l.N, l.Error)
		}
	}
	if !slices.Equal(lines, []int{2, 3, 4, 5, 6, 7, 8}) {
		t.Errorf("excerpt lines = %v, want 2 to 8", lines)
	}
	if data.Problems[1].Path != "site.toml" || data.Problems[1].Excerpt != nil {
		t.Errorf("problem without a line = %+v, want no excerpt", data.Problems[1])
	}
	checkOverlay(t, data.HTML)

	// New pages show it too, over the last good content.
	_, page = get(t, srv.base+"/")
	if !strings.Contains(page, "<h1>Home</h1>") {
		t.Errorf("the last good page is no longer served:\n%s", page)
	}
	checkOverlay(t, page)
	resp, css := get(t, srv.base+"/css/site.css")
	if resp.StatusCode != 200 || strings.Contains(css, "scorebook-error") {
		t.Errorf("stylesheet changed while the build fails: %d\n%s", resp.StatusCode, css)
	}

	// Logged once; failing again the same way says so in one line.
	srv.Rebuild(context.Background(), []string{"assessments/acme/2026-09-30.toml"})
	c.expect(t, eventFailed)
	logged := logs.all()
	if len(logged) != 2 {
		t.Fatalf("log = %q, want one entry per rebuild", logged)
	}
	if !strings.Contains(logged[0], "rebuild failed in ") || !strings.Contains(logged[0], "assessments/acme/2026-09-30.toml:5:16: level 7") {
		t.Errorf("first failure log = %q", logged[0])
	}
	if strings.Contains(logged[1], "level 7") || !strings.Contains(logged[1], "the same 2 problems as before") {
		t.Errorf("repeated failure log = %q, want a reminder without the errors", logged[1])
	}

	// Fixed: the overlay goes and open pages reload.
	b.err = nil
	srv.Rebuild(context.Background(), []string{"assessments/acme/2026-09-30.toml"})
	c.expect(t, eventOK)
	c.expect(t, eventReload)
	_, page = get(t, srv.base+"/")
	if strings.Contains(page, "scorebook-error") {
		t.Errorf("overlay still shown after a good build:\n%s", page)
	}
}

// checkOverlay checks that html holds the error overlay, escaped.
func checkOverlay(t *testing.T, html string) {
	t.Helper()
	for _, want := range []string{
		`id="scorebook-error"`,
		"assessments/acme/2026-09-30.toml:5:16",
		"level 7 is outside the scale 0 to 4 &lt;b&gt;",
		`<span class="sb-line sb-hit"><span class="sb-n">5</span>` + "\t" + `api_gateway = 7 # &lt;script&gt;alert(1)&lt;/script&gt;</span>`,
		// The caret sits under column 16, the tab kept so that it lines up.
		`<span class="sb-n"></span>` + "\t" + strings.Repeat(" ", 14) + "^</span>",
		"no [model] table",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("overlay lacks %q:\n%s", want, html)
		}
	}
	for _, bad := range []string{"<script>alert(1)", "<b>", "a warning does not fail"} {
		if strings.Contains(html, bad) {
			t.Errorf("overlay contains %q", bad)
		}
	}
}

func TestLiveReload_PlainErrorShownWithoutPosition(t *testing.T) {
	site := newTestSite(t)
	b := &editingBuilder{root: site.root, err: errors.New("write public/index.html: disk full")}
	srv := start(t, Options{Root: site.root, Source: site.source, Builder: b})
	srv.Rebuild(context.Background(), nil)
	_, page := get(t, srv.base+"/guides/")
	if !strings.Contains(page, `id="scorebook-error"`) || !strings.Contains(page, "disk full") || !strings.Contains(page, "<h1>Guides</h1>") {
		t.Errorf("page:\n%s", page)
	}
}

func TestLiveReload_BuildStoppedByShutdownChangesNothing(t *testing.T) {
	site := newTestSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	b := builderFunc(func(ctx context.Context, _ []string) ([]string, error) {
		cancel()
		return nil, ctx.Err()
	})
	srv := start(t, Options{Root: site.root, Builder: b})
	srv.Rebuild(ctx, nil)
	_, page := get(t, srv.base+"/")
	if strings.Contains(page, "scorebook-error") {
		t.Errorf("a cancelled build is shown as a failure:\n%s", page)
	}
}

func TestLiveReload_ManyClientsDroppedAbruptly(t *testing.T) {
	site := newTestSite(t)
	b := &editingBuilder{root: site.root, written: []string{"index.html"}}
	srv := start(t, Options{Root: site.root, Builder: b})
	// Once a request has been served, the server's own goroutines run.
	if status, _ := rawGet(t, srv.addr, "/"); status != 200 {
		t.Fatalf("GET / = %d", status)
	}
	baseline := runtime.NumGoroutine()

	const n = 60
	var clients []*sseClient
	for range n {
		c := dial(t, srv.addr, "")
		c.expect(t, eventOK)
		clients = append(clients, c)
	}
	if got := srv.clientCount(); got != n {
		t.Fatalf("%d streams open, want %d", got, n)
	}
	// Half drop right away, half after an event was queued for them.
	for _, c := range clients[:n/2] {
		c.conn.Close()
	}
	srv.Rebuild(context.Background(), nil)
	for _, c := range clients[n/2:] {
		if tcp, ok := c.conn.(*net.TCPConn); ok {
			tcp.SetLinger(0) // reset, not a polite close
		}
		c.conn.Close()
	}
	eventually(t, "every stream to end", func() bool { return srv.clientCount() == 0 })
	eventually(t, fmt.Sprintf("goroutines back to %d", baseline), func() bool { return runtime.NumGoroutine() <= baseline })

	// And the server still works.
	c := dial(t, srv.addr, "")
	c.expect(t, eventOK)
	srv.Rebuild(context.Background(), nil)
	c.expect(t, eventReload)
}

func TestServe_ShutsDownWithOpenStreams(t *testing.T) {
	site := newTestSite(t)
	srv := start(t, Options{Root: site.root})
	var clients []*sseClient
	for range 5 {
		c := dial(t, srv.addr, "")
		c.expect(t, eventOK)
		clients = append(clients, c)
	}
	if err := srv.stop(); err != nil {
		t.Fatalf("Serve after cancel: %v, want nil", err)
	}
	for _, c := range clients {
		c.conn.SetDeadline(time.Now().Add(waitLimit))
		if _, err := c.r.ReadString('\n'); err == nil {
			for err == nil {
				_, err = c.r.ReadString('\n')
			}
		}
	}
	if _, err := net.Dial("tcp", srv.addr); err == nil {
		t.Error("still accepting connections after shutdown")
	}
}

func TestListenAndServe_PortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	addr := ln.Addr().(*net.TCPAddr)
	s := New(Options{Root: t.TempDir(), Addr: addr.String(), Logf: t.Logf})
	err = s.ListenAndServe(context.Background())
	want := fmt.Sprintf("127.0.0.1:%d is already in use; stop the other server or pass -addr 127.0.0.1:%d", addr.Port, addr.Port+1)
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("err = %v, want it to start %q", err, want)
	}
}

func TestDescribeChanges(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{nil, "everything"},
		{[]string{}, "no changes"},
		{[]string{"content/faq.md"}, "content/faq.md"},
		{[]string{"content/faq.md", "site.toml", "static/x.css"}, "content/faq.md (+2 more)"},
	}
	for _, tc := range tests {
		if got := describeChanges(tc.in); got != tc.want {
			t.Errorf("describeChanges(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
