package content

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"scorebook/generator/internal/diag"
)

// diagStrings formats a list the way people read it.
func diagStrings(l diag.List) []string {
	out := make([]string, len(l))
	for i, d := range l {
		out[i] = d.String()
	}
	return out
}

func TestParse_FrontMatter(t *testing.T) {
	src := strings.Join([]string{
		"+++",
		`title = "Operational discipline"`,
		`description = "Monitoring, on-call and runbooks."`,
		"weight = 20",
		`layout = "patterns"`,
		"toc = false",
		"date = 2026-09-30",
		`tags = ["operations", "runbooks"]`,
		"+++",
		"",
		"## Why it matters",
		"",
	}, "\n")
	p, errs := Parse("content/dimensions/operations.md", []byte(src))
	if len(errs) != 0 {
		t.Fatalf("unexpected problems: %v", errs)
	}
	want := Page{
		Path:        "content/dimensions/operations.md",
		URL:         "/dimensions/operations/",
		Section:     "dimensions",
		Title:       "Operational discipline",
		Description: "Monitoring, on-call and runbooks.",
		Layout:      "patterns",
		Weight:      20,
		TOC:         false,
		Date:        time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC),
		Tags:        []string{"operations", "runbooks"},
		Body:        []byte("\n## Why it matters\n"),
		BodyLine:    10,
	}
	if p.Path != want.Path || p.URL != want.URL || p.Section != want.Section || p.IsSection ||
		p.Title != want.Title || p.Description != want.Description || p.Layout != want.Layout ||
		p.Weight != want.Weight || p.TOC != want.TOC || p.Draft || !p.Date.Equal(want.Date) ||
		!slices.Equal(p.Tags, want.Tags) || !bytes.Equal(p.Body, want.Body) || p.BodyLine != want.BodyLine {
		t.Errorf("Parse gave\n%+v\nwant\n%+v", *p, want)
	}
	if len(p.Hash) != 64 {
		t.Errorf("Hash = %q, want 64 hex digits", p.Hash)
	}
}

func TestParse_Defaults(t *testing.T) {
	p, errs := Parse("content/faq.md", []byte("+++\ntitle = \"FAQ\"\n+++\nBody"))
	if len(errs) != 0 {
		t.Fatalf("unexpected problems: %v", errs)
	}
	if !p.TOC {
		t.Error("TOC is false without toc in the front matter; want true")
	}
	if p.Draft || p.Weight != 0 || !p.Date.IsZero() || p.Layout != "" || p.Section != "" {
		t.Errorf("unexpected values: %+v", *p)
	}
	if string(p.Body) != "Body" || p.BodyLine != 4 {
		t.Errorf("Body = %q at line %d, want %q at line 4", p.Body, p.BodyLine, "Body")
	}
}

func TestParse_Dates(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2026-09-30", time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)},
		{"2026-09-30T14:05:00", time.Date(2026, 9, 30, 14, 5, 0, 0, time.UTC)},
		{"2026-09-30T14:05:00Z", time.Date(2026, 9, 30, 14, 5, 0, 0, time.UTC)},
		{"2026-09-30T14:05:00+02:00", time.Date(2026, 9, 30, 12, 5, 0, 0, time.UTC)},
	}
	for _, tc := range tests {
		p, errs := Parse("content/x.md", []byte("+++\ntitle = \"x\"\ndate = "+tc.in+"\n+++\n"))
		if len(errs) != 0 {
			t.Errorf("date = %s: %v", tc.in, errs)
			continue
		}
		if !p.Date.Equal(tc.want) {
			t.Errorf("date = %s gave %v, want %v", tc.in, p.Date, tc.want)
		}
	}
}

func TestParse_CRLFAndBOM(t *testing.T) {
	p, errs := Parse("content/x.md", []byte("\uFEFF+++\r\ntitle = \"Windows\"\r\n+++\r\nBody\r\n"))
	if len(errs) != 0 {
		t.Fatalf("unexpected problems: %v", errs)
	}
	if p.Title != "Windows" || string(p.Body) != "Body\r\n" || p.BodyLine != 4 {
		t.Errorf("got title %q, body %q at line %d", p.Title, p.Body, p.BodyLine)
	}
}

