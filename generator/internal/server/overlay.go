package server

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"scorebook/generator/internal/diag"
	template "scorebook/generator/internal/gotemplate/html"
	"scorebook/generator/internal/inputtext"
)

// failure is what a failed build left to show: prepared once per build, then
// injected into every page and sent to every open one.
type failure struct {
	text     string    // the error as the terminal shows it
	problems []problem // all of them
	html     string    // the overlay element
	event    []byte    // the build-error event's data
}

// problem is one diagnostic as the overlay shows it.
type problem struct {
	Path    string       `json:"path,omitempty"`
	Line    int          `json:"line,omitempty"`
	Col     int          `json:"col,omitempty"`
	Message string       `json:"message"`
	Excerpt []sourceLine `json:"excerpt,omitempty"`
}

// sourceLine is one line of a problem's file shown around it.
type sourceLine struct {
	N     int    `json:"n"`
	Text  string `json:"text"`
	Error bool   `json:"error,omitempty"`
	// Caret is the text under an error line that puts a ^ below the column.
	Caret string `json:"-"`
}

// Where is the problem's position as editors read it: path:line:col.
func (p problem) Where() string {
	if p.Path == "" {
		return ""
	}
	d := diag.Diagnostic{Path: p.Path, Line: p.Line, Col: p.Col}
	return inputtext.Terminal(strings.TrimSuffix(d.String(), ": "))
}

const (
	// maxShown bounds the problems the overlay lists; the terminal has all.
	maxShown = 50
	// contextLines is how many lines are shown before and after the line of
	// a problem.
	contextLines = 3
	// maxLineRunes clips long source lines (minified data, say).
	maxLineRunes = 240
	// maxLineBytes gives up on files with longer lines than this.
	maxLineBytes = 1 << 20
)

//go:embed overlay.html
var overlaySource string

var overlayTemplate = template.Must(template.New("overlay").Parse(overlaySource))

// newFailure prepares what to show for a failed build. The diagnostics of a
// diag.List each become a problem with the lines around it, read from the
// source folder; any other error is shown as its message.
func newFailure(source string, err error) *failure {
	f := &failure{text: err.Error()}
	var list diag.List
	if errors.As(err, &list) && len(list) > 0 {
		shown := list.Errors()
		if len(shown) == 0 {
			shown = list
		}
		shown.Sort()
		for _, d := range shown {
			f.problems = append(f.problems, problem{Path: d.Path, Line: d.Line, Col: d.Col, Message: inputtext.Terminal(d.Message)})
		}
	} else {
		f.problems = []problem{{Message: inputtext.Terminal(err.Error())}}
	}

	shown := f.problems[:min(len(f.problems), maxShown)]
	if src, err := os.OpenRoot(source); err == nil {
		for i := range shown {
			shown[i].Excerpt = excerpt(src, shown[i].Path, shown[i].Line, shown[i].Col)
		}
		src.Close()
	}

	var b strings.Builder
	err = overlayTemplate.Execute(&b, struct {
		Problems []problem
		More     int
	}{shown, len(f.problems) - len(shown)})
	if err != nil {
		// The template is fixed and its data plain; this cannot happen.
		panic("render error overlay: " + err.Error())
	}
	f.html = b.String()
	f.event, _ = json.Marshal(struct {
		HTML     string    `json:"html"`
		Problems []problem `json:"problems"`
	}{f.html, shown})
	return f
}

// excerpt reads the lines around line from the file at the slash path p
// inside src. It returns nil when the file cannot be read or has no such
// line: the overlay then shows the message alone.
func excerpt(src *os.Root, p string, line, col int) []sourceLine {
	if p == "" || line <= 0 {
		return nil
	}
	file, err := src.Open(filepath.FromSlash(p))
	if err != nil {
		return nil
	}
	defer file.Close()
	return excerptLines(bufio.NewScanner(file), line, col)
}

func excerptLines(sc *bufio.Scanner, line, col int) []sourceLine {
	sc.Buffer(make([]byte, 0, 64*1024), maxLineBytes)
	from, to := max(1, line-contextLines), line+contextLines
	var lines []sourceLine
	hit := false
	for n := 1; n <= to && sc.Scan(); n++ {
		if n < from {
			continue
		}
		// Control characters are shown as U+FFFD, one for one, so that the
		// caret still lines up.
		text := strings.Map(func(r rune) rune {
			if r != '\t' && inputtext.IsControl(r) {
				return '\uFFFD'
			}
			return r
		}, strings.ToValidUTF8(strings.TrimSuffix(sc.Text(), "\r"), "\uFFFD"))
		l := sourceLine{N: n, Text: clip(text), Error: n == line}
		if l.Error {
			hit = true
			l.Caret = caret(l.Text, col)
		}
		lines = append(lines, l)
	}
	if sc.Err() != nil || !hit {
		return nil
	}
	return lines
}

// clip shortens a line to maxLineRunes characters.
func clip(s string) string {
	n := 0
	for i := range s {
		if n == maxLineRunes {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// caret returns the text that puts a ^ under column col (1-based, counted in
// characters) of line: the characters before it blanked, tabs kept so the ^
// lines up however wide tabs are shown. Col 0 means no column is known.
func caret(line string, col int) string {
	if col <= 0 {
		return ""
	}
	var b strings.Builder
	n := 0
	for _, r := range line {
		if n == col-1 {
			break
		}
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
		n++
	}
	b.WriteByte('^')
	return b.String()
}
