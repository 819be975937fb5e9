package markdown

import (
	"bytes"
	"slices"
	"strings"
	"sync"
	"testing"
)

var safeConverter = New(Options{})

func convert(t *testing.T, c *Converter, src, pageURL string) Result {
	t.Helper()
	r, err := c.Convert([]byte(src), pageURL)
	if err != nil {
		t.Fatalf("Convert(%q): %v", src, err)
	}
	return r
}

func assertContains(t *testing.T, html string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(html, w) {
			t.Errorf("output lacks %q:\n%s", w, html)
		}
	}
}

func assertLacks(t *testing.T, html string, bad ...string) {
	t.Helper()
	for _, b := range bad {
		if strings.Contains(html, b) {
			t.Errorf("output has %q:\n%s", b, html)
		}
	}
}

func TestConvert_Extensions(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"table", "| a | b |\n|---|--:|\n| 1 | 2 |\n", []string{"<table>", "<th>a</th>", `<td style="text-align:right">2</td>`}},
		{"strikethrough", "~~gone~~", []string{"<del>gone</del>"}},
		{"autolink", "see https://example.com/x now", []string{`<a href="https://example.com/x" rel="noopener">https://example.com/x</a>`}},
		{"task list", "- [x] done\n- [ ] open\n", []string{`<input checked="" disabled="" type="checkbox"> done`, `<input disabled="" type="checkbox"> open`}},
		{"footnote", "Claim[^1]\n\n[^1]: Source.\n", []string{`href="#fn:1"`, `<li id="fn:1">`, "Source."}},
		{"definition list", "Coherence\n: Journeys that work end to end.\n", []string{"<dl>", "<dt>Coherence</dt>", "<dd>Journeys that work end to end.</dd>"}},
		{"typographer", `"Real time" -- not batch... 'really'`, []string{"&ldquo;Real time&rdquo;", "&ndash;", "&hellip;", "&lsquo;really&rsquo;"}},
		{"emphasis", "**strong** and *em*", []string{"<strong>strong</strong>", "<em>em</em>"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := convert(t, safeConverter, tc.src, "/")
			assertContains(t, string(r.HTML), tc.want...)
		})
	}
}

func TestConvert_RawHTMLOmittedUnlessUnsafe(t *testing.T) {
	src := "<div class=\"note\">hi</div>\n\nText <span>inline</span>.\n"
	safe := string(convert(t, safeConverter, src, "/").HTML)
	assertLacks(t, safe, "<div", "<span>")
	assertContains(t, safe, "<!-- raw HTML omitted -->")

	unsafe := string(convert(t, New(Options{UnsafeHTML: true}), src, "/").HTML)
	assertContains(t, unsafe, `<div class="note">hi</div>`, "<span>inline</span>")
}

func TestConvert_XSSPayloadsEscaped(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // the payload as it must appear, escaped
	}{
		{"highlighted code", "```go\nx := \"<script>alert(1)</script>\"\n```\n", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"unknown language code", "```nosuchlang\n<script>alert(1)</script>\n```\n", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"plain code", "```\n<script>alert(1)</script>\n```\n", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"indented code", "    <script>alert(1)</script>\n", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"fence info", "```\"><script>alert(1)</script>\nx\n```\n", `class="language-&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"`},
		{"heading code", "## Use `<script>` here\n", "<code>&lt;script&gt;</code>"},
		{"heading entity", "## &lt;script&gt;alert(1)&lt;/script&gt;\n", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"link title", `[x](/a/ "<script>alert(1)</script>")`, `title="&lt;script&gt;alert(1)&lt;/script&gt;"`},
		{"link title quote", `[x](/a/ "\" onmouseover=\"alert(1)")`, `title="&quot; onmouseover=&quot;alert(1)"`},
		{"image alt", "![a `<script>` b](/i.png)", `alt="a &lt;script&gt; b"`},
		{"inline code", "`<script>alert(1)</script>`", "<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>"},
		{"table cell", "| a |\n|---|\n| `<script>` |\n", "<td><code>&lt;script&gt;</code></td>"},
		{"raw html", "<script>alert(1)</script>\n", "<!-- raw HTML omitted -->"},
		{"inline raw html", "x <script>alert(1)</script> y", "<!-- raw HTML omitted -->"},
		{"link destination quote", `[x](/a/"onmouseover="alert(1))`, `href="../a/%22onmouseover=%22alert(1)"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			html := string(convert(t, safeConverter, tc.src, "/b/").HTML)
			assertContains(t, html, tc.want)
			assertLacks(t, html, "<script", `" onmouseover`)
		})
	}
}

