// Package search builds the site's full-text search index: pure, documents
// in, files out. The files are JavaScript that hand their data to a global
// function, so that the search page loads them with <script src> and works
// from a plain folder (file://), where fetch cannot read files.
//
// The index is split the way Pagefind splits its own: a small entry file,
// term shards loaded only for the words typed, and page chunks (title,
// address, text for snippets) loaded only for the results shown. The terms
// go in the entry file while they fit under a cap; past it they are split
// into shards of the terms sharing a prefix, each under the cap (a single
// term's postings larger than the cap make a shard of their own), named
// by the prefix, and the entry file lists each shard's first and last
// term, so that a word, which matches the terms it begins, needs only the
// shards whose range holds such terms.
//
//	search/index.js     scorebookSearch.index({v, pages, chunk, shards: [[first, last, name], ...] | terms})
//	search/t-<name>.js  scorebookSearch.shard(name, {term: [page, score, ...]})
//	search/p-<n>.js     scorebookSearch.pages(n, [[url, title, section, text], ...])
package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
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

// File is one file of the index, at a slash path relative to the site,
// with the hex SHA-256 of its data.
type File struct {
	Path string
	Data []byte
	Sum  string

	first, last string // the terms of a shard, and their count (or a chunk's pages)
	count       int
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
	return NewBuilder(opts).Build(len(docs), nil, func(i int) Document { return docs[i] })
}

// Builder builds an index again and again, and after the first build
// redoes only what the changed documents touch: their terms' postings, the
// shards holding those terms, and the chunks holding the documents. Its
// output is always what Build makes of the same documents: shards are
// runs of terms that share a prefix, split by a rule that reads nothing
// but the terms and their postings (see buckets), so a shard's file
// depends only on its own terms.
type Builder struct {
	opts Options
	rows [][4]string      // each document's page row (address, title, section, snippet text)
	docs [][]posting      // each document's terms with scores, by position
	post map[string][]int // term → page, score, page, score... in page order
	size map[string]int   // term → its encoded size in a shard
	all  []string         // every term, sorted
	// sizes holds each term's size in the order of all, so that a
	// rebuild sums the sizes without a lookup per term.
	sizes []int
	// files are the encoded files of the last build, by path; dirty the
	// terms whose postings changed since.
	files map[string]File
	dirty map[string]bool
	last  *Index
}

// posting is one term of one document with its score there.
type posting struct {
	term  string
	score int
}

// NewBuilder returns a Builder with the given limits.
func NewBuilder(opts Options) *Builder {
	return &Builder{opts: opts.withDefaults()}
}

// Build returns the index of n documents, doc(i) giving the i-th. After a
// build of as many documents, same(i) reports whether the i-th is the
// one at that position then, which is then not read again; with same nil,
// or another count, every document is read.
func (b *Builder) Build(n int, same func(int) bool, doc func(int) Document) *Index {
	changedDocs := make([]bool, n)
	if same == nil || b.rows == nil || len(b.rows) != n {
		b.post, b.size, b.files, b.all = map[string][]int{}, map[string]int{}, map[string]File{}, nil
		b.rows, b.docs = make([][4]string, n), make([][]posting, n)
		b.dirty = map[string]bool{}
		for i := range n {
			b.setDoc(i, doc(i), false)
			changedDocs[i] = true
		}
		b.all = sortedKeys(b.post)
		b.sizes = make([]int, len(b.all))
		for k, t := range b.all {
			b.sizes[k] = b.size[t]
		}
	} else {
		any := false
		for i := range n {
			if !same(i) {
				b.setDoc(i, doc(i), true)
				changedDocs[i], any = true, true
			}
		}
		if !any && b.last != nil {
			return b.last
		}
	}
	ix := &Index{Terms: len(b.post)}
	entry := map[string]any{"v": Format, "pages": n, "chunk": b.opts.ChunkPages}
	total := 2
	for _, size := range b.sizes {
		total += size
	}
	files := map[string]File{}
	if total <= b.opts.ShardBytes {
		entry["terms"] = subset(b.post, b.all)
	} else {
		var shards [][3]string
		bks := b.buckets()
		// The shards holding a dirty term, found by its place among the
		// sorted terms, rather than each term looked up in dirty.
		dirtyShard := make([]bool, len(bks))
		for t := range b.dirty {
			if at, ok := slices.BinarySearch(b.all, t); ok {
				k := sort.Search(len(bks), func(k int) bool { return bks[k].hi > at })
				if k < len(bks) {
					dirtyShard[k] = true
				}
			}
		}
		for k, bk := range bks {
			terms := b.all[bk.lo:bk.hi]
			path := ShardPath(bk.name)
			f, ok := b.files[path]
			clean := ok && !dirtyShard[k] && f.first == terms[0] && f.last == terms[len(terms)-1] && f.count == len(terms)
			if !clean {
				f = newFile(path, call("shard", bk.name, subset(b.post, terms)))
				f.first, f.last, f.count = terms[0], terms[len(terms)-1], len(terms)
			}
			files[path] = f
			ix.Files = append(ix.Files, f)
			shards = append(shards, [3]string{terms[0], terms[len(terms)-1], bk.name})
		}
		entry["shards"] = shards
	}
	for c := 0; c*b.opts.ChunkPages < n; c++ {
		lo, hi := c*b.opts.ChunkPages, min((c+1)*b.opts.ChunkPages, n)
		path := ChunkPath(c)
		f, ok := b.files[path]
		clean := ok && f.count == hi-lo
		for i := lo; i < hi && clean; i++ {
			clean = !changedDocs[i]
		}
		if !clean {
			f = newFile(path, call("pages", c, b.rows[lo:hi]))
			f.count = hi - lo
		}
		files[path] = f
		ix.Files = append(ix.Files, f)
	}
	ix.Files = append([]File{newFile(Entry, call("index", entry))}, ix.Files...)
	b.files, b.dirty, b.last = files, map[string]bool{}, ix
	return ix
}

