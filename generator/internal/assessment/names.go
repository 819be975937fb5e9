package assessment

import (
	"fmt"
	"strings"
	"time"
)

// ValidSlug reports whether s can name a brand folder: lowercase letters,
// digits and hyphens, starting with a letter or a digit.
func ValidSlug(s string) bool {
	if s == "" || s[0] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// FileDate returns the date an assessment file name stands for:
// "2026-09-30.toml" is 30 September 2026, midnight UTC.
func FileDate(name string) (time.Time, bool) {
	stem, ok := strings.CutSuffix(name, ".toml")
	if !ok || len(stem) != len(time.DateOnly) {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, stem)
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

// maxListed is how many valid ids a message lists in full; beyond it, a
// message suggests the nearest ones instead.
const maxListed = 12

// expected says which ids were expected instead of got: all of them when
// there are few, the nearest when there are many.
func expected(what string, valid []string, got string) string {
	if len(valid) == 0 {
		return fmt.Sprintf("the model defines no %ss", what)
	}
	near := nearest(valid, got)
	var b strings.Builder
	if near != "" {
		fmt.Fprintf(&b, "did you mean %q? ", near)
	}
	if len(valid) <= maxListed {
		fmt.Fprintf(&b, "expected one of: %s", strings.Join(valid, ", "))
	} else {
		fmt.Fprintf(&b, "expected one of the model's %d %s ids, such as %s, ...", len(valid), what, strings.Join(valid[:3], ", "))
	}
	return b.String()
}

// nearest returns the valid id closest to got in edit distance, if it is
// close enough to be a likely typo.
func nearest(valid []string, got string) string {
	if got == "" || len(got) > 64 {
		return ""
	}
	best, bestDist := "", max(2, len(got)/3)+1
	for _, v := range valid {
		if d := distance(v, got); d < bestDist {
			best, bestDist = v, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b, in bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
