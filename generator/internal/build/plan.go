package build

import (
	"strings"

	"scorebook/generator/internal/diag"
	"scorebook/generator/internal/incr"
	"scorebook/generator/internal/site"
)

// job is one output to render or reuse: its key, the hash of what it is
// rendered with (the renderer's identity) and of the value it is rendered
// from, and the key of the file the last build published at its path
// ("" for none). A job whose key is the published one is reused without
// rendering.
type job struct {
	out  *site.Output
	key  string
	prev string
	at   int // the output's index in plan.outputs
}

// plan is what one build publishes.
type plan struct {
	outputs []*site.Output // every output of the site
	// jobs are the outputs to render or reuse: every output, or, after a
	// build of the same Engine, those that are not the same *site.Output
	// as then (package site keeps an unchanged output's pointer).
	jobs []job
	// removed lists the paths the last build published that no output of
	// this one has.
	removed []string
	// keys holds every output's key by path, when the build made it whole
	// (every output a job); nil when it changes the ledger's.
	keys map[string]string
	// added holds the paths of the jobs, when the plan changes the ledger's.
	added map[string]*site.Output
	// gone are the last build's outputs that this one does not have.
	gone       []*site.Output
	removedSet map[string]bool // removed, when the plan changes the ledger's
	// planned holds each output's entry in the ledger, by index in
	// outputs, once committed: nil for a job until then.
	planned []*planned
	pages   int // the outputs that are HTML pages
}

// has reports whether the build publishes a file at rel.
func (p *plan) has(l *ledger, rel string) bool {
	if p.keys != nil {
		_, ok := p.keys[rel]
		return ok
	}
	if _, ok := p.added[rel]; ok {
		return true
	}
	_, ok := l.keys[rel]
	return ok && !p.removedSet[rel]
}

// ledger is what an Engine remembers of the last build it published:
// every file's key by path, and, in an Engine that builds again (the dev
// server), every output with its key, so that the next build keys only
// the outputs that are new pointers.
type ledger struct {
	renderer string
	keys     map[string]string // by path: every published file's key
	outs     map[*site.Output]*planned
	at       map[string]*site.Output // by path
	gen      int
	// order is the last build's outputs in the site's order, with their
	// entries of outs: an output at the same index as then is found
	// without a lookup in outs, which for a site of 100,000 outputs was
	// most of what planning an edit cost. It lists exactly the outputs
	// that are keys of outs.
	order        []*site.Output
	orderPlanned []*planned
	pages        int // the outputs of order that are HTML pages
}

type planned struct {
	key string
	gen int // the last build that had the output
}

// plan keys the outputs and refuses two outputs at one path, naming what
// asks for each. It changes nothing until commit.
func (e *Engine) plan(outs []*site.Output, renderer string) (*plan, error) {
	l := &e.ledger
	l.gen++
	if l.outs == nil || l.renderer != renderer || e.opts.Mode != InPlace {
		return e.planWhole(outs, renderer)
	}
	p := &plan{outputs: outs, added: map[string]*site.Output{}, planned: make([]*planned, len(outs)), pages: l.pages}
	var errs diag.List
	seen := 0
	var fresh []int // indices in outs
	for i, o := range outs {
		var pl *planned
		if i < len(l.order) && l.order[i] == o {
			pl = l.orderPlanned[i]
		} else {
			pl = l.outs[o]
		}
		if pl != nil {
			pl.gen = l.gen
			p.planned[i] = pl
			seen++
		} else {
			fresh = append(fresh, i)
		}
	}
	if seen < len(l.outs) {
		// Some of the last build's are gone: the list finds them
		// quicker than the map would.
		for i, o := range l.order {
			if l.orderPlanned[i].gen != l.gen {
				p.gone = append(p.gone, o)
				p.pages -= pageCount(o)
			}
		}
	}
	for _, i := range fresh {
		o := outs[i]
		if other := p.added[o.Rel]; other != nil {
			collide(&errs, other, o)
			continue
		}
		old := l.at[o.Rel]
		if old != nil && l.outs[old].gen == l.gen {
			collide(&errs, old, o)
			continue
		}
		p.added[o.Rel] = o
		p.pages += pageCount(o)
		key := ""
		if old != nil && old.In == o.In {
			key = l.outs[old].key
		} else {
			key = keyOf(renderer, o.In)
		}
		p.jobs = append(p.jobs, job{out: o, key: key, prev: l.keys[o.Rel], at: i})
	}
	for _, o := range p.gone {
		if _, ok := p.added[o.Rel]; !ok {
			p.removed = append(p.removed, o.Rel)
		}
	}
	if errs.HasErrors() {
		// Reported as a whole plan reports them, in the site's order.
		return e.planWhole(outs, renderer)
	}
	if len(p.removed) > 0 {
		p.removedSet = make(map[string]bool, len(p.removed))
		for _, rel := range p.removed {
			p.removedSet[rel] = true
		}
	}
	return p, nil
}