// setDoc indexes d as the i-th document, in place of what was there when
// replace is set: only the terms whose posting of the document changes
// (added, removed, or with another score) are touched and marked dirty.
func (b *Builder) setDoc(i int, d Document, replace bool) {
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
	terms := sortedKeys(counts)
	ps := make([]posting, len(terms))
	for k, t := range terms {
		c := counts[t]
		s := min(c[2], maxCount) + headingScore*min(c[1], maxCount)
		if c[0] > 0 {
			s += titleScore
		}
		ps[k] = posting{t, s}
	}
	if replace {
		// Both lists are sorted by term: walk them side by side.
		old := b.docs[i]
		j, k := 0, 0
		for j < len(old) || k < len(ps) {
			switch {
			case k == len(ps) || j < len(old) && old[j].term < ps[k].term:
				b.removePosting(old[j].term, i)
				j++
			case j == len(old) || ps[k].term < old[j].term:
				b.addPosting(ps[k].term, i, ps[k].score, true)
				k++
			default:
				if old[j].score != ps[k].score {
					b.removePosting(old[j].term, i)
					b.addPosting(ps[k].term, i, ps[k].score, true)
				}
				j++
				k++
			}
		}
	} else {
		for _, p := range ps {
			b.addPosting(p.term, i, p.score, false)
		}
	}
	b.docs[i] = ps
	b.rows[i] = [4]string{d.URL, d.Title, d.Section, truncate(d.Text, b.opts.TextRunes)}
}

// addPosting adds page i with score s to term's postings, in page order.
func (b *Builder) addPosting(term string, i, s int, insert bool) {
	p, known := b.post[term]
	at := len(p)
	if insert {
		at, _ = findPage(p, i)
	}
	p = slices.Insert(p, at, i, s)
	b.post[term] = p
	b.size[term] += digits(i) + digits(s) + 2
	if !known {
		b.size[term] += len(term) + 6 // "term":[...],
	}
	if insert {
		k, _ := slices.BinarySearch(b.all, term)
		if !known {
			b.all = slices.Insert(b.all, k, term)
			b.sizes = slices.Insert(b.sizes, k, 0)
		}
		b.sizes[k] = b.size[term]
	}
	b.dirty[term] = true
}

// removePosting takes page i out of term's postings.
func (b *Builder) removePosting(term string, i int) {
	p := b.post[term]
	at, found := findPage(p, i)
	if !found {
		return
	}
	b.size[term] -= digits(p[at]) + digits(p[at+1]) + 2
	p = slices.Delete(p, at, at+2)
	b.dirty[term] = true
	k, _ := slices.BinarySearch(b.all, term)
	if len(p) == 0 {
		delete(b.post, term)
		delete(b.size, term)
		b.all = slices.Delete(b.all, k, k+1)
		b.sizes = slices.Delete(b.sizes, k, k+1)
		return
	}
	b.post[term] = p
	b.sizes[k] = b.size[term]
}

// findPage returns where page i is, or would be, in postings p (page,
// score, page, score... in page order), as an index into p.
func findPage(p []int, i int) (int, bool) {
	k := sort.Search(len(p)/2, func(k int) bool { return p[2*k] >= i })
	return 2 * k, 2*k < len(p) && p[2*k] == i
}

// bucket is a shard: the terms all[lo:hi], which share the prefix name.
type bucket struct {
	name   string
	lo, hi int
}

// buckets splits the sorted terms into shards under the cap by prefix:
// the terms are grouped by their first rune; a group over the cap is
// grouped again by its first two runes, and so on, down to single terms.
// The rule reads only the terms and their sizes, so a shard changes only
// when its own terms' postings do.
func (b *Builder) buckets() []bucket {
	sums := make([]int, len(b.all)+1)
	for i, size := range b.sizes {
		sums[i+1] = sums[i] + size
	}
	var out []bucket
	var walk func(lo, hi, depth int)
	walk = func(lo, hi, depth int) {
		for lo < hi {
			key := prefix(b.all[lo], depth+1)
			end := lo + 1
			for end < hi && prefix(b.all[end], depth+1) == key {
				end++
			}
			if sums[end]-sums[lo]+2 <= b.opts.ShardBytes || end-lo == 1 {
				out = append(out, bucket{shardName(key), lo, end})
			} else {
				walk(lo, end, depth+1)
			}
			lo = end
		}
	}
	walk(0, len(b.all), 0)
	return out
}

// prefix returns the first n runes of s, or s when it is shorter.
func prefix(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// shardName names a shard by its prefix, in characters safe in a file
// name: hexadecimal UTF-8, or a hash of a long prefix.
func shardName(key string) string {
	if len(key) <= 24 {
		return hex.EncodeToString([]byte(key))
	}
	sum := sha256.Sum256([]byte(key))
	return "h" + hex.EncodeToString(sum[:12])
}

func newFile(path string, data []byte) File {
	sum := sha256.Sum256(data)
	return File{Path: path, Data: data, Sum: hex.EncodeToString(sum[:])}
}

// ShardPath is the file of the shard named name.
func ShardPath(name string) string { return Dir + "/t-" + name + ".js" }

// ChunkPath is the file of the n-th chunk of pages.
func ChunkPath(n int) string { return fmt.Sprintf("%s/p-%d.js", Dir, n) }

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
