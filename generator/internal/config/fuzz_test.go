package config

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzSiteConfig checks that no site.toml, however malformed, panics the
// loader, that every error has a position, and that a model it accepts
// keeps the promises scoring code relies on.
func FuzzSiteConfig(f *testing.F) {
	base, err := os.ReadFile(filepath.Join("testdata", "site.toml"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(base)
	if shipped, err := os.ReadFile(filepath.Join("..", "..", "..", FileName)); err == nil {
		f.Add(shipped)
	}
	f.Add([]byte("title = \"x\"\n[model]\nversion = \"1\"\n[[model.levels]]\nname = \"a\"\nmin = 0\n"))
	f.Add([]byte("model = \"model.toml\"\n"))
	f.Add([]byte("base_url = \"javascript:x\"\n[model]\n[model.scale]\nmin = 9223372036854775807\nmax = -9223372036854775808\n"))
	f.Add([]byte("[[model.team_bands]]\nmax_revenue_musd = 0\n[[model.team_bands]]\nmin_revenue_musd = -1\n"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		site, errs := Parse(dir, data, testChecks)
		for _, d := range errs {
			if d.Path == "" || d.Message == "" {
				t.Fatalf("diagnostic without path or message: %#v", d)
			}
		}
		if errs.HasErrors() {
			if site != nil {
				t.Fatalf("site returned with errors")
			}
			return
		}
		m := &site.Model
		if m.Scale.Min >= m.Scale.Max || len(m.Levels) == 0 || len(m.Dimensions) == 0 {
			t.Fatalf("accepted a model without a scale, bands or dimensions: %+v", m)
		}
		for l := m.Scale.Min; l <= m.Scale.Max; l++ {
			if m.Band(float64(l)) == nil {
				t.Fatalf("level %d has no band", l)
			}
		}
		for _, c := range []string{"real-time", "near-real-time", "hourly", "daily", "nightly", "weekly"} {
			if m.CadenceClass(c) == "" {
				t.Fatalf("contract cadence %s missing", c)
			}
		}
	})
}