func TestConvert_HeadingIDsTOCAndTitle(t *testing.T) {
	src := strings.Join([]string{
		"# The *Operations* dimension",
		"## Why it matters",
		"### Runbooks & on-call",
		"#### Detail",
		"##### Deep",
		"## Why it matters",
		"## Überblick über Systeme",
		"## ???",
		"# Second h1",
		"> ## Quoted heading",
	}, "\n\n")
	r := convert(t, safeConverter, src, "/dimensions/operations/")
	html := string(r.HTML)

	if r.Title != "The Operations dimension" {
		t.Errorf("Title = %q, want the first h1's text", r.Title)
	}
	want := []Heading{
		{2, "why-it-matters", "Why it matters"},
		{3, "runbooks-on-call", "Runbooks & on-call"},
		{2, "why-it-matters-1", "Why it matters"},
		{2, "überblick-über-systeme", "Überblick über Systeme"},
		{2, "section", "???"},
		{2, "quoted-heading", "Quoted heading"},
	}
	if len(r.TOC) != len(want) {
		t.Fatalf("TOC = %+v, want %+v", r.TOC, want)
	}
	for i := range want {
		if r.TOC[i] != want[i] {
			t.Errorf("TOC[%d] = %+v, want %+v", i, r.TOC[i], want[i])
		}
	}
	assertContains(t, html,
		`<h1 id="the-operations-dimension">The <em>Operations</em> dimension</h1>`,
		`<h2 id="why-it-matters">Why it matters <a class="anchor" href="#why-it-matters" aria-label="Link to this section">#</a></h2>`,
		`<h4 id="detail">Detail <a class="anchor" href="#detail"`,
		`<h5 id="deep">Deep</h5>`,
		`<h2 id="why-it-matters-1">`,
		`href="#%C3%BCberblick-%C3%BCber-systeme"`,
	)

	// The same page always gets the same ids.
	again := convert(t, safeConverter, src, "/dimensions/operations/")
	if !bytes.Equal(again.HTML, r.HTML) {
		t.Error("converting the same page twice gave different HTML")
	}
}

func TestConvert_LinkRewriting(t *testing.T) {
	tests := []struct {
		name    string
		pageURL string
		src     string
		want    string
	}{
		{"from section page", "/patterns/hybrid/", "[ops](/dimensions/operations/)", `<a href="../../dimensions/operations/">ops</a>`},
		{"from home", "/", "[ops](/dimensions/operations/)", `<a href="dimensions/operations/">ops</a>`},
		{"with fragment", "/patterns/hybrid/", "[ops](/dimensions/operations/#owner)", `<a href="../../dimensions/operations/#owner">ops</a>`},
		{"to home", "/checks/stale/", "[home](/)", `<a href="../../">home</a>`},
		{"sibling", "/patterns/hybrid/", "[ed](/patterns/event-driven/)", `<a href="../event-driven/">ed</a>`},
		{"image", "/a/b/", "![chart](/img/radar.svg)", `<img src="../../img/radar.svg" alt="chart">`},
		{"reference link", "/a/", "[x][r]\n\n[r]: /b/c/", `<a href="../b/c/">x</a>`},
		{"fragment only", "/a/", "[x](#top)", `<a href="#top">x</a>`},
		{"already relative", "/a/", "[x](../b/)", `<a href="../b/">x</a>`},
		{"external", "/a/", "[x](https://example.com/a)", `<a href="https://example.com/a" rel="noopener">x</a>`},
		{"protocol relative", "/a/", "[x](//example.com/a)", `<a href="//example.com/a" rel="noopener">x</a>`},
		{"mailto", "/a/", "[x](mailto:ops@example.com)", `<a href="mailto:ops@example.com">x</a>`},
		{"entity in path", "/a/", "[x](/b&amp;c/)", `<a href="../b&amp;c/">x</a>`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			html := string(convert(t, safeConverter, tc.src, tc.pageURL).HTML)
			assertContains(t, html, tc.want)
		})
	}
}

func TestConvert_LinksListsInternalDestinations(t *testing.T) {
	src := "[a](/dimensions/operations/) [b](/dimensions/operations/) [c](/checks/stale/#fix) " +
		"[d](https://example.com/) [e](#x) [f](../rel/) ![g](/img/a.png)\n\n[^1]\n\n[^1]: See [h](/faq/).\n"
	r := convert(t, safeConverter, src, "/a/")
	want := []string{"/dimensions/operations/", "/checks/stale/#fix", "/img/a.png", "/faq/"}
	if strings.Join(r.Links, " ") != strings.Join(want, " ") {
		t.Errorf("Links = %q, want %q", r.Links, want)
	}
}