// planWhole keys every output: the first build of an Engine, and any
// build after the layouts or the converter's settings changed.
func (e *Engine) planWhole(outs []*site.Output, renderer string) (*plan, error) {
	l := &e.ledger
	p := &plan{outputs: outs, jobs: make([]job, 0, len(outs)), keys: make(map[string]string, len(outs))}
	at := make(map[string]*site.Output, len(outs))
	var errs diag.List
	for i, o := range outs {
		if other := at[o.Rel]; other != nil {
			collide(&errs, other, o)
			continue
		}
		at[o.Rel] = o
		p.pages += pageCount(o)
		key := ""
		if old := l.at[o.Rel]; old != nil && l.renderer == renderer && old.In == o.In {
			key = l.outs[old].key
		} else {
			key = keyOf(renderer, o.In)
		}
		p.keys[o.Rel] = key
		p.jobs = append(p.jobs, job{out: o, key: key, prev: l.keys[o.Rel], at: i})
	}
	for rel := range l.keys {
		if _, ok := p.keys[rel]; !ok {
			p.removed = append(p.removed, rel)
		}
	}
	if errs.HasErrors() {
		errs.Sort()
		return nil, errs.Err()
	}
	return p, nil
}

// commit makes the plan the ledger's, once its build is published.
func (e *Engine) commit(p *plan, renderer string) {
	l := &e.ledger
	if p.keys != nil {
		l.keys, l.renderer = p.keys, renderer
		if e.opts.Mode != InPlace {
			return // it builds once, or keys every output each time (the stamp needs them)
		}
		l.outs = make(map[*site.Output]*planned, len(p.jobs))
		l.at = make(map[string]*site.Output, len(p.jobs))
		l.order, l.orderPlanned = make([]*site.Output, len(p.jobs)), make([]*planned, len(p.jobs))
		l.pages = p.pages
		for i, j := range p.jobs {
			pl := &planned{key: j.key, gen: l.gen}
			l.outs[j.out] = pl
			l.at[j.out.Rel] = j.out
			l.order[i], l.orderPlanned[i] = j.out, pl
		}
		return
	}
	for _, o := range p.gone {
		delete(l.outs, o)
		if l.at[o.Rel] == o {
			delete(l.at, o.Rel)
		}
	}
	for _, rel := range p.removed {
		delete(l.keys, rel)
	}
	for _, j := range p.jobs {
		pl := &planned{key: j.key, gen: l.gen}
		l.outs[j.out] = pl
		l.at[j.out.Rel] = j.out
		l.keys[j.out.Rel] = j.key
		p.planned[j.at] = pl
	}
	l.order, l.orderPlanned, l.pages = p.outputs, p.planned, p.pages
}

// pageCount is 1 for an output that is an HTML page, else 0.
func pageCount(o *site.Output) int {
	if o.Page {
		return 1
	}
	return 0
}

func keyOf(renderer string, in site.Input) string { return incr.Hash(renderer, incr.Key(in)) }

// collide reports two outputs at one path.
func collide(errs *diag.List, a, b *site.Output) {
	errs.Add(sourceOf(a, b), 0, 0, "%s and %s would both be published at %s; rename or move one of them",
		describe(a), describe(b), b.Rel)
}

// sourceOf names the source file a collision is reported at: the one of
// the two outputs that comes from a file, the playbook's first.
func sourceOf(a, b *site.Output) string {
	for _, o := range []*site.Output{a, b} {
		if o.Markdown != nil {
			return o.Markdown.Path
		}
	}
	for _, o := range []*site.Output{a, b} {
		if isPath(o.Source) {
			return o.Source
		}
	}
	return a.Source
}

// describe says what asks for an output, for a collision message.
func describe(o *site.Output) string {
	if isPath(o.Source) {
		return o.Source
	}
	return o.Source + " (generated)"
}

func isPath(source string) bool { return !strings.Contains(source, " ") }
