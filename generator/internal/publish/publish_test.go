package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCheckOutput_RefusesSourceAndForeignFolders(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "site")
	write(t, filepath.Join(src, "site.toml"), "")
	foreign := filepath.Join(root, "documents")
	write(t, filepath.Join(foreign, "letter.txt"), "keep me")
	ours := filepath.Join(root, "published")
	write(t, filepath.Join(ours, Marker), "")
	tests := []struct {
		name, out, wantErr string
	}{
		{"inside the source", filepath.Join(src, "public"), ""},
		{"a new folder", filepath.Join(root, "new"), ""},
		{"a folder scorebook wrote", ours, ""},
		{"the source itself", src, "is or contains the source"},
		{"a parent of the source", root, "is or contains the source"},
		{"someone else's folder", foreign, "not written by scorebook"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckOutput(src, tc.out)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Errorf("CheckOutput(%s) = %v, want nil", tc.out, err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Errorf("CheckOutput(%s) = %v, want an error containing %q", tc.out, err, tc.wantErr)
			}
		})
	}
}

func TestStaging_CommitSwapsAndAbortLeavesThePublishedSite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	st, err := Stage(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.WriteFile("a/index.html", []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	st, err = Stage(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.WriteFile("a/index.html", []byte("two")); err != nil {
		t.Fatal(err)
	}
	st.Abort()
	if got, _ := os.ReadFile(filepath.Join(out, "a", "index.html")); string(got) != "one" {
		t.Errorf("after an aborted build the site holds %q, want the published %q", got, "one")
	}
	st, err = Stage(out)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := st.Reuse("a/index.html"); !ok || err != nil {
		t.Fatalf("Reuse of a published file = %v, %v", ok, err)
	}
	if ok, _ := st.Reuse("missing.html"); ok {
		t.Error("Reuse claimed a file that was never published")
	}
	if err := st.WriteFile("../escape.html", []byte("x")); err == nil {
		t.Error("a path leaving the output folder was written")
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(out, "a", "index.html")); string(got) != "one" {
		t.Errorf("a reused file holds %q, want %q", got, "one")
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.staging-*"))
	if len(left) > 0 {
		t.Errorf("staging folders left behind: %v", left)
	}
}

func TestFolder_WritesOnlyChangesAndRemovesEmptyFolders(t *testing.T) {
	f, err := OpenFolder(filepath.Join(t.TempDir(), "served"))
	if err != nil {
		t.Fatal(err)
	}
	if changed, err := f.WriteFile("x/y/index.html", []byte("a")); !changed || err != nil {
		t.Fatalf("first write: changed %v, err %v", changed, err)
	}
	if changed, _ := f.WriteFile("x/y/index.html", []byte("a")); changed {
		t.Error("writing the same bytes again counted as a change")
	}
	if err := f.Remove("x/y/index.html"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(f.Dir(), "x")); !os.IsNotExist(err) {
		t.Errorf("emptied folders were left behind: %v", err)
	}
}

func TestRecover_PutsASetAsideSiteBack(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	write(t, filepath.Join(out+".old", "index.html"), "previous")
	if err := Recover(out); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(out, "index.html")); string(got) != "previous" {
		t.Errorf("Recover left the output holding %q", got)
	}
}
