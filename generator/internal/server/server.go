// Package server is the development server behind `scorebook serve`: it
// serves the built site from a folder, rebuilds it when asked, pushes a
// reload to every open page over server-sent events, and while the last
// build failed shows its errors over every page.
//
// The files on disk stay exactly what the build wrote: the live-reload
// script and the error overlay are injected into HTML responses only.
package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Builder rebuilds the site into the folder the server serves.
type Builder interface {
	// Build rebuilds after the given source changes (slash paths relative to the
	// source folder, e.g. "content/faq.md", "assessments/acme/2026-09-30.toml",
	// "site.toml"); nil means everything. It returns the output paths it wrote or
	// removed (slash, relative to the output folder, e.g. "scorecards/acme/index.html",
	// "css/site.css"), and on failure an error; when the error is a diag.List
	// (use errors.As) its diagnostics carry path/line/col.
	Build(ctx context.Context, changed []string) (written []string, err error)
}

// DefaultAddr is where the server listens unless told otherwise: loopback
// only, so a draft site is not published to the network by accident.
const DefaultAddr = "127.0.0.1:1313"

// The connection limits unless Options say otherwise: a client that is slow
// to send its headers, or a keep-alive connection left idle, is closed.
const (
	DefaultReadHeaderTimeout = 10 * time.Second
	DefaultIdleTimeout       = 60 * time.Second
)

// Options configure a Server.
type Options struct {
	// Root is the folder to serve: the build's output.
	Root string
	// Source is the site's source folder; the error overlay reads the lines
	// around each problem from it.
	Source string
	// Addr is the address to listen on; DefaultAddr when empty.
	Addr string
	// AllowHosts are names (or name:port pairs) the server also answers to,
	// besides its listen address, localhost, 127.0.0.1, [::1] and the IP
	// address a connection arrived on, at its port: any other Host header
	// gets 403. A name without a port counts at any port.
	AllowHosts []string
	// ReadHeaderTimeout bounds how long a client may take to send a
	// request's headers; DefaultReadHeaderTimeout when zero.
	ReadHeaderTimeout time.Duration
	// IdleTimeout is how long an idle keep-alive connection stays open;
	// DefaultIdleTimeout when zero.
	IdleTimeout time.Duration
	// Builder rebuilds the site on Rebuild; with none, Rebuild does nothing.
	Builder Builder
	// Logf prints a line for the person running the server; log.Printf when
	// nil.
	Logf func(format string, args ...any)
}

// Server serves a built site with live reload. Create one with New.
type Server struct {
	opts    Options
	handler http.Handler

	buildMu sync.Mutex // one build at a time

	mu      sync.Mutex // guards what follows
	clients map[*client]struct{}
	epoch   string   // differs between two runs of the server
	gen     uint64   // counts builds that changed the output
	failure *failure // the last build's problems; nil after a good build
	// refusedHosts are the foreign Host names already reported.
	refusedHosts map[string]bool
}

// New returns a Server for opts. It serves nothing until ListenAndServe,
// Serve, or Handler is used.
func New(opts Options) *Server {
	if opts.Addr == "" {
		opts.Addr = DefaultAddr
	}
	if opts.Logf == nil {
		opts.Logf = log.Printf
	}
	if opts.ReadHeaderTimeout <= 0 {
		opts.ReadHeaderTimeout = DefaultReadHeaderTimeout
	}
	if opts.IdleTimeout <= 0 {
		opts.IdleTimeout = DefaultIdleTimeout
	}
	var b [4]byte
	_, _ = rand.Read(b[:])
	s := &Server{
		opts:         opts,
		clients:      map[*client]struct{}{},
		epoch:        hex.EncodeToString(b[:]),
		refusedHosts: map[string]bool{},
	}
	s.handler = newHostGuard(opts.Addr, opts.AllowHosts).guard(http.HandlerFunc(s.route), s.noteRefused)
	return s
}

// Handler returns the server's HTTP handler: the site, the reload script at
// /__scorebook/reload.js and the event stream at /__scorebook/events, each
// only for a request whose Host names this server (see Options.AllowHosts).
func (s *Server) Handler() http.Handler { return s.handler }

const (
	eventsPath = "/__scorebook/events"
	scriptPath = "/__scorebook/reload.js"
)

func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case eventsPath:
		s.serveEvents(w, r)
	case scriptPath:
		serveScript(w, r)
	default:
		s.serveSite(w, r)
	}
}

// ListenAndServe listens on the configured address and serves until ctx is
// cancelled, then shuts down: open event streams are ended, and requests in
// flight get a few seconds to finish. It returns nil after a clean shutdown.
func (s *Server) ListenAndServe(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.opts.Addr)
	if err != nil {
		return listenError(s.opts.Addr, err)
	}
	s.opts.Logf("serving %s at http://%s/", s.opts.Root, ln.Addr())
	return s.Serve(ctx, ln)
}

// listenError explains a failure to listen, saying what to do when the
// address is taken.
func listenError(addr string, err error) error {
	if !errors.Is(err, syscall.EADDRINUSE) && !strings.Contains(err.Error(), "address already in use") {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	host, port, splitErr := net.SplitHostPort(addr)
	n, atoiErr := strconv.Atoi(port)
	if splitErr != nil || atoiErr != nil || n <= 0 || n >= 65535 {
		return fmt.Errorf("%s is already in use; stop the other server or pass -addr with another address: %w", addr, err)
	}
	next := net.JoinHostPort(host, strconv.Itoa(n+1))
	return fmt.Errorf("%s is already in use; stop the other server or pass -addr %s: %w", addr, next, err)
}

// shutdownGrace is how long requests in flight may take to finish once the
// server is asked to stop.
const shutdownGrace = 5 * time.Second

// Serve serves on ln until ctx is cancelled, like ListenAndServe. It closes ln.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: s.opts.ReadHeaderTimeout,
		IdleTimeout:       s.opts.IdleTimeout,
		// Requests see ctx: cancelling it ends the event streams, which
		// would otherwise keep Shutdown waiting.
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	s.dropClients()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	err := hs.Shutdown(shutdownCtx)
	<-served // http.ErrServerClosed
	if err != nil {
		hs.Close()
		return fmt.Errorf("shut down: %w", err)
	}
	return nil
}

// token names the current output: it changes with every build that wrote
// something, and between two runs of the server. A page served under an
// older token than the current one is stale.
func (s *Server) token() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tokenLocked()
}

func (s *Server) tokenLocked() string {
	return s.epoch + "-" + strconv.FormatUint(s.gen, 10)
}
