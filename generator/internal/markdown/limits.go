package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// goldmark v1.8.7 takes time growing with the square of the input on some
// shapes of Markdown (yuin/goldmark#555 for emphasis; unclosed link
// destinations such as "[a](b" repeated; block quotes and lists nested on
// one line), and memory growing with the square on others (a wide table
// whose rows are padded to the header's columns; a long reference link
// destination used many times). A page is measured against these limits
// before goldmark's inline parser or renderer meets the part that breaks
// one; each limit is the playbook's own judgement, far above what a
// hand-written page uses.
const (
	// MaxNesting is how many block quotes and list items may open on one
	// line.
	MaxNesting = 32
	// MaxIndent is how many columns of indentation a line may have before
	// its text.
	MaxIndent = 256
	// MaxDelimiters is how many emphasis and link delimiters one paragraph,
	// heading or table row may hold: runs of * _ ~, and each [ ] ( ) < >.
	// goldmark's work on one paragraph can grow with their square.
	MaxDelimiters = 1000
	// maxCodeSpanScan bounds the backtick runs of one paragraph times its
	// length: goldmark looks for the closing run of each opening one up to
	// the paragraph's end.
	maxCodeSpanScan = 1 << 27
	// MaxTableCells is how many table cells one page may have, counting
	// the cells a row lacks and the table adds.
	MaxTableCells = 100_000
	// maxReferenceBytes bounds what the link references of one page may
	// copy (see referenceMeter).
	maxReferenceBytes = 8 << 20
)

// LimitError says where a page breaks one of the limits above. Line and
// Col are 1-based positions in the Markdown given to Convert.
type LimitError struct {
	Line, Col int
	Message   string
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Message)
}

// checkLines looks at each line's block quote and list markers and its
// indentation, and at the delimiters of each line (an ATX heading is one
// line, and goldmark parses its text without a paragraph).
func checkLines(src []byte) *LimitError {
	for line, rest := 1, src; len(rest) > 0; line++ {
		l := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			l, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		if isThematicBreak(l) {
			continue
		}
		depth, width, at := 0, 0, 0
		for at < len(l) {
			marker := at
			switch c := l[at]; {
			case c == ' ':
				width++
				at++
				continue
			case c == '\t':
				width += 4 - width%4
				at++
				continue
			case c == '>':
				depth++
				at++
			case (c == '-' || c == '*' || c == '+') && (at+1 == len(l) || l[at+1] == ' ' || l[at+1] == '\t'):
				depth++
				at++
			case c >= '0' && c <= '9':
				n := at
				for n < len(l) && n-at < 10 && l[n] >= '0' && l[n] <= '9' {
					n++
				}
				if n < len(l) && (l[n] == '.' || l[n] == ')') && (n+1 == len(l) || l[n+1] == ' ' || l[n+1] == '\t') {
					depth++
					at = n + 1
					break
				}
				at = len(l) + 1
			default:
				at = len(l) + 1 // the line's text starts here
			}
			if at > len(l) {
				break
			}
			width++
			if depth > MaxNesting {
				return &LimitError{line, utf8.RuneCount(l[:marker]) + 1, fmt.Sprintf(
					"more than %d block quotes and list items open on this line; they may nest at most %d deep", MaxNesting, MaxNesting)}
			}
		}
		if width > MaxIndent {
			return &LimitError{line, 1, fmt.Sprintf(
				"this line is indented more than %d columns; lines may be indented at most %d", MaxIndent, MaxIndent)}
		}
		var m inlineMeasure
		m.add(l)
		if problem := m.problem("line"); problem != "" {
			return &LimitError{line, 1, problem}
		}
	}
	return nil
}

// isThematicBreak reports whether l is a line such as "* * *" or "---",
// which opens no list however many markers it has.
func isThematicBreak(l []byte) bool {
	var mark byte
	n := 0
	for _, c := range l {
		switch {
		case c == ' ' || c == '\t' || c == '\r':
		case (c == '*' || c == '-' || c == '_') && (mark == 0 || c == mark):
			mark = c
			n++
		default:
			return false
		}
	}
	return n >= 3
}

// inlineMeasure counts, over the lines of one paragraph, what goldmark's
// inline parser keeps on its delimiter and bracket stacks (runs of *, _ and
// ~ once, each bracket, parenthesis and angle bracket once) and the runs
// of backticks that may open a code span.
type inlineMeasure struct {
	delims, ticks, bytes int
}

func (m *inlineMeasure) add(line []byte) {
	var prev byte
	for _, c := range line {
		switch c {
		case '*', '_', '~', '`':
			if c != prev {
				if c == '`' {
					m.ticks++
				} else {
					m.delims++
				}
			}
		case '[', ']', '(', ')', '<', '>':
			m.delims++
		}
		prev = c
	}
	m.bytes += len(line)
}

// problem says which limit m breaks, for a "paragraph" or a "line", or "".
func (m *inlineMeasure) problem(what string) string {
	switch {
	case m.delims > MaxDelimiters:
		return fmt.Sprintf("this %s has %d emphasis and link delimiters (runs of * _ ~ and each [ ] ( ) < >); a paragraph, heading or table row may have at most %d; split it with blank lines",
			what, m.delims, MaxDelimiters)
	case m.ticks > 1 && m.ticks*m.bytes > maxCodeSpanScan:
		return fmt.Sprintf("this %s has %d runs of backticks in %d bytes; a paragraph may have at most %d runs times bytes; split it with blank lines",
			what, m.ticks, m.bytes, maxCodeSpanScan)
	}
	return ""
}

