// Package diag describes problems found in a user's input files, with the
// position they were found at, and formats them for people and for tools.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity says whether a Diagnostic stops the build.
type Severity int

const (
	// Error stops the build and makes `scorebook check` exit 1.
	Error Severity = iota
	// Warning is reported in the summary but does not stop the build.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one problem in one input file. Line and Col are 1-based;
// zero means the position is unknown (the whole file, say).
type Diagnostic struct {
	Path     string // slash-separated, relative to the site source
	Line     int
	Col      int
	Severity Severity
	Message  string
}

// String formats d as path:line:col: message, the form editors and CI understand.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Path)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	b.WriteString(": ")
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Message)
	return b.String()
}

// List collects diagnostics from every stage of a build so that all of them
// can be reported together.
type List []Diagnostic

// Add appends an error at the given position.
func (l *List) Add(path string, line, col int, format string, args ...any) {
	*l = append(*l, Diagnostic{Path: path, Line: line, Col: col, Message: fmt.Sprintf(format, args...)})
}

// Warn appends a warning at the given position.
func (l *List) Warn(path string, line, col int, format string, args ...any) {
	*l = append(*l, Diagnostic{Path: path, Line: line, Col: col, Severity: Warning, Message: fmt.Sprintf(format, args...)})
}

// HasErrors reports whether any diagnostic in l is an error.
func (l List) HasErrors() bool {
	return slices.ContainsFunc(l, func(d Diagnostic) bool { return d.Severity == Error })
}

// Errors returns only the errors of l.
func (l List) Errors() List {
	return slices.DeleteFunc(slices.Clone(l), func(d Diagnostic) bool { return d.Severity != Error })
}

// Warnings returns only the warnings of l.
func (l List) Warnings() List {
	return slices.DeleteFunc(slices.Clone(l), func(d Diagnostic) bool { return d.Severity != Warning })
}

// Sort orders l by path, line, column and message, so reports are stable.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// Error makes a List usable as an error; it lists every error, one a line.
func (l List) Error() string {
	var b strings.Builder
	for i, d := range l.Errors() {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}

// Err returns l as an error when it holds any error, and nil otherwise.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	l.Sort()
	return l
}
