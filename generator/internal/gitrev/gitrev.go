// Package gitrev reads the files of a git revision without checking it
// out, by running the git command: `git rev-parse` resolves a revision,
// `git ls-tree` lists its files and one `git cat-file --batch` process
// reads their contents. It knows nothing of scorebook's files.
//
// It runs git rather than using a Go implementation of git for the reasons
// Hugo's GitInfo does: the git a repository was made with reads it
// correctly whatever its format (packs, alternates, partial clones,
// worktrees, future object formats), CI images have git already, and no
// dependency is added to the module.
package gitrev

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
)

// ErrNotRepository is returned by Open for a folder outside any git work tree.
var ErrNotRepository = errors.New("not a git repository")

// ErrUnknownRevision is wrapped by Resolve's error when a revision does not
// name a commit of the repository.
var ErrUnknownRevision = errors.New("unknown revision")

// Repo is a git work tree whose revisions can be read.
type Repo struct {
	top    string // the work tree's top-level folder
	prefix string // the opened folder relative to top, slash-separated, "" or ending in "/"
}

// Open finds the git work tree holding dir. Paths given to and returned by
// the Repo's methods are relative to dir, which may be a subfolder of the
// work tree.
func Open(ctx context.Context, dir string) (*Repo, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, fmt.Errorf("the git command is needed to read revisions: %w", err)
	}
	out, err := run(ctx, dir, nil, "rev-parse", "--show-toplevel", "--show-prefix")
	if err != nil {
		var ge *gitError
		if errors.As(err, &ge) && strings.Contains(ge.stderr, "not a git repository") {
			return nil, fmt.Errorf("%s: %w (diff compares git revisions; run it inside a clone)", dir, ErrNotRepository)
		}
		return nil, err
	}
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(lines) < 1 || lines[0] == "" {
		return nil, fmt.Errorf("%s: %w (it has no work tree)", dir, ErrNotRepository)
	}
	r := &Repo{top: lines[0]}
	if len(lines) > 1 {
		r.prefix = lines[1]
	}
	return r, nil
}

// Prefix returns the opened folder's path relative to the work tree's
// top, "" or ending in a slash; REV:<prefix><path> names a file to git.
func (r *Repo) Prefix() string { return r.prefix }

// Resolve returns the full hash of the commit rev names. A revision git
// does not know is reported with ErrUnknownRevision; in a shallow clone the
// message says how to fetch the missing history.
func (r *Repo) Resolve(ctx context.Context, rev string) (string, error) {
	if rev == "" {
		return "", fmt.Errorf("an empty revision: %w", ErrUnknownRevision)
	}
	out, err := run(ctx, r.top, nil, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err == nil {
		return strings.TrimSpace(string(out)), nil
	}
	var ge *gitError
	if !errors.As(err, &ge) {
		return "", err
	}
	if shallow, _ := r.Shallow(ctx); shallow {
		return "", fmt.Errorf("revision %q is not in this shallow clone: fetch the history it needs (git fetch --unshallow, or fetch-depth: 0 with actions/checkout): %w", rev, ErrUnknownRevision)
	}
	return "", fmt.Errorf("revision %q names no commit of this repository (expected a branch, tag or commit such as HEAD, main or origin/main): %w", rev, ErrUnknownRevision)
}

// Shallow reports whether the repository is a shallow clone, whose history
// stops at some commits.
func (r *Repo) Shallow(ctx context.Context) (bool, error) {
	out, err := run(ctx, r.top, nil, "rev-parse", "--is-shallow-repository")
	if err != nil {
		return false, err
	}
	return strings.TrimSpace(string(out)) == "true", nil
}

// Entry is one file of a revision's tree.
type Entry struct {
	Path    string // slash path relative to the opened folder
	Object  string // the blob's hash
	Symlink bool   // the blob holds a symbolic link's target
}

// Files lists every file of commit under the opened folder, recursively,
// in git's order. Submodules are left out.
func (r *Repo) Files(ctx context.Context, commit string) ([]Entry, error) {
	tree := commit
	if r.prefix != "" {
		tree = commit + ":" + strings.TrimSuffix(r.prefix, "/")
	}
	out, err := run(ctx, r.top, nil, "ls-tree", "-r", "-z", "--end-of-options", tree)
	if err != nil {
		var ge *gitError
		if errors.As(err, &ge) && r.prefix != "" {
			// The folder did not exist at that commit.
			return nil, nil
		}
		return nil, err
	}
	var entries []Entry
	for len(out) > 0 {
		i := bytes.IndexByte(out, 0)
		if i < 0 {
			i = len(out)
		}
		rec := string(out[:i])
		out = out[min(i+1, len(out)):]
		// <mode> SP <type> SP <object> TAB <path>
		meta, path, ok := strings.Cut(rec, "\t")
		f := strings.Fields(meta)
		if !ok || len(f) != 3 {
			return nil, fmt.Errorf("git ls-tree: unexpected line %q", rec)
		}
		if f[1] != "blob" {
			continue
		}
		entries = append(entries, Entry{Path: path, Object: f[2], Symlink: f[0] == "120000"})
	}
	return entries, nil
}

// Read returns the contents of the given blobs, in order, read by one
// `git cat-file --batch` process. A blob larger than limit bytes is not
// read: its contents are nil and its size is in sizes.
func (r *Repo) Read(ctx context.Context, objects []string, limit int64) (contents [][]byte, sizes []int64, err error) {
	contents, sizes = make([][]byte, len(objects)), make([]int64, len(objects))
	if len(objects) == 0 {
		return contents, sizes, nil
	}
	cmd := exec.CommandContext(ctx, "git", "cat-file", "--batch")
	cmd.Dir = r.top
	cmd.Env = gitEnv()
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, nil, err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return nil, nil, fmt.Errorf("run git cat-file: %w", err)
	}
	// Requests are written while answers are read, so neither pipe fills.
	go func() {
		w := bufio.NewWriter(stdin)
		for _, o := range objects {
			w.WriteString(o)
			w.WriteByte('\n')
		}
		w.Flush()
		stdin.Close()
	}()
	br := bufio.NewReaderSize(stdout, 64<<10)
	readErr := func() error {
		for i, o := range objects {
			header, err := br.ReadString('\n')
			if err != nil {
				return fmt.Errorf("git cat-file: reading the answer for %s: %w", o, err)
			}
			f := strings.Fields(header)
			if len(f) == 2 && f[1] == "missing" {
				return fmt.Errorf("git cat-file: object %s is missing (is the clone complete?)", o)
			}
			if len(f) != 3 {
				return fmt.Errorf("git cat-file: unexpected answer %q", strings.TrimSpace(header))
			}
			size, err := strconv.ParseInt(f[2], 10, 64)
			if err != nil || size < 0 {
				return fmt.Errorf("git cat-file: unexpected size in %q", strings.TrimSpace(header))
			}
			sizes[i] = size
			if size > limit {
				if _, err := br.Discard(int(size)); err != nil {
					return fmt.Errorf("git cat-file: %w", err)
				}
			} else {
				buf := make([]byte, size)
				if _, err := io.ReadFull(br, buf); err != nil {
					return fmt.Errorf("git cat-file: %w", err)
				}
				contents[i] = buf
			}
			if _, err := br.Discard(1); err != nil { // the newline after the contents
				return fmt.Errorf("git cat-file: %w", err)
			}
		}
		return nil
	}()
	if readErr != nil {
		cmd.Process.Kill()
	}
	io.Copy(io.Discard, stdout)
	werr := cmd.Wait()
	if readErr != nil {
		return nil, nil, readErr
	}
	if werr != nil {
		return nil, nil, fmt.Errorf("git cat-file: %w: %s", werr, strings.TrimSpace(stderr.String()))
	}
	return contents, sizes, nil
}