func TestParse_Problems(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{
			"control character in the title",
			"+++\ntitle = \"Bell\\u0007\"\n+++\nbody\n",
			[]string{`content/x.md:2:9: title: holds the control character U+0007 at character 5; names may not hold control characters`},
		},
		{
			"title of invisible characters",
			"+++\ntitle = \"\u200b\u202e\"\n+++\nbody\n",
			[]string{`content/x.md:2:9: title: is empty once its invisible characters (zero-width spaces, direction marks and the like) are removed; expected a name people can read`},
		},
		{
			"wrong type on line 3",
			"+++\ntitle = \"x\"\nweight = \"heavy\"\n+++\nbody\n",
			[]string{`content/x.md:3:10: weight: expected a whole number, found the string "heavy"`},
		},
		{
			"unknown key lists the allowed keys",
			"+++\ntitle = \"x\"\n\ncolour = \"red\"\n+++\n",
			[]string{`content/x.md:4:1: unknown key "colour"; expected one of: title, description, weight, draft, layout, toc, date, tags`},
		},
		{
			"malformed TOML",
			"+++\ntitle = \"x\"\n\nweight = \n+++\n",
			[]string{`content/x.md:4:10: invalid TOML: expected value but found '\n' instead`},
		},
		{
			"missing title",
			"+++\ndescription = \"x\"\n+++\n",
			[]string{`content/x.md:1:1: the front matter has no title; add a line such as title = "Operational discipline"`},
		},
		{
			"empty title",
			"+++\ntitle = \"  \"\n+++\n",
			[]string{"content/x.md:2:9: title: must not be empty"},
		},
		{
			"every type error at once, in order",
			"+++\ntitle = \"x\"\ndate = \"2026-01-02\"\ntoc = 1\ndraft = \"no\"\ntags = \"a\"\n+++\n",
			[]string{
				`content/x.md:3:8: date: expected a date such as 2026-09-30 or a date and time such as 2026-09-30T14:00:00Z (without quotes), found the string "2026-01-02"`,
				"content/x.md:4:7: toc: expected true or false, found the number 1",
				`content/x.md:5:9: draft: expected true or false, found the string "no"`,
				`content/x.md:6:8: tags: expected an array, found the string "a"`,
			},
		},
		{
			"time of day without a date",
			"+++\ntitle = \"x\"\ndate = 10:30:00\n+++\n",
			[]string{"content/x.md:3:8: date: expected a date such as 2026-09-30, found a time of day without a date"},
		},
		{
			"empty tag",
			"+++\ntitle = \"x\"\ntags = [\"a\", \"\"]\n+++\n",
			[]string{"content/x.md:3:14: tags[2]: must not be empty"},
		},
		{
			"unterminated front matter names the opening line",
			"+++\ntitle = \"x\"\n\nSome body text\n",
			[]string{"content/x.md:1:1: the front matter opened by +++ on line 1 is never closed; expected a line with only +++ after the TOML"},
		},
		{
			"no front matter",
			"# Title\n\nbody\n",
			[]string{`content/x.md:1:1: the page has no front matter; expected its first line to be +++, then TOML such as title = "...", then a closing +++ line`},
		},
		{
			"YAML front matter is not front matter",
			"---\ntitle: x\n---\n",
			[]string{`content/x.md:1:1: the page has no front matter; expected its first line to be +++, then TOML such as title = "...", then a closing +++ line`},
		},
		{
			"empty file",
			"",
			[]string{"content/x.md: the page is empty; a page starts with front matter between +++ lines, with at least a title"},
		},
		{
			"NUL byte",
			"+++\ntitle = \"x\"\n+++\nbo\x00dy",
			[]string{"content/x.md:4:3: the page contains a NUL byte; it looks like a binary file, not Markdown text"},
		},
		{
			"not UTF-8",
			"+++\ntitle = \"caf\xe9\"\n+++\n",
			[]string{"content/x.md:2:13: the page is not valid UTF-8 text; save it as UTF-8"},
		},
		{
			"too large",
			"+++\ntitle = \"x\"\n+++\n" + strings.Repeat("a", MaxPageSize),
			[]string{"content/x.md: the page is 4194324 bytes; pages may be at most 4194304 bytes (4 MiB)"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, errs := Parse("content/x.md", []byte(tc.src))
			if p != nil {
				t.Errorf("Parse returned a page despite problems: %+v", *p)
			}
			got := diagStrings(errs)
			if !slices.Equal(got, tc.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestLocate_URLs(t *testing.T) {
	tests := []struct {
		path      string
		url       string
		section   string
		isSection bool
	}{
		{"content/_index.md", "/", "", true},
		{"content/faq.md", "/faq/", "", false},
		{"content/dimensions/_index.md", "/dimensions/", "dimensions", true},
		{"content/dimensions/operations.md", "/dimensions/operations/", "dimensions", false},
		{"content/Dimensions/Operations.MD", "/dimensions/operations/", "dimensions", false},
		{"content/patterns/hub_and-spoke2.md", "/patterns/hub_and-spoke2/", "patterns", false},
		{"content/a/b/_index.md", "/a/b/", "a", true},
		{"content/a/b/c.md", "/a/b/c/", "a", false},
	}
	for _, tc := range tests {
		loc, problem := locate(tc.path)
		if problem != "" {
			t.Errorf("locate(%q): %s", tc.path, problem)
			continue
		}
		if loc.url != tc.url || loc.section != tc.section || loc.isSection != tc.isSection {
			t.Errorf("locate(%q) = %+v, want url %q section %q isSection %v", tc.path, loc, tc.url, tc.section, tc.isSection)
		}
	}
}

func TestLocate_BadNames(t *testing.T) {
	tests := []struct {
		path string
		want string
	}{
		{"content/my page.md", `the file name "my page" has a space; page URLs come from file and folder names, which may use only letters a-z, digits, '-' and '_' (for example operational-discipline.md)`},
		{"content/café.md", `the file name "café" has "é"; page URLs come from file and folder names, which may use only letters a-z, digits, '-' and '_' (for example operational-discipline.md)`},
		{"content/v1.2.md", `the file name "v1.2" has "."; page URLs come from file and folder names, which may use only letters a-z, digits, '-' and '_' (for example operational-discipline.md)`},
		{"content/my docs/a.md", `the folder name "my docs" has a space; page URLs come from file and folder names, which may use only letters a-z, digits, '-' and '_' (for example operational-discipline.md)`},
		{"content/.md", "a page's file name must not be empty"},
		{"pages/a.md", "a page must be in the content/ folder"},
	}
	for _, tc := range tests {
		if _, problem := locate(tc.path); problem != tc.want {
			t.Errorf("locate(%q) problem:\n%s\nwant:\n%s", tc.path, problem, tc.want)
		}
	}

	// Parse reports the name problem against the file, with the others.
	_, errs := Parse("content/my page.md", []byte("+++\ntitle = \"x\"\n+++\n"))
	if got := diagStrings(errs); len(got) != 1 || !strings.HasPrefix(got[0], `content/my page.md: the file name "my page" has a space`) {
		t.Errorf("Parse problems = %q", got)
	}
}
