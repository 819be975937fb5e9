package render

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func ptr(f float64) *float64 { return &f }

func TestFormatScore(t *testing.T) {
	tests := []struct {
		name string
		in   *float64
		want string
	}{
		{"missing score reads not assessed", nil, "not assessed"},
		{"zero is a score, not a missing one", ptr(0), "0.00"},
		{"whole number gets two decimals", ptr(3), "3.00"},
		{"thirds round up", ptr(8.0 / 3), "2.67"},
		{"thirds round down", ptr(7.0 / 3), "2.33"},
		{"half a hundredth rounds away from zero", ptr(1.125), "1.13"},
		{"top of the scale", ptr(4), "4.00"},
		{"a fall between assessments keeps its sign", ptr(-0.25), "-0.25"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := FormatScore(tc.in); got != tc.want {
				t.Errorf("FormatScore(%v) = %q, want %q", deref(tc.in), got, tc.want)
			}
		})
	}
}

func deref(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

func TestFormatPercent(t *testing.T) {
	tests := []struct {
		name string
		in   float64
		want string
	}{
		{"nothing", 0, "0%"},
		{"everything", 1, "100%"},
		{"whole percentage", 0.18, "18%"},
		{"half a percent rounds up", 0.875, "88%"},
		{"below half a percent rounds down", 0.8749, "87%"},
		{"a small share still shows", 0.005, "1%"},
		{"two thirds", 2.0 / 3, "67%"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := FormatPercent(tc.in); got != tc.want {
				t.Errorf("FormatPercent(%v) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestSortValue_SpelledAsTemplatePrintsFloat checks that the ready-made
// data-value attributes read exactly as the layouts printed the float64
// themselves (fmt's %v), so that sorting scripts see the same numbers.
func TestSortValue_SpelledAsTemplatePrintsFloat(t *testing.T) {
	for _, f := range []float64{0, 1, 2.5, 8.0 / 3, 0.1 + 0.2, 1e21, 1e-7, 123456789.125, math.SmallestNonzeroFloat64, -0.25} {
		if got, want := sortValue(&f), fmt.Sprint(f); got != want {
			t.Errorf("sortValue(%v) = %q, want %q", f, got, want)
		}
	}
	if got := sortValue(nil); got != "-1" {
		t.Errorf("sortValue(nil) = %q, want -1 so that missing scores sort last", got)
	}
}

func TestSeverityClass(t *testing.T) {
	tests := []struct{ in, want string }{
		{"critical", "sev-critical"},
		{"info", "sev-info"},
		{"unheard-of", "sev-unheard-of"},
	}
	for _, tc := range tests {
		if got := SeverityClass(tc.in); got != tc.want {
			t.Errorf("SeverityClass(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestAnchorFrom(t *testing.T) {
	tests := []struct {
		name               string
		page, target, text string
		wantHref           string
		wantHTML           string
	}{
		{"sibling section", "/scorecards/harrow-finch/", "/checks/coherence/", "Coherence",
			"../../checks/coherence/", `<a href="../../checks/coherence/">Coherence</a>`},
		{"below the page", "/scorecards/harrow-finch/", "/scorecards/harrow-finch/2025-04-08/", "2025-04-08",
			"2025-04-08/", `<a href="2025-04-08/">2025-04-08</a>`},
		{"text is escaped", "/scorecards/", "/scorecards/a-b/", `Fish & "Chips" <Ltd>`,
			"a-b/", `<a href="a-b/">Fish &amp; &#34;Chips&#34; &lt;Ltd&gt;</a>`},
		{"no target is plain text", "/scorecards/", "", "Tom's", "", "Tom&#39;s"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := anchorFrom(tc.page, tc.target, tc.text)
			if a.Href != tc.wantHref || string(a.HTML) != tc.wantHTML || a.Text != tc.text {
				t.Errorf("anchorFrom(%q, %q, %q) = %+v, want Href %q, HTML %q", tc.page, tc.target, tc.text, a, tc.wantHref, tc.wantHTML)
			}
			unlinked := a.linked("")
			if unlinked.Href != "" || unlinked.HTML != anchorFrom(tc.page, "", tc.text).HTML {
				t.Errorf("unlinked %+v still links", unlinked)
			}
		})
	}
}

func TestMedian(t *testing.T) {
	tests := []struct {
		in   []float64
		want float64
		ok   bool
	}{
		{nil, 0, false},
		{[]float64{2}, 2, true},
		{[]float64{3, 1, 2}, 2, true},
		{[]float64{4, 1, 3, 2}, 2.5, true},
	}
	for _, tc := range tests {
		got, ok := median(slices.Clone(tc.in))
		if got != tc.want || ok != tc.ok {
			t.Errorf("median(%v) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

// The median selected in place is the one a sort gives, on lists of every
// length with few distinct values (ties), many, and in order.
func TestMedian_AgreesWithSorting(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 1; n < 300; n++ {
		for _, distinct := range []int{1, 3, 1000} {
			xs := make([]float64, n)
			for i := range xs {
				xs[i] = float64(rng.IntN(distinct)) / 4
			}
			if n%7 == 0 {
				slices.Sort(xs)
			}
			sorted := slices.Sorted(slices.Values(xs))
			want := sorted[n/2]
			if n%2 == 0 {
				want = (sorted[n/2-1] + sorted[n/2]) / 2
			}
			in := slices.Clone(xs)
			if got, ok := median(in); !ok || got != want {
				t.Fatalf("median(%v) = %v, %v; want %v", xs, got, ok, want)
			}
			if !slices.Equal(slices.Sorted(slices.Values(in)), sorted) {
				t.Fatalf("median(%v) lost or changed values: %v", xs, in)
			}
		}
	}
}
