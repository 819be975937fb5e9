package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// referenceDir is where the domain reference lives beside the repository
// (shared/reference, laid next to every clone by the workplace and CI).
const referenceDir = "../../shared/reference"

var wordRE = regexp.MustCompile(`[\p{L}\p{N}]+(?:['’][\p{L}]+)?`)

// words splits text into lowercase words, dropping punctuation, so that
// runs are compared on words alone.
func words(text string) []string {
	ws := wordRE.FindAllString(strings.ToLower(text), -1)
	for i, w := range ws {
		ws[i] = strings.ReplaceAll(w, "’", "'")
	}
	return ws
}

// TestPlaybook_SharesNoTenWordRunWithReference checks that the shipped
// playbook is written in the project's own words: no run of ten
// consecutive words of any page or of site.toml appears in the reference.
func TestPlaybook_SharesNoTenWordRunWithReference(t *testing.T) {
	const run = 10
	refs, _ := filepath.Glob(filepath.Join(referenceDir, "*.txt"))
	if len(refs) == 0 {
		t.Skipf("no reference text in %s: the overlap check needs shared/reference beside the repository", referenceDir)
	}
	seen := map[string]bool{}
	for _, ref := range refs {
		data, err := os.ReadFile(ref)
		if err != nil {
			t.Fatal(err)
		}
		ws := words(string(data))
		for i := 0; i+run <= len(ws); i++ {
			seen[strings.Join(ws[i:i+run], " ")] = true
		}
	}
	var files []string
	filepath.WalkDir("../content", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return nil
	})
	files = append(files, "../site.toml")
	if len(files) < 10 {
		t.Fatalf("found only %d playbook files; is the test run from generator/?", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ws := words(string(data))
		for i := 0; i+run <= len(ws); i++ {
			if s := strings.Join(ws[i:i+run], " "); seen[s] {
				t.Errorf("%s repeats ten words of the reference: %q", f, s)
			}
		}
	}
}

// TestWords_SplitsOnPunctuation guards the tokenizer the overlap check
// relies on: a run must match across punctuation and case differences.
func TestWords_SplitsOnPunctuation(t *testing.T) {
	got := strings.Join(words("Integration capability -- it's NOT a project; it's (a) capability."), " ")
	want := "integration capability it's not a project it's a capability"
	if got != want {
		t.Errorf("words = %q, want %q", got, want)
	}
}

// TestPlaybook_OneDefinition checks that the home page and the definition
// page quote the same definition, word for word, and that it keeps the
// three qualities the model is built on.
func TestPlaybook_OneDefinition(t *testing.T) {
	quote := func(path string) string {
		t.Helper()
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(line, "> **Integration capability**") {
				return line
			}
		}
		t.Fatalf("%s quotes no definition (a line starting \"> **Integration capability**\")", path)
		return ""
	}
	home, def := quote("../content/_index.md"), quote("../content/definition/_index.md")
	if home != def {
		t.Errorf("the definitions differ:\nhome:       %s\ndefinition: %s", home, def)
	}
	if !strings.Contains(def, "coherent, consistent and timely") {
		t.Errorf("the definition drops \"coherent, consistent and timely\": %s", def)
	}
}
