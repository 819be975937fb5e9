package tomlfile

import (
	"strings"
	"testing"
)

const sample = `brand = "Northwind"   # comment
notes = """
key = "not a key"
"""
[scores.operations]
on-call = 3
runbooks = { level = 2, evidence = "wiki" }

[[journeys]]
name = "first"
runs = 10

[[journeys]]
name = "second"
"runs" = 12

[[model.dimensions]]
id = "a"
  [[model.dimensions.criteria]]
  id = "a1"
[[model.dimensions]]
id = "b"
  [[model.dimensions.criteria]]
  id = "b1"
  [[model.dimensions.criteria]]
  id = "b2"
  levels = ["zero",
    "one"]
`

func TestKeyPos_FindsKeysInTablesArraysAndInlineTables(t *testing.T) {
	doc, errs := Parse("a.toml", []byte(sample))
	if errs != nil {
		t.Fatalf("parse: %v", errs)
	}
	tests := []struct {
		path      string
		line, col int
	}{
		{"brand", 1, 1},
		{"notes", 2, 1},
		{"scores.operations.on-call", 6, 1},
		{"scores.operations.runbooks.level", 7, 14},
		{"scores.operations.runbooks.evidence", 7, 25},
		{"journeys.0.runs", 11, 1},
		{"journeys.1.runs", 15, 1},
		{"model.dimensions.1.id", 22, 1},
		{"model.dimensions.0.criteria.0.id", 20, 3},
		{"model.dimensions.1.criteria.1.id", 26, 3},
		{"model.dimensions.1.criteria.1.levels.1", 28, 5},
		{"key", 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			line, col := doc.KeyPos(strings.Split(tc.path, ".")...)
			if line != tc.line || col != tc.col {
				t.Errorf("KeyPos(%s) = %d:%d, want %d:%d", tc.path, line, col, tc.line, tc.col)
			}
		})
	}
}

func TestParse_ReportsSyntaxErrorPosition(t *testing.T) {
	_, errs := Parse("b.toml", []byte("brand = \"x\"\nruns = \n"))
	if len(errs) != 1 || errs[0].Line != 2 {
		t.Fatalf("want one error on line 2, got %v", errs)
	}
}

func TestParse_RejectsInvalidUTF8WithPosition(t *testing.T) {
	_, errs := Parse("c.toml", []byte("a = 1\nb = \"\xff\"\n"))
	if len(errs) != 1 || errs[0].Line != 2 || errs[0].Col != 6 {
		t.Fatalf("want one error at 2:6, got %v", errs)
	}
}

type decodeTarget struct {
	Name  string         `toml:"name"`
	Runs  int            `toml:"runs"`
	Rate  float64        `toml:"rate"`
	Tags  []string       `toml:"tags"`
	Extra map[string]int `toml:"extra"`
	Inner *struct {
		X int `toml:"x"`
	} `toml:"inner"`
}

func TestDecode_ReportsAllProblemsWithPositions(t *testing.T) {
	src := "name = 3\nruns = \"three\"\nrate = 1\ntags = [\"a\", 2]\nbogus = true\n[extra]\nk = 1.5\n[inner]\nx = 2\ny = 1\n"
	doc, errs := Parse("d.toml", []byte(src))
	if errs != nil {
		t.Fatal(errs)
	}
	var out decodeTarget
	errs = Decode(doc, &out)
	errs.Sort()
	want := []string{
		`d.toml:1:8: name: expected a string in quotes, found the number 3`,
		`d.toml:2:8: runs: expected a whole number, found the string "three"`,
		`d.toml:4:14: tags[2]: expected a string in quotes, found the number 2`,
		`d.toml:5:1: unknown key "bogus"; expected one of: name, runs, rate, tags, extra, inner`,
		`d.toml:7:5: extra.k: expected a whole number, found the number 1.5`,
		`d.toml:10:1: unknown key "y" in inner; expected one of: x`,
	}
	if len(errs) != len(want) {
		t.Fatalf("got %d errors:\n%v", len(errs), errs)
	}
	for i := range want {
		if errs[i].String() != want[i] {
			t.Errorf("error %d:\n got %s\nwant %s", i, errs[i], want[i])
		}
	}
	if out.Rate != 1 || out.Inner == nil || out.Inner.X != 2 {
		t.Errorf("valid fields not decoded: %+v", out)
	}
}

func TestTopLevelValuePos_MatchesTheFullIndex(t *testing.T) {
	src := "# a comment\n  brand   =  \"Acme\"\nbrandish = 1\n[scores]\nbrand = 2\n"
	doc, errs := Parse("e.toml", []byte(src))
	if errs != nil {
		t.Fatal(errs)
	}
	line, col := doc.TopLevelValuePos("brand")
	wantLine, wantCol := doc.ValuePos("brand")
	if line != wantLine || col != wantCol || line != 2 || col != 14 {
		t.Errorf("TopLevelValuePos = %d:%d, full index = %d:%d, want 2:14", line, col, wantLine, wantCol)
	}
	if line, _ := doc.TopLevelValuePos("missing"); line != 0 {
		t.Errorf("a missing key was found on line %d", line)
	}
}
