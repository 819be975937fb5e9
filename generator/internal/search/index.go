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
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"scorebook/generator/internal/pool"
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
	// Workers read documents in parallel (default: one per CPU).
	Workers int
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
	// shards are the shard files of the last build, by path, and chunks
	// its page chunks, in order; dirty the terms whose postings changed
	// since.
	shards map[string]File
	chunks []File
	dirty  map[string]bool
	last   *Index
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
	full := same == nil || b.rows == nil || len(b.rows) != n
	var todo []int
	for i := range n {
		if full || !same(i) {
			todo = append(todo, i)
		}
	}
	if !full && len(todo) == 0 && b.last != nil {
		return b.last
	}
	// Reading a document and counting its terms is most of the work, and
	// each document's is its own: done in parallel, then applied in order.
	read := make([]readDoc, len(todo))
	pool.Each(len(todo), b.opts.Workers, nil, func(k int) { read[k] = b.read(doc(todo[k])) })
	if full {
		b.post, b.size, b.shards, b.chunks, b.all = map[string][]int{}, map[string]int{}, map[string]File{}, nil, nil
		b.rows, b.docs = make([][4]string, n), make([][]posting, n)
		b.dirty = map[string]bool{}
	}
	for k, i := range todo {
		b.setDoc(i, read[k], !full)
	}
	if full {
		b.all = sortedKeys(b.post)
		b.sizes = make([]int, len(b.all))
		for k, t := range b.all {
			b.sizes[k] = b.size[t]
		}
	}
	// The entry file first, then shards and chunks; the entry is encoded
	// with the others, once the shards it lists are known.
	ix := &Index{Terms: len(b.post), Files: []File{{Path: Entry}}}
	entry := map[string]any{"v": Format, "pages": n, "chunk": b.opts.ChunkPages}
	total := 2
	for _, size := range b.sizes {
		total += size
	}
	// The files to encode again, encoded together once all are known.
	type toEncode struct {
		at   int // in ix.Files
		data func() []byte
	}
	encode := []toEncode{{0, func() []byte { return call("index", entry) }}}
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
			f, ok := b.shards[path]
			clean := ok && !dirtyShard[k] && f.first == terms[0] && f.last == terms[len(terms)-1] && f.count == len(terms)
			if !clean {
				f = File{Path: path, first: terms[0], last: terms[len(terms)-1], count: len(terms)}
				name := bk.name
				encode = append(encode, toEncode{len(ix.Files), func() []byte { return call("shard", name, subset(b.post, terms)) }})
			}
			ix.Files = append(ix.Files, f)
			shards = append(shards, [3]string{terms[0], terms[len(terms)-1], bk.name})
		}
		entry["shards"] = shards
	}
	shardsEnd := len(ix.Files)
	// A chunk is encoded again when it holds a document read again, or
	// holds another number of documents than it did.
	chunks := (n + b.opts.ChunkPages - 1) / b.opts.ChunkPages
	dirtyChunk := make([]bool, chunks)
	for _, i := range todo {
		dirtyChunk[i/b.opts.ChunkPages] = true
	}
	for c := range chunks {
		lo, hi := c*b.opts.ChunkPages, min((c+1)*b.opts.ChunkPages, n)
		if c < len(b.chunks) && !dirtyChunk[c] && b.chunks[c].count == hi-lo {
			ix.Files = append(ix.Files, b.chunks[c])
			continue
		}
		encode = append(encode, toEncode{len(ix.Files), func() []byte { return call("pages", c, b.rows[lo:hi]) }})
		ix.Files = append(ix.Files, File{Path: ChunkPath(c), count: hi - lo})
	}
	pool.Each(len(encode), b.opts.Workers, nil, func(k int) {
		f := &ix.Files[encode[k].at]
		f.Data = encode[k].data()
		sum := sha256.Sum256(f.Data)
		f.Sum = hex.EncodeToString(sum[:])
	})
	shards := make(map[string]File, shardsEnd-1)
	for _, f := range ix.Files[1:shardsEnd] {
		shards[f.Path] = f
	}
	b.shards, b.chunks = shards, slices.Clone(ix.Files[shardsEnd:])
	b.dirty, b.last = map[string]bool{}, ix
	return ix
}

