package server

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path"
	"strings"
	"testing"
)

// FuzzServePath sends arbitrary request paths to the site handler: none may
// resolve outside the site or serve the secret files beside it.
func FuzzServePath(f *testing.F) {
	for _, seed := range []string{
		"/", "/guides", "/guides/", "/css/site.css", "/scorecards/acme/scorecard.json",
		"/../secret.txt", "/%2e%2e/secret.txt", "/guides/..%2f..%2fsecret.txt",
		"/..%5csecret.txt", "/leak.txt", "/leakdir/secret.txt", "/relleak.txt",
		"//secret.txt", "/./../secret.txt", "/a%00b", "/guides/%2E%2E/%2E%2E/private/secret.txt",
		"/guides?q=..%2F..%2Fsecret.txt", "/%C0%AE%C0%AE/secret.txt",
	} {
		f.Add(seed)
	}
	site := newTestSite(f)
	s := New(Options{Root: site.root, Logf: func(string, ...any) {}})
	h := s.Handler()
	f.Fuzz(func(t *testing.T, target string) {
		u, err := url.ParseRequestURI(target)
		if err != nil || u.Host != "" || u.Scheme != "" {
			return
		}
		if name, _, ok := sitePath(u); ok {
			if name != "." && (path.IsAbs(name) || name == ".." || strings.HasPrefix(name, "../") || path.Clean(name) != name) {
				t.Fatalf("sitePath(%q) = %q, outside the site", target, name)
			}
		}
		req := (&http.Request{
			Method:     http.MethodGet,
			URL:        u,
			RequestURI: target,
			Proto:      "HTTP/1.1",
			ProtoMajor: 1,
			ProtoMinor: 1,
			Header:     http.Header{},
			Host:       "127.0.0.1:1313",
		}).WithContext(context.Background())
		if u.Path == eventsPath {
			return // a stream: it would not end
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if strings.Contains(rec.Body.String(), secret) {
			t.Fatalf("GET %s served a file from outside the site (status %d)", target, rec.Code)
		}
	})
}
