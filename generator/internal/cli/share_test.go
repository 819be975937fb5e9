package cli_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"scorebook/generator/internal/build"
	"scorebook/generator/internal/sealed"
)

var (
	passphraseLine = regexp.MustCompile(`(?m)^Passphrase: (\S+)$`)
	openLine       = regexp.MustCompile(`(?m)^Opens at once: (file://\S+)#pass=(\S+)$`)
)

func TestShare_WritesAnEncryptedShareFile(t *testing.T) {
	src := copySite(t, smallSite)
	t.Chdir(t.TempDir())
	r := run(t, nil, "share", "northwind", "-src", src, "-now", "2026-10-15")
	if r.err != nil {
		t.Fatalf("share: %v\n%s", r.err, r.stderr)
	}
	file := "northwind-scorecard.html"
	page, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("default -out: %v\nstdout:\n%s", err, r.stdout)
	}
	m := passphraseLine.FindStringSubmatch(r.stdout)
	if m == nil {
		t.Fatalf("no generated passphrase printed:\n%s", r.stdout)
	}
	pass := m[1]
	if o := openLine.FindStringSubmatch(r.stdout); o == nil || !strings.HasSuffix(o[1], "/"+file) || o[2] != pass {
		t.Errorf("no file:// address with the passphrase in its fragment:\n%s", r.stdout)
	}
	if strings.Count(r.stdout, pass) != 2 {
		t.Errorf("the passphrase is printed %d times, want once on its line and once in the address", strings.Count(r.stdout, pass))
	}
	plain, err := sealed.OpenPage(page, pass)
	if err != nil {
		t.Fatalf("open with the printed passphrase: %v", err)
	}
	opts := build.Options{Src: src, Out: filepath.Join(src, "public"), Now: mustDate(t, "2026-10-15")}
	want, err := build.ShareHTML(context.Background(), opts, "northwind", "")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(bytes.TrimRight(plain, " "), want) {
		t.Error("decrypted file is not the brand's share.html")
	}
	for _, s := range []string{"Northwind", "northwind", "Gateway fronts all partner APIs", "Runbooks for orders", "Integration review board", "hub-and-spoke", "shopify", "2026-10-01", "API gateway"} {
		if bytes.Contains(page, []byte(s)) {
			t.Errorf("the file shows %q in clear", s)
		}
	}
	if !bytes.Contains(plain, []byte("Northwind Outfitters")) {
		t.Error("decrypted page lacks the brand")
	}

	// A second run makes a new passphrase and replaces its own file.
	again := run(t, nil, "share", "northwind", "-src", src, "-now", "2026-10-15")
	if again.err != nil {
		t.Fatalf("share again: %v\n%s", again.err, again.stderr)
	}
	if m2 := passphraseLine.FindStringSubmatch(again.stdout); m2 == nil || m2[1] == pass {
		t.Errorf("second run did not make a new passphrase:\n%s", again.stdout)
	}
}

func TestShare_PassphraseFromEnvironmentAndEarlierDate(t *testing.T) {
	src := copySite(t, smallSite)
	out := filepath.Join(t.TempDir(), "to-send", "for-bluebell.html") // its folder does not exist yet
	const pass = "river lantern copper 42"
	r := run(t, map[string]string{"SCOREBOOK_SHARE_PASSPHRASE": pass}, "share", "bluebell", "-date", "2025-06-15", "-out", out, "-src", src)
	if r.err != nil {
		t.Fatalf("share: %v\n%s", r.err, r.stderr)
	}
	if strings.Contains(r.stdout, pass) || strings.Contains(r.stderr, pass) {
		t.Errorf("a passphrase from the environment was printed:\n%s%s", r.stdout, r.stderr)
	}
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := sealed.OpenPage(page, pass)
	if err != nil {
		t.Fatalf("open with the passphrase from the environment: %v", err)
	}
	if !bytes.Contains(plain, []byte("2025-06-15")) || !bytes.Contains(plain, []byte("earlier assessment")) {
		t.Error("the file does not hold the earlier assessment")
	}
	short := run(t, map[string]string{"SCOREBOOK_SHARE_PASSPHRASE": "abc"}, "share", "bluebell", "-out", out, "-src", src)
	if short.err != nil || !strings.Contains(short.stderr, "only as safe as its passphrase") {
		t.Errorf("short passphrase: %v, stderr %q; want a warning", short.err, short.stderr)
	}
}

func TestShare_Refusals(t *testing.T) {
	src := copySite(t, smallSite)
	dir := t.TempDir()
	other := filepath.Join(dir, "notes.html")
	writeFile(t, dir, "notes.html", "<p>my notes</p>")
	tests := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"unknown brand", []string{"share", "acme"}, 1, []string{`no brand "acme"`, "bluebell, northwind"}},
		{"unknown date", []string{"share", "northwind", "-date", "2024-01-01"}, 1, []string{"no assessment dated 2024-01-01", "2025-10-01, 2026-10-01"}},
		{"not a slug", []string{"share", "North Wind"}, 2, []string{"not a brand slug"}},
		{"bad date", []string{"share", "northwind", "-date", "1 May"}, 2, []string{"expected a date"}},
		{"no slug", []string{"share"}, 2, []string{"Usage: scorebook share"}},
		{"into the assessments", []string{"share", "northwind", "-out", filepath.Join(src, "assessments", "northwind", "2026-10-01.toml")}, 1, []string{"in the site's source (assessments)"}},
		{"over site.toml", []string{"share", "northwind", "-out", filepath.Join(src, "site.toml")}, 1, []string{"in the site's source (site.toml)"}},
		{"over another file", []string{"share", "northwind", "-out", other}, 1, []string{"not a file scorebook share wrote"}},
		{"into a folder", []string{"share", "northwind", "-out", dir}, 1, []string{"is a folder"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, nil, append(tc.args, "-src", src)...)
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d (%v)\n%s", r.code, tc.code, r.err, r.stderr)
			}
			msg := r.stderr
			if r.err != nil {
				msg += r.err.Error()
			}
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q lacks %q", msg, w)
				}
			}
		})
	}
	if got := readFile(t, src, "site.toml"); strings.Contains(got, "Shared scorecard") {
		t.Error("site.toml was overwritten")
	}
	if got := readFile(t, dir, "notes.html"); got != "<p>my notes</p>" {
		t.Error("another file was overwritten")
	}
}

func mustDate(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
