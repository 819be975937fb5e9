package sealed

import (
	"crypto/rand"
	"math"
	"math/big"
	"strings"
)

// passphraseAlphabet is lower-case letters and digits without the ones
// that are misread or misheard: 0/o, 1/l/i, and u (v).
const passphraseAlphabet = "23456789abcdefghjkmnpqrstvwxyz"

// Generated passphrases are passphraseGroups groups of groupSize characters
// joined by hyphens: easy to read aloud or type from a phone call.
const (
	passphraseGroups = 5
	groupSize        = 4
)

// PassphraseBits is the strength of a generated passphrase in bits.
var PassphraseBits = float64(passphraseGroups*groupSize) * math.Log2(float64(len(passphraseAlphabet)))

// NewPassphrase returns a random passphrase such as "k7rm-2xqd-9wbe-hn4t-fp3s"
// of PassphraseBits bits (about 98).
func NewPassphrase() (string, error) {
	var b strings.Builder
	n := big.NewInt(int64(len(passphraseAlphabet)))
	for g := range passphraseGroups {
		if g > 0 {
			b.WriteByte('-')
		}
		for range groupSize {
			i, err := rand.Int(rand.Reader, n)
			if err != nil {
				return "", err
			}
			b.WriteByte(passphraseAlphabet[i.Int64()])
		}
	}
	return b.String(), nil
}
