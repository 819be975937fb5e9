// Package inputtext is the one rule for text read from input files
// (assessments, front matter, site.toml, file names): control characters
// other than tab and newline are refused in names and ids, removed from
// prose, and escaped when printed to a terminal; a name that is empty once
// its invisible characters are removed is refused.
package inputtext

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// IsControl reports whether r is a control character other than tab and
// newline: C0 controls (NUL, BEL, ESC, CR...), DEL and the C1 controls.
func IsControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' || r == 0x7f || r >= 0x80 && r <= 0x9f
}

// IsInvisible reports whether r shows nothing by itself: white space,
// controls, format characters (zero-width spaces and joiners, direction
// marks and overrides, the byte order mark, soft hyphens) and the Hangul
// fillers.
func IsInvisible(r rune) bool {
	switch r {
	case '\u115f', '\u1160', '\u3164', '\uffa0', '\u2800':
		return true
	}
	return unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r)
}

// NameProblem says why s cannot be a name or an id, or returns "". An empty
// or blank s is left to the caller, which knows what the name is for.
func NameProblem(s string) string {
	for i, r := range s {
		if IsControl(r) {
			return fmt.Sprintf("holds the control character %U at character %d; names may not hold control characters",
				r, utf8.RuneCountInString(s[:i])+1)
		}
	}
	if strings.TrimSpace(s) == "" {
		return ""
	}
	for _, r := range s {
		if !IsInvisible(r) {
			return ""
		}
	}
	return "is empty once its invisible characters (zero-width spaces, direction marks and the like) are removed; expected a name people can read"
}

// Prose returns s without its control characters (tab and newline stay).
func Prose(s string) string {
	if strings.IndexFunc(s, IsControl) < 0 {
		return s
	}
	return strings.Map(dropping(IsControl), s)
}

// dropping is a mapping for strings.Map and bytes.Map that drops the
// runes is reports.
func dropping(is func(rune) bool) func(rune) rune {
	return func(r rune) rune {
		if is(r) {
			return -1
		}
		return r
	}
}

// Terminal returns s safe to print to a terminal: control characters
// (newlines too: one problem stays one line) and the direction overrides
// and isolates that can make a line read differently from its bytes are
// shown escaped, as \x1b or \u202e.
func Terminal(s string) string {
	if strings.IndexFunc(s, needsEscape) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !needsEscape(r):
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

func needsEscape(r rune) bool {
	return r != '\t' && (IsControl(r) || r == '\n' || isBidiControl(r))
}

// isBidiControl reports whether r is one of the characters that change the
// direction of the text around it.
func isBidiControl(r rune) bool {
	return r == '\u061c' || r == '\u200e' || r == '\u200f' || r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069'
}

// Markdown returns src without its control characters, keeping tab,
// newline and carriage return (for CRLF line ends); src itself when it has
// none.
func Markdown(src []byte) []byte {
	if !hasMarkdownControl(src) {
		return src
	}
	return bytes.Map(dropping(isMarkdownControl), src)
}

// hasMarkdownControl reports whether src holds a rune isMarkdownControl
// reports, byte by byte rather than rune by rune (every page is read
// through it): each such rune is below U+0100, so it is one ASCII byte or
// C2 followed by the rune's own byte. A C2 byte never continues another
// rune, so the byte scan finds what decoding would, in valid UTF-8 or not.
func hasMarkdownControl(src []byte) bool {
	for i, b := range src {
		if b < utf8.RuneSelf && isMarkdownControl(rune(b)) ||
			b == 0xc2 && i+1 < len(src) && src[i+1] >= utf8.RuneSelf && isMarkdownControl(rune(src[i+1])) {
			return true
		}
	}
	return false
}

func isMarkdownControl(r rune) bool { return r != '\r' && IsControl(r) }

// Isolate wraps s in a first-strong isolate (U+2068 ... U+2069) when it
// holds right-to-left letters or direction controls, so that placed in
// text that has no <bdi> (an SVG label), it neither takes the direction of
// its neighbours nor turns theirs; s itself otherwise.
func Isolate(s string) string {
	if strings.IndexFunc(s, affectsDirection) < 0 {
		return s
	}
	return "\u2068" + s + "\u2069"
}

func affectsDirection(r rune) bool {
	if r < '\u0590' { // below Hebrew, the first right-to-left block: most text, and quickly
		return false
	}
	return isBidiControl(r) || unicode.In(r, unicode.Hebrew, unicode.Arabic, unicode.Syriac, unicode.Thaana, unicode.Nko,
		unicode.Samaritan, unicode.Mandaic, unicode.Adlam, unicode.Hanifi_Rohingya)
}

// JSON returns encoded JSON with DEL and the C1 controls, which
// encoding/json leaves as they are, written as \u escapes: such a rune can
// only stand inside a JSON string, where the escape means the same.
func JSON(encoded []byte) []byte {
	if bytes.IndexFunc(encoded, isUnescapedControl) < 0 {
		return encoded
	}
	var b bytes.Buffer
	for _, r := range string(encoded) {
		if isUnescapedControl(r) {
			fmt.Fprintf(&b, `\u%04x`, r)
		} else {
			b.WriteRune(r)
		}
	}
	return b.Bytes()
}

func isUnescapedControl(r rune) bool { return r == 0x7f || r >= 0x80 && r <= 0x9f }
