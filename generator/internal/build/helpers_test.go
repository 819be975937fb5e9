package build_test

import (
	"bytes"
	"context"
	"errors"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"scorebook/generator/internal/build"
	"scorebook/generator/internal/diag"
	"scorebook/generator/internal/publish"
)

// shippedSrc is the repository's own playbook, three folders above this
// package.
var shippedSrc = filepath.Join("..", "..", "..")

// buildDay is the fixed build date of every test build, so that the
// date-dependent checks give the same findings on any day.
var buildDay = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)

// shippedInputs are the folders and files of the shipped site that a build
// reads; copies of the site take only these.
var shippedInputs = []string{"site.toml", "content", "assessments", "layouts", "static"}

// copySite copies the inputs of the site at src into a new temporary
// folder and returns it.
func copySite(t testing.TB, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "site")
	for _, name := range shippedInputs {
		from := filepath.Join(src, name)
		if _, err := os.Stat(from); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		copyTree(t, from, filepath.Join(dst, name))
	}
	return dst
}

// copyTree copies a file or a folder of regular files.
func copyTree(t testing.TB, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, p)
		if err != nil {
			return err
		}
		target := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatalf("copy %s to %s: %v", from, to, err)
	}
}

// readTree reads every regular file below dir, keyed by slash path,
// leaving out scorebook's marker file.
func readTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == publish.Marker {
			return nil
		}
		if !d.Type().IsRegular() {
			files[rel] = []byte("<not a regular file>")
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files[rel] = data
		return nil
	})
	if err != nil {
		t.Fatalf("read %s: %v", dir, err)
	}
	return files
}

// treeDiff describes how two trees of files differ, or returns "".
func treeDiff(want, got map[string][]byte) string {
	var b strings.Builder
	var names []string
	for rel := range want {
		names = append(names, rel)
	}
	for rel := range got {
		if _, ok := want[rel]; !ok {
			names = append(names, rel)
		}
	}
	sort.Strings(names)
	n := 0
	for _, rel := range names {
		w, inWant := want[rel]
		g, inGot := got[rel]
		var problem string
		switch {
		case !inGot:
			problem = "missing"
		case !inWant:
			problem = "unexpected"
		case !bytes.Equal(w, g):
			problem = "differs: " + firstDifference(w, g)
		default:
			continue
		}
		n++
		if n <= 15 {
			b.WriteString("  " + rel + ": " + problem + "\n")
		}
	}
	if n > 15 {
		b.WriteString("  … and more\n")
	}
	return b.String()
}

// firstDifference shows the first place where two files differ.
func firstDifference(want, got []byte) string {
	i := 0
	for i < len(want) && i < len(got) && want[i] == got[i] {
		i++
	}
	excerpt := func(b []byte) string {
		start, end := max(i-40, 0), min(i+60, len(b))
		return strings.ReplaceAll(string(b[start:end]), "\n", `\n`)
	}
	return "at byte " + strconv.Itoa(i) + "\n      want …" + excerpt(want) + "…\n      got  …" + excerpt(got) + "…"
}

// options returns the options of a test build of src into out.
func options(src, out string, mode build.Mode) build.Options {
	return build.Options{Src: src, Out: out, Mode: mode, Now: buildDay, Version: "test", Workers: 2}
}

// mustBuild runs one full build and fails the test on any error.
func mustBuild(t testing.TB, opts build.Options) *build.Summary {
	t.Helper()
	sum, err := build.New(opts).Build(context.Background(), nil)
	if err != nil {
		t.Fatalf("build %s: %s", opts.Src, describeErr(err))
	}
	return sum
}

// describeErr prints a build error, one problem a line.
func describeErr(err error) string {
	var list diag.List
	if errors.As(err, &list) {
		var lines []string
		for _, d := range list {
			lines = append(lines, d.String())
		}
		return "\n" + strings.Join(lines, "\n")
	}
	return err.Error()
}

// writeFile writes a source file of a test site, creating its folder.
func writeFile(t testing.TB, dir, rel, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// readFile reads a file of a test site or output.
func readFile(t testing.TB, dir, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// replaceIn replaces old with new in a source file, failing when old is
// not there exactly once, so that an edit that no longer applies is noticed.
func replaceIn(t testing.TB, dir, rel, old, new string) {
	t.Helper()
	text := readFile(t, dir, rel)
	if n := strings.Count(text, old); n != 1 {
		t.Fatalf("%s holds %q %d times; the test expects it once", rel, old, n)
	}
	writeFile(t, dir, rel, strings.Replace(text, old, new, 1))
}

// tag is one start tag of an HTML page, with its attributes unescaped.
type tag struct {
	name   string
	attrs  [][2]string // name, value
	offset int
}

// htmlTags reads the start tags of an HTML or SVG document the way a
// browser's tokenizer does: attribute values may be quoted with " or ' or
// not at all, and text between tags (escaped or not) is skipped. Comments
// are skipped; the contents of <style> are text.
func htmlTags(doc []byte) []tag {
	var tags []tag
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
	isLetter := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
	for i := 0; i < len(doc); i++ {
		if doc[i] != '<' || i+1 >= len(doc) {
			continue
		}
		if bytes.HasPrefix(doc[i:], []byte("<!--")) {
			end := bytes.Index(doc[i+4:], []byte("-->"))
			if end < 0 {
				break
			}
			i += 4 + end + 2
			continue
		}
		if !isLetter(doc[i+1]) {
			continue
		}
		start := i
		j := i + 1
		for j < len(doc) && !isSpace(doc[j]) && doc[j] != '>' && doc[j] != '/' {
			j++
		}
		tg := tag{name: strings.ToLower(string(doc[i+1 : j])), offset: start}
		for j < len(doc) && doc[j] != '>' {
			if isSpace(doc[j]) || doc[j] == '/' {
				j++
				continue
			}
			k := j
			for k < len(doc) && !isSpace(doc[k]) && doc[k] != '=' && doc[k] != '>' && (doc[k] != '/' || k == j) {
				k++
			}
			name := strings.ToLower(string(doc[j:k]))
			j = k
			for j < len(doc) && isSpace(doc[j]) {
				j++
			}
			value := ""
			if j < len(doc) && doc[j] == '=' {
				j++
				for j < len(doc) && isSpace(doc[j]) {
					j++
				}
				if j < len(doc) && (doc[j] == '"' || doc[j] == '\'') {
					q := doc[j]
					end := bytes.IndexByte(doc[j+1:], q)
					if end < 0 {
						end = len(doc) - j - 1
					}
					value = string(doc[j+1 : j+1+end])
					j += end + 2
				} else {
					k := j
					for k < len(doc) && !isSpace(doc[k]) && doc[k] != '>' {
						k++
					}
					value = string(doc[j:k])
					j = k
				}
			}
			tg.attrs = append(tg.attrs, [2]string{name, html.UnescapeString(value)})
		}
		tags = append(tags, tg)
		i = j
	}
	return tags
}
