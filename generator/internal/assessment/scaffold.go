package assessment

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"scorebook/generator/internal/model"
)

// SchemaFile is the name, inside assessments/, of the committed copy of
// the assessment JSON Schema that editors read; hidden, so that the loader
// and the watcher pass over it.
const SchemaFile = ".schema.json"

// commentWidth is where scaffold comments wrap.
const commentWidth = 78

// Scaffold returns the assessment file `scorebook new` writes for a brand:
// a #:schema directive naming ../SchemaFile for editors, then
// every dimension and criterion of the model, each criterion with its name,
// summary and level descriptions as comments and a commented-out
// "# <criterion> = " line to fill in, followed by commented examples of
// targets, use cases, journeys and operations. As written it decodes
// without errors: every criterion is simply not assessed yet. An empty
// brandName is replaced by the slug.
func Scaffold(m *model.Model, slug string, date time.Time, brandName string) []byte {
	if strings.TrimSpace(brandName) == "" {
		brandName = slug
	}
	w := &scaffold{}
	s := m.Scale
	// Taplo and Even Better TOML read the schema named here (relative to
	// this file) to complete ids and check levels while the assessor types.
	w.line("#:schema ../" + SchemaFile)
	w.comment(fmt.Sprintf("Assessment of %s on %s, against scoring model %s.", brandName, Date(date), m.Version))
	w.line("#")
	w.comment(fmt.Sprintf("Rate each criterion below: remove the \"# \" in front of its line and write a level from %d to %d.", s.Min, s.Max))
	var names []string
	for l := s.Min; l <= s.Max; l++ {
		names = append(names, levelLabel(m, l))
	}
	w.commentIndent("Levels: "+strings.Join(names, ", ")+".", "  ")
	crit := "on-call"
	if len(m.Dimensions) > 0 && len(m.Dimensions[0].Criteria) > 0 {
		crit = m.Dimensions[0].Criteria[0].ID
	}
	mid := s.Min + (s.Max-s.Min+1)/2
	w.comment("A level alone, a level with its evidence and your confidence in it, or an exemption for a criterion that does not apply:")
	w.line("#   " + crit + " = " + strconv.Itoa(mid))
	w.line("#   " + crit + " = { level = " + strconv.Itoa(mid) + `, evidence = "...", confidence = "high" }`)
	w.line("#   " + crit + ` = { exempt = true, reason = "..." }`)
	w.comment("A criterion left commented out counts as not assessed and lowers the coverage.")
	w.line("")

	w.line("brand = " + tomlString(brandName))
	w.line("assessed = " + Date(date))
	w.line(`# assessor = "Integration review board"`)
	w.example("platform", firstID(m.Platforms, func(p model.Platform) string { return p.ID }),
		ids(m.Platforms, func(p model.Platform) string { return p.ID }), "the commerce platform")
	patterns := ids(m.Patterns, func(p model.Pattern) string { return p.ID })
	w.example("pattern", firstID(m.Patterns, func(p model.Pattern) string { return p.ID }), patterns, "the current integration pattern")
	w.example("planned_pattern", lastID(patterns), patterns, "where the program is heading")
	w.line(`visibility = "listed"             # or "unlisted": shared only through a secret link`)
	w.line("# revenue_musd = 240              # annual omnichannel revenue, millions of US dollars")
	w.line("# integration_engineers = 3       # engineers working only on integration")
	w.line("# go_live = " + Date(date) + "            # when the current integration estate went live")
	w.line(`# summary = """Two or three sentences for the reader, in Markdown: what matters most and what happens next."""`)

	for _, d := range m.Dimensions {
		w.line("")
		w.rule('=')
		w.comment(fmt.Sprintf("%s (weight %g)", d.Name, d.Weight))
		if d.Summary != "" {
			w.commentIndent(d.Summary, "  ")
		}
		w.rule('=')
		w.line("[scores." + d.ID + "]")
		for _, c := range d.Criteria {
			w.line("")
			w.comment(fmt.Sprintf("%s (weight %g)", c.Name, c.Weight))
			if c.Summary != "" {
				w.commentIndent(c.Summary, "  ")
			}
			for i, text := range c.Levels {
				level := s.Min + i
				w.commentHanging(levelLabel(m, level)+": "+text, "  ", "    ")
			}
			w.line("# " + c.ID + " = ")
		}
	}

	w.line("")
	w.rule('=')
	w.comment("Optional sections: remove the \"# \" in front of the lines you use.")
	w.rule('=')
	w.line("")
	w.comment("Targets: the score the brand aims for in each dimension.")
	target := strconv.FormatFloat(float64(s.Min)+float64(s.Max-s.Min)*0.75, 'f', 1, 64)
	w.line("# [targets]")
	for _, d := range m.Dimensions {
		w.line("# " + d.ID + " = " + target)
	}
	if len(m.Domains) > 0 {
		w.line("")
		w.comment("Use cases and the cadence each runs at. domain: " + strings.Join(ids(m.Domains, func(d model.Domain) string { return d.ID }), ", ") +
			". cadence: " + strings.Join(cadenceIDs(m), ", ") + ".")
		domain := m.Domains[0]
		w.line("# [[use_cases]]")
		w.line(`# name = "What the integration does, in the customer's words"`)
		w.line("# domain = " + tomlString(domain.ID))
		w.line("# cadence = " + tomlString(cadenceFor(m, domain.Cadence)))
	}
	w.line("")
	w.comment("Journeys: customer-facing coherence tests, each run end to end; failures counts the runs in which the customer met an inconsistency.")
	w.line("# [[journeys]]")
	w.line(`# name = "Buy online, pick up in store, return by phone"`)
	w.line("# runs = 40")
	w.line("# failures = 3")
	w.line(`# notes = "Refund reached the card a day before the loyalty points were taken back"`)
	w.line("")
	w.comment("Operations: who runs the integrations once they are built.")
	w.line("# [operations]")
	w.line(`# owner = "Integration platform team"`)
	w.line("# runbooks_reviewed = " + Date(date))
	w.line("# on_call = true")
	w.line(`# estate_owner = "in-house"   # in-house, build-partner or managed-service`)
	w.line("# hypercare_ends = " + Date(date))
	w.line("")
	w.comment("Actions: the brand's own plan, one [[actions]] table each; the scorecard shows which steps to the next level they cover.")
	w.line("# [[actions]]")
	w.line(`# title = "What will be done"`)
	w.line("# criterion = " + tomlString(firstCriterion(m)) + "   # <dimension>.<criterion> it raises (optional)")
	w.line("# target = " + strconv.Itoa(mid) + "   # the level it aims for (optional)")
	w.line(`# owner = "Who owns it"`)
	w.line("# due = " + Date(date.AddDate(0, 3, 0)))
	w.line(`# status = "planned"   # planned, in-progress, done or dropped`)
	return w.buf.Bytes()
}

