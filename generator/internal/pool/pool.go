// Package pool runs work on a fixed number of goroutines: the loaders'
// and the build's one worker pool.
package pool

import (
	"runtime"
	"sync"
)

// Each calls do(i) for each i below n on up to workers goroutines (one per
// CPU when workers is 0 or less), handing out no more once stop (if not
// nil) reports true, and returns when every call made has returned.
func Each(n, workers int, stop func() bool, do func(i int)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, n)
	if workers <= 1 {
		for i := 0; i < n && (stop == nil || !stop()); i++ {
			do(i)
		}
		return
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				do(i)
			}
		})
	}
	for i := 0; i < n && (stop == nil || !stop()); i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
