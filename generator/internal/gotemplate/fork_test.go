package gotemplate

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"go/format"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

var syncFlag = flag.Bool("sync", false, "copy the packages from GOROOT again, with the changes, over the files here")

// module is the import path of this folder.
const module = "scorebook/generator/internal/gotemplate"

// packages maps each copied folder of GOROOT/src to its folder here.
var packages = map[string]string{
	"text/template":       "text",
	"text/template/parse": "text/parse",
	"html/template":       "html",
	"internal/fmtsort":    "internal/fmtsort",
}

// imports points the copies at each other.
var imports = strings.NewReplacer(
	`"text/template/parse"`, `"`+module+`/text/parse"`,
	`"internal/fmtsort"`, `"`+module+`/internal/fmtsort"`,
	"\t\"text/template\"\n", "\ttemplate \""+module+"/text\"\n",
)

// change is one edit of a copied file: old must occur in it exactly once.
type change struct {
	file, old, new string
}

// changes are scorebook's edits of the copies (see the package comment).
var changes = []change{
	{"text/funcs.go", `func safeCall(`, `// stringerFuncType is the type of the functions safeCall calls directly.
var stringerFuncType = reflect.TypeFor[func(...any) string]()

func safeCall(`},
	{"text/funcs.go", `	ret := fun.Call(args)
`, `	if fun.Type() == stringerFuncType && fun.CanInterface() {
		// html/template's escapers and print: called directly, as
		// reflection would call them, without reflection's cost.
		// (A change from the standard library; see package gotemplate.)
		in := make([]any, len(args))
		for i, a := range args {
			in[i] = a.Interface()
		}
		return reflect.ValueOf(fun.Interface().(func(...any) string)(in...)), nil
	}
	ret := fun.Call(args)
`},
	{"text/exec.go", `	if method := ptr.MethodByName(fieldName); method.IsValid() {
		return s.evalCall(dot, method, false, node, fieldName, args, final)
	}`, `	lk := lookupOf(ptr.Type(), fieldName)
	if lk.method >= 0 {
		return s.evalCall(dot, ptr.Method(lk.method), false, node, fieldName, args, final)
	}`},
	{"text/exec.go", `		tField, ok := receiver.Type().FieldByName(fieldName)
`, `		tField, ok := lk.field, lk.exists
`},
	{"text/exec.go", "\t\"strings\"\n", "\t\"strings\"\n\t\"sync\"\n"},
	{"text/exec.go", `// printValue writes the textual representation of the value to the output of
`, `// lookups remembers what evalField finds by name on a type: reflect's
// lookups scan the type's methods and fields every time, and a layout
// evaluates the same few names on the same few types thousands of times
// per page. (A change from the standard library; see package gotemplate.)
var lookups sync.Map // lookupKey → *lookup

type lookupKey struct {
	t    reflect.Type
	name string
}

// lookup is what a name means on a type t, the type of evalField's ptr:
// t's method, and the field of the struct t is or points to.
type lookup struct {
	method int // the method's index, or -1
	field  reflect.StructField
	exists bool // the field exists
}

func lookupOf(t reflect.Type, name string) *lookup {
	k := lookupKey{t, name}
	if l, ok := lookups.Load(k); ok {
		return l.(*lookup)
	}
	l := &lookup{method: -1}
	if m, ok := t.MethodByName(name); ok {
		l.method = m.Index
	}
	st := t
	if st.Kind() == reflect.Pointer {
		st = st.Elem()
	}
	if st.Kind() == reflect.Struct {
		l.field, l.exists = st.FieldByName(name)
	}
	lookups.Store(k, l)
	return l
}

// printValue writes the textual representation of the value to the output of
`},
	{"text/exec.go", `	s.at(n)
	iface, ok := printableValue(v)
`, `	s.at(n)
	if v.Kind() == reflect.String && v.Type() == stringType {
		// What the escapers return: written as fmt.Fprint would write
		// it, without its cost. (A change from the standard library; see
		// package gotemplate.)
		if _, err := io.WriteString(s.wr, v.String()); err != nil {
			s.writeError(err)
		}
		return
	}
	iface, ok := printableValue(v)
`},
	{"text/exec.go", `	reflectValueType = reflect.TypeFor[reflect.Value]()
`, `	reflectValueType = reflect.TypeFor[reflect.Value]()
	stringType       = reflect.TypeFor[string]()
`},
	{"html/escape.go", "\t\"internal/godebug\"\n", ""},
	{"html/escape.go", `var debugAllowActionJSTmpl = godebug.New("jstmpllitinterp")

var htmlmetacontenturlescape = godebug.New("htmlmetacontenturlescape")

`, ""},
	{"html/escape.go", `		if htmlmetacontenturlescape.Value() != "0" {
			s = append(s, "_html_template_urlfilter")
		} else {
			// We don't have a great place to increment this, since it's hard to
			// know if we actually escape any urls in _html_template_urlfilter,
			// since it has no information about what context it is being
			// executed in etc. This is probably the best we can do.
			htmlmetacontenturlescape.IncNonDefault()
		}`, `		// Always: the GODEBUG setting htmlmetacontenturlescape=0 is not
		// read. (A change from the standard library; see package gotemplate.)
		s = append(s, "_html_template_urlfilter")`},
}

