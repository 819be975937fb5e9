// Package schema writes the JSON Schema (draft 2020-12) of an assessment
// file for a scoring model, so that editors reading JSON Schema for TOML
// (Taplo, Even Better TOML) complete dimension and criterion ids, show each
// criterion's level descriptions on hover, and mark a level off the scale or
// an unknown key while the assessor types. It is pure: a model in, JSON out.
//
// TOML dates are described as strings in "date" format, the way Taplo maps
// them to JSON. The schema rejects what `scorebook check` rejects wherever a
// schema can say it; what it cannot say (a date that disagrees with the file
// name, more failures than runs) is left to check.
package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"scorebook/generator/internal/assessment"
	"scorebook/generator/internal/model"
)

// Draft is the JSON Schema dialect the schema declares.
const Draft = "https://json-schema.org/draft/2020-12/schema"

// File is the slash path, relative to the site source, of the copy a
// repository may commit for editors; `scorebook check` fails when that
// copy is stale. The site publishes the schema at routes.AssessmentSchema.
const File = assessment.Dir + "/" + assessment.SchemaFile

// object is a JSON object; encoding/json writes its keys sorted, so the
// output is the same for the same model.
type object = map[string]any

// Assessment returns the schema of an assessment file under m, indented,
// ending in a newline.
func Assessment(m *model.Model) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ") // and <, > and & escaped, as every JSON file of the site
	if err := enc.Encode(document(m)); err != nil {
		panic(err) // maps of strings, numbers and slices always encode
	}
	return buf.Bytes()
}

func document(m *model.Model) object {
	s := &builder{m: m}
	props := object{
		"brand":                 describe(nonEmpty(), "The brand's display name. Required."),
		"assessed":              describe(date(), "The assessment's date, a TOML date without quotes; it must equal the file name's date. Required."),
		"assessor":              describe(object{"type": "string"}, "Who made the assessment."),
		"platform":              s.enum(ids(m.Platforms, func(p model.Platform) string { return p.ID }), "The commerce platform, a model platform id."),
		"pattern":               s.enum(s.patterns(), "The current integration pattern, a model pattern id."),
		"planned_pattern":       s.enum(s.patterns(), "The pattern the program is heading for, a model pattern id."),
		"visibility":            describe(object{"enum": []string{assessment.Listed, assessment.Unlisted}}, `"listed" (the default) or "unlisted": published only under a secret link.`),
		"revenue_musd":          describe(object{"type": "number", "minimum": 0}, "Annual omnichannel revenue in millions of US dollars."),
		"integration_engineers": describe(object{"type": "integer", "minimum": 0}, "Engineers working only on integration."),
		"summary":               describe(object{"type": "string"}, "Two or three sentences for the reader, in Markdown."),
		"go_live":               describe(date(), "When the current integration estate went live, a TOML date."),
		"scores":                s.scores(),
		"targets":               s.targets(),
		"use_cases":             s.useCases(),
		"journeys":              journeys(),
		"operations":            operations(),
		"actions":               s.actions(),
	}
	return object{
		"$schema":              Draft,
		"title":                "scorebook assessment (model " + m.Version + ")",
		"description":          "One dated assessment of one brand: assessments/<brand-slug>/<YYYY-MM-DD>.toml, scored against model " + m.Version + ".",
		"type":                 "object",
		"required":             []string{"brand", "assessed"},
		"properties":           props,
		"additionalProperties": false,
	}
}

type builder struct {
	m *model.Model
}

func describe(o object, text string) object {
	o["description"] = text
	return o
}

// markdown sets the plain and the Markdown description, for editors that
// show either on hover.
func markdown(o object, plain, md string) object {
	o["description"] = plain
	o["markdownDescription"] = md
	return o
}

func nonEmpty() object {
	return object{"type": "string", "pattern": `\S`}
}

func date() object {
	return object{"type": "string", "format": "date"}
}

func closed(props object, required ...string) object {
	o := object{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		o["required"] = required
	}
	return o
}

func (s *builder) enum(values []string, text string) object {
	return describe(object{"type": "string", "enum": nonNil(values)}, text)
}

func nonNil(values []string) []string {
	if values == nil {
		return []string{}
	}
	return values
}

func ids[T any](list []T, id func(T) string) []string {
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = id(x)
	}
	return out
}

func (s *builder) patterns() []string {
	return ids(s.m.Patterns, func(p model.Pattern) string { return p.ID })
}

func (s *builder) level() object {
	return object{"type": "integer", "minimum": s.m.Scale.Min, "maximum": s.m.Scale.Max}
}

// levels describes the scale, one level a line: "0 Ad hoc: ...".
func (s *builder) levels(c *model.Criterion, md bool) string {
	var b strings.Builder
	for i, text := range c.Levels {
		l := s.m.Scale.Min + i
		name := s.m.LevelName(l)
		label := fmt.Sprint(l)
		if name != label {
			label += " " + name
		}
		if md {
			fmt.Fprintf(&b, "- **%s**: %s\n", label, text)
		} else {
			fmt.Fprintf(&b, "%s: %s\n", label, text)
		}
	}
	return b.String()
}