func TestConvert_DangerousLinksRenderTextOnly(t *testing.T) {
	tests := []struct {
		name string
		src  string
		text string
	}{
		{"javascript", "[click](javascript:alert(1))", "click"},
		{"mixed case", "[click](JaVaScRiPt:alert(1))", "click"},
		{"tab entity", "[click](java&#x09;script:alert(1))", "click"},
		{"newline entity", "[click](java&#10;script:alert(1))", "click"},
		{"colon entity", "[click](javascript&colon;alert(1))", "click"},
		{"encoded letter", "[click](&#106;avascript:alert(1))", "click"},
		{"angle brackets", "[click](<javascript:alert(1)>)", "click"},
		{"leading space in brackets", "[click](< javascript:alert(1)>)", "click"},
		{"vbscript", "[click](vbscript:msgbox(1))", "click"},
		{"file", "[click](file:///etc/passwd)", "click"},
		{"data html", "[click](data:text/html;base64,PHNjcmlwdD4=)", "click"},
		{"data svg image", "![logo](data:image/svg+xml;base64,PHN2Zz4=)", "logo"},
		{"reference", "[click][r]\n\n[r]: javascript:alert(1)", "click"},
		{"autolink", "<javascript:alert(1)>", "javascript:alert(1)"},
		{"image in bad link", "[![alt](/i.png)](javascript:alert(1))", `<img src="i.png" alt="alt">`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, c := range []*Converter{safeConverter, New(Options{UnsafeHTML: true})} {
				html := string(convert(t, c, tc.src, "/").HTML)
				assertContains(t, html, tc.text)
				assertLacks(t, html, "<a ", `href="`, `src="data:`, `src="javascript`)
			}
		})
	}

	t.Run("data png image kept", func(t *testing.T) {
		html := string(convert(t, safeConverter, "![dot](data:image/png;base64,iVBORw0KGgo=)", "/").HTML)
		assertContains(t, html, `<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot">`)
	})
}

func TestSafeURL(t *testing.T) {
	tests := []struct {
		url  string
		safe bool
	}{
		{"/dimensions/operations/", true},
		{"../b/", true},
		{"#top", true},
		{"https://example.com/a?b=c", true},
		{"mailto:ops@example.com", true},
		{"ops@example.com", true},
		{"data:image/png;base64,AAAA", true},
		{"data:image/webp,AAAA", true},
		{"DATA:IMAGE/JPEG;base64,AAAA", true},
		{"javascript%3Aalert(1)", true}, // a relative path, never a scheme
		{"javascript:alert(1)", false},
		{"JAVASCRIPT:alert(1)", false},
		{" javascript:alert(1)", false},
		{"java\tscript:alert(1)", false},
		{"java\nscript:alert(1)", false},
		{"\x00javascript:alert(1)", false},
		{"javascript\x7f:alert(1)", false},
		{"/ok\u0085", false},
		{"vbscript:msgbox", false},
		{"file:///etc/passwd", false},
		{"data:text/html,<script>", false},
		{"data:image/svg+xml,<svg>", false},
		{"data:image/png", false},
		{"data:", false},
	}
	for _, tc := range tests {
		if got := SafeURL(tc.url); got != tc.safe {
			t.Errorf("SafeURL(%q) = %v, want %v", tc.url, got, tc.safe)
		}
	}
}

func TestRelURL(t *testing.T) {
	tests := []struct {
		from, to, want string
	}{
		{"/patterns/hybrid/", "/dimensions/operations/", "../../dimensions/operations/"},
		{"/", "/dimensions/operations/", "dimensions/operations/"},
		{"/", "/", "./"},
		{"/a/", "/", "../"},
		{"/a/b/", "/a/b/", "./"},
		{"/a/b/", "/a/b/#x", "#x"},
		{"/a/b/", "/a/b/?q=1", "./?q=1"},
		{"/a/b/", "/a/c/", "../c/"},
		{"/a/b/", "/a/b/c/", "c/"},
		{"/x/y/", "/x/y/#frag", "#frag"},
		{"/patterns/hybrid/", "/x/y/#frag", "../../x/y/#frag"},
		{"/a/", "/static/style.css", "../static/style.css"},
		{"/", "/model.json", "model.json"},
		{"/scorecards/acme/share.html", "/scorecards/acme/", "./"},
		{"/scorecards/acme/share.html", "/scorecards/acme/#x", "./#x"},
		{"/scorecards/acme/share.html", "/patterns/", "../../patterns/"},
		{"/", "/a:b/", "./a:b/"},
		{"/a/", "/b/../c/", "../c/"},
		{"/a/", "https://example.com/", "https://example.com/"},
		{"/a/", "//example.com/", "//example.com/"},
		{"/a/", "#x", "#x"},
		{"/a/", "b/", "b/"},
		{"/a/", "", ""},
		{"/ab/c/", "/a/", "../../a/"},
		{"/a/", "/ab/", "../ab/"},
		{"/a/b", "/a/bc/d", "bc/d"},
		{"a/b/", "/a/x", "../x"},
		{"/a/./b/", "/a/b/c", "c"},
		{"/a//b/", "/a/b/c/", "c/"},
	}
	for _, tc := range tests {
		if got := RelURL(tc.from, tc.to); got != tc.want {
			t.Errorf("RelURL(%q, %q) = %q, want %q", tc.from, tc.to, got, tc.want)
		}
	}
}

