package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// benchPages returns the bodies of the benchmark pages in testdata/bench,
// written by shared/bench/corpus.py: prose, lists, links, a table and a
// fenced code block in Go, JSON, YAML or SQL.
func benchPages(tb testing.TB) [][]byte {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "bench", "*.md"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no benchmark pages: %v", err)
	}
	var pages [][]byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		// Drop the front matter: the converter sees only the body.
		parts := bytes.SplitN(data, []byte("+++\n"), 3)
		pages = append(pages, parts[len(parts)-1])
	}
	return pages
}

func BenchmarkConvert(b *testing.B) {
	benchmarkConverter(b, New(Options{}))
}

// BenchmarkConvert_ChromaHTMLFormatter measures the same pages with code
// blocks written by chroma's own HTML formatter (classes, no line spans),
// as goldmark-highlighting does, for comparison with CodeBlockRenderer.
func BenchmarkConvert_ChromaHTMLFormatter(b *testing.B) {
	c := New(Options{})
	c.md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(chromaFormatterRenderer{
		formatter: chromahtml.New(chromahtml.WithClasses(true)),
		style:     styles.Get(LightCodeStyle),
	}, 50)))
	benchmarkConverter(b, c)
}

func benchmarkConverter(b *testing.B, c *Converter) {
	pages := benchPages(b)
	size := 0
	for _, p := range pages {
		size += len(p)
	}
	b.SetBytes(int64(size / len(pages)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := c.Convert(pages[i%len(pages)], "/bench/p00001/"); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkGoldmarkPlain is the floor: goldmark with the same extensions
// and no highlighting, heading or link work.
func BenchmarkGoldmarkPlain(b *testing.B) {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer))
	pages := benchPages(b)
	b.ReportAllocs()
	var buf bytes.Buffer
	i := 0
	for b.Loop() {
		buf.Reset()
		if err := md.Convert(pages[i%len(pages)], &buf); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

type chromaFormatterRenderer struct {
	formatter *chromahtml.Formatter
	style     *chroma.Style
}

func (r chromaFormatterRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, func(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		n := node.(*ast.FencedCodeBlock)
		var code bytes.Buffer
		for i := range n.Lines().Len() {
			seg := n.Lines().At(i)
			code.Write(seg.Value(source))
		}
		lexer := lexerFor(string(n.Language(source)))
		if lexer == nil {
			return ast.WalkContinue, nil
		}
		it, err := lexer.Tokenise(nil, code.String())
		if err != nil {
			return ast.WalkStop, err
		}
		return ast.WalkContinue, r.formatter.Format(w, r.style, it)
	})
}
