package server

import (
	"bytes"
	"net/http"
	"time"
)

// The event stream at /__scorebook/events tells open pages what happened.
// Every event carries the output token as its id, so a reconnecting browser
// says (in Last-Event-ID) which output it last heard of. Events:
//
//	reload       the output changed: reload the page
//	css          only stylesheets changed: data {"paths": [...]}
//	build-error  the last build failed: data {"html": overlay, "problems": [...]}
//	ok           the last build succeeded: remove any error overlay
//
// ("build-error" rather than "error": an EventSource also fires "error" for
// its own connection problems.)
const (
	eventReload = "reload"
	eventCSS    = "css"
	eventFailed = "build-error"
	eventOK     = "ok"
)

const (
	// clientBacklog is how many events a client may fall behind before it
	// is dropped; its browser reconnects and catches up from the token.
	clientBacklog = 16
	// pingEvery keeps idle streams alive through proxies and finds clients
	// that went away without closing the connection.
	pingEvery = 20 * time.Second
	// writeTimeout drops a client that stopped reading.
	writeTimeout = 10 * time.Second
	// retryMillis is how soon a browser reconnects after losing the stream.
	retryMillis = "1000"
)

// client is one open event stream.
type client struct {
	events chan event
	gone   chan struct{} // closed when the server drops the client
}

// event is one server-sent event.
type event struct {
	id, name string
	data     []byte // one line of JSON
}

func (e event) encode() []byte {
	var b bytes.Buffer
	b.WriteString("id: ")
	b.WriteString(e.id)
	b.WriteString("\nevent: ")
	b.WriteString(e.name)
	b.WriteString("\ndata: ")
	b.Write(e.data)
	b.WriteString("\n\n")
	return b.Bytes()
}

// subscribe registers a new client and returns, atomically with that, the
// current token and failure: any later change reaches the client as an event.
func (s *Server) subscribe() (*client, string, *failure) {
	c := &client{events: make(chan event, clientBacklog), gone: make(chan struct{})}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clients[c] = struct{}{}
	return c, s.tokenLocked(), s.failure
}

func (s *Server) unsubscribe(c *client) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.clients[c]; ok {
		delete(s.clients, c)
		close(c.gone)
	}
}

// broadcastLocked sends an event to every client; s.mu must be held. A
// client whose backlog is full is dropped rather than waited for.
func (s *Server) broadcastLocked(name string, data []byte) {
	ev := event{id: s.tokenLocked(), name: name, data: data}
	for c := range s.clients {
		select {
		case c.events <- ev:
		default:
			delete(s.clients, c)
			close(c.gone)
		}
	}
}

// dropClients ends every event stream, for shutdown.
func (s *Server) dropClients() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.clients {
		delete(s.clients, c)
		close(c.gone)
	}
}

// clientCount is the number of open event streams.
func (s *Server) clientCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.clients)
}

func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("X-Accel-Buffering", "no")
	if r.Method == http.MethodHead {
		return
	}
	seen := r.Header.Get("Last-Event-ID")
	if seen == "" {
		seen = r.URL.Query().Get("build")
	}
	c, token, f := s.subscribe()
	defer s.unsubscribe(c)

	rc := http.NewResponseController(w)
	send := func(b []byte) bool {
		// Not every ResponseWriter has deadlines (test recorders); the
		// write is still fine without one.
		_ = rc.SetWriteDeadline(time.Now().Add(writeTimeout))
		if _, err := w.Write(b); err != nil {
			return false
		}
		return rc.Flush() == nil
	}

	// Bring the page up to date: reload it if it shows an older output,
	// otherwise show or clear the error overlay.
	first := []byte("retry: " + retryMillis + "\n\n")
	switch {
	case seen != "" && seen != token:
		first = append(first, event{token, eventReload, []byte("{}")}.encode()...)
	case f != nil:
		first = append(first, event{token, eventFailed, f.event}.encode()...)
	default:
		first = append(first, event{token, eventOK, []byte("{}")}.encode()...)
	}
	if !send(first) {
		return
	}

	ping := time.NewTicker(pingEvery)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-c.gone:
			return
		case ev := <-c.events:
			if !send(ev.encode()) {
				return
			}
		case <-ping.C:
			if !send([]byte(": ping\n\n")) {
				return
			}
		}
	}
}
