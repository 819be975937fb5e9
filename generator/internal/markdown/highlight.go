package markdown

import (
	"bytes"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// highlighting is the goldmark extension that renders fenced code blocks
// with chroma.
type highlighting struct{}

// Highlighting is the goldmark extension that highlights fenced code
// blocks with CSS classes; ChromaCSS is their stylesheet.
var Highlighting = &highlighting{}

// NewHighlighting returns the code highlighting extension.
func NewHighlighting() goldmark.Extender { return Highlighting }

// Extend implements goldmark.Extender.
func (e *highlighting) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(NewCodeBlockRenderer(), 100)))
}

// CodeBlockRenderer renders a fenced code block as
// <pre class="chroma"><code class="language-x"> with a <span class="..">
// per token, the classes those of chroma.StandardTypes. It writes HTML
// straight from chroma's token stream: no style is consulted per block,
// since the stylesheet is written once for the site (ChromaCSS). A block
// in an unknown language, or none, is written escaped and unhighlighted.
type CodeBlockRenderer struct {
	ghtml.Config
}

// NewCodeBlockRenderer returns a fenced code block renderer.
func NewCodeBlockRenderer(opts ...ghtml.Option) renderer.NodeRenderer {
	r := &CodeBlockRenderer{Config: ghtml.NewConfig()}
	for _, opt := range opts {
		opt.SetHTMLOption(&r.Config)
	}
	return r
}

// RegisterFuncs implements renderer.NodeRenderer.
func (r *CodeBlockRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.renderFencedCodeBlock)
}

// scratchPool recycles the buffers code is gathered and highlighted in.
var scratchPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func (r *CodeBlockRenderer) renderFencedCodeBlock(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	lang := n.Language(source)

	code := scratchPool.Get().(*bytes.Buffer)
	code.Reset()
	defer scratchPool.Put(code)
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		code.Write(seg.Value(source))
	}

	if len(lang) > 0 {
		if lexer := lexerFor(string(lang)); lexer != nil {
			out := scratchPool.Get().(*bytes.Buffer)
			out.Reset()
			defer scratchPool.Put(out)
			if highlight(out, lexer, code.String()) {
				_, _ = w.WriteString(`<pre class="chroma"><code class="language-`)
				r.Writer.Write(w, lang)
				_, _ = w.WriteString(`">`)
				_, _ = w.Write(out.Bytes())
				_, _ = w.WriteString("</code></pre>\n")
				return ast.WalkContinue, nil
			}
		}
	}

	_, _ = w.WriteString("<pre><code")
	if len(lang) > 0 {
		_, _ = w.WriteString(` class="language-`)
		r.Writer.Write(w, lang)
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	writeEscaped(w, code.Bytes())
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkContinue, nil
}

// highlight writes code as HTML spans into out. It reports false, with out
// in an unknown state, when the lexer failed; chroma lexers report some
// failures by panicking.
func highlight(out *bytes.Buffer, lexer chroma.Lexer, code string) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	it, err := lexer.Tokenise(nil, code)
	if err != nil {
		return false
	}
	for t := it(); t != chroma.EOF; t = it() {
		cls := tokenClass(t.Type)
		if cls == "" {
			writeEscapedString(out, t.Value)
			continue
		}
		out.WriteString(`<span class="`)
		out.WriteString(cls)
		out.WriteString(`">`)
		writeEscapedString(out, t.Value)
		out.WriteString(`</span>`)
	}
	return true
}

// tokenClasses maps every standard token type to the class of itself or
// its nearest styled ancestor, as chroma's HTML formatter would. Plain text
// and whitespace get no span.
var tokenClasses = func() map[chroma.TokenType]string {
	m := make(map[chroma.TokenType]string, len(chroma.StandardTypes))
	for t := range chroma.StandardTypes {
		m[t] = resolveClass(t)
	}
	return m
}()

func resolveClass(t chroma.TokenType) string {
	for {
		if cls, ok := chroma.StandardTypes[t]; ok {
			if cls == "w" {
				return ""
			}
			return cls
		}
		if t == 0 {
			return ""
		}
		t = t.Parent()
	}
}

func tokenClass(t chroma.TokenType) string {
	if cls, ok := tokenClasses[t]; ok {
		return cls
	}
	return resolveClass(t)
}

// lexerCache holds the lexer for each fence language seen, nil when chroma
// has none: chroma's lookup by alias and file extension is slow.
var (
	lexerCache     sync.Map // lowercase language → chroma.Lexer or noLexer
	lexerCacheSize atomic.Int64
)

// lexerCacheLimit bounds the cache against documents with endless made-up
// language names; past it lookups still work, uncached.
const lexerCacheLimit = 512

type noLexer struct{}

func lexerFor(lang string) chroma.Lexer {
	key := strings.ToLower(lang)
	if v, ok := lexerCache.Load(key); ok {
		if l, ok := v.(chroma.Lexer); ok {
			return l
		}
		return nil
	}
	var entry any = noLexer{}
	lexer := lexers.Get(key)
	if lexer != nil {
		lexer = chroma.Coalesce(lexer)
		entry = lexer
	}
	if lexerCacheSize.Load() < lexerCacheLimit {
		if _, loaded := lexerCache.LoadOrStore(key, entry); !loaded {
			lexerCacheSize.Add(1)
		}
	}
	return lexer
}

var (
	escAmp  = []byte("&amp;")
	escLt   = []byte("&lt;")
	escGt   = []byte("&gt;")
	escQuot = []byte("&quot;")
)

func escapeFor(c byte) []byte {
	switch c {
	case '&':
		return escAmp
	case '<':
		return escLt
	case '>':
		return escGt
	case '"':
		return escQuot
	}
	return nil
}

// writeEscaped writes s with &, <, > and " escaped.
func writeEscaped(w util.BufWriter, s []byte) {
	start := 0
	for i := 0; i < len(s); i++ {
		if esc := escapeFor(s[i]); esc != nil {
			_, _ = w.Write(s[start:i])
			_, _ = w.Write(esc)
			start = i + 1
		}
	}
	_, _ = w.Write(s[start:])
}

func writeEscapedString(out *bytes.Buffer, s string) {
	start := 0
	for i := 0; i < len(s); i++ {
		if esc := escapeFor(s[i]); esc != nil {
			out.WriteString(s[start:i])
			out.Write(esc)
			start = i + 1
		}
	}
	out.WriteString(s[start:])
}
