package watch

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// waitLimit bounds every wait for an event. These tests check what is
// reported, not how fast, so it is generous.
const waitLimit = 20 * time.Second

// modes runs a test against file events and against polling.
func modes(t *testing.T, test func(t *testing.T, poll bool)) {
	t.Helper()
	for _, poll := range []bool{false, true} {
		name := "notify"
		if poll {
			name = "poll"
		}
		t.Run(name, func(t *testing.T) { test(t, poll) })
	}
}

// site makes a small source tree under a temp folder and returns the root.
// The temp folder also holds "elsewhere/", a folder outside the root on the
// same file system.
func site(t *testing.T) string {
	t.Helper()
	tmp := t.TempDir()
	root := filepath.Join(tmp, "site")
	for _, f := range []string{
		"site.toml",
		"README.md",
		"content/faq.md",
		"content/guides/intro.md",
		"assessments/acme/2026-09-30.toml",
	} {
		write(t, filepath.Join(root, f), "x = 1\n")
	}
	if err := os.MkdirAll(filepath.Join(tmp, "elsewhere"), 0o755); err != nil {
		t.Fatal(err)
	}
	return root
}

func elsewhere(root string) string { return filepath.Join(filepath.Dir(root), "elsewhere") }

func write(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// start watches content/, assessments/, layouts/ (missing at first) and
// site.toml under root.
func start(t *testing.T, root string, poll bool, opts Options) *Watcher {
	t.Helper()
	opts.Poll = poll
	if opts.Interval == 0 {
		opts.Interval = 40 * time.Millisecond
	}
	if opts.Debounce == 0 {
		opts.Debounce = 60 * time.Millisecond
	}
	if opts.MaxWait == 0 {
		opts.MaxWait = 2 * time.Second
	}
	w, err := New(root, []string{"content", "assessments", "layouts"}, []string{"site.toml"}, opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

// until receives batches until every path of want has been reported, and
// returns the batches received. Each batch must be sorted and free of
// duplicates.
func until(t *testing.T, w *Watcher, want ...string) [][]string {
	t.Helper()
	missing := map[string]bool{}
	for _, p := range want {
		missing[p] = true
	}
	var got [][]string
	deadline := time.After(waitLimit)
	for len(missing) > 0 {
		select {
		case b, ok := <-w.Events():
			if !ok {
				t.Fatalf("events closed; still waiting for %v after %v", keys(missing), got)
			}
			if !slices.IsSorted(b) || len(slices.Compact(slices.Clone(b))) != len(b) {
				t.Fatalf("batch not sorted and unique: %v", b)
			}
			got = append(got, b)
			for _, p := range b {
				delete(missing, p)
			}
		case <-deadline:
			t.Fatalf("no change reported for %v; got %v", keys(missing), got)
		}
	}
	return got
}

func keys(m map[string]bool) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// never fails when a batch of got holds one of paths.
func never(t *testing.T, got [][]string, paths ...string) {
	t.Helper()
	for _, b := range got {
		for _, p := range paths {
			if slices.Contains(b, p) {
				t.Errorf("%s reported, want it ignored; batches %v", p, got)
			}
		}
	}
}

func TestWatch_ReportsCreateEditDelete(t *testing.T) {
	modes(t, func(t *testing.T, poll bool) {
		root := site(t)
		w := start(t, root, poll, Options{})

		write(t, filepath.Join(root, "content/new.md"), "new")
		until(t, w, "content/new.md")

		write(t, filepath.Join(root, "assessments/acme/2026-09-30.toml"), "x = 2 # edited\n")
		until(t, w, "assessments/acme/2026-09-30.toml")

		if err := os.Remove(filepath.Join(root, "content/faq.md")); err != nil {
			t.Fatal(err)
		}
		until(t, w, "content/faq.md")
	})
}

func TestWatch_AtomicSaveReportsFinalName(t *testing.T) {
	modes(t, func(t *testing.T, poll bool) {
		root := site(t)
		w := start(t, root, poll, Options{})
		save := func(rel, temp, text string) {
			t.Helper()
			write(t, filepath.Join(root, temp), text)
			if err := os.Rename(filepath.Join(root, temp), filepath.Join(root, rel)); err != nil {
				t.Fatal(err)
			}
		}
		// Twice each: a watch on the file itself would be lost after the
		// first rename replaced it.
		for i := range 2 {
			save("content/faq.md", "content/.faq.md.tmp123", fmt.Sprintf("saved %d", i))
			got := until(t, w, "content/faq.md")
			never(t, got, "content/.faq.md.tmp123")

			save("site.toml", ".site.toml.swp", fmt.Sprintf("title = 'v%d'", i))
			got = until(t, w, "site.toml")
			never(t, got, ".site.toml.swp")
		}
	})
}

func TestWatch_IgnoresEditorTempFilesAndOtherRootFiles(t *testing.T) {
	modes(t, func(t *testing.T, poll bool) {
		root := site(t)
		w := start(t, root, poll, Options{})
		litter := []string{
			"content/.#faq.md",
			"content/#faq.md#",
			"content/faq.md~",
			"content/.faq.md.swp",
			"content/.faq.md.swx",
			"content/4913",
			"content/.DS_Store",
			"content/.hidden.md",
			"content/faq.md___jb_tmp___",
			"content/.git/HEAD",
			"README.md",
			"public/index.html",
		}
		for _, f := range litter {
			write(t, filepath.Join(root, f), "litter")
		}
		write(t, filepath.Join(root, "content/sentinel.md"), "s")
		got := until(t, w, "content/sentinel.md")
		never(t, got, litter...)
		never(t, got, "content/.git", "public")
	})
}

func TestWatch_PermissionChangeIgnored(t *testing.T) {
	modes(t, func(t *testing.T, poll bool) {
		root := site(t)
		w := start(t, root, poll, Options{})
		if err := os.Chmod(filepath.Join(root, "content/faq.md"), 0o600); err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(root, "content/sentinel.md"), "s")
		never(t, until(t, w, "content/sentinel.md"), "content/faq.md")
	})
}

func TestWatch_NewSubfolderIsWatched(t *testing.T) {
	modes(t, func(t *testing.T, poll bool) {
		root := site(t)
		w := start(t, root, poll, Options{})

		write(t, filepath.Join(root, "content/guides/deep/er/a.md"), "a")
		until(t, w, "content/guides/deep/er/a.md")
		// Later writes in the new folder are seen too.
		write(t, filepath.Join(root, "content/guides/deep/er/b.md"), "b")
		until(t, w, "content/guides/deep/er/b.md")

		// A folder that arrives whole, its files written before any watch
		// could be placed on it, is reported by its files.
		write(t, filepath.Join(elsewhere(root), "moved/one.md"), "1")
		write(t, filepath.Join(elsewhere(root), "moved/sub/two.md"), "2")
		if err := os.Rename(filepath.Join(elsewhere(root), "moved"), filepath.Join(root, "content/moved")); err != nil {
			t.Fatal(err)
		}
		until(t, w, "content/moved/one.md", "content/moved/sub/two.md")
		write(t, filepath.Join(root, "content/moved/sub/three.md"), "3")
		until(t, w, "content/moved/sub/three.md")
	})
}

func TestWatch_WatchedFolderCreatedLater(t *testing.T) {
	modes(t, func(t *testing.T, poll bool) {
		root := site(t)
		w := start(t, root, poll, Options{})
		write(t, filepath.Join(root, "layouts/base.html"), "<html>")
		until(t, w, "layouts/base.html")
		write(t, filepath.Join(root, "layouts/partials/head.html"), "<head>")
		until(t, w, "layouts/partials/head.html")
	})
}

func TestWatch_RemovedFolderReportedByItsPath(t *testing.T) {
	modes(t, func(t *testing.T, poll bool) {
		root := site(t)
		w := start(t, root, poll, Options{})
		if err := os.RemoveAll(filepath.Join(root, "content/guides")); err != nil {
			t.Fatal(err)
		}
		until(t, w, "content/guides")

		// A whole watched folder removed and created again.
		if err := os.RemoveAll(filepath.Join(root, "assessments")); err != nil {
			t.Fatal(err)
		}
		until(t, w, "assessments")
		write(t, filepath.Join(root, "assessments/globex/2026-10-01.toml"), "x = 1")
		until(t, w, "assessments/globex/2026-10-01.toml")
	})
}

func TestWatch_FolderRenamedAwayIsForgotten(t *testing.T) {
	modes(t, func(t *testing.T, poll bool) {
		root := site(t)
		w := start(t, root, poll, Options{})
		write(t, filepath.Join(root, "content/guides/deep/x.md"), "x")
		until(t, w, "content/guides/deep/x.md")

		away := filepath.Join(elsewhere(root), "guides")
		if err := os.Rename(filepath.Join(root, "content/guides"), away); err != nil {
			t.Fatal(err)
		}
		until(t, w, "content/guides")

		// The folder lives on outside the root; changes there are not the
		// site's, whatever watches were left on it.
		write(t, filepath.Join(away, "intro.md"), "changed")
		write(t, filepath.Join(away, "deep/x.md"), "changed")
		write(t, filepath.Join(root, "content/sentinel.md"), "s")
		got := until(t, w, "content/sentinel.md")
		never(t, got, "content/guides/intro.md", "content/guides/deep/x.md")
	})
}

func TestWatch_FolderRenamedWithinRoot(t *testing.T) {
	modes(t, func(t *testing.T, poll bool) {
		root := site(t)
		w := start(t, root, poll, Options{})
		if err := os.Rename(filepath.Join(root, "content/guides"), filepath.Join(root, "content/handbook")); err != nil {
			t.Fatal(err)
		}
		until(t, w, "content/guides", "content/handbook/intro.md")
		write(t, filepath.Join(root, "content/handbook/intro.md"), "edited")
		until(t, w, "content/handbook/intro.md")
	})
}

func TestWatch_BurstCoalescedIntoOneBatch(t *testing.T) {
	modes(t, func(t *testing.T, poll bool) {
		root := site(t)
		// A quiet period far longer than the gap between two writes, and no
		// practical limit on the wait: the whole burst must be one batch.
		w := start(t, root, poll, Options{Debounce: 400 * time.Millisecond, MaxWait: time.Minute})
		var want []string
		for i := range 200 {
			rel := fmt.Sprintf("content/burst/page-%03d.md", i)
			want = append(want, rel)
			write(t, filepath.Join(root, rel), "b")
		}
		got := until(t, w, want...)
		if len(got) != 1 {
			t.Fatalf("burst of %d files came in %d batches, want 1", len(want), len(got))
		}
		if !slices.Equal(got[0], want) {
			t.Errorf("batch = %v\nwant %v", got[0], want)
		}
	})
}

func TestWatch_OneSaveEndsItsBatchAfterTheShortQuiet(t *testing.T) {
	modes(t, func(t *testing.T, poll bool) {
		root := site(t)
		// A quiet period and a limit longer than the test may wait: only
		// the short quiet for a single path can end the batch.
		w := start(t, root, poll, Options{Debounce: 10 * time.Minute, SaveDebounce: 20 * time.Millisecond, MaxWait: 10 * time.Minute})
		write(t, filepath.Join(root, "content/faq.md"), "saved")
		got := until(t, w, "content/faq.md")
		if len(got) != 1 || len(got[0]) != 1 {
			t.Errorf("batches = %v, want one batch of content/faq.md", got)
		}
	})
}

func TestWatch_SeveralFilesWaitForTheFullQuiet(t *testing.T) {
	modes(t, func(t *testing.T, poll bool) {
		root := site(t)
		w := start(t, root, poll, Options{Debounce: 3 * time.Second, SaveDebounce: 50 * time.Millisecond, MaxWait: time.Minute})
		write(t, filepath.Join(root, "content/faq.md"), "one")
		write(t, filepath.Join(root, "content/guides/intro.md"), "two")
		// Longer than the short quiet, well within the full one: a batch
		// of two paths is still open.
		time.Sleep(400 * time.Millisecond)
		write(t, filepath.Join(root, "assessments/acme/2026-09-30.toml"), "three")
		got := until(t, w, "assessments/acme/2026-09-30.toml", "content/faq.md", "content/guides/intro.md")
		if len(got) != 1 {
			t.Errorf("three files came in %d batches %v, want 1", len(got), got)
		}
	})
}

func TestWatch_CloseEndsChannels(t *testing.T) {
	modes(t, func(t *testing.T, poll bool) {
		w := start(t, site(t), poll, Options{})
		if err := w.Close(); err != nil {
			t.Fatalf("Close: %v", err)
		}
		if err := w.Close(); err != nil {
			t.Fatalf("second Close: %v", err)
		}
		if _, ok := <-w.Events(); ok {
			t.Error("Events still open after Close")
		}
		if _, ok := <-w.Errors(); ok {
			t.Error("Errors still open after Close")
		}
	})
}

func TestNew_RejectsPathsOutsideRoot(t *testing.T) {
	root := site(t)
	tests := []struct {
		name  string
		dirs  []string
		files []string
	}{
		{"parent folder", []string{"../elsewhere"}, nil},
		{"absolute folder", []string{"/etc"}, nil},
		{"parent file", nil, []string{"../x.toml"}},
		{"root as a file", nil, []string{"."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w, err := New(root, tc.dirs, tc.files, Options{})
			if err == nil {
				w.Close()
				t.Fatal("New succeeded, want an error")
			}
		})
	}
	if _, err := New(filepath.Join(root, "missing"), nil, nil, Options{}); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("New on a missing root: err = %v, want one naming it", err)
	}
}

// TestWatch_SetFilesFollowsAFileTheSettingsName checks that a file added
// with SetFiles (a model file that site.toml names, in its own folder) is
// reported when it changes, and a file dropped is no longer reported.
func TestWatch_SetFilesFollowsAFileTheSettingsName(t *testing.T) {
	modes(t, func(t *testing.T, poll bool) {
		root := site(t)
		model := filepath.Join(root, "models", "model.toml")
		write(t, model, "version = \"1\"\n")
		w := start(t, root, poll, Options{})
		if err := w.SetFiles([]string{"site.toml", "models/model.toml"}); err != nil {
			t.Fatal(err)
		}
		// SetFiles is handled by the watcher's goroutine: a change of a
		// file watched from the start, seen after it, proves it applied.
		write(t, filepath.Join(root, "site.toml"), "x = 2\n")
		until(t, w, "site.toml")
		write(t, model, "version = \"2\"\n")
		until(t, w, "models/model.toml")

		if err := w.SetFiles([]string{"site.toml"}); err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(root, "site.toml"), "x = 3\n")
		until(t, w, "site.toml")
		write(t, model, "version = \"3\"\n")
		write(t, filepath.Join(root, "content", "faq.md"), "changed\n")
		never(t, until(t, w, "content/faq.md"), "models/model.toml")
		if err := w.SetFiles([]string{"../outside.toml"}); err == nil {
			t.Error("SetFiles took a path outside the root")
		}
	})
}

// TestWatch_WriteKeepingSizeAndTimeSeen writes a file in place with the
// same size and puts its modification time back: only the change time
// tells, and the edit must be reported as the cache's fingerprint sees it.
func TestWatch_WriteKeepingSizeAndTimeSeen(t *testing.T) {
	modes(t, func(t *testing.T, poll bool) {
		root := site(t)
		name := filepath.Join(root, "content/faq.md")
		info, err := os.Stat(name)
		if err != nil {
			t.Fatal(err)
		}
		w := start(t, root, poll, Options{})
		f, err := os.OpenFile(name, os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteAt([]byte("y"), 0); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(name, info.ModTime(), info.ModTime()); err != nil {
			t.Fatal(err)
		}
		until(t, w, "content/faq.md")
	})
}