// isTableDelimiterRow reports whether l is a table's second line, such as
// "|---|:--:|": the table's cells are then parsed row by row.
func isTableDelimiterRow(l []byte) bool {
	pipe, dash := false, false
	for _, c := range l {
		switch c {
		case '|':
			pipe = true
		case '-':
			dash = true
		case ':', ' ', '\t', '\r', '\n':
		default:
			return false
		}
	}
	return pipe && dash
}

// limitGuard is the paragraph transformer that measures each paragraph
// (table rows and setext headings are paragraphs at this point) once its
// lines are known and before its inline content is parsed; a paragraph over
// a limit is dropped from the document, so goldmark never parses it, and
// the page fails with the problem.
type limitGuard struct{}

// Transform implements parser.ParagraphTransformer.
func (limitGuard) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	page := pageStateOf(pc)
	if page.limit != nil {
		node.Parent().RemoveChild(node.Parent(), node)
		return
	}
	lines := node.Lines()
	if lines.Len() == 0 {
		return
	}
	source := reader.Source()
	table := false
	if lines.Len() > 1 {
		second := lines.At(1)
		table = isTableDelimiterRow(second.Value(source))
	}
	var m inlineMeasure
	problem, problemAt := "", 0
	for i := range lines.Len() {
		seg := lines.At(i)
		if table {
			m = inlineMeasure{}
		}
		m.add(seg.Value(source))
		page.brackets += bytes.Count(seg.Value(source), []byte("]"))
		if problem == "" {
			problem, problemAt = m.problem("paragraph"), seg.Start
			if table {
				problem = strings.Replace(problem, "this paragraph", "this table row", 1)
			}
		}
	}
	first := lines.At(0)
	page.tableCells += (bytes.Count(first.Value(source), []byte("|")) + 1) * lines.Len()
	switch {
	case problem != "":
		if !table {
			problemAt = first.Start
		}
		page.limit = limitAt(source, problemAt, problem)
	case page.tableCells > MaxTableCells:
		page.limit = limitAt(source, first.Start, fmt.Sprintf(
			"the tables of this page reach more than %d cells here (rows times the header's columns); a page may have at most %d",
			MaxTableCells, MaxTableCells))
	}
	if page.limit != nil {
		dropAll(node)
	}
}

// dropAll empties the document node belongs to, so that goldmark parses the
// inline content of none of the paragraphs read so far; the limit guard
// drops every later one as it closes.
func dropAll(node ast.Node) {
	root := node
	for root.Parent() != nil {
		root = root.Parent()
	}
	if node.Parent() != nil {
		node.Parent().RemoveChild(node.Parent(), node)
	}
	root.RemoveChildren(root)
}

// referenceMeter stands in for goldmark's link reference transformer:
// it runs it, and measures the definitions it took out of the paragraph.
// goldmark copies a reference's destination and title into every link
// that uses it, so one long definition used a hundred thousand times costs
// gigabytes before anything is rendered; the page is refused once the
// brackets seen so far times the longest definitions seen so far could
// cost more than maxReferenceBytes.
type referenceMeter struct{}

// Transform implements parser.ParagraphTransformer.
func (referenceMeter) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	page := pageStateOf(pc)
	before := linesBytes(node, reader.Source())
	start := 0
	if node.Lines().Len() > 0 {
		start = node.Lines().At(0).Start
	}
	parent := node.Parent()
	parser.LinkReferenceParagraphTransformer.Transform(node, reader, pc)
	defined := before
	if node.Parent() != nil {
		defined -= linesBytes(node, reader.Source())
	}
	page.longestReferences = max(page.longestReferences, defined)
	if page.limit == nil && page.longestReferences > 0 && page.brackets*page.longestReferences > maxReferenceBytes {
		page.limit = limitAt(reader.Source(), start, fmt.Sprintf(
			"by here this page's link references could copy more than %d MiB: %d brackets may each use a reference of up to %d bytes; shorten the references or use fewer",
			maxReferenceBytes>>20, page.brackets, page.longestReferences))
		dropAll(parent)
	}
}

func linesBytes(node ast.Node, source []byte) int {
	n := 0
	lines := node.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		n += seg.Stop - seg.Start
	}
	return n
}

// limitAt makes a LimitError at byte offset off of source.
func limitAt(source []byte, off int, message string) *LimitError {
	off = min(max(off, 0), len(source))
	before := source[:off]
	line := 1 + bytes.Count(before, []byte("\n"))
	col := utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
	return &LimitError{line, col, message}
}

// newParser is goldmark's default parser with the guards: limitGuard
// before every other paragraph transformer (the table extension turns
// paragraphs into tables), and referenceMeter in the place of goldmark's
// link reference transformer.
func newParser() parser.Parser {
	return parser.NewParser(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(
			util.Prioritized(limitGuard{}, 0),
			util.Prioritized(referenceMeter{}, 100),
		),
	)
}
