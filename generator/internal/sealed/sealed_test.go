package sealed

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/pbkdf2"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"regexp"
	"strings"
	"testing"
)

// scorecard stands for a rendered share.html: every string in it is one the
// sealed file must not show.
const scorecard = `<!DOCTYPE html><html lang="en"><head><title>Northwind Outfitters · scorecard 2026-09-30</title>
<style>body{color:#222}</style></head><body class="kind-scorecard share">
<h1>Northwind Outfitters</h1><p>Managed, 3.4 of 4</p>
<table><tr><td>API gateway</td><td>3</td><td>Kafka in two regions, audited in May</td></tr>
<tr><td>Event backbone</td><td>2</td></tr></table>
<p>Finding: no on-call rota for the order integration</p></body></html>`

var secrets = []string{"Northwind", "Outfitters", "northwind", "API gateway", "Kafka in two regions", "Event backbone", "on-call rota", "2026-09-30", "kind-scorecard"}

const pass = "k7rm-2xqd-9wbe-hn4t-fp3s"

func TestPage_RoundTripOpensTheSamePage(t *testing.T) {
	page, err := Page([]byte(scorecard), pass)
	if err != nil {
		t.Fatal(err)
	}
	got, err := OpenPage(page, pass)
	if err != nil {
		t.Fatalf("open with the right passphrase: %v", err)
	}
	if string(bytes.TrimRight(got, " ")) != scorecard {
		t.Errorf("opened page differs from the sealed one:\n%s", got)
	}
	if len(got)%padTo != 0 {
		t.Errorf("plaintext length %d is not padded to a multiple of %d", len(got), padTo)
	}
	// Typed with spaces around it, or pasted with a line break.
	if _, err := OpenPage(page, "  "+pass+"\n"); err != nil {
		t.Errorf("passphrase with spaces around it: %v", err)
	}
}

func TestPage_HoldsNothingOfThePageInClear(t *testing.T) {
	page, err := Page([]byte(scorecard), pass)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range append(secrets, pass, base64.StdEncoding.EncodeToString([]byte("Northwind Outfitters"))) {
		if bytes.Contains(page, []byte(s)) {
			t.Errorf("sealed page contains %q", s)
		}
	}
	if !bytes.Contains(page, []byte("<title>Shared scorecard</title>")) {
		t.Error("sealed page lacks its generic title")
	}
}

func TestOpen_WrongPassphraseOrAlteredFileRefused(t *testing.T) {
	page, err := Page([]byte(scorecard), pass)
	if err != nil {
		t.Fatal(err)
	}
	for _, wrong := range []string{"k7rm-2xqd-9wbe-hn4t-fp3t", "K7RM-2XQD-9WBE-HN4T-FP3S", "", "x"} {
		got, err := OpenPage(page, wrong)
		if !errors.Is(err, ErrWrongPassphrase) || got != nil {
			t.Errorf("passphrase %q: %v, %d bytes; want ErrWrongPassphrase and nothing", wrong, err, len(got))
		}
	}
	env, err := ReadPage(page)
	if err != nil {
		t.Fatal(err)
	}
	env.Ciphertext[10] ^= 1
	if _, err := env.Open(pass); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("altered ciphertext: %v, want refused", err)
	}
	env.Ciphertext[10] ^= 1
	env.Iterations = 1000
	if _, err := env.Open(pass); err == nil {
		t.Error("an envelope with a weakened iteration count was opened")
	}
}

