// Package content reads the playbook: the Markdown pages under content/,
// each with TOML front matter between +++ lines, and orders them into
// sections. It knows nothing of HTML; the markdown package converts the
// bodies.
package content

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"scorebook/generator/internal/diag"
	"scorebook/generator/internal/inputtext"
	"scorebook/generator/internal/tomlfile"
)

// MaxPageSize is the largest page file read, in bytes.
const MaxPageSize = 4 << 20

// Page is one Markdown page of the playbook.
type Page struct {
	Path      string // slash-separated from the site source: "content/dimensions/operations.md"
	URL       string // "/dimensions/operations/"; content/_index.md is "/", content/a/_index.md "/a/"
	Section   string // first folder under content/; "" for the home page and top-level pages
	IsSection bool   // the page is an _index.md

	Title       string
	Description string
	Layout      string // "" for the default page layout; the build decides what else it accepts
	Weight      int    // order within the section; 0 sorts after every other weight
	Draft       bool
	TOC         bool // show a table of contents; true unless the front matter says toc = false
	Date        time.Time
	Tags        []string

	Body     []byte // the Markdown after the front matter
	BodyLine int    // 1-based line of the file where Body starts
	Hash     string // hex SHA-256 of the whole file

	digest string // Path and Hash, made once
}

// Digest identifies what the page shows: its source file's path and
// content, from which every other field is read. It makes a page an
// incr.Part.
func (p *Page) Digest() string {
	if p.digest == "" {
		return p.Path + "\x00" + p.Hash // a Page made by hand
	}
	return p.digest
}

// frontMatter is the TOML between the +++ lines; its tags are the keys a
// page may set.
type frontMatter struct {
	Title       string   `toml:"title,name"`
	Description string   `toml:"description"`
	Weight      int      `toml:"weight"`
	Draft       bool     `toml:"draft"`
	Layout      string   `toml:"layout,name"`
	TOC         *bool    `toml:"toc"`
	Date        pageDate `toml:"date"`
	Tags        []string `toml:"tags,name"`
}

// pageDate accepts a TOML date (2026-09-30) or date-time
// (2026-09-30T14:00:00Z). Date-times without an offset are read as UTC so
// the build never depends on the machine's time zone.
type pageDate struct {
	time.Time
}

// UnmarshalTOMLValue implements tomlfile.Unmarshaler.
func (d *pageDate) UnmarshalTOMLValue(dec *tomlfile.Decoder, path []string, v any) {
	t, ok := v.(time.Time)
	if !ok {
		dec.Errorf(path, "%s: expected a date such as 2026-09-30 or a date and time such as 2026-09-30T14:00:00Z (without quotes), found %s",
			tomlfile.Label(path), tomlfile.Describe(v))
		return
	}
	switch t.Location().String() {
	case "time-local":
		dec.Errorf(path, "%s: expected a date such as 2026-09-30, found a time of day without a date", tomlfile.Label(path))
		return
	case "date-local", "datetime-local":
		t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	}
	d.Time = t
}

const fence = "+++"

