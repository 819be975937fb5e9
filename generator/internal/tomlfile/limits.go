package tomlfile

import (
	"fmt"

	"scorebook/generator/internal/diag"
)

// The TOML parser's time and memory grow with the square of a key's parts
// and of a value's nesting (BurntSushi/toml issues #496 and #497: 20 KB of
// nested arrays or one 20 KB dotted key take over a gigabyte), so every file
// is measured against these limits, in one linear pass, before the parser
// sees it. A site's real files stay far below them: the deepest shipped
// value nests three arrays, the longest key has three parts.
const (
	// MaxNesting is how deep arrays and inline tables may sit inside one
	// another.
	MaxNesting = 32
	// MaxKeyParts is how many dot-separated parts one key or table header
	// may have.
	MaxKeyParts = 32
)

// checkLimits scans src as TOML, just far enough to tell keys from values
// and strings and comments from the rest, and returns a problem at the
// first place a limit is broken. It never rejects a file that stays within
// the limits, whatever its syntax: the parser judges that afterwards.
func checkLimits(path string, src []byte) diag.List {
	s := limitScanner{cursor: cursor{src: src, line: 1, col: 1}, key: true}
	s.scan()
	if s.problem == "" {
		return nil
	}
	var errs diag.List
	errs.Add(path, s.at.Line, s.at.Col, "%s", s.problem)
	return errs
}

type limitScanner struct {
	cursor

	open    []byte // the '[' and '{' of the values open at this point
	key     bool   // reading a key (or a table header), not a value
	header  bool   // inside a [table] or [[array of tables]] header
	parts   int    // parts of the key read so far
	keyAt   Pos    // where that key started
	at      Pos    // where the first broken limit was found
	problem string
}

func (s *limitScanner) fail(at Pos, problem string) {
	s.at, s.problem = at, problem
}

func (s *limitScanner) scan() {
	for s.off < len(s.src) && s.problem == "" {
		c := s.src[s.off]
		switch {
		case c == '\n':
			if len(s.open) == 0 || s.header {
				s.key, s.header, s.parts = true, false, 0
			}
			s.next()
		case c == ' ' || c == '\t' || c == '\r':
			s.next()
		case c == '#':
			for s.off < len(s.src) && s.src[s.off] != '\n' {
				s.next()
			}
		case c == '"' || c == '\'':
			if s.key {
				s.keyPart()
			}
			s.skipString(c)
		case s.key:
			s.keyByte(c)
		default:
			s.valueByte(c)
		}
	}
}

// keyPart notes that a key (or another part of one) starts here.
func (s *limitScanner) keyPart() {
	if s.parts == 0 {
		s.parts, s.keyAt = 1, s.pos()
	}
}

func (s *limitScanner) keyByte(c byte) {
	switch {
	case c == '[' && s.parts == 0 && len(s.open) == 0 && !s.header:
		s.header = true
	case c == '[' && s.header:
	case c == ']' && s.header:
		s.key = false
	case c == '.':
		s.parts++
		if s.parts > MaxKeyParts {
			s.fail(s.keyAt, fmt.Sprintf("this key has more than %d dot-separated parts; a key or table header may have at most %d", MaxKeyParts, MaxKeyParts))
			return
		}
	case c == '=':
		s.key, s.parts = false, 0
	case c == '}' && len(s.open) > 0:
		s.close()
	default:
		s.keyPart()
	}
	s.next()
}

func (s *limitScanner) valueByte(c byte) {
	switch c {
	case '[', '{':
		s.open = append(s.open, c)
		if len(s.open) > MaxNesting {
			s.fail(s.pos(), fmt.Sprintf("arrays and inline tables are nested more than %d deep here; they may nest at most %d deep", MaxNesting, MaxNesting))
			return
		}
		if c == '{' {
			s.key, s.parts = true, 0
		}
	case ']', '}':
		s.close()
	case ',':
		if n := len(s.open); n > 0 && s.open[n-1] == '{' {
			s.key, s.parts = true, 0
		}
	}
	s.next()
}

func (s *limitScanner) close() {
	if n := len(s.open); n > 0 {
		s.open = s.open[:n-1]
	}
	s.key = false
}

// skipString moves past a basic or literal string, single- or multi-line.
// A single-line string ends at the end of its line even when unclosed,
// which the parser reports.
func (s *limitScanner) skipString(q byte) {
	triple := s.off+2 < len(s.src) && s.src[s.off+1] == q && s.src[s.off+2] == q
	if triple {
		s.next()
		s.next()
	}
	s.next()
	for s.off < len(s.src) {
		c := s.src[s.off]
		switch {
		case c == '\\' && q == '"':
			s.next()
			if s.off < len(s.src) {
				s.next()
			}
			continue
		case c == '\n' && !triple:
			return
		case c == q && (!triple || s.off+2 < len(s.src) && s.src[s.off+1] == q && s.src[s.off+2] == q):
			if triple {
				s.next()
				s.next()
				// Up to two more quotes belong to the content.
				for i := 0; i < 2 && s.off+1 < len(s.src) && s.src[s.off+1] == q; i++ {
					s.next()
				}
			}
			s.next()
			return
		}
		s.next()
	}
}
