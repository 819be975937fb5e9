package inputtext

import (
	"bytes"
	"testing"
)

func TestNameProblem(t *testing.T) {
	tests := []struct {
		name, in string
		want     string
	}{
		{"plain", "Northwind Outfitters", ""},
		{"right to left text", "شركة الشمال", ""},
		{"a tab", "A\tB", ""},
		{"escape", "North\x1b[31mwind", "holds the control character U+001B at character 6; names may not hold control characters"},
		{"bell", "\aBrand", "holds the control character U+0007 at character 1; names may not hold control characters"},
		{"NUL", "a\x00", "holds the control character U+0000 at character 2; names may not hold control characters"},
		{"a C1 control", "a\u0085b", "holds the control character U+0085 at character 2; names may not hold control characters"},
		{"DEL", "a\x7f", "holds the control character U+007F at character 2; names may not hold control characters"},
		{"zero-width spaces only", "\u200b\u200b\u200b", "is empty once its invisible characters (zero-width spaces, direction marks and the like) are removed; expected a name people can read"},
		{"direction marks and spaces", " \u202e\u200f \u2066\u2069", "is empty once its invisible characters (zero-width spaces, direction marks and the like) are removed; expected a name people can read"},
		{"Hangul filler", "\u3164", "is empty once its invisible characters (zero-width spaces, direction marks and the like) are removed; expected a name people can read"},
		{"an override inside a real name", "Acme \u202eevil", ""},
		{"blank is the caller's", "   ", ""},
		{"empty is the caller's", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := NameProblem(tc.in); got != tc.want {
				t.Errorf("NameProblem(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestProse(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Wiki, reviewed May", "Wiki, reviewed May"},
		{"line one\nline two\tand a tab", "line one\nline two\tand a tab"},
		{"red \x1b[31malert\x1b[0m\a", "red [31malert[0m"},
		{"crlf\r\nline", "crlf\nline"},
		{"nul\x00 and c1\u0085", "nul and c1"},
		{"\u202eoverride stays (isolated where shown)", "\u202eoverride stays (isolated where shown)"},
	}
	for _, tc := range tests {
		if got := Prose(tc.in); got != tc.want {
			t.Errorf("Prose(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTerminal(t *testing.T) {
	tests := []struct{ in, want string }{
		{"assessments/acme/2026-01-01.toml:3:1: unknown key", "assessments/acme/2026-01-01.toml:3:1: unknown key"},
		{"content/\x1b]0;pwned\a.md", `content/\x1b]0;pwned\x07.md`},
		{"two\nlines", `two\x0alines`},
		{"tab\tstays", "tab\tstays"},
		{"abc\u202edcba", `abc\u202edcba`},
		{"isolate \u2066x\u2069", `isolate \u2066x\u2069`},
		{"C1 \u009b31m", `C1 \x9b31m`},
		{"é and 日本", "é and 日本"},
	}
	for _, tc := range tests {
		if got := Terminal(tc.in); got != tc.want {
			t.Errorf("Terminal(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMarkdown_KeepsLineEndsAndDropsControls(t *testing.T) {
	in := []byte("# Title\r\n\nText \x1b[2Jcleared\a\tand a tab\x00\n")
	want := "# Title\r\n\nText [2Jcleared\tand a tab\n"
	if got := string(Markdown(in)); got != want {
		t.Errorf("Markdown = %q, want %q", got, want)
	}
	clean := []byte("no controls\n")
	if got := Markdown(clean); &got[0] != &clean[0] {
		t.Error("a clean page was copied")
	}
}

func TestIsolate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Northwind", "Northwind"},
		{"شركة الشمال", "\u2068شركة الشمال\u2069"},
		{"Acme \u202eevil", "\u2068Acme \u202eevil\u2069"},
		{"עברית and Latin", "\u2068עברית and Latin\u2069"},
	}
	for _, tc := range tests {
		if got := Isolate(tc.in); got != tc.want {
			t.Errorf("Isolate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestJSON_EscapesWhatEncodingJSONLeavesRaw(t *testing.T) {
	in := []byte("{\"path\": \"a\x7fb\u0085c\", \"ok\": \"é\\u001b\"}")
	want := `{"path": "a\u007fb\u0085c", "ok": "é\u001b"}`
	if got := string(JSON(in)); got != want {
		t.Errorf("JSON = %s, want %s", got, want)
	}
}

// FuzzMarkdown_ByteScanFindsWhatDecodingFinds checks the byte scan
// against the rune-by-rune definition, on any bytes, valid UTF-8 or not.
func FuzzMarkdown_ByteScanFindsWhatDecodingFinds(f *testing.F) {
	for _, seed := range []string{"plain text\r\n\tok", "bell\a", "del\x7f", "c1 \u0085 next line", "\u00a0 no-break space",
		"\xc2", "\xc2\x80", "\xc2\xc2\x9f", "\xe0\xc2\x85", "\xc3\x85 Å", "\x00"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		want := bytes.IndexFunc(src, isMarkdownControl) >= 0
		if got := hasMarkdownControl(src); got != want {
			t.Errorf("hasMarkdownControl(%q) = %v; decoding the runes finds a control: %v", src, got, want)
		}
	})
}
