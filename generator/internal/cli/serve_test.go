package cli_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"regexp"
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
