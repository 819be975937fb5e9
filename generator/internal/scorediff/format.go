package scorediff

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"scorebook/generator/internal/score"
)

// WriteJSON writes d as indented JSON: the `-format json` contract.
func (d *Diff) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(d)
}

// Verdict sums the comparison up in one line of plain text, the model
// change first.
func (d *Diff) Verdict() string {
	var parts []string
	changed := d.Count(Changed)
	if changed > 0 {
		s := fmt.Sprintf("%d %s changed", changed, brands(changed))
		var moves []string
		if n := d.countBand(-1); n > 0 {
			moves = append(moves, fmt.Sprintf("%d down a band", n))
		}
		if n := d.countBand(+1); n > 0 {
			moves = append(moves, fmt.Sprintf("%d up a band", n))
		}
		if len(moves) > 0 {
			s += " (" + strings.Join(moves, ", ") + ")"
		}
		parts = append(parts, s)
	}
	if n := d.Count(Added); n > 0 {
		parts = append(parts, fmt.Sprintf("%d added", n))
	}
	if n := d.Count(Removed); n > 0 {
		parts = append(parts, fmt.Sprintf("%d removed", n))
	}
	unchanged := d.Count(Unchanged)
	var s string
	if len(parts) == 0 {
		s = fmt.Sprintf("No scorecard changed (%d %s compared)", unchanged, brands(unchanged))
	} else {
		s = strings.Join(parts, ", ") + fmt.Sprintf(", %d unchanged", unchanged)
	}
	if n := d.newCriticals(); n > 0 {
		s += fmt.Sprintf("; %d new critical %s", n, plural(n, "finding", "findings"))
	}
	if d.ModelChanged {
		s = "The scoring model changed (" + d.modelVersions() + "), each side scored under its own: " + lowerFirst(s)
	}
	return s + "."
}

func (d *Diff) modelVersions() string {
	before, after := deref(d.Model.Before), deref(d.Model.After)
	if before == after {
		return "version " + after + " on both sides"
	}
	return "version " + before + " → " + after
}

func (d *Diff) countBand(move int) int {
	return d.count(func(b *Brand) bool { return b.Band == move })
}

func (d *Diff) newCriticals() int {
	n := 0
	for _, b := range d.Brands {
		n += countSeverity(b.Findings.Added, score.Critical)
	}
	return n
}

// WriteText writes d for a terminal: the verdict, then every brand that is
// not unchanged with what moved.
func (d *Diff) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "scorebook diff %s → %s, as of %s\n", d.Base.describe(), d.Head.describe(), d.AsOf)
	fmt.Fprintf(&b, "%s\n", d.Verdict())
	for _, br := range d.Brands {
		if br.Status == Unchanged {
			continue
		}
		fmt.Fprintf(&b, "\n%s (%s): %s\n", oneLine(br.Brand), br.Slug, br.Status)
		for _, line := range br.details(oneLine) {
			fmt.Fprintf(&b, "  %s\n", line)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func (r Rev) describe() string {
	if r.Commit == nil {
		return r.Ref
	}
	return r.Ref + " (" + short(*r.Commit) + ")"
}

func short(commit string) string { return commit[:min(len(commit), 12)] }

// details lists what moved for one brand, one line each, every string
// from an input file passed through esc: notes, the overall score and
// band, the dimensions and criteria that moved, the findings that appeared
// and cleared. A removed brand shows its last scores only, an added one
// its scores and findings: listing every criterion as moved from or to
// nothing would bury what matters.
func (br *Brand) details(esc func(string) string) []string {
	var lines []string
	for _, n := range br.Notes {
		lines = append(lines, "Note: "+esc(n))
	}
	lines = append(lines, "Overall: "+scoreChange(br.Overall, br.Level, br.Band, esc))
	if br.Status == Removed {
		return lines
	}
	for _, dim := range br.Dimensions {
		if !sameScore(dim.Before, dim.After) {
			lines = append(lines, esc(dim.ID)+": "+fmtScore(dim.Before)+" → "+fmtScore(dim.After))
		}
	}
	if br.Status != Added {
		for _, c := range br.Criteria {
			lines = append(lines, esc(c.Dimension+"."+c.Criterion)+": "+fmtLevel(c.Before, c.BeforeExempt)+" → "+fmtLevel(c.After, c.AfterExempt))
		}
	}
	for _, f := range br.Findings.Added {
		lines = append(lines, "Appeared, "+esc(f.Severity)+", "+esc(f.Check)+": "+esc(f.Message))
	}
	for _, f := range br.Findings.Cleared {
		lines = append(lines, "Cleared, "+esc(f.Severity)+", "+esc(f.Check)+": "+esc(f.Message))
	}
	return lines
}

// up and down mark a band crossing.
const (
	up   = "▲"
	down = "▼"
)

// scoreChange formats an overall score and band before and after:
// "2.40 Defined → 2.10 Emerging ▼".
func scoreChange(score Change[*float64], level Change[*string], band int, esc func(string) string) string {
	suffix := func(l *string) string {
		if l == nil {
			return ""
		}
		return " " + esc(*l)
	}
	return arrow(fmtScore(score.Before)+suffix(level.Before), fmtScore(score.After)+suffix(level.After), band)
}

// arrow joins a before and an after value, or shows one value when they
// are the same; a band crossing is marked.
func arrow(before, after string, band int) string {
	if before == after {
		return before
	}
	s := before + " → " + after
	switch {
	case band > 0:
		s += " " + up
	case band < 0:
		s += " " + down
	}
	return s
}

// fmtScore rounds a score for display, as the pages do; "—" where there is
// none.
func fmtScore(s *float64) string {
	if s == nil {
		return "—"
	}
	return strconv.FormatFloat(*s, 'f', 2, 64)
}

func fmtLevel(l *int, exempt bool) string {
	switch {
	case exempt:
		return "exempt"
	case l == nil:
		return "not assessed"
	}
	return strconv.Itoa(*l)
}

func deref(s *string) string {
	if s == nil {
		return "—"
	}
	return *s
}

// oneLine keeps a value from an input file on one line of a report and
// out of the terminal's control: control characters (escape sequences
// among them) and bidirectional overrides become spaces.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

func brands(n int) string { return plural(n, "brand", "brands") }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
