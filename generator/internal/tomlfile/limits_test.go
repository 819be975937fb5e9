package tomlfile

import (
	"strings"
	"testing"
)

func TestParse_RefusesInputBeyondTheLimitsBeforeTheParserSeesIt(t *testing.T) {
	dotted := func(n int) string { return strings.TrimSuffix(strings.Repeat("a.", n), ".") }
	tests := []struct {
		name string
		src  string
		want string // the whole diagnostic, or "" for a file that parses
	}{
		{"arrays at the limit", "x = " + strings.Repeat("[", MaxNesting) + strings.Repeat("]", MaxNesting) + "\n", ""},
		{"arrays one past the limit", "x = " + strings.Repeat("[", MaxNesting+1) + strings.Repeat("]", MaxNesting+1) + "\n",
			"f.toml:1:37: arrays and inline tables are nested more than 32 deep here; they may nest at most 32 deep"},
		{"arrays 10,000 deep", "a = 1\nx = " + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + "\n",
			"f.toml:2:37: arrays and inline tables are nested more than 32 deep here; they may nest at most 32 deep"},
		{"inline tables 5,000 deep", "x = " + strings.Repeat("{a=", 5000) + "1" + strings.Repeat("}", 5000) + "\n",
			"f.toml:1:101: arrays and inline tables are nested more than 32 deep here; they may nest at most 32 deep"},
		{"inline tables and arrays mixed", "x = " + strings.Repeat("[{a=", 20) + "1" + strings.Repeat("}]", 20) + "\n",
			"f.toml:1:69: arrays and inline tables are nested more than 32 deep here; they may nest at most 32 deep"},
		{"brackets in strings and comments do not count",
			"x = \"" + strings.Repeat("[", 100) + "\"\ny = '" + strings.Repeat("{", 100) + "'\n# " + strings.Repeat("[", 100) +
				"\nz = \"\"\"\n" + strings.Repeat("[", 100) + "\n\"\"\"\nw = '''" + strings.Repeat("{", 100) + "'''\n", ""},
		{"an escaped quote does not end a string", `x = "\"` + strings.Repeat("[", 100) + "\"\n", ""},
		{"many shallow arrays", strings.Repeat("x = [[1], [2], {a = [3]}]\n", 1), ""},
		{"dotted key at the limit", dotted(MaxKeyParts) + " = 1\n", ""},
		{"dotted key one past the limit", "a = 1\n  " + dotted(MaxKeyParts+1) + " = 1\n",
			"f.toml:2:3: this key has more than 32 dot-separated parts; a key or table header may have at most 32"},
		{"dotted key of 10,000 parts", dotted(10000) + " = 1\n",
			"f.toml:1:1: this key has more than 32 dot-separated parts; a key or table header may have at most 32"},
		{"table header past the limit", "[" + dotted(MaxKeyParts+1) + "]\n",
			"f.toml:1:2: this key has more than 32 dot-separated parts; a key or table header may have at most 32"},
		{"array of tables header past the limit", "[[ " + dotted(MaxKeyParts+1) + " ]]\n",
			"f.toml:1:4: this key has more than 32 dot-separated parts; a key or table header may have at most 32"},
		{"key in an inline table past the limit", "x = { b = 1, " + dotted(MaxKeyParts+1) + " = 1 }\n",
			"f.toml:1:14: this key has more than 32 dot-separated parts; a key or table header may have at most 32"},
		{"dots in quoted keys and values do not count",
			`"` + strings.Repeat(".", 100) + `" = 1` + "\nx = 1.5\nd = 2026-01-01\n" + `y = "` + strings.Repeat(".", 100) + "\"\n", ""},
		{"the parts of different keys do not add up", strings.Repeat(dotted(20)+"x = 1\n", 1) + "[" + dotted(20) + "y]\n" + dotted(20) + "z = 1\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, errs := Parse("f.toml", []byte(tc.src))
			if tc.want == "" {
				if errs != nil {
					t.Fatalf("want no problem, got %v", errs)
				}
				return
			}
			if len(errs) != 1 || errs[0].String() != tc.want {
				t.Fatalf("got %v\nwant %s", errs, tc.want)
			}
		})
	}
}

func TestParse_ReportsAnErrorAtALinesEndOnThatLine(t *testing.T) {
	tests := []struct {
		name, src string
		line, col int
	}{
		{"unclosed table header", "a = 1\n[scores\nx = 1\n", 2, 8},
		{"unclosed array of tables header", "[[journeys]\nx = 1\n", 1, 11},
		{"columns count characters, not bytes", "a = \"éé\" b\n", 1, 9},
		{"an error mid-line keeps its place", "[a b]\n", 1, 4},
		{"an error the parser gives no offset for", "\x13", 1, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, errs := Parse("f.toml", []byte(tc.src))
			if len(errs) != 1 || errs[0].Line != tc.line || errs[0].Col != tc.col {
				t.Fatalf("want one error at %d:%d, got %v", tc.line, tc.col, errs)
			}
		})
	}
}
