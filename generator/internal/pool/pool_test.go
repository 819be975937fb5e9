package pool

import (
	"sync/atomic"
	"testing"
)

func TestEach_CallsEveryIndexOnce(t *testing.T) {
	for _, workers := range []int{0, 1, 3, 100} {
		var calls [50]atomic.Int32
		Each(len(calls), workers, nil, func(i int) { calls[i].Add(1) })
		for i := range calls {
			if n := calls[i].Load(); n != 1 {
				t.Errorf("workers %d: index %d called %d times", workers, i, n)
			}
		}
	}
}

func TestEach_StopsHandingOutWork(t *testing.T) {
	var done atomic.Int32
	Each(1000, 2, func() bool { return done.Load() >= 10 }, func(int) { done.Add(1) })
	if n := done.Load(); n >= 1000 || n < 10 {
		t.Errorf("%d calls after asking to stop at 10", n)
	}
}
