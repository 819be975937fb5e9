package server

import (
	_ "embed"
	"html"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path"
	"strconv"
	"strings"
	"time"
)

//go:embed reload.js
var reloadScript []byte

func serveScript(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(reloadScript)))
	w.Write(reloadScript)
}

// contentTypes fixes the types of the files a site is made of, so they do
// not depend on the machine's MIME tables.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".htm":         "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json",
	".map":         "application/json",
	".webmanifest": "application/manifest+json",
	".xml":         "application/xml; charset=utf-8",
	".svg":         "image/svg+xml",
	".csv":         "text/csv; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
	".md":          "text/markdown; charset=utf-8",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/x-icon",
	".woff":        "font/woff",
	".woff2":       "font/woff2",
	".pdf":         "application/pdf",
}

// contentType names the type of a file by its extension; "" leaves it to
// sniffing.
func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	return mime.TypeByExtension(ext)
}

func isHTML(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".html" || ext == ".htm"
}

// sitePath turns a request path into the name of a file inside the site
// (slash-separated, "." for the top), and says whether the request names a
// folder (ends in "/"). It refuses paths that try to leave the site or to
// smuggle separators: ".." segments, encoded slashes and backslashes, NUL.
func sitePath(u *url.URL) (name string, folder bool, ok bool) {
	p := u.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false, false
	}
	raw := strings.ToLower(u.EscapedPath())
	if strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") {
		return "", false, false
	}
	for seg := range strings.SplitSeq(p, "/") {
		if seg == ".." {
			return "", false, false
		}
	}
	name = strings.TrimPrefix(path.Clean(p), "/")
	if name == "" {
		name = "."
	}
	return name, strings.HasSuffix(p, "/"), true
}

// serveSite serves a file of the built site. The folder is opened afresh for
// each request, as builds replace it whole; os.Root keeps every name,
// symbolic links included, inside it.
func (s *Server) serveSite(w http.ResponseWriter, r *http.Request) {
	// Read the state before the file: a build finishing in between then
	// costs a needless reload, never a missed one.
	token, fail := s.pageState()
	name, folder, ok := sitePath(r.URL)
	if !ok {
		http.Error(w, "bad request path", http.StatusBadRequest)
		return
	}
	root, err := os.OpenRoot(s.opts.Root)
	if err != nil {
		s.notFound(w, r, nil, token, fail)
		return
	}
	defer root.Close()

	if folder {
		name = path.Join(name, "index.html")
	}
	fi, err := root.Stat(name)
	switch {
	case err != nil:
		s.notFound(w, r, root, token, fail)
		return
	case fi.IsDir() && !folder:
		// Pretty URLs: a folder is its index page, at the address with a
		// slash so that relative links inside it resolve.
		target := url.URL{Path: "/" + name + "/", RawQuery: r.URL.RawQuery}
		if name == "." {
			target.Path = "/"
		}
		http.Redirect(w, r, target.String(), http.StatusFound)
		return
	case !fi.Mode().IsRegular():
		s.notFound(w, r, root, token, fail)
		return
	}

	w.Header().Set("X-Content-Type-Options", "nosniff")
	if isHTML(name) {
		page, err := root.ReadFile(name)
		if err != nil {
			s.notFound(w, r, root, token, fail)
			return
		}
		writeHTML(w, http.StatusOK, page, token, fail)
		return
	}
	f, err := root.Open(name)
	if err != nil {
		s.notFound(w, r, root, token, fail)
		return
	}
	defer f.Close()
	if t := contentType(name); t != "" {
		w.Header().Set("Content-Type", t)
	}
	// No modification time: with no-store there is nothing to revalidate.
	http.ServeContent(w, r, name, time.Time{}, f)
}

// pageState returns what a page served now must know: the output token and
// the last build's failure, if any.
func (s *Server) pageState() (string, *failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tokenLocked(), s.failure
}

// notFound answers with the site's 404.html, or a plain page when the site
// has none (yet): either way with the reload script, so the page comes back
// by itself once a build creates what was asked for.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, root *os.Root, token string, fail *failure) {
	var page []byte
	if root != nil {
		page, _ = root.ReadFile("404.html")
	}
	if page == nil {
		page = []byte("<!doctype html>\n<meta charset=\"utf-8\">\n<title>Not found</title>\n<h1>Not found</h1>\n<p>Nothing is built at " +
			html.EscapeString(r.URL.Path) + ".</p>\n")
	}
	writeHTML(w, http.StatusNotFound, page, token, fail)
}

// writeHTML sends an HTML page with the reload script, and the error
// overlay while the last build failed, injected.
func writeHTML(w http.ResponseWriter, status int, page []byte, token string, fail *failure) {
	extra := `<script src="` + scriptPath + `" data-build="` + html.EscapeString(token) + `"></script>`
	if fail != nil {
		extra = fail.html + extra
	}
	body := inject(page, extra)
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body)
}

// inject puts extra before the page's last </body> tag (any case), or at
// the end of a page that has none. The page itself is not changed.
func inject(page []byte, extra string) []byte {
	at := lastBodyEnd(page)
	if at < 0 {
		at = len(page)
	}
	out := make([]byte, 0, len(page)+len(extra))
	out = append(out, page[:at]...)
	out = append(out, extra...)
	return append(out, page[at:]...)
}

// lastBodyEnd finds the last "</body" in page, ASCII case-insensitively, or
// returns -1.
func lastBodyEnd(page []byte) int {
	const tag = "</body"
	for i := len(page) - len(tag); i >= 0; i-- {
		if page[i] != '<' {
			continue
		}
		match := true
		for j := 1; j < len(tag); j++ {
			c := page[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != tag[j] {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}
