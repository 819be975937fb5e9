package snapshot_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"scorebook/generator/internal/gitrev"
	"scorebook/generator/internal/gittest"
	"scorebook/generator/internal/snapshot"
)

var golden = filepath.Join("..", "build", "testdata", "golden", "site")

var asOf = time.Date(2026, 10, 15, 0, 0, 0, 0, time.UTC)

// revision loads HEAD of the repository's site.
func revision(t *testing.T, r *gittest.Repo) (string, []string) {
	t.Helper()
	ctx := context.Background()
	repo, err := gitrev.Open(ctx, r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	commit, err := repo.Resolve(ctx, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	side, errs, err := snapshot.Revision(ctx, repo, "HEAD", commit, asOf)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, d := range errs.Errors() {
		lines = append(lines, d.String())
	}
	if side != nil && (side.Commit != commit || side.Ref != "HEAD") {
		t.Errorf("side names %s at %s, want HEAD at %s", side.Ref, side.Commit, commit)
	}
	return strings.Join(lines, "\n"), lines
}

func TestRevision_SymlinkOutOfTheSiteIsNotFollowed(t *testing.T) {
	r := gittest.New(t)
	r.CopyDir(golden, ".")
	secret := filepath.Join(t.TempDir(), "secret.toml")
	if err := os.WriteFile(secret, []byte("brand = \"Secret\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(r.Dir, "assessments", "northwind", "2027-01-01.toml")); err != nil {
		t.Skip("symbolic links not supported here:", err)
	}
	r.Commit("a link out of the repository")
	all, lines := revision(t, r)
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "HEAD:assessments/northwind/2027-01-01.toml: ") || !strings.Contains(all, "outside the site folder") {
		t.Errorf("problems:\n%s\nwant one saying the link leads outside the site", all)
	}
	if strings.Contains(all, "Secret") {
		t.Error("the linked file was read")
	}
}

func TestRevision_OversizeAssessmentIsRefusedUnread(t *testing.T) {
	r := gittest.New(t)
	r.CopyDir(golden, ".")
	r.Write("assessments/northwind/2027-01-01.toml", "# "+strings.Repeat("x", 2<<20)+"\n")
	r.Commit("a large file")
	all, lines := revision(t, r)
	if len(lines) != 1 || !strings.Contains(all, "HEAD:assessments/northwind/2027-01-01.toml: ") || !strings.Contains(all, "1 MiB") {
		t.Errorf("problems:\n%s\nwant one saying the file is over 1 MiB", all)
	}
}

func TestRevision_ModelFileNamedBySiteToml(t *testing.T) {
	r := gittest.New(t)
	r.CopyDir(golden, ".")
	site := r.Read("site.toml")
	i := strings.Index(site, "[model]\n")
	model := strings.NewReplacer("[model.", "[", "[[model.", "[[").Replace(site[i+len("[model]\n"):])
	r.Write("site.toml", site[:i]+"model = \"rubric/model.toml\"\n")
	r.Write("rubric/model.toml", model)
	r.Commit("the model in its own file")
	if all, _ := revision(t, r); all != "" {
		t.Errorf("a site with a model file did not load:\n%s", all)
	}
	r.Replace("rubric/model.toml", "version = \"golden.1\"", "version = 1")
	r.Commit("a broken model file")
	if all, _ := revision(t, r); !strings.Contains(all, "HEAD:rubric/model.toml:1:11: ") {
		t.Errorf("problems:\n%s\nwant the model file's line and column", all)
	}
}
