package build

import (
	"strings"

	"scorebook/generator/internal/diag"
	"scorebook/generator/internal/incr"
	"scorebook/generator/internal/site"
)

// job is one output with its key: the hash of what it is rendered with
// (the renderer's identity) and of the value it is rendered from. A job
// whose key matches the last build's is reused without rendering.
type job struct {
	out site.Output
	key string
}

// keyed is what an output's key is derived from.
type keyed struct {
	renderer string
	in       site.Input
}

// plan keys every output, and refuses two outputs at one path, naming
// what asks for each.
func (e *Engine) plan(outs []site.Output, renderer string) ([]job, error) {
	e.keys.Begin()
	jobs := make([]job, len(outs))
	at := make(map[string]int, len(outs))
	var errs diag.List
	for i, o := range outs {
		if j, dup := at[o.Rel]; dup {
			errs.Add(sourceOf(outs[j], o), 0, 0, "%s and %s would both be published at %s; rename or move one of them",
				describe(outs[j]), describe(o), o.Rel)
			continue
		}
		at[o.Rel] = i
		jobs[i] = job{out: o, key: e.keys.Get(o.Rel, keyed{renderer, o.In}, keyOf)}
	}
	e.keys.Sweep()
	if errs.HasErrors() {
		errs.Sort()
		return nil, errs.Err()
	}
	return jobs, nil
}

func keyOf(k keyed) string { return incr.Hash(k.renderer, incr.Key(k.in)) }

// sourceOf names the source file a collision is reported at: the one of
// the two outputs that comes from a file, the playbook's first.
func sourceOf(a, b site.Output) string {
	for _, o := range []site.Output{a, b} {
		if o.Markdown != nil {
			return o.Markdown.Path
		}
	}
	for _, o := range []site.Output{a, b} {
		if isPath(o.Source) {
			return o.Source
		}
	}
	return a.Source
}

// describe says what asks for an output, for a collision message.
func describe(o site.Output) string {
	if isPath(o.Source) {
		return o.Source
	}
	return o.Source + " (generated)"
}

func isPath(source string) bool { return !strings.Contains(source, " ") }
