// Package sealed encrypts a self-contained HTML page with a passphrase and
// wraps it in a page that decrypts it in the browser: AES-256-GCM with a key
// derived from the passphrase by PBKDF2-SHA-256, a random salt and nonce per
// file, and WebCrypto on the reader's side. Nothing of the page is in the
// wrapper in clear; `scorebook share` uses it for one brand's scorecard.
package sealed

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"
)

// The parameters every sealed file is made with. The iteration count is the
// one OWASP's password storage guidance gives for PBKDF2-HMAC-SHA-256.
const (
	Format     = "scorebook-sealed-1"
	KDF        = "PBKDF2-SHA-256"
	Cipher     = "AES-256-GCM"
	Iterations = 600_000
	saltSize   = 16
	nonceSize  = 12
	keySize    = 32
)

// ErrWrongPassphrase is Open's error when the passphrase does not open the
// envelope (or the envelope was altered: AES-GCM cannot tell them apart).
var ErrWrongPassphrase = errors.New("the passphrase does not open this file")

// Envelope is an encrypted page with what it takes to decrypt it, except
// the passphrase. Its JSON form is what the wrapper page carries.
type Envelope struct {
	Format     string `json:"format"`
	KDF        string `json:"kdf"`
	Iterations int    `json:"iterations"`
	Cipher     string `json:"cipher"`
	Salt       []byte `json:"salt"`  // base64 in JSON
	Nonce      []byte `json:"nonce"` // base64 in JSON
	Ciphertext []byte `json:"ciphertext"`
}

// Seal encrypts plaintext under passphrase with a fresh random salt and
// nonce.
func Seal(plaintext []byte, passphrase string) (*Envelope, error) {
	passphrase = trimPassphrase(passphrase)
	if passphrase == "" {
		return nil, errors.New("seal: empty passphrase")
	}
	e := &Envelope{Format: Format, KDF: KDF, Iterations: Iterations, Cipher: Cipher,
		Salt: make([]byte, saltSize), Nonce: make([]byte, nonceSize)}
	if _, err := rand.Read(e.Salt); err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	if _, err := rand.Read(e.Nonce); err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	aead, err := e.aead(passphrase)
	if err != nil {
		return nil, err
	}
	e.Ciphertext = aead.Seal(nil, e.Nonce, plaintext, nil)
	return e, nil
}

// Open decrypts the envelope with passphrase; ErrWrongPassphrase when it
// does not fit.
func (e *Envelope) Open(passphrase string) ([]byte, error) {
	if e.Format != Format || e.KDF != KDF || e.Cipher != Cipher || e.Iterations < Iterations ||
		len(e.Salt) != saltSize || len(e.Nonce) != nonceSize {
		return nil, fmt.Errorf("open: not a %s envelope", Format)
	}
	aead, err := e.aead(trimPassphrase(passphrase))
	if err != nil {
		return nil, err
	}
	plain, err := aead.Open(nil, e.Nonce, e.Ciphertext, nil)
	if err != nil {
		return nil, ErrWrongPassphrase
	}
	return plain, nil
}

func (e *Envelope) aead(passphrase string) (cipher.AEAD, error) {
	key, err := pbkdf2.Key(sha256.New, passphrase, e.Salt, e.Iterations, keySize)
	if err != nil {
		return nil, fmt.Errorf("derive key: %w", err)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("derive key: %w", err)
	}
	return cipher.NewGCM(block)
}

// trimPassphrase drops spaces and line breaks around a passphrase, as the
// page's script does with what the reader types or pastes.
func trimPassphrase(p string) string { return strings.Trim(p, " \t\r\n") }
