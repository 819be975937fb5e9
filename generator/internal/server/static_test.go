package server

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestServe_SiteFiles(t *testing.T) {
	site := newTestSite(t)
	srv := start(t, Options{Root: site.root})
	tests := []struct {
		name     string
		path     string
		status   int
		ctype    string
		contains string
		location string
	}{
		{"home", "/", 200, "text/html; charset=utf-8", "<h1>Home</h1>", ""},
		{"home by name", "/index.html", 200, "text/html; charset=utf-8", "<h1>Home</h1>", ""},
		{"pretty URL", "/guides/", 200, "text/html; charset=utf-8", "<h1>Guides</h1>", ""},
		{"folder without slash", "/guides", http.StatusFound, "", "", "/guides/"},
		{"folder without slash keeps query", "/guides?q=api", http.StatusFound, "", "", "/guides/?q=api"},
		{"stylesheet", "/css/site.css", 200, "text/css; charset=utf-8", "color: #222", ""},
		{"link inside the site", "/css/alias.css", 200, "text/css; charset=utf-8", "color: #222", ""},
		{"scorecard JSON", "/scorecards/acme/scorecard.json", 200, "application/json", `"Acme"`, ""},
		{"scorecard CSV", "/scorecards/acme/scorecard.csv", 200, "text/csv; charset=utf-8", "dimension", ""},
		{"chart", "/scorecards/acme/radar.svg", 200, "image/svg+xml", "<svg", ""},
		{"sitemap", "/sitemap.xml", 200, "application/xml; charset=utf-8", "<urlset>", ""},
		{"share page", "/scorecards/acme/share.html", 200, "text/html; charset=utf-8", "share", ""},
		{"folder without index", "/empty/", 404, "text/html; charset=utf-8", "Page not found", ""},
		{"no listing of a folder", "/scorecards/acme/", 404, "text/html; charset=utf-8", "Page not found", ""},
		{"missing page", "/no/such/page/", 404, "text/html; charset=utf-8", "Page not found", ""},
		{"missing file", "/missing.css", 404, "text/html; charset=utf-8", "Page not found", ""},
		{"file as a folder", "/css/site.css/", 404, "text/html; charset=utf-8", "Page not found", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := get(t, srv.base+tc.path)
			if resp.StatusCode != tc.status {
				t.Errorf("status = %d, want %d", resp.StatusCode, tc.status)
			}
			if tc.ctype != "" && resp.Header.Get("Content-Type") != tc.ctype {
				t.Errorf("Content-Type = %q, want %q", resp.Header.Get("Content-Type"), tc.ctype)
			}
			if !strings.Contains(body, tc.contains) {
				t.Errorf("body does not contain %q:\n%s", tc.contains, body)
			}
			if got := resp.Header.Get("Location"); got != tc.location {
				t.Errorf("Location = %q, want %q", got, tc.location)
			}
			if got := resp.Header.Get("Cache-Control"); got != "no-store" {
				t.Errorf("Cache-Control = %q, want no-store", got)
			}
			isHTML := strings.HasPrefix(tc.ctype, "text/html")
			if has := strings.Contains(body, scriptPath); has != isHTML {
				t.Errorf("reload script injected = %v, want %v (only into HTML)", has, isHTML)
			}
		})
	}
}

func TestServe_RefusesPathsOutsideRoot(t *testing.T) {
	site := newTestSite(t)
	srv := start(t, Options{Root: site.root})
	tests := []struct {
		target string
		status int
	}{
		{"/../secret.txt", 400},
		{"/guides/../../secret.txt", 400},
		{"/%2e%2e/secret.txt", 400},
		{"/%2E%2E/%2E%2E/secret.txt", 400},
		{"/guides/..%2f..%2fsecret.txt", 400},
		{"/guides%2f..%2f..%2fsecret.txt", 400},
		{"/..%5csecret.txt", 400},
		{"/..\\secret.txt", 400},
		{"/css%2fsite.css", 400},
		{"/index.html%00.css", 400},
		{"/leak.txt", 404},
		{"/relleak.txt", 404},
		{"/leakdir/secret.txt", 404},
		{"/leakdir/", 404},
		{"/leakdir", 404},
	}
	for _, tc := range tests {
		t.Run(tc.target, func(t *testing.T) {
			status, body := rawGet(t, srv.addr, tc.target)
			if status != tc.status {
				t.Errorf("status = %d, want %d", status, tc.status)
			}
			if strings.Contains(body, secret) {
				t.Errorf("served a file from outside the site:\n%s", body)
			}
		})
	}
}

