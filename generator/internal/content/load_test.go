package content

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// writeFiles writes files (slash paths relative to root → contents).
func writeFiles(t testing.TB, root string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		full := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("cannot make symbolic links here: %v", err)
	}
}

func page(title string) string {
	return "+++\ntitle = \"" + title + "\"\n+++\nBody of " + title + ".\n"
}

func paths(pages []*Page) []string {
	out := make([]string, len(pages))
	for i, p := range pages {
		out[i] = p.Path
	}
	return out
}

func TestLoad_FindsPagesAndSkipsTheRest(t *testing.T) {
	src := t.TempDir()
	writeFiles(t, src, map[string]string{
		"content/_index.md":                 page("Home"),
		"content/faq.md":                    page("FAQ"),
		"content/dimensions/_index.md":      page("Dimensions"),
		"content/dimensions/operations.md":  page("Operations"),
		"content/dimensions/.draft.md":      page("Hidden"),
		"content/dimensions/operations.md~": page("Backup"),
		"content/#faq.md#":                  page("Emacs"),
		"content/.faq.md.swp":               "binary",
		"content/faq.md.tmp":                "partial",
		"content/.git/x.md":                 page("Git"),
		"content/4913":                      "",
		"content/dimensions/radar.png":      "PNG",
		"static/not-content.md":             "not read",
	})
	pages, errs := Load(src)
	want := []string{"content/_index.md", "content/dimensions/_index.md", "content/dimensions/operations.md", "content/faq.md"}
	if got := paths(pages); !slices.Equal(got, want) {
		t.Errorf("pages = %q, want %q", got, want)
	}
	wantDiags := []string{"content/dimensions/radar.png: warning: " + notMarkdown}
	if got := diagStrings(errs); !slices.Equal(got, wantDiags) {
		t.Errorf("problems = %q, want %q", got, wantDiags)
	}
	if errs.HasErrors() {
		t.Error("a stray image must only warn")
	}
	if pages[2].URL != "/dimensions/operations/" || string(pages[2].Body) != "Body of Operations.\n" {
		t.Errorf("operations page = %+v", *pages[2])
	}
}

