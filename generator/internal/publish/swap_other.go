//go:build !linux

package publish

// swap replaces the output with the staging folder through two renames,
// leaving the previous site in staging.
func swap(staging, out, old string) error {
	return swapByRename(staging, out, old)
}
