package config

import (
	"errors"
	"net/url"
	"path"
	"strings"
)

// NormalizeBaseURL returns the canonical form of a base_url setting: ""
// becomes "/"; a path gets a leading and a trailing slash ("playbook" →
// "/playbook/"); an http or https URL keeps its scheme and host and gets a
// trailing slash. Anything else (another scheme such as javascript:, a
// query, a fragment, a protocol-relative //host) is an error that says what
// is expected; the returned string is then "/".
func NormalizeBaseURL(s string) (string, error) {
	const expected = `expected a path such as "/" or "/playbook/", or a URL such as "https://example.org/playbook/"`
	if s == "" {
		return "/", nil
	}
	if strings.ContainsAny(s, " \t\r\n\"'<>\\`{}|^") || strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return "/", errors.New(expected + `; found a space, quote or other character that is not allowed in a URL`)
	}
	u, err := url.Parse(s)
	if err != nil {
		return "/", errors.New(expected + "; found " + quote(s))
	}
	switch {
	case u.RawQuery != "" || u.Fragment != "" || strings.ContainsAny(s, "?#"):
		return "/", errors.New(expected + "; a base URL cannot have a query or fragment, found " + quote(s))
	case u.Scheme == "" && u.Host == "" && !strings.HasPrefix(s, "//"):
		p := path.Clean("/" + u.EscapedPath())
		if !strings.HasSuffix(p, "/") {
			p += "/"
		}
		return p, nil
	case u.Scheme != "http" && u.Scheme != "https":
		return "/", errors.New(expected + "; found " + quote(s))
	case u.Host == "" || u.User != nil || u.Opaque != "":
		return "/", errors.New(expected + "; found " + quote(s))
	}
	out := url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path, RawPath: u.RawPath}
	if !strings.HasSuffix(out.Path, "/") {
		out.Path += "/"
		if out.RawPath != "" {
			out.RawPath += "/"
		}
	}
	return out.String(), nil
}

func quote(s string) string {
	if r := []rune(s); len(r) > 60 {
		s = string(r[:57]) + "..."
	}
	return `"` + s + `"`
}
