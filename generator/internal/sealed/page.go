package sealed

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

//go:embed opener.js
var openerScript string

// marker names the format in every wrapper page, so a sealed file can be
// recognised (and replaced) without decrypting it.
const marker = `<meta name="generator" content="` + Format + `">`

// ContentSecurityPolicy is the wrapper's policy, which stays in force after
// the decrypted page replaces it: no request of any kind, only the opener
// script (by its hash), inline styles, and data: images.
var ContentSecurityPolicy = "default-src 'none'; script-src 'sha256-" + scriptHash() + "'; " +
	"style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

func scriptHash() string {
	sum := sha256.Sum256([]byte(openerScript))
	return base64.StdEncoding.EncodeToString(sum[:])
}

// padTo rounds the sealed page's length up, so the file's size says little
// about how much the scorecard holds.
const padTo = 4096

// Page encrypts html under passphrase and returns the wrapper page: a
// generic title, a passphrase form, the envelope and the opener script.
// Opening it as FILE#pass=PASSPHRASE decrypts at once.
func Page(html []byte, passphrase string) ([]byte, error) {
	padded := bytes.Clone(html)
	if n := len(padded) % padTo; n != 0 {
		padded = append(padded, bytes.Repeat([]byte(" "), padTo-n)...)
	}
	env, err := Seal(padded, passphrase)
	if err != nil {
		return nil, err
	}
	data, err := json.Marshal(env) // escapes <, > and &: safe inside <script>
	if err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	var b strings.Builder
	b.WriteString(pageHead)
	b.WriteString(`<script type="application/json" id="sealed">`)
	b.Write(data)
	b.WriteString("</script>\n<script>")
	b.WriteString(openerScript)
	b.WriteString("</script>\n</body>\n</html>\n")
	return []byte(b.String()), nil
}

// IsPage reports whether b is a wrapper page Page wrote.
func IsPage(b []byte) bool { return bytes.Contains(b, []byte(marker)) }

// ReadPage returns the envelope a wrapper page carries.
func ReadPage(page []byte) (*Envelope, error) {
	const open, end = `<script type="application/json" id="sealed">`, `</script>`
	if !IsPage(page) {
		return nil, errors.New("not a sealed page")
	}
	_, rest, ok := bytes.Cut(page, []byte(open))
	data, _, ok2 := bytes.Cut(rest, []byte(end))
	if !ok || !ok2 {
		return nil, errors.New("sealed page without its envelope")
	}
	var env Envelope
	if err := json.Unmarshal(data, &env); err != nil {
		return nil, fmt.Errorf("sealed page envelope: %w", err)
	}
	return &env, nil
}

// OpenPage decrypts a wrapper page with passphrase and returns the page it
// holds (as the browser would show it, padding included).
func OpenPage(page []byte, passphrase string) ([]byte, error) {
	env, err := ReadPage(page)
	if err != nil {
		return nil, err
	}
	return env.Open(passphrase)
}

var pageHead = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="` + ContentSecurityPolicy + `">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
` + marker + `
<link rel="icon" href="data:,">
<title>Shared scorecard</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; padding: 2rem 1rem; background: #fff; color: #1d232b; }
main { max-width: 32rem; margin: 0 auto; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
label { display: block; font-weight: 600; margin: 1rem 0 .25rem; }
input { font: inherit; width: 100%; box-sizing: border-box; padding: .5rem; border: 1px solid #6b7684; border-radius: 4px; }
button { font: inherit; margin-top: .75rem; padding: .45rem 1.2rem; border: 0; border-radius: 4px; background: #1f5fbf; color: #fff; cursor: pointer; }
button:disabled { opacity: .6; }
input:focus-visible, button:focus-visible { outline: 3px solid #1f5fbf; outline-offset: 2px; }
#status { min-height: 1.5em; }
.refused #status { color: #a61b1b; font-weight: 600; }
@media (prefers-color-scheme: dark) {
  body { background: #14181d; color: #e4e8ee; }
  input { background: #1d232b; color: inherit; border-color: #8b96a4; }
  button { background: #4c8ae8; color: #0b0e12; }
  .refused #status { color: #ff8f8f; }
}
</style>
</head>
<body>
<main>
<h1>Shared scorecard</h1>
<p>This file holds a scorecard encrypted with a passphrase. Enter the passphrase you were given to read it. It is decrypted here, in this browser: nothing is sent anywhere.</p>
<form id="open">
<label for="passphrase">Passphrase</label>
<input id="passphrase" name="passphrase" type="password" autocomplete="current-password" autocapitalize="off" spellcheck="false" required aria-describedby="status">
<button type="submit">Open</button>
</form>
<p id="status" role="status" aria-live="polite"></p>
<noscript><p>Opening it needs JavaScript, which is turned off in this browser.</p></noscript>
</main>
`
