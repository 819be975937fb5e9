package server

import (
	"net"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzHostGuard feeds the Host and Origin checks hostile header values: they
// must never panic, and whatever they let in must name the server (a
// loopback name or its listen address at its port, or an allowed name).
func FuzzHostGuard(f *testing.F) {
	for _, seed := range []string{
		"127.0.0.1:1313", "localhost:1313", "[::1]:1313", "LOCALHOST:1313", "playbook.internal",
		"evil.example", "evil.example:1313", "127.0.0.1.nip.io:1313", "localhost.:1313", "[::1%25eth0]:1313",
		"[::ffff:127.0.0.1]:1313", ":1313", "[]:1313", "[", "]", "localhost:", "127.0.0.1:01313", "\x00:1313",
		"http://localhost:1313", "null", "localhost:1313 evil", "playbook.internal:99999",
	} {
		f.Add(seed)
	}
	g := newHostGuard("127.0.0.1:1313", []string{"playbook.internal"})
	allowedNames := map[string]bool{"127.0.0.1": true, "localhost": true, "::1": true, "playbook.internal": true}
	f.Fuzz(func(t *testing.T, host string) {
		r := httptest.NewRequest("GET", "/", nil)
		if g.allowedHost(host, r) {
			name, port, err := net.SplitHostPort(strings.ToLower(host))
			if err != nil {
				name, port = strings.Trim(strings.ToLower(host), "[]"), ""
			}
			if !allowedNames[name] || (name != "playbook.internal" && port != "1313") {
				t.Fatalf("Host %q let in", host)
			}
		}
		g.allowedOrigin(host, r)
		g.allowedOrigin("http://"+host, r)
	})
}