// rating is the schema of one criterion: its short form, long form or
// exemption, described with the criterion's levels.
func (s *builder) rating(d *model.Dimension, c *model.Criterion) object {
	long := closed(object{
		"level":      s.level(),
		"evidence":   describe(object{"type": "string"}, "What the level rests on."),
		"confidence": describe(object{"enum": assessment.Confidences}, "How sure the assessor is of the level."),
		"exempt":     object{"const": false},
	}, "level")
	exempt := closed(object{
		"exempt":     object{"const": true},
		"reason":     describe(nonEmpty(), "Why the criterion does not apply."),
		"evidence":   object{"type": "string"},
		"confidence": object{"enum": assessment.Confidences},
	}, "exempt", "reason")
	head := fmt.Sprintf("%s (%s.%s, weight %g)", c.Name, d.ID, c.ID, c.Weight)
	plain := head + "\n"
	md := "**" + c.Name + "** (`" + d.ID + "." + c.ID + "`, weight " + fmt.Sprintf("%g", c.Weight) + ")\n\n"
	if c.Summary != "" {
		plain += c.Summary + "\n"
		md += c.Summary + "\n\n"
	}
	plain += fmt.Sprintf("A level from %d to %d, { level = N, evidence = \"...\", confidence = \"high\" }, or { exempt = true, reason = \"...\" }.\n", s.m.Scale.Min, s.m.Scale.Max)
	plain += s.levels(c, false)
	md += s.levels(c, true)
	return markdown(object{"anyOf": []any{s.level(), long, exempt}}, strings.TrimSpace(plain), strings.TrimSpace(md))
}

func (s *builder) scores() object {
	dims := object{}
	for i := range s.m.Dimensions {
		d := &s.m.Dimensions[i]
		crits := object{}
		for j := range d.Criteria {
			crits[d.Criteria[j].ID] = s.rating(d, &d.Criteria[j])
		}
		text := fmt.Sprintf("%s (weight %g)", d.Name, d.Weight)
		md := fmt.Sprintf("**%s** (weight %g)", d.Name, d.Weight)
		if d.Summary != "" {
			text += "\n" + d.Summary
			md += "\n\n" + d.Summary
		}
		dims[d.ID] = markdown(closed(crits), text, md)
	}
	return describe(closed(dims), "Criterion levels by dimension: [scores.<dimension>] then <criterion> = level.")
}

func (s *builder) targets() object {
	dims := object{}
	for _, d := range s.m.Dimensions {
		dims[d.ID] = describe(object{"type": "number", "minimum": s.m.Scale.Min, "maximum": s.m.Scale.Max},
			fmt.Sprintf("Target score for %s, from %d to %d.", d.Name, s.m.Scale.Min, s.m.Scale.Max))
	}
	return describe(closed(dims), "The score each dimension aims for.")
}

func (s *builder) useCases() object {
	cadences := s.m.Cadences
	if len(cadences) == 0 {
		cadences = model.DefaultCadences()
	}
	item := closed(object{
		"name":    describe(nonEmpty(), "What the integration does."),
		"domain":  s.enum(ids(s.m.Domains, func(d model.Domain) string { return d.ID }), "The use-case domain, a model domain id."),
		"cadence": s.enum(ids(cadences, func(c model.Cadence) string { return c.ID }), "How often the integration runs."),
	}, "name", "domain", "cadence")
	return describe(object{"type": "array", "items": item}, "Integration use cases with the cadence each runs at: [[use_cases]].")
}

func journeys() object {
	item := closed(object{
		"name":     describe(nonEmpty(), "The customer journey, run end to end."),
		"runs":     describe(object{"type": "integer", "minimum": 1}, "How many times the journey was run."),
		"failures": describe(object{"type": "integer", "minimum": 0}, "Runs in which the customer met an inconsistency (at most runs)."),
		"notes":    object{"type": "string"},
	}, "name", "runs")
	return describe(object{"type": "array", "items": item}, "Customer-facing coherence tests: [[journeys]].")
}

func operations() object {
	return describe(closed(object{
		"owner":             describe(nonEmpty(), "The team that runs the integrations."),
		"runbooks_reviewed": describe(date(), "When the runbooks were last reviewed, a TOML date."),
		"on_call":           describe(object{"type": "boolean"}, "Whether someone is on call for the integrations."),
		"estate_owner":      describe(object{"enum": assessment.EstateOwners}, "Who runs the estate day to day: the brand's own team (in-house), the firm that built it (build-partner) or a partner contracted to run it (managed-service)."),
		"hypercare_ends":    describe(date(), "When the build partner's post-launch support ends or ended, a TOML date."),
	}), "Who runs the integrations once they are built: [operations].")
}

func (s *builder) actions() object {
	var criteria []string
	for _, d := range s.m.Dimensions {
		for _, c := range d.Criteria {
			criteria = append(criteria, d.ID+"."+c.ID)
		}
	}
	item := closed(object{
		"title":     describe(nonEmpty(), "What will be done."),
		"criterion": s.enum(criteria, "The criterion the action raises, as <dimension>.<criterion>."),
		"target":    describe(s.level(), "The level the action aims for."),
		"owner":     describe(object{"type": "string"}, "Who owns the action."),
		"due":       describe(date(), "When it is due, a TOML date."),
		"status":    describe(object{"enum": assessment.ActionStatuses}, "planned, in-progress, done or dropped."),
	}, "title", "status")
	// A target is the level of the action's criterion: it needs one.
	item["dependentRequired"] = object{"target": []string{"criterion"}}
	return describe(object{"type": "array", "items": item}, "The brand's improvement plan: [[actions]].")
}
