package e2e

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"scorebook/generator/internal/benchcorpus"
	"scorebook/generator/internal/publish"
)

// TestBuildAndCheck_StopOnSIGTERM runs the real binary on a corpus large
// enough to take a while, sends SIGTERM while it works, and checks that it
// stops with status 130, says so, and leaves the published site as it was.
func TestBuildAndCheck_StopOnSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large corpus")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "scorebook")
	buildScorebook(t, bin)
	small := filepath.Join(dir, "small")
	if _, err := benchcorpus.Write(small, rootDir(t), benchcorpus.Options{Pages: 5, Brands: 2, History: 1, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	large := filepath.Join(dir, "large")
	if _, err := benchcorpus.Write(large, rootDir(t), benchcorpus.Options{Pages: 4000, Brands: 2000, History: 2, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "public")
	run := exec.Command(bin, "build", "-src", small, "-out", out, "-cache", "off", "-now", "2026-11-27")
	if b, err := run.CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, b)
	}
	before := digestTree(t, out)

	prev := publish.PreviousDir(out)
	for _, tc := range []struct {
		name string
		args []string
		// setup, when set, runs first.
		setup func(t *testing.T)
		// started reports when the command is surely at work.
		started func() bool
	}{
		{"build while rendering", []string{"build", "-src", large, "-out", out, "-cache", "off", "-now", "2026-11-27"}, nil, func() bool {
			// The staging folder beside the output appears once loading
			// is done and rendering begins (no build has finished since
			// the first, so none is kept to stage into).
			m, _ := filepath.Glob(filepath.Join(dir, ".public.staging-*"))
			return len(m) > 0
		}},
		{"build while loading", []string{"build", "-src", large, "-out", out, "-cache", "off", "-now", "2026-11-27"}, nil, nil},
		{"check", []string{"check", "-src", large, "-now", "2026-11-27"}, nil, nil},
		{"build while rendering into the kept previous site", []string{"build", "-src", large, "-out", out, "-cache", "off", "-now", "2026-11-27"},
			func(t *testing.T) {
				// A second build of the small site keeps the first beside
				// the output, for the next build to stage into.
				run := exec.Command(bin, "build", "-src", small, "-out", out, "-cache", "off", "-now", "2026-11-27")
				if b, err := run.CombinedOutput(); err != nil {
					t.Fatalf("second build: %v\n%s", err, b)
				}
				if _, err := os.Stat(prev); err != nil {
					t.Fatalf("no previous site kept after a second build: %v", err)
				}
			},
			func() bool {
				// Staging into the kept site rewrites its marker without
				// the build line, then rendering begins.
				b, err := os.ReadFile(filepath.Join(prev, publish.Marker))
				return err == nil && !bytes.Contains(b, []byte("\nbuild "))
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.setup != nil {
				tc.setup(t)
			}
			cmd := exec.Command(bin, tc.args...)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			if tc.started != nil {
				for !tc.started() {
					select {
					case err := <-exited:
						t.Fatalf("finished before it was interrupted (%v): make the corpus larger\n%s", err, stderr.String())
					case <-time.After(5 * time.Millisecond):
					}
				}
			} else {
				// Until the program has run for a while, SIGTERM could come
				// before it listens for signals; its CPU time tells, where a
				// sleep would be a guess about the machine's load.
				for !atWork(t, cmd.Process.Pid) {
					select {
					case err := <-exited:
						t.Fatalf("finished before it was interrupted (%v): make the corpus larger\n%s", err, stderr.String())
					case <-time.After(5 * time.Millisecond):
					}
				}
			}
			if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
				t.Fatal(err)
			}
			var err error
			select {
			case err = <-exited:
			case <-time.After(30 * time.Second):
				cmd.Process.Kill()
				t.Fatal("still running 30 s after SIGTERM")
			}
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 130 {
				t.Fatalf("exit: %v, want status 130\nstdout: %s\nstderr: %s", err, stdout.String(), stderr.String())
			}
			if !strings.Contains(stderr.String(), "interrupted") {
				t.Errorf("stderr does not say it was interrupted: %q", stderr.String())
			}
			if after := digestTree(t, out); after != before {
				t.Errorf("the published site changed:\nbefore %s\nafter  %s", before, after)
			}
			if m, _ := filepath.Glob(filepath.Join(dir, ".public.staging-*")); len(m) > 0 {
				t.Errorf("staging folders left behind: %v", m)
			}
		})
	}
	// The next build publishes from whatever the interrupted ones left.
	run = exec.Command(bin, "build", "-src", small, "-out", out, "-cache", "off", "-now", "2026-11-27")
	if b, err := run.CombinedOutput(); err != nil {
		t.Fatalf("build after the interrupted ones: %v\n%s", err, b)
	}
	if after := digestTree(t, out); after != before {
		t.Errorf("the build after the interrupted ones published another site:\nwant %s\ngot  %s", before, after)
	}
}

// atWork reports whether process pid has used at least 50 ms of CPU
// (five clock ticks of utime and stime in /proc/pid/stat), long past the
// start-up in which it installs its signal handlers.
func atWork(t *testing.T, pid int) bool {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		t.Skipf("no /proc to tell when the program is at work: %v", err)
	}
	// The command name, in parentheses, may hold spaces: fields count
	// from after its closing one. utime and stime are fields 14 and 15.
	fields := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
	if len(fields) < 13 {
		t.Fatalf("unexpected /proc/%d/stat: %q", pid, b)
	}
	var utime, stime int
	fmt.Sscan(fields[11], &utime)
	fmt.Sscan(fields[12], &stime)
	return utime+stime >= 5
}

// digestTree is one hash of every file's path and bytes under dir.
func digestTree(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(h, "%s %d\n", filepath.ToSlash(rel), len(data))
		h.Write(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}
