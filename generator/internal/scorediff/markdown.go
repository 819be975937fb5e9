package scorediff

import (
	"fmt"
	"io"
	"strings"

	"scorebook/generator/internal/score"
)

// Marker is the first line of the Markdown comment. A workflow finds the
// comment it posted before by this line and edits it in place.
const Marker = "<!-- scorebook-diff -->"

// maxComment keeps the comment under GitHub's limit of 65,536 characters
// with room to spare; brands beyond it are counted, not shown.
const maxComment = 60000

// maxRows bounds the table a reviewer reads; the JSON output has every brand.
const maxRows = 100

// WriteMarkdown writes d as a pull-request comment: the marker, a one-line
// verdict, a table of the brands that are not unchanged, then each brand's
// details folded. Every string that comes from an input file or the
// command line is escaped with Escape.
func (d *Diff) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	b.WriteString(Marker + "\n")
	icon := "✅"
	switch {
	case d.Holds(FailLevelDrop) || d.Holds(FailNewCritical):
		icon = "🔻"
	case d.Count(Changed)+d.Count(Added)+d.Count(Removed) > 0 || d.ModelChanged:
		icon = "🔸"
	}
	fmt.Fprintf(&b, "%s **scorebook:** %s\n\n", icon, Escape(d.Verdict()))

	var shown []*Brand
	for i := range d.Brands {
		if d.Brands[i].Status != Unchanged {
			shown = append(shown, &d.Brands[i])
		}
	}
	if len(shown) > 0 {
		b.WriteString("| Brand | Status | Overall | Band | Findings |\n| --- | --- | --- | --- | --- |\n")
		for i, br := range shown {
			if i == maxRows {
				fmt.Fprintf(&b, "\n%d more %s not in the table; `scorebook diff -format json` lists every one.\n", len(shown)-i, brands(len(shown)-i))
				break
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", Escape(br.Brand), br.Status,
				arrow(fmtScore(br.Overall.Before), fmtScore(br.Overall.After), 0),
				bandCell(br), findingsCell(br))
		}
		b.WriteString("\n")
	}

	footer := fmt.Sprintf("<sub>Base %s, head %s, both judged as of %s.", Escape(d.Base.describe()), Escape(d.Head.describe()), d.AsOf)
	if d.Unlisted > 0 {
		footer += fmt.Sprintf(" %d unlisted %s not compared.", d.Unlisted, brands(d.Unlisted))
	}
	footer += "</sub>\n"
	left := 0
	for i, br := range shown {
		details := brandDetails(br)
		if b.Len()+len(details)+len(footer)+200 > maxComment {
			left = len(shown) - i
			break
		}
		b.WriteString(details)
	}
	if left > 0 {
		fmt.Fprintf(&b, "The details of %d more %s would not fit in one comment; `scorebook diff -format json` has them.\n\n", left, brands(left))
	}
	b.WriteString(footer)
	_, err := io.WriteString(w, b.String())
	return err
}

func bandCell(br *Brand) string {
	before, after := "—", "—"
	if br.Level.Before != nil {
		before = Escape(*br.Level.Before)
	}
	if br.Level.After != nil {
		after = Escape(*br.Level.After)
	}
	if br.Status == Added {
		before = "—"
	}
	return arrow(before, after, br.Band)
}

func findingsCell(br *Brand) string {
	var parts []string
	if n := len(br.Findings.Added); n > 0 {
		s := fmt.Sprintf("+%d", n)
		if c := countSeverity(br.Findings.Added, score.Critical); c > 0 {
			s += fmt.Sprintf(" (%d critical)", c)
		}
		parts = append(parts, s)
	}
	if n := len(br.Findings.Cleared); n > 0 {
		parts = append(parts, fmt.Sprintf("−%d", n))
	}
	if len(parts) == 0 {
		return "—"
	}
	return strings.Join(parts, " ")
}

func countSeverity(fs []Finding, severity string) int {
	n := 0
	for _, f := range fs {
		if f.Severity == severity {
			n++
		}
	}
	return n
}

// brandDetails is one brand's folded section.
func brandDetails(br *Brand) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<details><summary>%s (%s): %s</summary>\n\n", Escape(br.Brand), Escape(br.Slug), br.Status)
	for _, line := range br.details(Escape) {
		fmt.Fprintf(&b, "- %s\n", line)
	}
	b.WriteString("\n</details>\n\n")
	return b.String()
}

// Escape makes a string from an input file inert in a GitHub comment, in
// Markdown text, a table cell and raw HTML alike: every ASCII punctuation
// character that Markdown or HTML could read as syntax becomes a numeric
// character reference, which CommonMark shows as the character and never
// as structure (so a | cannot split a table cell, a < cannot open a tag, a
// * cannot start emphasis); line breaks and other control characters
// become spaces. An @ is followed by an invisible word joiner, so that a
// name in an assessment never notifies a GitHub user or team.
func Escape(s string) string {
	var b strings.Builder
	for _, r := range oneLine(s) {
		switch {
		case r == '@':
			b.WriteString("&#64;\u2060")
		case r < 0x80 && isPunct(byte(r)) && !strings.ContainsRune(inert, r):
			fmt.Fprintf(&b, "&#%d;", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// inert is the ASCII punctuation that means nothing to Markdown or HTML
// once the characters around it are escaped, kept as is for a readable
// source.
const inert = ".,-/%'?();:!"

func isPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}