// derive returns the files of the copy, by slash path below this folder,
// made from the standard library in goroot/src.
func derive(goroot string) (map[string][]byte, error) {
	files := map[string][]byte{}
	for src, dst := range packages {
		entries, err := os.ReadDir(filepath.Join(goroot, "src", src))
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
				continue
			}
			data, err := os.ReadFile(filepath.Join(goroot, "src", src, name))
			if err != nil {
				return nil, err
			}
			files[dst+"/"+name] = []byte(imports.Replace(string(data)))
		}
	}
	for _, c := range changes {
		text := string(files[c.file])
		if n := strings.Count(text, c.old); n != 1 {
			return nil, fmt.Errorf("%s: the text to change occurs %d times, want once:\n%s", c.file, n, c.old)
		}
		files[c.file] = []byte(strings.Replace(text, c.old, c.new, 1))
	}
	for name, data := range files {
		formatted, err := format.Source(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		files[name] = formatted
	}
	license, err := os.ReadFile(filepath.Join(goroot, "LICENSE"))
	if err != nil {
		return nil, err
	}
	files["LICENSE"] = license
	return files, nil
}

// present returns the copy's files here, as derive names them.
func present(t *testing.T) map[string][]byte {
	t.Helper()
	files := map[string][]byte{"LICENSE": nil}
	for _, dst := range packages {
		matches, _ := filepath.Glob(filepath.Join(filepath.FromSlash(dst), "*.go"))
		for _, m := range matches {
			if !strings.HasSuffix(m, "_test.go") {
				files[filepath.ToSlash(m)] = nil
			}
		}
	}
	for name := range files {
		data, err := os.ReadFile(filepath.FromSlash(name))
		switch {
		case errors.Is(err, os.ErrNotExist):
			delete(files, name)
		case err != nil:
			t.Fatal(err)
		default:
			files[name] = data
		}
	}
	return files
}

// sameRelease skips a test unless the toolchain is the release the copy
// was made from: another's standard library differs, rightly.
func sameRelease(t *testing.T) {
	t.Helper()
	if v := runtime.Version(); v != ForkedFrom {
		t.Skipf("the copy was made from %s and this is %s: run go test ./generator/internal/gotemplate -run TestFork -sync "+
			"to make it again from this release (then update ForkedFrom), and review the difference", ForkedFrom, v)
	}
}

// TestFork_IsGorootWithChanges checks that the files here are exactly the
// standard library's with scorebook's changes, or, with -sync, makes them so.
func TestFork_IsGorootWithChanges(t *testing.T) {
	if !*syncFlag {
		sameRelease(t)
	}
	want, err := derive(goroot(t))
	if err != nil {
		t.Fatal(err)
	}
	if *syncFlag {
		for name := range present(t) {
			if _, ok := want[name]; !ok {
				if err := os.Remove(filepath.FromSlash(name)); err != nil {
					t.Fatal(err)
				}
			}
		}
		for name, data := range want {
			writeFile(t, filepath.FromSlash(name), data)
		}
		t.Logf("wrote %d files from %s", len(want), goroot(t))
		return
	}
	got := present(t)
	for _, name := range slices.Sorted(maps.Keys(want)) {
		if !bytes.Equal(got[name], want[name]) {
			t.Errorf("%s is not %s's file with the changes in fork_test.go; run go test -run TestFork -sync in this folder", name, ForkedFrom)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s is no file of the standard library's packages", name)
		}
	}
}

// TestFork_GoTestsPass runs the standard library's own tests of the two
// packages on the copy: the changes must keep every behaviour they test.
// The one test left out checks the GODEBUG setting the copy does not read.
func TestFork_GoTestsPass(t *testing.T) {
	sameRelease(t)
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("module scorebook\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	here := filepath.Join(root, filepath.FromSlash(strings.TrimPrefix(module, "scorebook/")))
	for name, data := range present(t) {
		writeFile(t, filepath.Join(here, filepath.FromSlash(name)), data)
	}
	tests := strings.NewReplacer(
		"\t\"text/template\"\n", "\t\""+module+"/text\"\n",
		"\t. \"text/template\"\n", "\t. \""+module+"/text\"\n",
		"\t\"html/template\"\n", "\t\""+module+"/html\"\n",
		"\t. \"html/template\"\n", "\t. \""+module+"/html\"\n",
	)
	for src, dst := range packages {
		dir := filepath.Join(goroot(t), "src", filepath.FromSlash(src))
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			name, to := e.Name(), filepath.Join(here, filepath.FromSlash(dst), e.Name())
			switch {
			case e.IsDir() && name == "testdata":
				if err := os.CopyFS(to, os.DirFS(filepath.Join(dir, name))); err != nil {
					t.Fatal(err)
				}
			case strings.HasSuffix(name, "_test.go") && name != "link_test.go": // link_test.go needs internal/testenv
				data, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				writeFile(t, to, []byte(imports.Replace(tests.Replace(string(data)))))
			}
		}
	}
	cmd := exec.Command("go", "test", "-count=1", "-skip", "TestMetaContentEscapeGODEBUG", "./...")
	cmd.Dir = here
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the standard library's template tests fail on the copy: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}

// goroot is the standard library's folder of the go command that runs the
// tests.
func goroot(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Skipf("go env GOROOT: %v", err)
	}
	return strings.TrimSpace(string(out))
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
