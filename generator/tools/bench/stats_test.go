package main

import (
	"testing"
	"time"
)

func TestMedianAndPercentile(t *testing.T) {
	ms := func(ns ...int) []time.Duration {
		out := make([]time.Duration, len(ns))
		for i, n := range ns {
			out[i] = time.Duration(n) * time.Millisecond
		}
		return out
	}
	tests := []struct {
		name     string
		in       []time.Duration
		med, p95 time.Duration
	}{
		{"none", nil, 0, 0},
		{"one", ms(7), 7 * time.Millisecond, 7 * time.Millisecond},
		{"odd, unsorted", ms(30, 10, 20), 20 * time.Millisecond, 30 * time.Millisecond},
		{"even takes the mean of the middle two", ms(40, 10, 30, 20), 25 * time.Millisecond, 40 * time.Millisecond},
		{"21 samples: p95 is the 20th", ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21), 11 * time.Millisecond, 20 * time.Millisecond},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := median(tc.in); got != tc.med {
				t.Errorf("median = %s, want %s", got, tc.med)
			}
			if got := percentile(tc.in, 95); got != tc.p95 {
				t.Errorf("p95 = %s, want %s", got, tc.p95)
			}
		})
	}
}
