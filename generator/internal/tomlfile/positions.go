package tomlfile

import (
	"strconv"
	"strings"
)

// Pos is a 1-based line and column in a TOML file.
type Pos struct {
	Line, Col int
}

// keyPos records where a key and its value start.
type keyPos struct {
	key, value Pos
}

// indexer walks TOML source that is already known to be valid and records
// where every key and value starts, keyed by their path. Arrays of tables
// and inline arrays contribute the element index as a path component, so
// the path of the runs of the second journey is "journeys", "1", "runs".
type indexer struct {
	cursor
	index  map[string]keyPos
	arrays map[string]int // resolved array-of-tables path → last index
}

// cursor walks TOML source byte by byte, keeping the line and the column
// (in characters) of where it is.
type cursor struct {
	src  []byte
	off  int
	line int
	col  int
}

func buildIndex(src []byte) map[string]keyPos {
	ix := &indexer{cursor: cursor{src: src, line: 1, col: 1}, index: map[string]keyPos{}, arrays: map[string]int{}}
	defer func() {
		// The source was validated by the TOML parser first; a scanner
		// confusion only costs positions, never the build.
		_ = recover()
	}()
	ix.document()
	return ix.index
}

func joinPath(path []string) string { return strings.Join(path, "\x00") }

func (ix *cursor) eof() bool { return ix.off >= len(ix.src) }

func (ix *cursor) peek() byte {
	if ix.eof() {
		return 0
	}
	return ix.src[ix.off]
}

func (ix *cursor) next() byte {
	c := ix.src[ix.off]
	ix.off++
	if c == '\n' {
		ix.line++
		ix.col = 1
	} else if c < 0x80 || c >= 0xC0 {
		// Count columns in characters: continuation bytes do not advance.
		ix.col++
	}
	return c
}

func (ix *cursor) hasPrefix(s string) bool {
	return strings.HasPrefix(string(ix.src[ix.off:min(len(ix.src), ix.off+len(s))]), s)
}

func (ix *cursor) pos() Pos { return Pos{ix.line, ix.col} }

// skipSpace skips blanks, and with newlines also line breaks and comments.
func (ix *indexer) skipSpace(newlines bool) {
	for !ix.eof() {
		switch c := ix.peek(); {
		case c == ' ' || c == '\t' || c == '\r':
			ix.next()
		case c == '#':
			for !ix.eof() && ix.peek() != '\n' {
				ix.next()
			}
		case c == '\n' && newlines:
			ix.next()
		default:
			return
		}
	}
}

func (ix *indexer) document() {
	var table []string
	for {
		ix.skipSpace(true)
		if ix.eof() {
			return
		}
		if ix.peek() == '[' {
			start := ix.pos()
			ix.next()
			isArray := ix.peek() == '['
			if isArray {
				ix.next()
			}
			ix.skipSpace(false)
			keys := ix.key()
			ix.skipSpace(false)
			ix.next()
			if isArray {
				ix.next()
			}
			table = ix.resolve(keys)
			ix.recordPrefixes(table, 0, start)
			if isArray {
				p := joinPath(table)
				n, seen := ix.arrays[p]
				if seen {
					n++
				}
				ix.arrays[p] = n
				ix.record(table, start, start)
				table = append(table, strconv.Itoa(n))
			}
			ix.record(table, start, start)
			continue
		}
		ix.keyValue(table)
	}
}

// resolve turns a header's keys into a path, inserting the current index of
// every array of tables it passes through.
func (ix *indexer) resolve(keys []string) []string {
	var path []string
	for i, k := range keys {
		path = append(path, k)
		if i == len(keys)-1 {
			break
		}
		if n, ok := ix.arrays[joinPath(path)]; ok {
			path = append(path, strconv.Itoa(n))
		}
	}
	return path
}

func (ix *indexer) record(path []string, key, value Pos) {
	p := joinPath(path)
	if _, ok := ix.index[p]; !ok {
		ix.index[p] = keyPos{key, value}
	}
}

// recordPrefixes gives the tables a dotted key or header creates on the
// way (scores and scores.operations in scores.operations.on-call = 3) the
// position of that key, so problems with them have a position too. Only
// the parts after the first from elements are recorded: a key inside a
// table does not create the table itself.
func (ix *indexer) recordPrefixes(path []string, from int, at Pos) {
	for i := max(from, 0) + 1; i < len(path); i++ {
		ix.record(path[:i], at, at)
	}
}

func (ix *indexer) keyValue(table []string) {
	keyStart := ix.pos()
	keys := ix.key()
	path := append(append([]string(nil), table...), keys...)
	ix.recordPrefixes(path, len(table), keyStart)
	ix.skipSpace(false)
	ix.next() // '='
	ix.skipSpace(false)
	ix.record(path, keyStart, ix.pos())
	ix.value(path)
}

// key reads a possibly dotted key.
func (ix *indexer) key() []string {
	var keys []string
	for {
		ix.skipSpace(false)
		keys = append(keys, ix.simpleKey())
		ix.skipSpace(false)
		if ix.peek() != '.' {
			return keys
		}
		ix.next()
	}
}

func (ix *indexer) simpleKey() string {
	switch ix.peek() {
	case '"', '\'':
		s, err := strconv.Unquote(ix.stringLiteral())
		if err != nil {
			return ""
		}
		return s
	}
	start := ix.off
	for !ix.eof() {
		c := ix.peek()
		if c == '_' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			ix.next()
			continue
		}
		break
	}
	return string(ix.src[start:ix.off])
}

// stringLiteral consumes a basic or literal string and returns it as a Go
// quoted string (good enough for keys, which are never multi-line).
func (ix *indexer) stringLiteral() string {
	q := ix.next()
	var b strings.Builder
	for !ix.eof() {
		c := ix.next()
		if c == q {
			break
		}
		if c == '\\' && q == '"' {
			b.WriteByte(c)
			c = ix.next()
		} else if c == '"' {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return `"` + b.String() + `"`
}

func (ix *indexer) value(path []string) {
	switch {
	case ix.hasPrefix(`"""`) || ix.hasPrefix(`'''`):
		q := string(ix.src[ix.off : ix.off+3])
		ix.next()
		ix.next()
		ix.next()
		for !ix.eof() && !ix.hasPrefix(q) {
			if q == `"""` && ix.peek() == '\\' {
				ix.next()
			}
			ix.next()
		}
		for !ix.eof() && ix.hasPrefix(q[:1]) {
			ix.next() // closing quotes, plus up to two quotes of content
		}
	case ix.peek() == '"' || ix.peek() == '\'':
		ix.stringLiteral()
	case ix.peek() == '[':
		ix.next()
		for i := 0; ; i++ {
			ix.skipSpace(true)
			if ix.eof() || ix.peek() == ']' {
				break
			}
			elem := append(append([]string(nil), path...), strconv.Itoa(i))
			ix.record(elem, ix.pos(), ix.pos())
			ix.value(elem)
			ix.skipSpace(true)
			if ix.peek() == ',' {
				ix.next()
			}
		}
		if !ix.eof() {
			ix.next()
		}
	case ix.peek() == '{':
		ix.next()
		for {
			ix.skipSpace(true)
			if ix.eof() || ix.peek() == '}' {
				break
			}
			ix.keyValue(path)
			ix.skipSpace(true)
			if ix.peek() == ',' {
				ix.next()
			}
		}
		if !ix.eof() {
			ix.next()
		}
	default:
		for !ix.eof() {
			c := ix.peek()
			if c == ',' || c == ']' || c == '}' || c == '\n' || c == '#' {
				break
			}
			ix.next()
		}
	}
}
