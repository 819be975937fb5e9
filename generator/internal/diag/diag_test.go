package diag

import (
	"errors"
	"testing"
)

func TestDiagnostic_StringGivesPathLineColumn(t *testing.T) {
	tests := []struct {
		name string
		in   Diagnostic
		want string
	}{
		{"full position", Diagnostic{Path: "a.toml", Line: 3, Col: 9, Message: "bad"}, "a.toml:3:9: bad"},
		{"line only", Diagnostic{Path: "a.toml", Line: 3, Message: "bad"}, "a.toml:3: bad"},
		{"whole file", Diagnostic{Path: "a.toml", Message: "bad"}, "a.toml: bad"},
		{"warning", Diagnostic{Path: "a.toml", Line: 1, Col: 1, Severity: Warning, Message: "odd"}, "a.toml:1:1: warning: odd"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.in.String(); got != tc.want {
				t.Errorf("String() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestList_SortsAndReportsOnlyErrors(t *testing.T) {
	var l List
	l.Add("b.toml", 2, 1, "second file")
	l.Warn("a.toml", 9, 1, "a warning")
	l.Add("a.toml", 10, 2, "later line")
	l.Add("a.toml", 10, 1, "earlier column")
	err := l.Err()
	if err == nil {
		t.Fatal("a list with errors gave no error")
	}
	var got List
	if !errors.As(err, &got) {
		t.Fatalf("Err() is %T, not a List", err)
	}
	want := "a.toml:10:1: earlier column\na.toml:10:2: later line\nb.toml:2:1: second file"
	if err.Error() != want {
		t.Errorf("Error() =\n%s\nwant\n%s", err.Error(), want)
	}
	if len(l.Warnings()) != 1 || len(l.Errors()) != 3 {
		t.Errorf("Warnings/Errors split %d/%d, want 1/3", len(l.Warnings()), len(l.Errors()))
	}
	var only List
	only.Warn("a.toml", 1, 1, "just a warning")
	if only.Err() != nil || only.HasErrors() {
		t.Error("a list of warnings counts as failed")
	}
}
