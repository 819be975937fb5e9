package main

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestArchitecture_READMEListsTheRealImports reads every internal
// package's imports from its source and compares them with the table in
// the README, so that the picture of the code cannot drift from it.
func TestArchitecture_READMEListsTheRealImports(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile("(?s)```imports\n(.*?)```").FindSubmatch(readme)
	if block == nil {
		t.Fatal("README.md has no ```imports block")
	}
	documented := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(block[1])), "\n") {
		pkg, deps, ok := strings.Cut(line, ":")
		if !ok {
			t.Fatalf("README imports line %q is not `package: imports`", line)
		}
		documented[pkg] = strings.Fields(deps)
	}

	actual := map[string][]string{}
	dirs, err := os.ReadDir("internal")
	if err != nil {
		t.Fatal(err)
	}
	const prefix = "scorebook/generator/internal/"
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		files, _ := filepath.Glob(filepath.Join("internal", d.Name(), "*.go"))
		seen := map[string]bool{}
		code := false
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			code = true
			parsed, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range parsed.Imports {
				if p := strings.Trim(imp.Path.Value, `"`); strings.HasPrefix(p, prefix) {
					seen[strings.TrimPrefix(p, prefix)] = true
				}
			}
		}
		if !code || d.Name() == "benchcorpus" || strings.HasSuffix(d.Name(), "test") {
			continue // tools and test helpers are not part of the generator
		}
		deps := []string{}
		for p := range seen {
			deps = append(deps, p)
		}
		slices.Sort(deps)
		actual[d.Name()] = deps
	}
	for pkg, deps := range actual {
		doc, ok := documented[pkg]
		if !ok {
			t.Errorf("README's imports table lacks package %s (imports: %s)", pkg, strings.Join(deps, " "))
			continue
		}
		slices.Sort(doc)
		if !slices.Equal(doc, deps) {
			t.Errorf("README says %s imports %v; it imports %v", pkg, doc, deps)
		}
	}
	for pkg := range documented {
		if _, ok := actual[pkg]; !ok {
			t.Errorf("README's imports table lists %s, which is not a package of generator/internal", pkg)
		}
	}
}
