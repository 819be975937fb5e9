//go:build !unix

package publish

// lockOutput is a no-op where advisory file locks are not available.
func lockOutput(string) (func(), error) { return func() {}, nil }
