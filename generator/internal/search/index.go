// Package search builds the site's full-text search index: pure, documents
// in, files out. The files are JavaScript that hand their data to a global
// function, so that the search page loads them with <script src> and works
// from a plain folder (file://), where fetch cannot read files.
//
// The index is split the way Pagefind splits its own: a small entry file,
// term shards loaded only for the words typed, and page chunks (title,
// address, text for snippets) loaded only for the results shown. The terms
// go in the entry file while they fit under a cap; past it they are split
// into shards of consecutive terms in sorted order, each under the cap (a
// single term's postings larger than the cap make a shard of their own),
// and the entry file lists each shard's first and last term, so that a
// word, which matches the terms it begins, needs only the shards whose
// range holds such terms.
//
//	search/index.js     scorebookSearch.index({v, pages, chunk, shards: [[first, last], ...] | terms})
//	search/t-<n>.js     scorebookSearch.shard(n, {term: [page, score, ...]})
//	search/p-<n>.js     scorebookSearch.pages(n, [[url, title, section, text], ...])
package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Dir is the folder of the site the index files are written to, and Entry
// the file a page loads first.
const (
	Dir   = "search"
	Entry = Dir + "/index.js"
)

// Format is the version of the files' layout, for the script that reads them.
const Format = 1

// Document is one page to index: its address, title, the section it belongs
// to (shown beside the result), the texts of its headings and its body as
// plain text.
type Document struct {
	URL      string
	Title    string
	Section  string
	Headings []string
	Text     string
}

// Options set the limits of the index; the zero value takes the defaults.
type Options struct {
	// ShardBytes caps the encoded terms kept in the entry file, and each
	// shard once they are split (default 32 KiB).
	ShardBytes int
	// ChunkPages is the number of pages in each page chunk (default 8):
	// a result list loads the chunks of the pages it shows.
	ChunkPages int
	// TextRunes caps the body text kept per page for snippets (default
	// 4,000); the whole text is indexed.
	TextRunes int
}

func (o Options) withDefaults() Options {
	if o.ShardBytes <= 0 {
		o.ShardBytes = 32 << 10
	}
	if o.ChunkPages <= 0 {
		o.ChunkPages = 8
	}
	if o.TextRunes <= 0 {
		o.TextRunes = 4000
	}
	return o
}

// File is one file of the index, at a slash path relative to the site.
type File struct {
	Path string
	Data []byte
}

// Index is the set of files of a built index.
type Index struct {
	Files []File
	Terms int // distinct terms
}

// Size is the total size of the index's files in bytes.
func (ix *Index) Size() int {
	n := 0
	for _, f := range ix.Files {
		n += len(f.Data)
	}
	return n
}

// Scores of one term in one page: a title match outranks any number of
// heading matches, which outrank any number of body matches.
const (
	titleScore   = 10000
	headingScore = 100
	maxCount     = 99
)

// Build indexes docs, in their order (the order results tie in).
func Build(docs []Document, opts Options) *Index {
	opts = opts.withDefaults()
	postings := map[string][]int{} // term → page, score, page, score...
	for i, d := range docs {
		counts := map[string][3]int{}
		add := func(text string, field int) {
			for _, t := range Terms(text) {
				c := counts[t]
				c[field]++
				counts[t] = c
			}
		}
		add(d.Title, 0)
		for _, h := range d.Headings {
			add(h, 1)
		}
		add(d.Text, 2)
		for _, t := range sortedKeys(counts) {
			c := counts[t]
			s := min(c[2], maxCount) + headingScore*min(c[1], maxCount)
			if c[0] > 0 {
				s += titleScore
			}
			postings[t] = append(postings[t], i, s)
		}
	}
	ix := &Index{Terms: len(postings)}
	entry := map[string]any{"v": Format, "pages": len(docs), "chunk": opts.ChunkPages}
	terms := sortedKeys(postings)
	if encodedSize(postings, terms) <= opts.ShardBytes {
		entry["terms"] = subset(postings, terms)
	} else {
		var ranges [][2]string
		for n, group := range split(postings, terms, opts.ShardBytes) {
			ranges = append(ranges, [2]string{group[0], group[len(group)-1]})
			ix.Files = append(ix.Files, File{ShardPath(n), call("shard", n, subset(postings, group))})
		}
		entry["shards"] = ranges
	}
	for n := 0; n*opts.ChunkPages < len(docs); n++ {
		chunk := docs[n*opts.ChunkPages : min((n+1)*opts.ChunkPages, len(docs))]
		rows := make([][4]string, len(chunk))
		for i, d := range chunk {
			rows[i] = [4]string{d.URL, d.Title, d.Section, truncate(d.Text, opts.TextRunes)}
		}
		ix.Files = append(ix.Files, File{ChunkPath(n), call("pages", n, rows)})
	}
	ix.Files = append([]File{{Entry, call("index", entry)}}, ix.Files...)
	return ix
}

// ShardPath is the file of the n-th shard of terms.
func ShardPath(n int) string { return fmt.Sprintf("%s/t-%d.js", Dir, n) }

// ChunkPath is the file of the n-th chunk of pages.
func ChunkPath(n int) string { return fmt.Sprintf("%s/p-%d.js", Dir, n) }

// split cuts sorted terms into runs of consecutive terms whose encoded
// postings stay under limit; a term over the limit alone is a run alone.
func split(postings map[string][]int, terms []string, limit int) [][]string {
	var out [][]string
	start, size := 0, 2
	for i := range terms {
		n := encodedSize(postings, terms[i:i+1]) - 2
		if i > start && size+n > limit {
			out = append(out, terms[start:i])
			start, size = i, 2
		}
		size += n
	}
	if start < len(terms) {
		out = append(out, terms[start:])
	}
	return out
}

func encodedSize(postings map[string][]int, terms []string) int {
	n := 2
	for _, t := range terms {
		n += len(t) + 6 // "term":[...],
		for _, x := range postings[t] {
			n += digits(x) + 1
		}
	}
	return n
}

func digits(x int) int {
	n := 1
	for x >= 10 {
		x /= 10
		n++
	}
	return n
}

func subset(postings map[string][]int, terms []string) map[string][]int {
	out := make(map[string][]int, len(terms))
	for _, t := range terms {
		out[t] = postings[t]
	}
	return out
}

// call writes `scorebookSearch.<fn>(args...);` with the arguments as JSON
// (encoding/json sorts map keys, so the same input gives the same bytes).
func call(fn string, args ...any) []byte {
	var b bytes.Buffer
	b.WriteString("scorebookSearch." + fn + "(")
	for i, a := range args {
		if i > 0 {
			b.WriteByte(',')
		}
		data, err := json.Marshal(a)
		if err != nil {
			panic(err) // strings, ints and maps of them always encode
		}
		b.Write(data)
	}
	b.WriteString(");\n")
	return b.Bytes()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// truncate keeps the first n runes of s, cut at a space where one is near.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for pos := range s {
		if i == n {
			s = s[:pos]
			break
		}
		i++
	}
	if sp := strings.LastIndexByte(s, ' '); sp > len(s)-40 && sp > 0 {
		s = s[:sp]
	}
	return s
}

// Terms splits text into the lowercase words the index holds: runs of
// letters and digits; words of one letter are left out. The search script
// splits a query the same way.
func Terms(text string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	}) {
		if utf8.RuneCountInString(w) > 1 {
			out = append(out, w)
		}
	}
	return out
}
