// Package gotemplate holds scorebook's copy of the standard library's
// text/template (package text, with text/parse) and html/template
// (package html), taken from the Go release named by ForkedFrom, with
// four changes that make executing a layout cheaper and nothing else:
//
//   - text's safeCall calls a function of type func(...any) string (each
//     of html/template's escapers, and print) directly rather than through
//     reflect.Value.Call. The escapers html/template adds to every action
//     were most of what executing a scorecard cost: building the
//     scorecards took more than a quarter of a cold build's CPU.
//   - text's printValue writes a value of type string (what every escaper
//     returns) straight to the output, as fmt.Fprint would write it.
//   - text's evalField remembers, by type and name, the method index and
//     struct field a name resolves to, rather than having reflect search
//     the type's methods and fields on every evaluation.
//   - html/escape.go drops the GODEBUG setting htmlmetacontenturlescape
//     (internal/godebug cannot be imported from outside the standard
//     library): URLs in a meta refresh are always filtered, the default.
//
// The standard library's own tests of both packages pass on the copy (the
// GODEBUG test aside); TestFork_GoTestsPass runs them. The copy is made,
// and made again for a new Go release, by
//
//	go test ./generator/internal/gotemplate -run TestFork -sync
//
// which copies the packages from GOROOT, points their imports at the
// copy and applies the changes (fork_test.go); TestFork_IsGorootWithChanges
// fails when the files differ from what that makes, so a fix in the
// standard library's html/template cannot be missed on a toolchain that
// has it. The files keep the Go authors' copyright; see LICENSE.
package gotemplate

// ForkedFrom is the Go release the packages were copied from.
const ForkedFrom = "go1.26.8"