func TestLoad_CollectsEveryProblem(t *testing.T) {
	src := t.TempDir()
	writeFiles(t, src, map[string]string{
		"content/good.md":  page("Good"),
		"content/a.md":     "+++\ntitle = 1\n+++\n",
		"content/b.md":     "no front matter",
		"content/my pa.md": page("Spaces"),
	})
	pages, errs := Load(src)
	if got := paths(pages); !slices.Equal(got, []string{"content/good.md"}) {
		t.Errorf("pages = %q, want only the good one", got)
	}
	got := diagStrings(errs)
	want := []string{
		"content/a.md:2:9: title: expected a string in quotes, found the number 1",
		`content/b.md:1:1: the page has no front matter; expected its first line to be +++, then TOML such as title = "...", then a closing +++ line`,
		`content/my pa.md: the file name "my pa" has a space; page URLs come from file and folder names, which may use only letters a-z, digits, '-' and '_' (for example operational-discipline.md)`,
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestLoad_TooLargeFile(t *testing.T) {
	src := t.TempDir()
	writeFiles(t, src, map[string]string{
		"content/huge.md":  page("Huge") + strings.Repeat("x", MaxPageSize),
		"content/limit.md": page("Limit") + strings.Repeat("x", MaxPageSize-len(page("Limit"))),
	})
	pages, errs := Load(src)
	if got := paths(pages); !slices.Equal(got, []string{"content/limit.md"}) {
		t.Errorf("pages = %q, want only the one at the limit", got)
	}
	want := fmt.Sprintf("content/huge.md: cannot read the page: the file is %d bytes; it may be at most 4194304 bytes (4 MiB)", len(page("Huge"))+MaxPageSize)
	if got := diagStrings(errs); !slices.Equal(got, []string{want}) {
		t.Errorf("problems = %q, want %q", got, want)
	}
	if len(pages) == 1 && len(pages[0].Body) != MaxPageSize-len(page("Limit"))+len("Body of Limit.\n") {
		t.Errorf("page at the limit has a %d-byte body", len(pages[0].Body))
	}
}

func TestLoad_NoContentFolderWarns(t *testing.T) {
	pages, errs := Load(t.TempDir())
	if len(pages) != 0 || errs.HasErrors() || len(errs.Warnings()) != 1 {
		t.Errorf("pages %v, problems %v; want none and one warning", pages, errs)
	}
}

func TestLoad_SymbolicLinks(t *testing.T) {
	outside := t.TempDir()
	writeFiles(t, outside, map[string]string{"secret.md": page("Secret"), "dir/x.md": page("X")})

	tests := []struct {
		name      string
		link      string // under content/
		target    string // relative to the link's folder, or absolute
		wantPages []string
		wantErr   string // substring of the one error, "" for none
	}{
		{"file inside the source", "alias.md", "../shared/page.md", []string{"content/alias.md"}, ""},
		{"folder inside the source", "more", "../shared", []string{"content/more/page.md"}, ""},
		{"file outside the source", "leak.md", filepath.Join(outside, "secret.md"), nil, "content/leak.md: the symbolic link leads outside the site folder"},
		{"folder outside the source", "leak", filepath.Join(outside, "dir"), nil, "content/leak: the symbolic link leads outside the site folder"},
		{"loop to the content folder", "loop", ".", nil, "content/loop: the symbolic link leads back to a folder that contains it"},
		{"loop to the source folder", "up", "..", nil, "content/up: the symbolic link leads back to a folder that contains it"},
		{"link to itself", "self.md", "self.md", nil, "content/self.md: the symbolic link loops"},
		{"dangling", "gone.md", "nowhere.md", nil, "content/gone.md: the symbolic link leads to a file that does not exist"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := t.TempDir()
			writeFiles(t, src, map[string]string{"content/.keep": "", "shared/page.md": page("Shared")})
			symlink(t, tc.target, filepath.Join(src, "content", tc.link))
			pages, errs := Load(src)
			if got := paths(pages); !slices.Equal(got, tc.wantPages) {
				t.Errorf("pages = %q, want %q", got, tc.wantPages)
			}
			got := diagStrings(errs.Errors())
			switch {
			case tc.wantErr == "" && len(got) != 0:
				t.Errorf("unexpected problems %q", got)
			case tc.wantErr != "" && (len(got) != 1 || !strings.HasPrefix(got[0], tc.wantErr)):
				t.Errorf("problems = %q, want one starting %q", got, tc.wantErr)
			}
			for _, p := range pages {
				if strings.Contains(string(p.Body), "Secret") {
					t.Error("read a page from outside the source folder")
				}
			}
		})
	}
}

func TestLoadFile(t *testing.T) {
	src := t.TempDir()
	outside := t.TempDir()
	writeFiles(t, src, map[string]string{
		"content/dimensions/operations.md": page("Operations"),
		"content/notes.txt":                "text",
		"content/bad.md":                   "+++\ntitle = \"x\"\nweight = \"w\"\n+++\n",
	})
	writeFiles(t, outside, map[string]string{"secret.md": page("Secret")})
	symlink(t, filepath.Join(outside, "secret.md"), filepath.Join(src, "content", "leak.md"))

	p, errs := LoadFile(src, "content/dimensions/operations.md")
	if p == nil || len(errs) != 0 || p.URL != "/dimensions/operations/" || p.Title != "Operations" {
		t.Errorf("LoadFile(operations) = %+v, %v", p, errs)
	}

	tests := []struct {
		rel  string
		want []string
	}{
		{"content/dimensions/.operations.md.swp", nil},
		{"content/dimensions/operations.md~", nil},
		{"content/notes.txt", []string{"content/notes.txt: warning: " + notMarkdown}},
		{"content/bad.md", []string{`content/bad.md:3:10: weight: expected a whole number, found the string "w"`}},
		{"content/leak.md", []string{"content/leak.md: cannot read the page: the symbolic link leads outside the site folder (to " + filepath.Join(outside, "secret.md") + "); links are followed only within it, so copy the file into the site instead"}},
		{"content/missing.md", []string{"content/missing.md: cannot read the page: file does not exist"}},
		{"static/x.md", []string{"static/x.md: a page must be in the content/ folder"}},
		{"content/../../x.md", []string{"../x.md: a page must be in the content/ folder"}},
	}
	for _, tc := range tests {
		p, errs := LoadFile(src, tc.rel)
		if p != nil {
			t.Errorf("LoadFile(%q) returned a page", tc.rel)
		}
		if got := diagStrings(errs); !slices.Equal(got, tc.want) {
			t.Errorf("LoadFile(%q) problems = %q, want %q", tc.rel, got, tc.want)
		}
	}
}

func mustReal(t *testing.T, dir string) string {
	t.Helper()
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	return real
}
