package gitrev_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"scorebook/generator/internal/gitrev"
	"scorebook/generator/internal/gittest"
)

func TestRevision_ReadsFilesOfAnOlderCommitWithoutCheckout(t *testing.T) {
	ctx := context.Background()
	r := gittest.New(t)
	r.Write("site/site.toml", "title = \"one\"\n")
	r.Write("site/assessments/acme/2026-01-01.toml", "brand = \"Acme\"\n")
	r.Write("other.txt", "outside the site\n")
	first := r.Commit("first")
	r.Write("site/site.toml", "title = \"two\"\n")
	r.Commit("second")

	repo := openRepo(t, filepath.Join(r.Dir, "site"))
	if repo.Prefix() != "site/" {
		t.Errorf("Prefix = %q, want site/", repo.Prefix())
	}
	commit, err := repo.Resolve(ctx, "HEAD~1")
	if err != nil {
		t.Fatal(err)
	}
	if commit != first {
		t.Errorf("Resolve(HEAD~1) = %s, want %s", commit, first)
	}
	entries, err := repo.Files(ctx, commit)
	if err != nil {
		t.Fatal(err)
	}
	var paths, objects []string
	for _, e := range entries {
		paths = append(paths, e.Path)
		objects = append(objects, e.Object)
	}
	if got := strings.Join(paths, " "); got != "assessments/acme/2026-01-01.toml site.toml" {
		t.Errorf("Files = %s, want the site's two files relative to the site folder", got)
	}
	contents, _, err := repo.Read(ctx, objects, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if string(contents[0]) != "brand = \"Acme\"\n" || string(contents[1]) != "title = \"one\"\n" {
		t.Errorf("Read = %q, want the first commit's contents", contents)
	}
	if got := r.Read("site/site.toml"); got != "title = \"two\"\n" {
		t.Errorf("the work tree changed: site.toml holds %q", got)
	}
}

func TestRead_OneProcessManyBlobsAndTheSizeLimit(t *testing.T) {
	ctx := context.Background()
	r := gittest.New(t)
	for i := range 300 {
		s := strings.Repeat(string(rune('a'+i%26)), i*13) + "\n" // under the 4096-byte limit
		r.Write(filepath.Join("files", "f"+strings.Repeat("x", i%5)+string(rune('a'+i%26))+itoa(i)), s)
	}
	r.Write("big", strings.Repeat("b", 5000))
	r.Commit("files")
	repo := openRepo(t, r.Dir)
	entries, err := repo.Files(ctx, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	objects := make([]string, len(entries))
	for i, e := range entries {
		objects[i] = e.Object
	}
	contents, sizes, err := repo.Read(ctx, objects, 4096)
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range entries {
		if e.Path == "big" {
			if contents[i] != nil || sizes[i] != 5000 {
				t.Errorf("big: read %d bytes, size %d; want nothing read and size 5000", len(contents[i]), sizes[i])
			}
			continue
		}
		if want := r.Read(e.Path); string(contents[i]) != want {
			t.Errorf("%s: read %d bytes, want %d", e.Path, len(contents[i]), len(want))
		}
	}
	if len(entries) != 301 {
		t.Errorf("listed %d files, want 301", len(entries))
	}
}

func itoa(i int) string {
	return string(rune('0'+i/100)) + string(rune('0'+i/10%10)) + string(rune('0'+i%10))
}

func TestRead_MissingObjectIsAnError(t *testing.T) {
	ctx := context.Background()
	r := gittest.New(t)
	r.Write("a", "a\n")
	r.Commit("a")
	repo := openRepo(t, r.Dir)
	_, _, err := repo.Read(ctx, []string{strings.Repeat("0", 40)}, 100)
	if err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("Read of a missing object: err = %v, want one saying it is missing", err)
	}
}

func TestFiles_SymlinksAreMarked(t *testing.T) {
	ctx := context.Background()
	r := gittest.New(t)
	r.Write("target.toml", "x = 1\n")
	if err := os.Symlink("target.toml", filepath.Join(r.Dir, "link.toml")); err != nil {
		t.Skip("symbolic links not supported here:", err)
	}
	r.Commit("link")
	repo := openRepo(t, r.Dir)
	entries, err := repo.Files(ctx, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if (e.Path == "link.toml") != e.Symlink {
			t.Errorf("%s: Symlink = %v", e.Path, e.Symlink)
		}
	}
}

func TestResolve_UnknownRevision(t *testing.T) {
	ctx := context.Background()
	r := gittest.New(t)
	r.Write("a", "a\n")
	r.Commit("a")
	repo := openRepo(t, r.Dir)
	for _, rev := range []string{"no-such-branch", "HEAD~5", "--output=/tmp/x", ""} {
		_, err := repo.Resolve(ctx, rev)
		if !errors.Is(err, gitrev.ErrUnknownRevision) {
			t.Errorf("Resolve(%q): err = %v, want ErrUnknownRevision", rev, err)
			continue
		}
		if strings.Contains(err.Error(), "shallow") {
			t.Errorf("Resolve(%q) in a full clone mentions a shallow clone: %v", rev, err)
		}
	}
	// A blob is not a commit.
	blob := r.Git("rev-parse", "HEAD:a")
	if _, err := repo.Resolve(ctx, blob); !errors.Is(err, gitrev.ErrUnknownRevision) {
		t.Errorf("Resolve(a blob): err = %v, want ErrUnknownRevision", err)
	}
}

func TestResolve_ShallowCloneSaysHowToFetchTheBase(t *testing.T) {
	ctx := context.Background()
	r := gittest.New(t)
	r.Write("a", "1\n")
	r.Commit("one")
	r.Write("a", "2\n")
	r.Commit("two")
	clone := filepath.Join(t.TempDir(), "clone")
	gittest.Run(t, t.TempDir(), nil, "clone", "-q", "--depth", "1", "file://"+r.Dir, clone)

	repo := openRepo(t, clone)
	if shallow, err := repo.Shallow(ctx); err != nil || !shallow {
		t.Fatalf("Shallow = %v, %v; want true", shallow, err)
	}
	if _, err := repo.Resolve(ctx, "HEAD"); err != nil {
		t.Errorf("Resolve(HEAD) in a shallow clone: %v", err)
	}
	_, err := repo.Resolve(ctx, "HEAD~1")
	if !errors.Is(err, gitrev.ErrUnknownRevision) {
		t.Fatalf("Resolve(HEAD~1): err = %v, want ErrUnknownRevision", err)
	}
	for _, want := range []string{"shallow clone", "git fetch --unshallow", "fetch-depth: 0"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}

func TestOpen_NotARepository(t *testing.T) {
	dir := t.TempDir()
	_, err := gitrev.Open(context.Background(), dir)
	if !errors.Is(err, gitrev.ErrNotRepository) {
		t.Errorf("Open(%s): err = %v, want ErrNotRepository", dir, err)
	}
}

func TestLastCommits_NewestCommitOfEachFile(t *testing.T) {
	ctx := context.Background()
	r := gittest.New(t)
	r.Write("site/assessments/a/2026-01-01.toml", "1\n")
	r.Write("site/assessments/b/2026-01-01.toml", "1\n")
	r.Write("site/other.toml", "1\n")
	first := r.Commit("first: both brands")
	r.Write("site/assessments/b/2026-01-01.toml", "2\n")
	r.Write("site/other.toml", "2\n")
	second := r.Commit("second: b only | <odd> subject")
	r.Write("site/assessments/a/2026-01-01.toml", "uncommitted\n")

	repo := openRepo(t, filepath.Join(r.Dir, "site"))
	got, err := repo.LastCommits(ctx, "assessments")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Errorf("LastCommits = %v, want the two assessment files only", got)
	}
	a, b := got["assessments/a/2026-01-01.toml"], got["assessments/b/2026-01-01.toml"]
	if a.Hash != first || a.Subject != "first: both brands" || a.Date != "2026-01-01" {
		t.Errorf("a: %+v, want the first commit (an uncommitted edit does not count)", a)
	}
	if b.Hash != second || b.Subject != "second: b only | <odd> subject" || b.Short() != second[:12] {
		t.Errorf("b: %+v, want the second commit", b)
	}

	empty := gittest.New(t)
	repo = openRepo(t, empty.Dir)
	if got, err := repo.LastCommits(ctx, "assessments"); err != nil || len(got) != 0 {
		t.Errorf("a repository without commits: %v, %v", got, err)
	}
}

// openRepo opens the work tree holding dir, failing the test on an error.
func openRepo(t *testing.T, dir string) *gitrev.Repo {
	t.Helper()
	repo, err := gitrev.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	return repo
}
