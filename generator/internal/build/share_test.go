package build_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"scorebook/generator/internal/build"
)

func TestShareHTML_IsTheBuiltShareFile(t *testing.T) {
	site := shippedSite(t)
	out := filepath.Join(t.TempDir(), "never-written")
	got, err := build.ShareHTML(context.Background(), options(shippedSrc, out, build.Publish), "marlow-street", "")
	if err != nil {
		t.Fatalf("ShareHTML: %s", describeErr(err))
	}
	want := site["scorecards/marlow-street/share.html"]
	if !bytes.Equal(got, want) {
		t.Errorf("ShareHTML differs from the built share.html %s", firstDifference(want, got))
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("ShareHTML wrote to the output folder (%v)", err)
	}
}

func TestShareHTML_EarlierAssessment(t *testing.T) {
	got, err := build.ShareHTML(context.Background(), options(shippedSrc, t.TempDir(), build.DryRun), "marlow-street", "2025-07-15")
	if err != nil {
		t.Fatalf("ShareHTML: %s", describeErr(err))
	}
	page := string(got)
	for _, want := range []string{"<title>Marlow Street", "2025-07-15", "earlier assessment", `class="kind-scorecard share"`} {
		if !strings.Contains(page, want) {
			t.Errorf("earlier share page lacks %q", want)
		}
	}
	if strings.Contains(page, "<link rel=\"stylesheet\"") || strings.Contains(page, "<script") {
		t.Error("share page loads a stylesheet or runs a script")
	}
}

func TestShareHTML_UnlistedBrandWithoutShareKey(t *testing.T) {
	got, err := build.ShareHTML(context.Background(), options(shippedSrc, t.TempDir(), build.DryRun), "fernhill-grocers", "")
	if err != nil {
		t.Fatalf("ShareHTML: %s", describeErr(err))
	}
	page := string(got)
	if !strings.Contains(page, "Fernhill Grocers") || !strings.Contains(page, `content="noindex, nofollow"`) {
		t.Errorf("unlisted brand's share page lacks its name or noindex:\n%.400s", page)
	}
	if regexp.MustCompile(`s/[0-9a-f]{32}`).MatchString(page) {
		t.Error("unlisted brand's share page shows a share path")
	}
}

func TestShareHTML_UnknownBrandOrDateNamesWhatExists(t *testing.T) {
	opts := options(shippedSrc, t.TempDir(), build.DryRun)
	tests := []struct {
		name, slug, date string
		want             []string
	}{
		{"unknown brand", "acme", "", []string{`no brand "acme"`, "marlow-street", "fernhill-grocers"}},
		{"unknown date", "marlow-street", "2026-01-01", []string{`"marlow-street" has no assessment dated 2026-01-01`, "2025-07-15, 2026-07-08"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := build.ShareHTML(context.Background(), opts, tc.slug, tc.date)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}
