// Package gittest makes real git repositories in temporary folders for
// tests: git init, files written, commits with fixed dates, so that hashes
// are the same on every run.
package gittest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Repo is a git work tree made for one test.
type Repo struct {
	t    testing.TB
	Dir  string
	tick int // seconds added to the commit date, one per commit
}

// New makes an empty repository in a new temporary folder, or skips the
// test when git is not installed.
func New(t testing.TB) *Repo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed: the test needs a real repository")
	}
	r := &Repo{t: t, Dir: filepath.Join(t.TempDir(), "repo")}
	if err := os.MkdirAll(r.Dir, 0o755); err != nil {
		t.Fatal(err)
	}
	r.Git("init", "-q", "-b", "main")
	return r
}

// Open wraps an existing work tree, a clone say, to commit in it.
func Open(t testing.TB, dir string) *Repo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed: the test needs a real repository")
	}
	return &Repo{t: t, Dir: dir, tick: 30}
}

// Git runs git in the repository with a fixed identity and dates and
// without the user's configuration, and returns its trimmed output.
func (r *Repo) Git(args ...string) string {
	r.t.Helper()
	return Run(r.t, r.Dir, r.env(), args...)
}

func (r *Repo) env() []string {
	date := fmt.Sprintf("2026-01-01T00:00:%02dZ", r.tick%60)
	return []string{
		"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.com", "GIT_AUTHOR_DATE=" + date,
		"GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.com", "GIT_COMMITTER_DATE=" + date,
	}
}

// Run runs git in dir with the extra environment, failing the test on an
// error, and returns its trimmed output. The user's and the system's git
// configuration are ignored.
func Run(t testing.TB, dir string, env []string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1", "LC_ALL=C")
	cmd.Env = append(cmd.Env, env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// Write writes a file of the work tree, making its folders.
func (r *Repo) Write(rel, data string) {
	r.t.Helper()
	p := filepath.Join(r.Dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

// Read returns a file of the work tree.
func (r *Repo) Read(rel string) string {
	r.t.Helper()
	data, err := os.ReadFile(filepath.Join(r.Dir, filepath.FromSlash(rel)))
	if err != nil {
		r.t.Fatal(err)
	}
	return string(data)
}

// Replace replaces old with new in a file of the work tree, failing when
// old is not there exactly once.
func (r *Repo) Replace(rel, old, new string) {
	r.t.Helper()
	text := r.Read(rel)
	if n := strings.Count(text, old); n != 1 {
		r.t.Fatalf("%s holds %q %d times; the test expects it once", rel, old, n)
	}
	r.Write(rel, strings.Replace(text, old, new, 1))
}

// Remove removes a file or folder of the work tree.
func (r *Repo) Remove(rel string) {
	r.t.Helper()
	if err := os.RemoveAll(filepath.Join(r.Dir, filepath.FromSlash(rel))); err != nil {
		r.t.Fatal(err)
	}
}

// CopyDir copies the folder from into the work tree at rel, keeping the
// files' permissions.
func (r *Repo) CopyDir(from, rel string) {
	r.t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		sub, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		r.Write(filepath.ToSlash(filepath.Join(rel, sub)), string(data))
		// Keep the executable bit, which git records.
		return os.Chmod(filepath.Join(r.Dir, rel, sub), info.Mode().Perm())
	})
	if err != nil {
		r.t.Fatalf("copy %s: %v", from, err)
	}
}

// Commit stages everything and commits it with the subject, one second
// after the previous commit, and returns the commit's hash.
func (r *Repo) Commit(subject string) string {
	r.t.Helper()
	r.tick++
	r.Git("add", "-A")
	r.Git("commit", "-q", "--allow-empty", "-m", subject)
	return r.Git("rev-parse", "HEAD")
}