// Parse reads one page file. path is slash-separated from the site source
// and starts with "content/"; it gives the page its URL and section and
// names the file in diagnostics, whose positions are lines and columns of
// the whole file. Parse returns nil when it finds any error. It reads no
// files, so it is safe to fuzz.
func Parse(path string, data []byte) (*Page, diag.List) {
	var errs diag.List
	loc, problem := locate(path)
	if problem != "" {
		errs.Add(path, 0, 0, "%s", problem)
	}
	switch {
	case len(data) == 0:
		errs.Add(path, 0, 0, "the page is empty; a page starts with front matter between +++ lines, with at least a title")
		return nil, errs
	case len(data) > MaxPageSize:
		errs.Add(path, 0, 0, "the page is %d bytes; pages may be at most %d bytes (4 MiB)", len(data), MaxPageSize)
		return nil, errs
	case !utf8.Valid(data):
		line, col := invalidUTF8Pos(data)
		errs.Add(path, line, col, "the page is not valid UTF-8 text; save it as UTF-8")
		return nil, errs
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := position(data, i)
		errs.Add(path, line, col, "the page contains a NUL byte; it looks like a binary file, not Markdown text")
		return nil, errs
	}

	fm, fmLine, body, bodyLine, fmProblem := splitFrontMatter(data)
	if fmProblem != nil {
		errs.Add(path, fmProblem.line, fmProblem.col, "%s", fmProblem.message)
		return nil, errs
	}

	var meta frontMatter
	doc, perrs := tomlfile.Parse(path, fm)
	errs = append(errs, shiftLines(perrs, fmLine-1)...)
	if doc != nil {
		derrs := tomlfile.Decode(doc, &meta)
		errs = append(errs, shiftLines(derrs, fmLine-1)...)
		// A title of the wrong type was reported by Decode.
		title, isString := doc.Root["title"].(string)
		switch _, present := doc.Root["title"]; {
		case !present:
			errs.Add(path, fmLine-1, 1, "the front matter has no title; add a line such as title = \"Operational discipline\"")
		case isString && strings.TrimSpace(title) == "":
			line, col := doc.ValuePos("title")
			errs.Add(path, line+fmLine-1, col, "title: must not be empty")
		}
		for i, tag := range meta.Tags {
			if strings.TrimSpace(tag) == "" {
				line, col := doc.ValuePos("tags", strconv.Itoa(i))
				errs.Add(path, line+fmLine-1, col, "tags[%d]: must not be empty", i+1)
			}
		}
	}
	if errs.HasErrors() {
		errs.Sort()
		return nil, errs
	}

	sum := sha256.Sum256(data)
	p := &Page{
		Path:        path,
		URL:         loc.url,
		Section:     loc.section,
		IsSection:   loc.isSection,
		Title:       strings.TrimSpace(meta.Title),
		Description: meta.Description,
		Layout:      meta.Layout,
		Weight:      meta.Weight,
		Draft:       meta.Draft,
		TOC:         meta.TOC == nil || *meta.TOC,
		Date:        meta.Date.Time,
		Tags:        meta.Tags,
		Body:        inputtext.Markdown(body),
		BodyLine:    bodyLine,
		Hash:        hex.EncodeToString(sum[:]),
	}
	p.digest = p.Path + "\x00" + p.Hash
	return p, errs
}

// frontMatterProblem is a reason the front matter could not be found.
type frontMatterProblem struct {
	line, col int
	message   string
}

// splitFrontMatter finds the front matter between a first line "+++" and
// the next line "+++". fmLine is the file line the TOML starts on.
func splitFrontMatter(data []byte) (fm []byte, fmLine int, body []byte, bodyLine int, problem *frontMatterProblem) {
	rest := bytes.TrimPrefix(data, []byte("\uFEFF"))
	first, rest, _ := cutLine(rest)
	if !isFence(first) {
		return nil, 0, nil, 0, &frontMatterProblem{1, 1, `the page has no front matter; expected its first line to be +++, then TOML such as title = "...", then a closing +++ line`}
	}
	fmStart := len(data) - len(rest)
	line := 2
	for len(rest) > 0 {
		l, next, _ := cutLine(rest)
		if isFence(l) {
			fmEnd := len(data) - len(rest)
			return data[fmStart:fmEnd], 2, next, line + 1, nil
		}
		rest = next
		line++
	}
	return nil, 0, nil, 0, &frontMatterProblem{1, 1, "the front matter opened by +++ on line 1 is never closed; expected a line with only +++ after the TOML"}
}

// cutLine splits off the first line of s, without its line ending.
func cutLine(s []byte) (line, rest []byte, found bool) {
	line, rest, found = bytes.Cut(s, []byte("\n"))
	return bytes.TrimSuffix(line, []byte("\r")), rest, found
}

func isFence(line []byte) bool {
	return string(bytes.TrimRight(line, " \t")) == fence
}

// shiftLines moves diagnostics from front matter lines to file lines.
func shiftLines(l diag.List, by int) diag.List {
	for i := range l {
		if l[i].Line > 0 {
			l[i].Line += by
		}
	}
	return l
}

// position returns the 1-based line and column (in characters) of byte
// offset off in data.
func position(data []byte, off int) (line, col int) {
	line, col = 1, 1
	for _, r := range string(data[:off]) {
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

func invalidUTF8Pos(data []byte) (line, col int) {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return position(data, i)
		}
		i += size
	}
	return 0, 0
}