// readDoc is a document as the index keeps it: its terms with their
// scores, sorted by term, and its page row.
type readDoc struct {
	postings []posting
	row      [4]string
}

// read counts d's terms in its title, headings and text.
func (b *Builder) read(d Document) readDoc {
	var c termCounter
	c.add(d.Title, 0)
	for _, h := range d.Headings {
		c.add(h, 1)
	}
	c.add(d.Text, 2)
	ps := make([]posting, len(c.terms))
	for k, t := range c.terms {
		n := c.counts[k]
		s := min(n[2], maxCount) + headingScore*min(n[1], maxCount)
		if n[0] > 0 {
			s += titleScore
		}
		ps[k] = posting{t, s}
	}
	slices.SortFunc(ps, func(x, y posting) int { return strings.Compare(x.term, y.term) })
	return readDoc{postings: ps, row: [4]string{d.URL, d.Title, d.Section, truncate(d.Text, b.opts.TextRunes)}}
}

// setDoc indexes d as the i-th document, in place of what was there when
// replace is set: only the terms whose posting of the document changes
// (added, removed, or with another score) are touched and marked dirty.
func (b *Builder) setDoc(i int, d readDoc, replace bool) {
	ps := d.postings
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
	b.rows[i] = d.row
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
			key, end := group(b.all, lo, hi, depth)
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

// group returns key, the first depth+1 runes of terms[lo], and the end
// of the run of terms from lo, before hi, that start with them. The terms
// are sorted, so that run is found by halving rather than a step per term,
// which at 50,000 pages made the split most of the index's cost after one
// page edit. A term shorter than depth+1 runes is its group's only term.
func group(terms []string, lo, hi, depth int) (key string, end int) {
	key = prefix(terms[lo], depth+1)
	if utf8.RuneCountInString(key) <= depth {
		return key, lo + 1
	}
	return key, lo + sort.Search(hi-lo, func(i int) bool { return !strings.HasPrefix(terms[lo+i], key) })
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

// ShardPath is the file of the shard named name.
func ShardPath(name string) string { return Dir + "/t-" + name + ".js" }

// ChunkPath is the file of the n-th chunk of pages.
func ChunkPath(n int) string { return Dir + "/p-" + strconv.Itoa(n) + ".js" }

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

// termCounter counts a document's terms (as Terms splits them) in each
// field: title, headings, text. Its terms are copies, never pieces of the
// texts read, which the index must not keep alive.
type termCounter struct {
	index  map[string]int // term → its place in terms and counts
	terms  []string
	counts [][3]int
	lower  []byte // scratch for lowercasing a word
}

func (c *termCounter) add(text string, field int) {
	if c.index == nil {
		c.index = map[string]int{}
	}
	if !isASCII(text) {
		for _, t := range Terms(text) {
			c.count(t, field)
		}
		return
	}
	// ASCII text, the common case, without copying it: a word is a run of
	// ASCII letters and digits, lowercased byte by byte, which is what
	// Terms makes of it.
	for i := 0; i < len(text); {
		for i < len(text) && !isAlnum(text[i]) {
			i++
		}
		start, upper := i, false
		for i < len(text) && isAlnum(text[i]) {
			upper = upper || 'A' <= text[i] && text[i] <= 'Z'
			i++
		}
		if i-start < 2 {
			continue
		}
		if !upper {
			c.count(text[start:i], field)
			continue
		}
		c.lower = append(c.lower[:0], text[start:i]...)
		for k, ch := range c.lower {
			if 'A' <= ch && ch <= 'Z' {
				c.lower[k] = ch + 'a' - 'A'
			}
		}
		if k, ok := c.index[string(c.lower)]; ok { // no copy made for the lookup
			c.counts[k][field]++
		} else {
			c.insert(string(c.lower), field)
		}
	}
}

// count adds one use of term in field; term may be a piece of a text.
func (c *termCounter) count(term string, field int) {
	if k, ok := c.index[term]; ok {
		c.counts[k][field]++
		return
	}
	c.insert(strings.Clone(term), field)
}

func (c *termCounter) insert(term string, field int) {
	c.index[term] = len(c.terms)
	c.terms = append(c.terms, term)
	var n [3]int
	n[field] = 1
	c.counts = append(c.counts, n)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
