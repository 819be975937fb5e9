package content

import (
	"scorebook/generator/internal/routes"

	"strings"
)

// location is where a page file is published.
type location struct {
	url       string
	section   string
	isSection bool
}

// locate maps a page file's path to its URL: the path under content/,
// lowercased, without ".md", with a trailing slash; an _index.md stands for
// its folder. It returns a problem, saying what is expected, when a folder
// or file name has characters other than letters, digits, '-' and '_'.
func locate(file string) (location, string) {
	rel, ok := strings.CutPrefix(file, routes.ContentDir+"/")
	if !ok {
		return location{}, "a page must be in the content/ folder"
	}
	stem, ok := cutSuffixFold(rel, ".md")
	if !ok {
		return location{}, "a page's file name must end in .md"
	}
	parts := strings.Split(stem, "/")
	for i, p := range parts {
		if problem := checkName(p, i == len(parts)-1); problem != "" {
			return location{}, problem
		}
		parts[i] = strings.ToLower(p)
	}

	var loc location
	if parts[len(parts)-1] == "_index" {
		loc.isSection = true
		parts = parts[:len(parts)-1]
	}
	if len(parts) > 1 || (len(parts) == 1 && loc.isSection) {
		loc.section = parts[0]
	}
	loc.url = routes.ContentPage(parts...)
	return loc, ""
}

func cutSuffixFold(s, suffix string) (string, bool) {
	if len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix) {
		return s[:len(s)-len(suffix)], true
	}
	return s, false
}

// checkName says what is wrong with one folder or file name (without
// .md) of a page's path, or returns "".
func checkName(name string, isFile bool) string {
	what := "folder"
	if isFile {
		what = "file"
	}
	if name == "" {
		return "a page's " + what + " name must not be empty"
	}
	for _, r := range name {
		if !validNameRune(r) {
			shown := string(r)
			switch {
			case r == ' ':
				shown = "a space"
			case r < 0x20 || r == 0x7f:
				shown = "a control character"
			default:
				shown = "\"" + shown + "\""
			}
			return "the " + what + " name \"" + name + "\" has " + shown +
				"; page URLs come from file and folder names, which may use only letters a-z, digits, '-' and '_' (for example operational-discipline.md)"
		}
	}
	return ""
}

func validNameRune(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-' || r == '_'
}
