package search_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"scorebook/generator/internal/search"
)

func TestTerms_LowercaseWordsOfTwoOrMoreLetters(t *testing.T) {
	got := search.Terms("Hub-and-spoke: a 2026 iPaaS, Café x")
	want := []string{"hub", "and", "spoke", "2026", "ipaas", "café"}
	if !slices.Equal(got, want) {
		t.Errorf("Terms = %q, want %q", got, want)
	}
}

// reader parses the index's files back, as the search script sees them.
type reader struct {
	entry  map[string]json.RawMessage
	terms  map[string][]int
	pages  map[int][][4]string
	shards [][3]string       // first term, last term, name
	shard  map[string]string // term → the shard holding it
}

func read(t *testing.T, ix *search.Index) *reader {
	t.Helper()
	r := &reader{terms: map[string][]int{}, pages: map[int][][4]string{}, shard: map[string]string{}}
	for _, f := range ix.Files {
		s := string(f.Data)
		open := strings.IndexByte(s, '(')
		if !strings.HasPrefix(s, "scorebookSearch.") || open < 0 || !strings.HasSuffix(s, ");\n") {
			t.Fatalf("%s is not a call: %.60s", f.Path, s)
		}
		fn, args := s[len("scorebookSearch."):open], "["+s[open+1:len(s)-3]+"]"
		var raw []json.RawMessage
		if err := json.Unmarshal([]byte(args), &raw); err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		switch fn {
		case "index":
			if f.Path != search.Entry {
				t.Errorf("index call in %s", f.Path)
			}
			json.Unmarshal(raw[0], &r.entry)
			if terms, ok := r.entry["terms"]; ok {
				json.Unmarshal(terms, &r.terms)
			}
			json.Unmarshal(r.entry["shards"], &r.shards)
		case "shard":
			var n string
			var terms map[string][]int
			json.Unmarshal(raw[0], &n)
			json.Unmarshal(raw[1], &terms)
			if f.Path != search.ShardPath(n) {
				t.Errorf("shard %s in %s", n, f.Path)
			}
			for term, p := range terms {
				if _, dup := r.terms[term]; dup {
					t.Errorf("term %q in two shards", term)
				}
				r.terms[term] = p
				r.shard[term] = n
			}
		case "pages":
			var n int
			var rows [][4]string
			json.Unmarshal(raw[0], &n)
			json.Unmarshal(raw[1], &rows)
			if f.Path != search.ChunkPath(n) {
				t.Errorf("chunk %d in %s", n, f.Path)
			}
			r.pages[n] = rows
		default:
			t.Errorf("%s calls %s", f.Path, fn)
		}
	}
	if r.entry == nil {
		t.Fatal("no entry file")
	}
	// Each shard's range in the entry file holds exactly its terms, and
	// the ranges follow each other.
	for term, n := range r.shard {
		i := slices.IndexFunc(r.shards, func(s [3]string) bool { return s[2] == n })
		if i < 0 || term < r.shards[i][0] || term > r.shards[i][1] {
			t.Errorf("term %q in shard %s is outside its range", term, n)
		}
	}
	for i := 1; i < len(r.shards); i++ {
		if r.shards[i][0] <= r.shards[i-1][1] {
			t.Errorf("shard ranges %q and %q overlap", r.shards[i-1], r.shards[i])
		}
	}
	return r
}

// rank returns the titles of the pages holding every word (each as a
// prefix), best first, as the search script ranks them.
func (r *reader) rank(t *testing.T, chunk int, query string) []string {
	t.Helper()
	total := map[int]int{}
	for i, w := range search.Terms(query) {
		best := map[int]int{}
		for term, p := range r.terms {
			if !strings.HasPrefix(term, w) {
				continue
			}
			for j := 0; j < len(p); j += 2 {
				s := p[j+1]
				if term != w {
					s /= 2
				}
				best[p[j]] = max(best[p[j]], s)
			}
		}
		for page := range total {
			if _, ok := best[page]; !ok {
				delete(total, page)
			}
		}
		for page, s := range best {
			if _, ok := total[page]; ok || i == 0 {
				total[page] += s
			}
		}
	}
	pages := make([]int, 0, len(total))
	for p := range total {
		pages = append(pages, p)
	}
	slices.SortFunc(pages, func(a, b int) int { return total[b] - total[a] })
	var titles []string
	for _, p := range pages {
		titles = append(titles, r.pages[p/chunk][p%chunk][1])
	}
	return titles
}

var docs = []search.Document{
	{URL: "/body/", Title: "Runbooks", Text: "An owner keeps the event backbone healthy."},
	{URL: "/heading/", Title: "Operations", Headings: []string{"The event backbone"}, Text: "Queues and topics."},
	{URL: "/title/", Title: "Event backbone", Text: "Publish every change once."},
	{URL: "/other/", Title: "Teams", Text: "Nothing about it."},
}

func TestBuild_RanksTitleOverHeadingOverBody(t *testing.T) {
	r := read(t, search.Build(docs, search.Options{}))
	if got, want := r.rank(t, 8, "event backbone"), []string{"Event backbone", "Operations", "Runbooks"}; !slices.Equal(got, want) {
		t.Errorf("ranked %q, want %q", got, want)
	}
	if got := r.rank(t, 8, "back"); len(got) != 3 {
		t.Errorf("prefix back found %q", got)
	}
	if got := r.rank(t, 8, "event teams"); len(got) != 0 {
		t.Errorf("two words no page holds both found %q", got)
	}
	if r.shards != nil || len(r.terms) == 0 {
		t.Errorf("a small index is split: shards %q", r.shards)
	}
	if row := r.pages[0][2]; row != [4]string{"/title/", "Event backbone", "", "Publish every change once."} {
		t.Errorf("page row = %q", row)
	}
}

