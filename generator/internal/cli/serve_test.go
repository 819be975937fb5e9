package cli_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"scorebook/generator/internal/cli"
)

// lockedBuffer is a buffer the server may write while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

var servingAt = regexp.MustCompile(`serving .* at http://([^/]+)/`)

// hostStatus sends GET / to addr with the given Host and returns the status.
func hostStatus(t *testing.T, addr, host string) int {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	fmt.Fprintf(conn, "GET / HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", host)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET / with Host %s: %v", host, err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

func TestServe_AllowHostFlagReachesTheServer(t *testing.T) {
	src := copySite(t, smallSite)
	var stderr lockedBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- cli.Run(ctx, []string{"serve", "-src", src, "-addr", "127.0.0.1:0", "-now", "2026-10-15",
			"-allow-host", "playbook.internal", "-allow-host", "proxy.example:8443"},
			cli.Env{Stdout: io.Discard, Stderr: &stderr, Getenv: func(string) string { return "" }})
	}()
	defer func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve: %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Error("serve did not stop")
		}
	}()
	var addr string
	for deadline := time.Now().Add(60 * time.Second); addr == ""; time.Sleep(20 * time.Millisecond) {
		if m := servingAt.FindStringSubmatch(stderr.String()); m != nil {
			addr = m[1]
		} else if time.Now().After(deadline) {
			t.Fatalf("serve did not say where it listens:\n%s", stderr.String())
		}
	}
	_, port, _ := net.SplitHostPort(addr)
	for host, want := range map[string]int{
		addr:                           http.StatusOK,
		"localhost:" + port:            http.StatusOK,
		"playbook.internal":            http.StatusOK,
		"playbook.internal:" + port:    http.StatusOK,
		"proxy.example:8443":           http.StatusOK,
		"proxy.example:" + port:        http.StatusForbidden,
		"evil.example:" + port:         http.StatusForbidden,
		"attacker.rebind.test:" + port: http.StatusForbidden,
	} {
		if got := hostStatus(t, addr, host); got != want {
			t.Errorf("Host %s: status %d, want %d", host, got, want)
		}
	}
}

// TestServe_RebuildsWhenTheModelFileChanges runs `scorebook serve` on a
// site whose model lives in a file of its own, named in site.toml, and
// checks that editing that file rebuilds the served site.
func TestServe_RebuildsWhenTheModelFileChanges(t *testing.T) {
	src := copySite(t, smallSite)
	site := readFile(t, src, "site.toml")
	i := strings.Index(site, "\n[model]")
	if i < 0 {
		t.Fatal("the small site's site.toml has no [model] table")
	}
	var model strings.Builder
	for _, line := range strings.Split(site[i+1:], "\n") {
		switch {
		case line == "[model]":
		case strings.HasPrefix(strings.TrimSpace(line), "[model.") || strings.HasPrefix(strings.TrimSpace(line), "[[model."):
			model.WriteString(strings.Replace(line, "model.", "", 1) + "\n")
		default:
			model.WriteString(line + "\n")
		}
	}
	writeFile(t, src, "site.toml", "model = \"models/rubric.toml\"\n"+site[:i+1])
	writeFile(t, src, "models/rubric.toml", model.String())
	out := filepath.Join(t.TempDir(), "served")

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	logs := &lockedBuffer{}
	stderrText := logs.String
	go func() {
		done <- cli.Run(ctx, []string{"serve", "-addr", "127.0.0.1:0", "-src", src, "-out", out},
			cli.Env{Stdout: &bytes.Buffer{}, Stderr: logs, Getenv: func(string) string { return "" }})
	}()
	defer func() {
		cancel()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Error("serve did not stop")
		}
	}()
	served := func(want string) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for time.Now().Before(deadline) {
			if data, err := os.ReadFile(filepath.Join(out, "model.json")); err == nil && strings.Contains(string(data), want) {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("model.json never showed %q; serve said:\n%s", want, stderrText())
	}
	served(`"version": "golden.1"`)
	// The first build is over, and the watcher follows the model file,
	// once serve says where it serves.
	for deadline := time.Now().Add(20 * time.Second); !strings.Contains(stderrText(), "serving "); {
		if time.Now().After(deadline) {
			t.Fatalf("serve never said it was serving:\n%s", stderrText())
		}
		time.Sleep(20 * time.Millisecond)
	}
	replaceIn(t, src, "models/rubric.toml", `version = "golden.1"`, `version = "golden.2"`)
	served(`"version": "golden.2"`)
}

// TestServe_ReturnsOnlyOnceTheRebuildInFlightIsOver stops serve while it
// rebuilds after an edit: the rebuild is cancelled, and serve returns only
// once it is over, so nothing writes into the output folder or the log
// after serve has returned (and a caller may remove the folder at once).
func TestServe_ReturnsOnlyOnceTheRebuildInFlightIsOver(t *testing.T) {
	src := copySite(t, smallSite)
	// A long page makes each rebuild take long enough to be stopped midway.
	var long strings.Builder
	long.WriteString("+++\ntitle = \"Long\"\ndescription = \"A long page.\"\nweight = 3\n+++\n\n")
	for i := range 20000 {
		fmt.Fprintf(&long, "Paragraph %d with *emphasis*, `code` and a [link](https://example.com/%d).\n\n", i, i)
	}
	writeFile(t, src, "content/guide/long.md", long.String())
	rebuildLine := regexp.MustCompile(`(?m)(rebuilt|rebuild stopped)[^\n]*long\.md`)
	for attempt := 1; attempt <= 8; attempt++ {
		out := filepath.Join(t.TempDir(), "served")
		logs := &lockedBuffer{}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() {
			done <- cli.Run(ctx, []string{"serve", "-addr", "127.0.0.1:0", "-src", src, "-out", out, "-now", "2026-10-15"},
				cli.Env{Stdout: io.Discard, Stderr: logs, Getenv: func(string) string { return "" }})
		}()
		for deadline := time.Now().Add(60 * time.Second); !strings.Contains(logs.String(), "serving "); time.Sleep(10 * time.Millisecond) {
			if time.Now().After(deadline) {
				cancel()
				t.Fatalf("serve never said it was serving:\n%s", logs.String())
			}
		}
		writeFile(t, src, "content/guide/long.md", long.String()+fmt.Sprintf("Edit %d.\n", attempt))
		time.Sleep(time.Duration(20+10*attempt) * time.Millisecond)
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("serve: %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Fatal("serve did not stop")
		}
		atReturn := logs.String()
		time.Sleep(300 * time.Millisecond)
		if after := logs.String(); after != atReturn {
			t.Fatalf("serve logged after it returned:\n%s", after[len(atReturn):])
		}
		if rebuildLine.MatchString(atReturn) {
			t.Logf("attempt %d: %s", attempt, rebuildLine.FindString(atReturn))
			return // the edit's rebuild ran, and was over when serve returned
		}
	}
	t.Fatal("no attempt stopped serve while the edit's rebuild ran; make the page longer")
}
