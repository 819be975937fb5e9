package benchcorpus

import (
	"fmt"
	"strings"
)

// words is the vocabulary of every page, the same as corpus.py's.
var words = strings.Fields(`integration capability omnichannel order inventory customer payment
operations event backbone gateway runbook incident governance vendor
connector cadence batch realtime loyalty store fulfilment return refund
platform commerce engineering discipline ownership monitoring alerting
catalog pricing promotion warehouse transport analytics reconciliation
latency coherence journey checkout basket profile consent identity`)

// codeSample is one fenced code block's language and body before the
// per-page substitutions that make every block differ.
type codeSample struct{ lang, code, comment string }

var codeSamples = []codeSample{
	{"go", "func rebuild(ctx context.Context, path string) error {\n\tif err := load(path); err != nil {\n\t\treturn fmt.Errorf(\"rebuild %s: %w\", path, err)\n\t}\n\treturn nil\n}", "// page %d"},
	{"json", "{\n  \"order\": \"A-1042\",\n  \"status\": \"picked\",\n  \"lines\": [{\"sku\": \"TR-88\", \"qty\": 2}]\n}", ""},
	{"yaml", "routes:\n  - from: oms.order.created\n    to: [wms, crm, loyalty]\n    retry: 5\n", "# page %d"},
	{"sql", "SELECT store_id, sum(on_hand) AS units\nFROM stock\nWHERE updated_at > now() - interval '5 minutes'\nGROUP BY store_id;", "-- page %d"},
}

// pageWriter builds one page's Markdown.
type pageWriter struct {
	r     *rng
	pages int // links point at pages below min(pages, 1000)
	b     strings.Builder
}

// Page returns the Markdown of page i of a corpus of the given number of
// pages: TOML front matter (title, weight, date, tags), about 700 words of
// prose with bold words and links to other pages, three headed sections
// with a list each, a GFM table and one fenced code block in Go, JSON,
// YAML or SQL. The same arguments always give the same bytes.
func Page(seed int64, pages, i int) []byte {
	w := &pageWriter{r: newRNG(seed*1_000_003 + int64(i)), pages: pages}
	w.page(i)
	return []byte(w.b.String())
}

// PagePath is the slash path, relative to the source folder, of page i.
func PagePath(i int) string { return fmt.Sprintf("content/bench/p%05d.md", i) }

// PageURL is the URL path at which page i is published.
func PageURL(i int) string { return fmt.Sprintf("/bench/p%05d/", i) }

func (w *pageWriter) line(format string, args ...any) {
	fmt.Fprintf(&w.b, format, args...)
	w.b.WriteByte('\n')
}

func (w *pageWriter) sentence(n int) string {
	r := w.r
	if n == 0 {
		n = r.between(8, 20)
	}
	ws := make([]string, n)
	for i := range ws {
		ws[i] = pick(r, words)
	}
	if r.chance(0.3) {
		i := r.intN(n)
		ws[i] = "**" + ws[i] + "**"
	}
	if r.chance(0.2) {
		i := r.intN(n)
		ws[i] = fmt.Sprintf("[%s](/bench/p%05d/)", ws[i], r.intN(min(w.pages, 1000)))
	}
	s := strings.Join(ws, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func (w *pageWriter) paragraph() string {
	n := w.r.between(3, 6)
	ss := make([]string, n)
	for i := range ss {
		ss[i] = w.sentence(0)
	}
	return strings.Join(ss, " ")
}

func titleCase(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

func (w *pageWriter) page(i int) {
	r := w.r
	title := make([]string, 4)
	for k := range title {
		title[k] = titleCase(pick(r, words))
	}
	w.line("+++")
	w.line("title = %q", fmt.Sprintf("%s %d", strings.Join(title, " "), i))
	w.line("weight = %d", i)
	w.line("date = 2026-%02d-%02d", 1+i%12, 1+i%28)
	w.line("tags = [%q, %q]", pick(r, words), pick(r, words))
	w.line("+++")
	w.line("")
	w.line("%s", w.paragraph())
	w.line("")
	for range 3 {
		h := w.sentence(4)
		w.line("## %s", h[:len(h)-1])
		w.line("")
		w.line("%s", w.paragraph())
		w.line("")
		for range 4 {
			w.line("- %s", w.sentence(6))
		}
		w.line("")
	}
	w.line("| system | cadence | owner |")
	w.line("|---|---|---|")
	for range 5 {
		w.line("| %s | %s | %s |", pick(r, words), pick(r, []string{"real-time", "hourly", "nightly"}), pick(r, words))
	}
	// Every block differs, so caching highlighted snippets by content
	// gains nothing here.
	s := codeSamples[i%len(codeSamples)]
	code := strings.ReplaceAll(s.code, "rebuild", "rebuild"+titleCase(pick(r, words)))
	code = strings.ReplaceAll(code, "A-1042", fmt.Sprintf("A-%d", i))
	code = strings.ReplaceAll(code, "oms.order", pick(r, words)+".order")
	code = strings.ReplaceAll(code, "5 minutes", fmt.Sprintf("%d minutes", 1+i%59))
	code += "\n" + strings.ReplaceAll(s.comment, "%d", fmt.Sprint(i))
	w.line("")
	w.line("```%s", s.lang)
	w.line("%s", strings.TrimRight(code, "\n"))
	w.line("```")
	w.line("")
	w.line("%s", w.paragraph())
}

// sectionIndex is content/bench/_index.md.
const sectionIndex = `+++
title = "Benchmark pages"
weight = 900
+++

Synthetic pages written by the benchmark corpus generator.
`
