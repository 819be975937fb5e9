package server

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Rebuild runs the Builder after the given source changes (nil: everything),
// with one build at a time, and logs one line saying what caused it and how
// long it took. After a good build every open page reloads, or only swaps
// its stylesheets when nothing but CSS changed. After a failed build the
// server keeps serving the last good site, logs the problems (once: a build
// that fails again the same way says only that), and shows them over every
// page until the next good build. A build stopped because ctx was cancelled
// changes nothing.
func (s *Server) Rebuild(ctx context.Context, changed []string) {
	if s.opts.Builder == nil {
		return
	}
	s.buildMu.Lock()
	defer s.buildMu.Unlock()

	start := time.Now()
	written, err := s.opts.Builder.Build(ctx, changed)
	took := roundDuration(time.Since(start))
	cause := describeChanges(changed)
	switch {
	case err != nil && ctx.Err() != nil:
		s.opts.Logf("rebuild stopped after %s: %s", took, cause)
	case err != nil:
		s.failed(err, cause, took)
	default:
		s.succeeded(written, cause, took)
	}
}

func (s *Server) failed(err error, cause string, took time.Duration) {
	f := newFailure(s.opts.Source, err)
	s.mu.Lock()
	prev := s.failure
	s.failure = f
	s.broadcastLocked(eventFailed, f.event)
	s.mu.Unlock()

	if prev != nil && prev.text == f.text {
		s.opts.Logf("rebuild failed in %s: %s (the same %s as before)", took, cause, count(len(f.problems), "problem"))
		return
	}
	s.opts.Logf("rebuild failed in %s: %s\n%s", took, cause, indent(f.text))
}

func (s *Server) succeeded(written []string, cause string, took time.Duration) {
	s.mu.Lock()
	if s.failure != nil {
		s.failure = nil
		s.broadcastLocked(eventOK, []byte("{}"))
	}
	if len(written) > 0 {
		s.gen++
		if onlyCSS(written) {
			data, _ := json.Marshal(struct {
				Paths []string `json:"paths"`
			}{written})
			s.broadcastLocked(eventCSS, data)
		} else {
			s.broadcastLocked(eventReload, reloadData(written))
		}
	}
	s.mu.Unlock()

	if len(written) == 0 {
		s.opts.Logf("rebuilt in %s: %s (no output changed)", took, cause)
		return
	}
	s.opts.Logf("rebuilt in %s: %s", took, cause)
}

// maxReloadPaths bounds the list of written files sent to pages; past it,
// every page simply reloads.
const maxReloadPaths = 2000

// reloadData tells open pages which output files changed, so that each
// reloads only when its own file, or something every page uses, changed.
func reloadData(written []string) []byte {
	if len(written) > maxReloadPaths {
		return []byte(`{"all":true}`)
	}
	data, _ := json.Marshal(struct {
		Paths []string `json:"paths"`
	}{written})
	return data
}

// onlyCSS reports whether every path is a stylesheet, which pages can swap
// without reloading.
func onlyCSS(paths []string) bool {
	for _, p := range paths {
		if !strings.HasSuffix(strings.ToLower(p), ".css") {
			return false
		}
	}
	return len(paths) > 0
}

// describeChanges names what caused a build: the first change and how many
// more.
func describeChanges(changed []string) string {
	switch len(changed) {
	case 0:
		if changed == nil {
			return "everything"
		}
		return "no changes"
	case 1:
		return changed[0]
	}
	return fmt.Sprintf("%s (+%d more)", changed[0], len(changed)-1)
}

// roundDuration keeps three significant figures or so: "850µs", "12ms", "1.23s".
func roundDuration(d time.Duration) time.Duration {
	switch {
	case d >= time.Second:
		return d.Round(10 * time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(time.Millisecond)
	}
	return d.Round(time.Microsecond)
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func indent(text string) string {
	return "    " + strings.ReplaceAll(strings.TrimRight(text, "\n"), "\n", "\n    ")
}
