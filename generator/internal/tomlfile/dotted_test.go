package tomlfile

import "testing"

func TestKeyPos_DottedKeysAndHeadersGivePositionsToTheTablesTheyCreate(t *testing.T) {
	src := "brand.0 = 1\n[scores.operations]\non-call = 3\n[a]\nb.c.d = 1\n"
	doc, errs := Parse("d.toml", []byte(src))
	if errs != nil {
		t.Fatal(errs)
	}
	tests := []struct {
		path      []string
		line, col int
	}{
		{[]string{"brand"}, 1, 1},
		{[]string{"brand", "0"}, 1, 1},
		{[]string{"scores"}, 2, 1},
		{[]string{"scores", "operations"}, 2, 1},
		{[]string{"a", "b"}, 5, 1},
		{[]string{"a", "b", "c"}, 5, 1},
		{[]string{"a", "b", "c", "d"}, 5, 1},
	}
	for _, tc := range tests {
		if line, col := doc.KeyPos(tc.path...); line != tc.line || col != tc.col {
			t.Errorf("KeyPos(%v) = %d:%d, want %d:%d", tc.path, line, col, tc.line, tc.col)
		}
	}
}