func TestConvert_CodeHighlightedWithClasses(t *testing.T) {
	src := "```go\nfunc rebuild() error { return nil } // done\n```\n"
	html := string(convert(t, safeConverter, src, "/").HTML)
	assertContains(t, html,
		`<pre class="chroma"><code class="language-go">`,
		`<span class="kd">func</span>`,
		`<span class="nf">rebuild</span>`,
		`<span class="c1">// done`,
		"</code></pre>",
	)
	assertLacks(t, html, "style=")

	// Aliases and capitals find the same lexer.
	for _, lang := range []string{"golang", "Go", "GO"} {
		h := string(convert(t, safeConverter, "```"+lang+"\nfunc f() {}\n```\n", "/").HTML)
		assertContains(t, h, `<span class="kd">func</span>`)
	}

	plain := string(convert(t, safeConverter, "```nosuchlang\nfunc f() {}\n```\n", "/").HTML)
	assertContains(t, plain, "<pre><code class=\"language-nosuchlang\">func f() {}\n</code></pre>")
	none := string(convert(t, safeConverter, "```\nfunc f() {}\n```\n", "/").HTML)
	assertContains(t, none, "<pre><code>func f() {}\n</code></pre>")
}

func TestChromaCSS_LightAndDark(t *testing.T) {
	css := string(ChromaCSS())
	assertContains(t, css,
		".chroma .kd {",
		"@media (prefers-color-scheme: dark) {\n",
		":root:not([data-theme=light]) .chroma .kd {",
		":root[data-theme=dark] .chroma .kd {",
		":root[data-theme=dark] .chroma {",
	)
	light := ruleOf(t, css, ".chroma .k {")
	dark := ruleOf(t, css, ":root[data-theme=dark] .chroma .k {")
	if light == dark {
		t.Errorf("light and dark keyword rules are the same: %q", light)
	}
	if !bytes.Equal(ChromaCSS(), ChromaCSS()) {
		t.Error("ChromaCSS differs between calls")
	}
}

// ruleOf returns the rule that starts with selector at the start of a line.
func ruleOf(t *testing.T, css, selector string) string {
	t.Helper()
	for line := range strings.Lines(css) {
		if strings.HasPrefix(line, selector) {
			return line
		}
	}
	t.Fatalf("no rule %q in:\n%s", selector, css)
	return ""
}

func TestConvert_ConcurrentUseGivesSameHTML(t *testing.T) {
	page := benchPages(t)[0]
	want := convert(t, safeConverter, string(page), "/bench/p00000/")
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 5 {
				got, err := safeConverter.Convert(page, "/bench/p00000/")
				if err != nil || !bytes.Equal(got.HTML, want.HTML) {
					t.Errorf("concurrent Convert differs (err %v)", err)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestPlainText_TextAndHeadingsWithoutMarkup(t *testing.T) {
	src := "# Who *owns* it\n\nThe `estate` &amp; its [runbooks](/x/).\n\n<div>raw html</div>\n\n- one\n- two\n\n```go\nfunc main() {}\n```\n\n| a | b |\n|---|---|\n| c | d |\n\n## Next\n"
	text, headings, err := New(Options{}).PlainText([]byte(src), "/p/")
	if err != nil {
		t.Fatal(err)
	}
	want := "Who owns it The estate & its runbooks. one two func main() {} a b c d Next"
	if text != want {
		t.Errorf("text = %q\nwant   %q", text, want)
	}
	if len(headings) != 2 || headings[0] != "Who owns it" || headings[1] != "Next" {
		t.Errorf("headings = %q", headings)
	}
}

func TestConvert_TextIsPlainText(t *testing.T) {
	src := append(slices.Clone(benchPages(t)[0]), "\n# Who *owns* it\n\n<div>raw html</div>\n\n```go\nfunc main() {}\n```\n"...)
	c := New(Options{})
	text, headings, err := c.PlainText(src, "/p/")
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Convert(src, "/p/")
	if err != nil {
		t.Fatal(err)
	}
	if res.Text != text || !slices.Equal(res.Headings, headings) {
		t.Errorf("Convert's text differs from PlainText's:\n%q %q\n%q %q", res.Text, res.Headings, text, headings)
	}
	if len(headings) == 0 || !strings.Contains(text, "func main() {}") {
		t.Errorf("text or headings missing: %q %q", text, headings)
	}
}

func TestCollapseSpace_IsFieldsJoined(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a ", "a  b\t\nc", "\u00a0a\u0085b\u2003 c\u3000", "a\xffb \xfe", "é  ü\r\n", "\v\fx"} {
		if got, want := collapseSpace(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
}