// Commit is what a page shows of a commit.
type Commit struct {
	Hash    string // the full hash
	Date    string // the committer's date, YYYY-MM-DD in the committer's zone
	Subject string // the first line of the message
}

// Short returns the first 12 characters of the hash: a fixed length, so
// that the same commit is written the same in every clone (git's own
// abbreviation grows with the repository).
func (c Commit) Short() string { return c.Hash[:min(12, len(c.Hash))] }

// LastCommits returns, for every file under folder (a slash path relative
// to the opened folder) that the history of HEAD holds, the last commit
// that changed it, by the file's slash path relative to the opened folder.
// One `git log` reads the whole history; renames are not followed, and a
// merge counts for nothing, as with Hugo's GitInfo. A repository without
// commits has none.
func (r *Repo) LastCommits(ctx context.Context, folder string) (map[string]Commit, error) {
	out := map[string]Commit{}
	if head, err := r.Head(ctx); err != nil || head == "" {
		return out, err // a repository without commits has none
	}
	args := []string{"-c", "log.showSignature=false", "log", "-z", "--name-only", "--no-renames", "--no-merges",
		"--format=%x1e%H%x1f%cs%x1f%s"}
	if r.prefix != "" {
		args = append(args, "--relative="+strings.TrimSuffix(r.prefix, "/"))
	}
	args = append(args, "HEAD", "--", r.prefix+folder)
	data, err := run(ctx, r.top, nil, args...)
	if err != nil {
		return nil, err
	}
	for _, rec := range bytes.Split(data, []byte{0x1e}) {
		header, names, ok := bytes.Cut(rec, []byte{0})
		if !ok {
			continue
		}
		f := strings.SplitN(string(header), "\x1f", 3)
		if len(f) != 3 {
			return nil, fmt.Errorf("git log: unexpected record %q", header)
		}
		c := Commit{Hash: f[0], Date: f[1], Subject: f[2]}
		for _, name := range bytes.Split(bytes.TrimLeft(names, "\n"), []byte{0}) {
			if len(name) == 0 {
				continue
			}
			if _, seen := out[string(name)]; !seen { // newest first
				out[string(name)] = c
			}
		}
	}
	return out, nil
}

// Head returns the full hash of the commit HEAD names, or "" in a
// repository without commits.
func (r *Repo) Head(ctx context.Context) (string, error) {
	out, err := run(ctx, r.top, nil, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
	if err != nil {
		var ge *gitError
		if errors.As(err, &ge) {
			return "", nil
		}
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// gitError is a git command that exited with an error.
type gitError struct {
	args   []string
	err    error
	stderr string
}

func (e *gitError) Error() string {
	msg := strings.TrimSpace(e.stderr)
	if msg == "" {
		msg = e.err.Error()
	}
	return fmt.Sprintf("git %s: %s", strings.Join(e.args, " "), msg)
}

func (e *gitError) Unwrap() error { return e.err }

// run runs git in dir and returns its standard output.
func run(ctx context.Context, dir string, stdin io.Reader, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	cmd.Env = gitEnv()
	cmd.Stdin = stdin
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			return nil, &gitError{args: args, err: err, stderr: stderr.String()}
		}
		return nil, fmt.Errorf("run git: %w", err)
	}
	return stdout.Bytes(), nil
}

// gitEnv is the process environment with git's messages in English, which
// Open matches, and without a pager or prompts.
func gitEnv() []string {
	return append(os.Environ(), "LC_ALL=C", "GIT_PAGER=cat", "GIT_TERMINAL_PROMPT=0")
}