func TestServe_InjectsIntoResponseOnly(t *testing.T) {
	site := newTestSite(t)
	srv := start(t, Options{Root: site.root})
	resp, body := get(t, srv.base+"/")
	if resp.StatusCode != 200 {
		t.Fatalf("status = %d", resp.StatusCode)
	}
	token := pageBuild(t, body)
	want := strings.Replace(homePage, "</body>",
		`<script src="/__scorebook/reload.js" data-build="`+token+`"></script></body>`, 1)
	if body != want {
		t.Errorf("served page:\n%s\nwant:\n%s", body, want)
	}
	disk, err := os.ReadFile(filepath.Join(site.root, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if string(disk) != homePage {
		t.Errorf("file on disk changed:\n%s", disk)
	}
}

func TestServe_HeadAndMethods(t *testing.T) {
	site := newTestSite(t)
	srv := start(t, Options{Root: site.root})
	getResp, getBody := get(t, srv.base+"/")
	head, err := noRedirects.Head(srv.base + "/")
	if err != nil {
		t.Fatal(err)
	}
	head.Body.Close()
	if head.StatusCode != 200 || head.ContentLength != int64(len(getBody)) {
		t.Errorf("HEAD: status %d, length %d; want 200, %d (as GET: %d)", head.StatusCode, head.ContentLength, len(getBody), getResp.ContentLength)
	}
	post, err := noRedirects.Post(srv.base+"/", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	post.Body.Close()
	if post.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: status %d, want 405", post.StatusCode)
	}
}

func TestServe_BeforeFirstBuild(t *testing.T) {
	site := newTestSite(t)
	srv := start(t, Options{Root: filepath.Join(site.tmp, "not-built-yet")})
	resp, body := get(t, srv.base+"/guides/")
	if resp.StatusCode != 404 {
		t.Errorf("status = %d, want 404", resp.StatusCode)
	}
	// The page must reload itself once the site exists.
	if !strings.Contains(body, "Not found") || !strings.Contains(body, scriptPath) {
		t.Errorf("want a plain 404 page with the reload script, got:\n%s", body)
	}
}

func TestServe_ReloadScript(t *testing.T) {
	srv := start(t, Options{Root: t.TempDir()})
	resp, body := get(t, srv.base+scriptPath)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/javascript; charset=utf-8" {
		t.Fatalf("status %d, type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, want := range []string{eventsPath, `dataset.scorebook = "connected"`, "scorebook-error", `"build-error"`, `"css"`, `"reload"`, `"ok"`} {
		if !strings.Contains(body, want) {
			t.Errorf("reload.js lacks %s", want)
		}
	}
}

func TestInject(t *testing.T) {
	const x = "<X>"
	tests := []struct {
		name, page, want string
	}{
		{"before body end", "<html><body><p>a</p></body></html>", "<html><body><p>a</p><X></body></html>"},
		{"any case", "<HTML><BODY>a</BODY></HTML>", "<HTML><BODY>a<X></BODY></HTML>"},
		{"last body end", "<body><pre>&lt;/body&gt; </body> in text</pre></body>", "<body><pre>&lt;/body&gt; </body> in text</pre><X></body>"},
		{"no body end", "<p>fragment", "<p>fragment<X>"},
		{"empty", "", "<X>"},
		{"non-ASCII before", "<body>İstanbul ünï</body>", "<body>İstanbul ünï<X></body>"},
		{"tag with space", "<body>a</body >", "<body>a<X></body >"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(inject([]byte(tc.page), x)); got != tc.want {
				t.Errorf("inject(%q) = %q, want %q", tc.page, got, tc.want)
			}
		})
	}
}