// levelLabel is "2 Practised", or "2" when the scale names no levels.
func levelLabel(m *model.Model, level int) string {
	name, num := m.LevelName(level), strconv.Itoa(level)
	if name == num {
		return num
	}
	return num + " " + name
}

type scaffold struct{ buf bytes.Buffer }

func (w *scaffold) line(s string) {
	w.buf.WriteString(s)
	w.buf.WriteByte('\n')
}

func (w *scaffold) rule(c byte) {
	w.line("# " + strings.Repeat(string(c), commentWidth-2))
}

func (w *scaffold) comment(text string) { w.commentHanging(text, "", "") }

func (w *scaffold) commentIndent(text, indent string) { w.commentHanging(text, indent, indent) }

// commentHanging writes text as comment lines wrapped at commentWidth, the
// first line indented by first and the others by rest.
func (w *scaffold) commentHanging(text, first, rest string) {
	indent := first
	for _, para := range strings.Split(clean(text), "\n") {
		line := "# " + indent
		empty := true
		for _, word := range strings.Fields(para) {
			if !empty && len(line)+1+len(word) > commentWidth {
				w.line(line)
				indent = rest
				line, empty = "# "+indent, true
			}
			if !empty {
				line += " "
			}
			line += word
			empty = false
		}
		w.line(strings.TrimRight(line, " "))
		indent = rest
	}
}

// example writes a commented-out top-level reference with the valid ids.
func (w *scaffold) example(key, value string, valid []string, what string) {
	if value == "" {
		return
	}
	l := fmt.Sprintf("# %s = %s", key, tomlString(value))
	l += strings.Repeat(" ", max(1, 34-len(l))) + "# " + what
	if len(valid) > 0 && len(valid) <= maxListed {
		l += ": " + strings.Join(valid, ", ")
	}
	w.line(l)
}

// clean removes control characters, which TOML does not allow in comments,
// keeping line breaks (each becomes a new comment line).
func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		if r == '\n' {
			return r
		}
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case unicode.IsControl(r):
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func firstID[T any](list []T, id func(T) string) string {
	if len(list) == 0 {
		return ""
	}
	return id(list[0])
}

func lastID(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	return ids[len(ids)-1]
}

func cadenceIDs(m *model.Model) []string {
	cadences := m.Cadences
	if len(cadences) == 0 {
		cadences = model.DefaultCadences()
	}
	return ids(cadences, func(c model.Cadence) string { return c.ID })
}

// cadenceFor returns the first cadence of the given class, so the example
// use case is not itself a cadence mismatch.
func cadenceFor(m *model.Model, class string) string {
	cadences := m.Cadences
	if len(cadences) == 0 {
		cadences = model.DefaultCadences()
	}
	for _, c := range cadences {
		if c.Class == class {
			return c.ID
		}
	}
	return cadences[0].ID
}

// firstCriterion is the model's first criterion as an action names it.
func firstCriterion(m *model.Model) string {
	for _, d := range m.Dimensions {
		if len(d.Criteria) > 0 {
			return d.ID + "." + d.Criteria[0].ID
		}
	}
	return "operations.runbooks"
}
