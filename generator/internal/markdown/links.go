package markdown

import (
	"path"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// SafeURL reports whether u may be written into a page as a link or image
// destination. It refuses javascript:, vbscript: and file: URLs, data: URLs
// other than PNG, GIF, JPEG and WebP images, and any URL with a control
// character (browsers drop tabs and newlines, so "java\tscript:" runs).
func SafeURL(u string) bool {
	for _, r := range u {
		if unicode.IsControl(r) {
			return false
		}
	}
	// Browsers ignore leading spaces before the scheme.
	u = strings.TrimLeft(u, " ")
	scheme, rest, ok := urlScheme(u)
	if !ok {
		return true
	}
	switch strings.ToLower(scheme) {
	case "javascript", "vbscript", "file":
		return false
	case "data":
		return safeDataImage(rest)
	}
	return true
}

// urlScheme splits a URL of the form scheme:rest, with the scheme an ASCII
// letter followed by letters, digits, '+', '-' or '.', as URL parsers read it.
func urlScheme(u string) (scheme, rest string, ok bool) {
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return u[:i], u[i+1:], true
		default:
			return "", "", false
		}
	}
	return "", "", false
}

// safeDataImage reports whether the part of a data: URL after the colon
// declares a raster image type, which browsers never run as script.
func safeDataImage(rest string) bool {
	mediaType, _, found := strings.Cut(rest, ",")
	if !found {
		return false
	}
	mediaType, _, _ = strings.Cut(mediaType, ";")
	switch strings.ToLower(strings.TrimSpace(mediaType)) {
	case "image/png", "image/gif", "image/jpeg", "image/webp":
		return true
	}
	return false
}

// isRootRelative reports whether u is a path on this site such as
// "/dimensions/operations/". "//host/x" and "/\host/x" name another host.
func isRootRelative(u string) bool {
	return len(u) > 0 && u[0] == '/' && (len(u) == 1 || (u[1] != '/' && u[1] != '\\'))
}

// isExternal reports whether u leads to another site.
func isExternal(u string) bool {
	if strings.HasPrefix(u, "//") || strings.HasPrefix(u, "/\\") || strings.HasPrefix(u, "\\\\") {
		return true
	}
	scheme, _, ok := urlScheme(u)
	if !ok {
		return false
	}
	scheme = strings.ToLower(scheme)
	return scheme == "http" || scheme == "https"
}

// RelURL returns the URL that leads from the page at from to to, both
// root-relative ("/patterns/hybrid/", "/dimensions/operations/#owner"), so
// that the site works under any path prefix and from a plain folder: from
// "/patterns/hybrid/" to "/dimensions/operations/" is
// "../../dimensions/operations/". A to that is not root-relative (external,
// "#fragment" or already relative) is returned unchanged. from is a page
// URL: when it does not end in a slash its last element is a file name.
func RelURL(from, to string) string {
	if !isRootRelative(to) {
		return to
	}
	target, suffix := to, ""
	if i := strings.IndexAny(to, "?#"); i >= 0 {
		target, suffix = to[:i], to[i:]
	}
	target = cleanPath(target)
	if !strings.HasPrefix(from, "/") {
		from = "/" + from
	}
	fromDir := cleanPath(from[:strings.LastIndexByte(from, '/')+1])

	// Both folders are clean and start and end with a slash: the folders
	// they share are their longest common prefix that ends in one, and
	// each slash after it in fromDir is a folder to climb out of.
	targetDir, targetFile := target[:strings.LastIndexByte(target, '/')+1], target[strings.LastIndexByte(target, '/')+1:]
	common := 0
	for i := 0; i < len(fromDir) && i < len(targetDir) && fromDir[i] == targetDir[i]; i++ {
		if fromDir[i] == '/' {
			common = i + 1
		}
	}
	rel := strings.Repeat("../", strings.Count(fromDir[common:], "/")) + targetDir[common:] + targetFile
	if rel == "" {
		// The same folder: a fragment alone stays on this page when the
		// page is the folder's index; otherwise name the folder.
		if strings.HasSuffix(from, "/") && strings.HasPrefix(suffix, "#") {
			return suffix
		}
		rel = "./"
	} else if _, _, ok := urlScheme(rel); ok {
		// "a:b/" would read as a URL with the scheme "a".
		rel = "./" + rel
	}
	return rel + suffix
}

// cleanPath resolves "." and ".." in a root-relative path and keeps a
// trailing slash.
func cleanPath(p string) string {
	if !strings.Contains(p, "/.") && !strings.Contains(p, "//") {
		return p
	}
	c := path.Clean(p)
	if strings.HasSuffix(p, "/") && c != "/" {
		c += "/"
	}
	return c
}

// linkPolicy is a goldmark AST transformer that renders the text of
// links and images with unsafe destinations without the link, makes
// root-relative destinations relative to the page, marks external links
// rel="noopener" and records the page's internal links.
type linkPolicy struct{}

// LinkPolicy is the goldmark extension that applies the link rules
// (SafeURL, RelURL, rel="noopener") to every link and image of a page.
var LinkPolicy = &linkPolicy{}

// NewLinkPolicy returns the link rules as a goldmark extension.
func NewLinkPolicy() goldmark.Extender { return LinkPolicy }

// Extend implements goldmark.Extender.
func (e *linkPolicy) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(e, 1000)))
}

var noopener = []byte("noopener")

// Transform implements parser.ASTTransformer.
func (e *linkPolicy) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	page := pageStateOf(pc)
	source := reader.Source()
	var unsafe []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			dest := resolveDestination(n.Destination)
			if !SafeURL(dest) {
				unsafe = append(unsafe, n)
				break
			}
			if isRootRelative(dest) {
				page.addLink(dest)
				n.Destination = escapeDestination(RelURL(page.url, dest))
			} else if isExternal(dest) {
				n.SetAttributeString("rel", noopener)
			}
		case *ast.Image:
			dest := resolveDestination(n.Destination)
			if !SafeURL(dest) {
				unsafe = append(unsafe, n)
				break
			}
			if isRootRelative(dest) {
				page.addLink(dest)
				n.Destination = escapeDestination(RelURL(page.url, dest))
			}
		case *ast.AutoLink:
			url := string(n.URL(source))
			if !SafeURL(url) {
				unsafe = append(unsafe, n)
			} else if n.AutoLinkType == ast.AutoLinkURL && isExternal(url) {
				n.SetAttributeString("rel", noopener)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range unsafe {
		unlink(n, source)
	}
}

// resolveDestination returns a destination as the browser will see it:
// goldmark keeps backslash escapes and character references such as
// &#x09; in the node and resolves them only when it writes the page.
func resolveDestination(dest []byte) string {
	v := util.UnescapePunctuations(dest)
	v = util.ResolveNumericReferences(v)
	v = util.ResolveEntityNames(v)
	return string(v)
}

// escapeDestination is the inverse of resolveDestination, so a rewritten
// destination comes out of goldmark's renderer as it went in.
func escapeDestination(u string) []byte {
	if !strings.ContainsAny(u, "\\&") {
		return []byte(u)
	}
	u = strings.ReplaceAll(u, "\\", "\\\\")
	return []byte(strings.ReplaceAll(u, "&", "&amp;"))
}

// unlink replaces a link, image or autolink with its text.
func unlink(n ast.Node, source []byte) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	if al, ok := n.(*ast.AutoLink); ok {
		label := ast.NewString(al.Label(source))
		label.SetRaw(true)
		parent.ReplaceChild(parent, n, label)
		return
	}
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}
