package server

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
)

// The server answers only requests addressed to it by a name the person
// running it chose. A web page the strategist visits can point a name of its
// own at 127.0.0.1 (DNS rebinding) and then read the served site as if it
// were its own origin; such a request still carries that foreign name in its
// Host header, so it is refused before anything of the site, the error
// overlay or the reload stream is answered.

// hostGuard decides which Host and Origin headers the server answers.
type hostGuard struct {
	listenHost string          // the host part of Options.Addr ("" for a wildcard)
	listenPort string          // the port of Options.Addr, used when the connection's is unknown
	names      map[string]bool // lower-case names allowed at any port
	hostPorts  map[string]bool // lower-case host:port pairs from -allow-host
}

// loopbackNames are answered at the server's port without being asked for.
var loopbackNames = []string{"localhost", "127.0.0.1", "::1"}

func newHostGuard(addr string, allow []string) hostGuard {
	g := hostGuard{names: map[string]bool{}, hostPorts: map[string]bool{}}
	if host, port, err := net.SplitHostPort(addr); err == nil {
		g.listenPort = port
		if ip, err := netip.ParseAddr(host); err != nil || !ip.IsUnspecified() {
			g.listenHost = strings.ToLower(host)
		}
	}
	for _, a := range allow {
		a = strings.ToLower(strings.TrimSpace(a))
		if host, port, err := net.SplitHostPort(a); err == nil {
			g.hostPorts[net.JoinHostPort(host, port)] = true
			continue
		}
		g.names[strings.TrimSuffix(strings.TrimPrefix(a, "["), "]")] = true
	}
	return g
}

// allowedHost reports whether hostport (a Host header, or the host of an
// Origin) names this server. Loopback names, the listen address and the
// address the connection arrived on (an IP literal, which no page can
// rebind) count at the server's own port; -allow-host names count at any
// port unless one was given with them.
func (g hostGuard) allowedHost(hostport string, r *http.Request) bool {
	hostport = strings.ToLower(hostport)
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		// No port: the default one, as a browser would have sent it.
		host, port = strings.TrimSuffix(strings.TrimPrefix(hostport, "["), "]"), "80"
	}
	if host == "" {
		return false
	}
	if g.names[host] || g.hostPorts[net.JoinHostPort(host, port)] {
		return true
	}
	localIP, localPort := g.local(r)
	if port != localPort {
		return false
	}
	if host == g.listenHost || host == localIP {
		return true
	}
	for _, name := range loopbackNames {
		if host == name {
			return true
		}
	}
	return false
}

// local returns the IP and port the request's connection arrived on, or the
// configured port when the request did not come over a connection (tests).
func (g hostGuard) local(r *http.Request) (ip, port string) {
	if a, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
		if ap, err := netip.ParseAddrPort(a.String()); err == nil {
			return strings.ToLower(ap.Addr().Unmap().WithZone("").String()), fmt.Sprint(ap.Port())
		}
	}
	return "", g.listenPort
}

// allowedOrigin reports whether an Origin header names a page of this
// server. No Origin at all is a same-origin request from a browser, or not
// a browser: both are fine, since the Host was checked already.
func (g hostGuard) allowedOrigin(origin string, r *http.Request) bool {
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return false // includes "null", sent by sandboxed and file:// pages
	}
	host := u.Host
	if u.Port() == "" && u.Scheme == "https" {
		host = net.JoinHostPort(u.Hostname(), "443")
	}
	return g.allowedHost(host, r)
}

// guard wraps next so that it answers only requests with an allowed Host,
// and, for the reload stream, an allowed Origin. It calls refused with the
// Host of each request it turns away.
func (g hostGuard) guard(next http.Handler, refused func(host string)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !g.allowedHost(r.Host, r) {
			refused(r.Host)
			refuse(w, fmt.Sprintf("scorebook serve answers only its own address, localhost and names given with -allow-host; not Host %q", clip(r.Host)))
			return
		}
		if r.URL.Path == eventsPath && !g.allowedOrigin(r.Header.Get("Origin"), r) {
			refuse(w, fmt.Sprintf("scorebook serve streams reloads only to its own pages; not to Origin %q", clip(r.Header.Get("Origin"))))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// refuse answers 403 with one line of plain text.
func refuse(w http.ResponseWriter, reason string) {
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	h.Set("Connection", "close")
	w.WriteHeader(http.StatusForbidden)
	fmt.Fprintln(w, reason)
}

// maxNotedHosts bounds how many refused names the server remembers, so a
// page trying many names cannot fill the memory or the terminal.
const maxNotedHosts = 16

// noteRefused tells the person running the server, once per name, that a
// request for another Host was refused and how to allow it, in case it was
// theirs (a name on the local network, a proxy in front).
func (s *Server) noteRefused(host string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.refusedHosts[host] || len(s.refusedHosts) >= maxNotedHosts {
		return
	}
	s.refusedHosts[host] = true
	name := host
	if h, _, err := net.SplitHostPort(host); err == nil {
		name = h
	}
	s.opts.Logf("refused a request for Host %q (403): to answer it, restart with -allow-host %q", clip(host), clip(name))
}
