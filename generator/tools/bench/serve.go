package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"scorebook/generator/internal/benchcorpus"
)

// serveResult is what one dev server measured: how long it took to serve
// the first page, and how long each edit took to be served.
type serveResult struct {
	Command         string          // how the server was started
	Startup         time.Duration   // from start to the first page served
	PageEdits       []time.Duration // one edited page, write to served
	AssessmentEdits []time.Duration // one edited assessment level, write to served scorecard
	Timeouts        int             // edits not served in time (see timeEdits)
	PeakRSS         int64           // the server process's, over the whole session
}

// server starts one generator's dev server.
type server struct {
	name        string
	command     func(b *bench, c *corpus, port int) (string, []string)
	root        func(c *corpus) string // the source folder edits are made in
	assessments bool                   // the generator reads assessments
	edits       func(cfg *config) int  // how many edits of each kind to time
}

var (
	scorebookServer = server{
		name: "scorebook",
		command: func(b *bench, c *corpus, port int) (string, []string) {
			return b.binary, []string{"serve", "-addr", "127.0.0.1:" + strconv.Itoa(port), "-src", c.site, "-now", b.cfg.now,
				"-out", filepath.Join(c.dir, "out-serve")}
		},
		root:        func(c *corpus) string { return c.site },
		assessments: true,
		edits:       func(cfg *config) int { return cfg.edits },
	}
	// hugoServer uses Hugo's defaults (render to memory, fast render,
	// live reload) on loopback.
	hugoServer = server{
		name: "hugo",
		command: func(b *bench, c *corpus, port int) (string, []string) {
			return b.cfg.hugo, []string{"server", "--source", c.hugo, "--bind", "127.0.0.1", "--port", strconv.Itoa(port),
				"--cacheDir", filepath.Join(c.dir, "hugo-cache")}
		},
		root:  func(c *corpus) string { return c.hugo },
		edits: func(cfg *config) int { return cfg.hugoEdits },
	}
)

const (
	startupTimeout = 20 * time.Minute
	// minEditTimeout bounds the wait for one edit to be served; a server
	// that took long to start gets twice its start-up time, since an edit
	// that takes longer than a full build is not worth waiting for.
	minEditTimeout = time.Minute
	// editGap separates two edits, so that no watcher folds them into one
	// batch and each rebuild has finished before the next write.
	editGap      = 250 * time.Millisecond
	pollInterval = time.Millisecond
)

// measureServe starts a dev server on the corpus, times edits to one page
// and (for scorebook) one assessment, puts the files back and stops it.
func (b *bench) measureServe(ctx context.Context, c *corpus, srv server) (*serveResult, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	name, args := srv.command(b, c, port)
	res := &serveResult{Command: filepath.Base(name) + " " + strings.Join(args, " ")}
	logPath := filepath.Join(c.dir, srv.name+"-serve.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, fmt.Errorf("create log: %w", err)
	}
	defer logFile.Close()
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", srv.name, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	stopped := false
	stop := func() {
		if stopped {
			return
		}
		stopped = true
		cmd.Process.Signal(os.Interrupt)
		select {
		case <-exited:
		case <-time.After(15 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
		res.PeakRSS = peakRSS(cmd.ProcessState)
	}
	defer stop()

	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	client := &http.Client{Timeout: 10 * time.Second}
	pageIndex := c.opts.Pages / 2
	pageURL := base + benchcorpus.PageURL(pageIndex)
	if err := waitServing(ctx, client, pageURL, exited, startupTimeout); err != nil {
		return nil, fmt.Errorf("%s serve: %w\n%s", srv.name, err, tail(logPath))
	}
	res.Startup = time.Since(start)
	b.logf("%s %d pages: %s serve ready in %s", c.kind, c.opts.Pages, srv.name, fmtDur(res.Startup))
	time.Sleep(time.Second)

	root := srv.root(c)
	pagePath := filepath.Join(root, filepath.FromSlash(benchcorpus.PagePath(pageIndex)))
	timeout := max(minEditTimeout, 2*res.Startup)
	res.PageEdits, err = b.timeEdits(ctx, client, pageURL, pagePath, srv.name+" page", srv.edits(b.cfg), timeout, &res.Timeouts, editPage)
	if err != nil {
		return nil, err
	}
	if srv.assessments && c.opts.Brands > 0 {
		// Let the rebuild that puts the page back finish first.
		time.Sleep(2 * time.Second)
		brand := c.opts.Brands / 2
		path := filepath.Join(root, filepath.FromSlash(benchcorpus.AssessmentPath(c.opts.History, brand, c.opts.History-1)))
		dim := c.model.Dimensions[0]
		crit := dim.Criteria[0].ID
		levels := c.model.Scale.Max - c.model.Scale.Min + 1
		edit := func(orig []byte, k int, marker string) ([]byte, error) {
			level := c.model.Scale.Min + k%levels
			return benchcorpus.SetRating(orig, dim.ID, crit, level, "Benchmark edit "+marker)
		}
		res.AssessmentEdits, err = b.timeEdits(ctx, client, base+benchcorpus.BrandURL(brand), path, srv.name+" assessment", srv.edits(b.cfg), timeout, &res.Timeouts, edit)
		if err != nil {
			return nil, err
		}
	}
	stop()
	b.logf("%s %d pages: %s serve peak %s", c.kind, c.opts.Pages, srv.name, fmtBytes(res.PeakRSS))
	return res, nil
}

// editFunc returns the file with edit k applied, marker showing it.
type editFunc func(orig []byte, k int, marker string) ([]byte, error)

// timeEdits writes n edits to path and times each one from the
// write returning to the first response from url that shows its marker.
// An edit not served within timeout is counted in timeouts. The file is
// put back as it was afterwards.
func (b *bench) timeEdits(ctx context.Context, client *http.Client, url, path, what string, n int, timeout time.Duration, timeouts *int, edit editFunc) ([]time.Duration, error) {
	orig, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	defer os.WriteFile(path, orig, 0o644)
	var lat []time.Duration
	for k := range n {
		marker := fmt.Sprintf("bench-marker-%d-%d", k, time.Now().UnixNano())
		data, err := edit(orig, k, marker)
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return nil, fmt.Errorf("edit %s: %w", path, err)
		}
		written := time.Now()
		for {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			body, _ := get(client, url)
			if strings.Contains(body, marker) {
				lat = append(lat, time.Since(written))
				break
			}
			if time.Since(written) > timeout {
				*timeouts++
				b.logf("%s edit %d: not served within %s", what, k, timeout)
				break
			}
			time.Sleep(pollInterval)
		}
		time.Sleep(editGap)
	}
	if len(lat) > 0 {
		b.logf("%s edits: median %s, p95 %s", what, fmtDur(median(lat)), fmtDur(percentile(lat, 95)))
	}
	return lat, nil
}

// editPage appends a sentence with the marker to a page.
func editPage(orig []byte, _ int, marker string) ([]byte, error) {
	return append(append([]byte{}, orig...), "\nBenchmark edit "+marker+".\n"...), nil
}

// waitServing polls url until it answers 200, the server exits or the
// timeout passes.
func waitServing(ctx context.Context, client *http.Client, url string, exited <-chan error, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			return fmt.Errorf("exited before serving: %v", err)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
		if resp, err := client.Get(url); err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
	}
	return fmt.Errorf("%s not served within %s", url, timeout)
}

// get returns the body of url.
func get(client *http.Client, url string) (string, error) {
	resp, err := client.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return "", errors.New(resp.Status)
	}
	return string(data), nil
}

// freePort asks the kernel for a free loopback port.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
