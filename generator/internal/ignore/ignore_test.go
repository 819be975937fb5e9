package ignore

import "testing"

func TestFile(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"faq.md", false},
		{"_index.md", false},
		{"2026-09-30.toml", false},
		{"site.toml", false},
		{"img.png", false},
		{"dimensions", false},
		{"49130", false},
		{"a#b", false},
		{".git", true},
		{".DS_Store", true},
		{".#faq.md", true},
		{"#faq.md#", true},
		{"faq.md~", true},
		{".faq.md.swp", true},
		{".faq.md.swx", true},
		{"page.md.swo", true},
		{"page.md.tmp", true},
		{"4913", true},
		{"Thumbs.db", true},
		{"desktop.ini", true},
		{"faq.md___jb_tmp___", true},
		{"faq.md___jb_old___", true},
	}
	for _, tc := range tests {
		if got := File(tc.name); got != tc.want {
			t.Errorf("File(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
}