// TestSeal_Parameters decrypts with the documented parameters, computed
// here without the package's own code: PBKDF2-SHA-256 at 600,000 iterations
// or more, a 32-byte key, AES-256-GCM, a fresh salt and nonce per file.
func TestSeal_Parameters(t *testing.T) {
	a, err := Seal([]byte(scorecard), pass)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Seal([]byte(scorecard), pass)
	if err != nil {
		t.Fatal(err)
	}
	if a.Iterations < 600_000 || a.KDF != "PBKDF2-SHA-256" || a.Cipher != "AES-256-GCM" {
		t.Errorf("parameters %d %s %s", a.Iterations, a.KDF, a.Cipher)
	}
	if len(a.Salt) < 16 || len(a.Nonce) != 12 {
		t.Errorf("salt %d bytes, nonce %d bytes", len(a.Salt), len(a.Nonce))
	}
	if bytes.Equal(a.Salt, b.Salt) || bytes.Equal(a.Nonce, b.Nonce) || bytes.Equal(a.Ciphertext, b.Ciphertext) {
		t.Error("two files share a salt, a nonce or a ciphertext")
	}
	key, err := pbkdf2.Key(sha256.New, pass, a.Salt, 600_000, 32)
	if err != nil {
		t.Fatal(err)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := gcm.Open(nil, a.Nonce, a.Ciphertext, nil)
	if err != nil || string(plain) != scorecard {
		t.Errorf("independent decryption: %v\n%s", err, plain)
	}
}

func TestPage_PolicyAllowsOnlyItsOwnScript(t *testing.T) {
	page, err := Page([]byte(scorecard), pass)
	if err != nil {
		t.Fatal(err)
	}
	csp := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`).FindSubmatch(page)
	if csp == nil {
		t.Fatal("no Content-Security-Policy meta")
	}
	policy := string(csp[1])
	for _, want := range []string{"default-src 'none'", "img-src data:", "form-action 'none'", "base-uri 'none'"} {
		if !strings.Contains(policy, want) {
			t.Errorf("policy %q lacks %q", policy, want)
		}
	}
	if strings.Contains(policy, "script-src 'unsafe-inline'") || strings.Contains(policy, "connect-src") {
		t.Errorf("policy %q allows more than the opener script", policy)
	}
	// The one executable script is the one the policy's hash names.
	scripts := regexp.MustCompile(`(?s)<script>(.*?)</script>`).FindAllSubmatch(page, -1)
	if len(scripts) != 1 {
		t.Fatalf("%d inline scripts, want 1", len(scripts))
	}
	sum := sha256.Sum256(scripts[0][1])
	if !strings.Contains(policy, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'") {
		t.Errorf("policy %q does not name the opener script's hash", policy)
	}
	if bytes.Index(page, csp[0]) > bytes.Index(page, []byte("<title>")) {
		t.Error("the policy comes after content it should govern")
	}
}

func TestIsPage(t *testing.T) {
	page, err := Page([]byte(scorecard), pass)
	if err != nil {
		t.Fatal(err)
	}
	if !IsPage(page) || IsPage([]byte(scorecard)) {
		t.Error("IsPage does not tell a sealed page from another")
	}
	if _, err := ReadPage([]byte(scorecard)); err == nil {
		t.Error("ReadPage accepted a page that is not sealed")
	}
}

func TestSeal_RefusesEmptyPassphrase(t *testing.T) {
	for _, p := range []string{"", "  \n"} {
		if _, err := Page([]byte(scorecard), p); err == nil {
			t.Errorf("sealed with passphrase %q", p)
		}
	}
}

func TestNewPassphrase(t *testing.T) {
	if PassphraseBits < 80 {
		t.Errorf("generated passphrases have %.1f bits, want at least 80", PassphraseBits)
	}
	shape := regexp.MustCompile(`^[2-9a-hjkmnp-tv-z]{4}(-[2-9a-hjkmnp-tv-z]{4}){4}$`)
	seen := map[string]bool{}
	for range 50 {
		p, err := NewPassphrase()
		if err != nil {
			t.Fatal(err)
		}
		if !shape.MatchString(p) {
			t.Errorf("passphrase %q is not five groups of four unambiguous characters", p)
		}
		if seen[p] {
			t.Errorf("passphrase %q came twice", p)
		}
		seen[p] = true
	}
	if strings.ContainsAny(passphraseAlphabet, "01ilou") {
		t.Errorf("alphabet %q holds characters that are easily confused", passphraseAlphabet)
	}
}