func TestBuild_SplitsPastTheCapIntoTermRanges(t *testing.T) {
	var many []search.Document
	for i := range 300 {
		many = append(many, search.Document{
			URL:   fmt.Sprintf("/p%d/", i),
			Title: fmt.Sprintf("Page %d", i),
			Text:  fmt.Sprintf("alpha%d beta%d gamma%d shared words here", i, i*7, i*13),
		})
	}
	opts := search.Options{ShardBytes: 4 << 10, ChunkPages: 50}
	ix := search.Build(many, opts)
	r := read(t, ix)
	if len(r.shards) < 3 || r.entry["terms"] != nil {
		t.Fatalf("shards %q; want the terms split", r.shards)
	}
	for _, f := range ix.Files {
		if strings.Contains(f.Path, "/t-") && len(f.Data) > opts.ShardBytes+64 {
			t.Errorf("%s is %d bytes, over the cap of %d", f.Path, len(f.Data), opts.ShardBytes)
		}
	}
	if len(r.pages) != 6 {
		t.Errorf("%d page chunks, want 6 of 50", len(r.pages))
	}
	if len(r.terms) != ix.Terms {
		t.Errorf("shards hold %d terms, the index %d", len(r.terms), ix.Terms)
	}
	if got := r.rank(t, 50, "gamma1300"); !slices.Equal(got, []string{"Page 100"}) {
		t.Errorf("gamma1300 found %q", got)
	}
	if got := r.rank(t, 50, "shared"); len(got) != 300 {
		t.Errorf("shared found %d pages", len(got))
	}
	if ix.Size() <= 0 {
		t.Error("no size")
	}
	again := search.Build(many, opts)
	for i := range ix.Files {
		if ix.Files[i].Path != again.Files[i].Path || string(ix.Files[i].Data) != string(again.Files[i].Data) {
			t.Fatalf("two builds differ at %s", ix.Files[i].Path)
		}
	}
}

func TestBuild_CapsSnippetTextNotTheIndex(t *testing.T) {
	long := strings.Repeat("filler ", 2000) + "needle"
	r := read(t, search.Build([]search.Document{{URL: "/a/", Title: "A", Text: long}}, search.Options{TextRunes: 100}))
	if got := r.rank(t, 8, "needle"); !slices.Equal(got, []string{"A"}) {
		t.Errorf("a word past the text cap is not indexed: %q", got)
	}
	if text := r.pages[0][0][3]; len(text) > 100 || strings.Contains(text, "needle") {
		t.Errorf("text kept = %d bytes", len(text))
	}
}

// TestBuilder_EditsGiveWhatABuildFromNothingGives edits, adds and removes
// documents of a large index through one Builder, and after each step
// compares its files with a fresh Build of the same documents; an edit
// rewrites only a few files.
func TestBuilder_EditsGiveWhatABuildFromNothingGives(t *testing.T) {
	opts := search.Options{ShardBytes: 2 << 10, ChunkPages: 10}
	var many []search.Document
	for i := range 200 {
		many = append(many, search.Document{URL: fmt.Sprintf("/p%d/", i), Title: fmt.Sprintf("Page %d", i),
			Text: fmt.Sprintf("alpha%d beta%d gamma%d shared words here", i, i*7, i*13)})
	}
	keys := make([]string, len(many))
	for i := range keys {
		keys[i] = fmt.Sprint(i, "v0")
	}
	b := search.NewBuilder(opts)
	var built []string // the keys of the last build
	build := func() *search.Index {
		var same func(int) bool
		if prev := built; prev != nil {
			same = func(i int) bool { return keys[i] == prev[i] }
		}
		built = slices.Clone(keys)
		return b.Build(len(many), same, func(i int) search.Document { return many[i] })
	}
	same := func(step string, got *search.Index) map[string]string {
		t.Helper()
		want := search.Build(many, opts)
		sums := map[string]string{}
		if len(got.Files) != len(want.Files) || got.Terms != want.Terms {
			t.Fatalf("%s: %d files, %d terms; a fresh build has %d, %d", step, len(got.Files), got.Terms, len(want.Files), want.Terms)
		}
		for i := range want.Files {
			if got.Files[i].Path != want.Files[i].Path || string(got.Files[i].Data) != string(want.Files[i].Data) || got.Files[i].Sum != want.Files[i].Sum {
				t.Fatalf("%s: %s differs from a fresh build's %s", step, got.Files[i].Path, want.Files[i].Path)
			}
			sums[got.Files[i].Path] = got.Files[i].Sum
		}
		read(t, got)
		return sums
	}
	before := same("first build", build())
	for step, edit := range []func(){
		func() { many[17].Text += " a brand new word zebra" },
		func() { many[3].Title = "Retitled" },
		func() { many[150].Text = "nothing else" },
		func() { many[60].Headings = []string{"alpha60 again"} },
	} {
		edit()
		for i := range keys {
			keys[i] = fmt.Sprint(i, "v", step+1, many[i].Title, many[i].Text, many[i].Headings)
		}
		after := same(fmt.Sprint("edit ", step), build())
		changed := 0
		for path, sum := range after {
			if before[path] != sum {
				changed++
			}
		}
		if changed == 0 || changed > len(after)/3 {
			t.Errorf("edit %d rewrote %d of %d files", step, changed, len(after))
		}
		before = after
	}
	many = append(many[:5], many[6:]...)
	keys = append(keys[:5], keys[6:]...)
	same("a document removed", build())
	if again := build(); len(again.Files) == 0 {
		t.Fatal("an unchanged build has no files")
	}
}
