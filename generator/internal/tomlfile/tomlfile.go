// Package tomlfile decodes a TOML file into Go values and reports every
// problem it finds (syntax, unknown keys, wrong types) with the file, line
// and column, all in one pass rather than stopping at the first.
package tomlfile

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"scorebook/generator/internal/diag"
)

// Doc is a parsed TOML file together with the position of each key.
type Doc struct {
	Path  string // as reported in diagnostics
	Root  map[string]any
	src   []byte
	once  sync.Once
	index map[string]keyPos // built on first use: only problems need positions
}

// Parse parses data as TOML. On a syntax error it returns nil and a
// diagnostic at the position the parser gave.
func Parse(path string, data []byte) (*Doc, diag.List) {
	var errs diag.List
	if !utf8.Valid(data) {
		line, col := invalidUTF8Pos(data)
		errs.Add(path, line, col, "file is not valid UTF-8 text; save it as UTF-8")
		return nil, errs
	}
	if errs := checkLimits(path, data); errs != nil {
		return nil, errs
	}
	root := map[string]any{}
	if _, err := toml.Decode(string(data), &root); err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			line, col := errorPos(data, perr.Position)
			errs.Add(path, line, col, "invalid TOML: %s", perr.Message)
		} else {
			errs.Add(path, 0, 0, "invalid TOML: %v", err)
		}
		return nil, errs
	}
	return &Doc{Path: path, Root: root, src: data}, nil
}

// errorPos is where a parse error is, in lines and characters. The
// parser's own line is one too far for an error at a line's end (it has
// read the newline already: "[scores" on line 3 is reported on line 4), and
// its column counts bytes, so both are worked out again from the error's
// byte offset.
func errorPos(data []byte, p toml.Position) (line, col int) {
	if p.Start < 0 || p.Start == 0 && p.Line > 1 || p.Start > len(data) {
		return p.Line, p.Col
	}
	line, col = 1, 1
	for _, c := range data[:p.Start] {
		if c == '\n' {
			line, col = line+1, 1
		} else if c < 0x80 || c >= 0xC0 {
			col++
		}
	}
	return line, col
}

func invalidUTF8Pos(data []byte) (line, col int) {
	line, col = 1, 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		data = data[size:]
	}
	return line, col
}

// KeyPos returns where the key at path is written, or where its nearest
// written ancestor is, or 0, 0 when nothing is known.
func (d *Doc) KeyPos(path ...string) (line, col int) {
	p := d.lookup(path).key
	return p.Line, p.Col
}

// ValuePos returns where the value at path starts (see KeyPos).
func (d *Doc) ValuePos(path ...string) (line, col int) {
	p := d.lookup(path).value
	return p.Line, p.Col
}

func (d *Doc) lookup(path []string) keyPos {
	d.once.Do(func() { d.index = buildIndex(d.src) })
	for n := len(path); n > 0; n-- {
		if kp, ok := d.index[joinPath(path[:n])]; ok {
			return kp
		}
	}
	return keyPos{}
}

// Errorf adds an error about the value at path to errs.
func (d *Doc) Errorf(errs *diag.List, path []string, format string, args ...any) {
	line, col := d.ValuePos(path...)
	errs.Add(d.Path, line, col, format, args...)
}

// KeyErrorf adds an error about the key at path (an unknown key, say).
func (d *Doc) KeyErrorf(errs *diag.List, path []string, format string, args ...any) {
	line, col := d.KeyPos(path...)
	errs.Add(d.Path, line, col, format, args...)
}

// Describe names the TOML type of v for messages such as
// "expected a whole number, found a string".
func Describe(v any) string {
	switch v := v.(type) {
	case string:
		return fmt.Sprintf("the string %q", truncate(v))
	case int64:
		return fmt.Sprintf("the number %d", v)
	case float64:
		return fmt.Sprintf("the number %g", v)
	case bool:
		return fmt.Sprintf("%t", v)
	case time.Time:
		return "a date"
	case []map[string]any:
		return "an array of tables"
	case []any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("a %T", v)
}

func truncate(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return string([]rune(s)[:37]) + "..."
}

// Label formats a key path for messages: scores.operations.on-call, or
// journeys[2].runs with 1-based indexes for people.
func Label(path []string) string {
	var b strings.Builder
	for i, p := range path {
		if n, ok := index(p); ok {
			fmt.Fprintf(&b, "[%d]", n+1)
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

func index(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// TopLevelValuePos finds the value of a bare top-level key (one written
// before the first table header) by scanning lines, without building the
// full index, for positions recorded on every load but rarely reported.
func (d *Doc) TopLevelValuePos(key string) (line, col int) {
	src := d.src
	for n := 1; len(src) > 0; n++ {
		end := bytes.IndexByte(src, '\n')
		if end < 0 {
			end = len(src)
		}
		l := src[:end]
		trimmed := bytes.TrimLeft(l, " \t")
		if len(trimmed) > 0 && trimmed[0] == '[' {
			break
		}
		if rest, ok := bytes.CutPrefix(trimmed, []byte(key)); ok {
			if r := bytes.TrimLeft(rest, " \t"); len(r) > 0 && r[0] == '=' {
				v := bytes.TrimLeft(r[1:], " \t")
				return n, utf8.RuneCount(l[:len(l)-len(v)]) + 1
			}
		}
		if end == len(src) {
			break
		}
		src = src[end+1:]
	}
	return d.ValuePos(key)
}
