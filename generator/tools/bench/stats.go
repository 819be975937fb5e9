package main

import (
	"math"
	"slices"
	"time"
)

// median is the middle value (the mean of the two middle ones for an even
// count); 0 for none.
func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// percentile is the nearest-rank p-th percentile; 0 for none.
func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	rank := int(math.Ceil(p / 100 * float64(len(s))))
	return s[max(0, min(len(s), rank)-1)]
}

// wallOf, userOf, systemOf and cpuOf pick one time of a sample, for pick.
func wallOf(s sample) time.Duration   { return s.Wall }
func userOf(s sample) time.Duration   { return s.User }
func systemOf(s sample) time.Duration { return s.System }
func cpuOf(s sample) time.Duration    { return s.CPU }

// medianRSS is the median peak resident memory of the samples.
func medianRSS(ss []sample) int64 {
	ds := make([]time.Duration, len(ss))
	for i, s := range ss {
		ds[i] = time.Duration(s.PeakRSS)
	}
	return int64(median(ds))
}

// pick returns one duration of every sample.
func pick(ss []sample, f func(sample) time.Duration) []time.Duration {
	out := make([]time.Duration, len(ss))
	for i, s := range ss {
		out[i] = f(s)
	}
	return out
}
