// Opens the sealed page this file carries: derives the key from the
// passphrase with PBKDF2-SHA-256, decrypts with AES-256-GCM (WebCrypto), and
// replaces this document with the decrypted one. It sends nothing anywhere.
(function () {
  "use strict";
  var form = document.getElementById("open");
  var input = document.getElementById("passphrase");
  var button = form.querySelector("button");
  var status = document.getElementById("status");
  var sealed = JSON.parse(document.getElementById("sealed").textContent);

  function bytes(b64) {
    var s = atob(b64), a = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) a[i] = s.charCodeAt(i);
    return a;
  }

  async function decrypt(passphrase) {
    var subtle = window.crypto && window.crypto.subtle;
    if (!subtle) throw new Error("no-webcrypto");
    var material = await subtle.importKey("raw", new TextEncoder().encode(passphrase), "PBKDF2", false, ["deriveKey"]);
    var key = await subtle.deriveKey(
      { name: "PBKDF2", hash: "SHA-256", salt: bytes(sealed.salt), iterations: sealed.iterations },
      material, { name: "AES-GCM", length: 256 }, false, ["decrypt"]);
    var plain = await subtle.decrypt({ name: "AES-GCM", iv: bytes(sealed.nonce) }, key, bytes(sealed.ciphertext));
    return new TextDecoder().decode(plain);
  }

  // attempt tries each way of reading the passphrase in turn and shows the
  // page on the first that opens it.
  async function attempt(candidates) {
    candidates = candidates.map(function (p) { return p.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, ""); })
      .filter(function (p, i, all) { return p && all.indexOf(p) === i; });
    if (!candidates.length) return;
    button.disabled = true;
    status.textContent = "Opening…";
    var html, failure;
    for (var i = 0; i < candidates.length && html === undefined; i++) {
      try {
        html = await decrypt(candidates[i]);
      } catch (e) {
        failure = failure || e;
      }
    }
    if (html === undefined) {
      button.disabled = false;
      input.setAttribute("aria-invalid", "true");
      status.textContent = failure && failure.message === "no-webcrypto"
        ? "This browser cannot decrypt here: open the file from your disk, or from an https address."
        : "Wrong passphrase: it does not open this scorecard. Check it and try again.";
      document.body.className = "refused";
      input.focus();
      input.select();
      return;
    }
    // The decrypted page takes this document's place; this page's Content
    // Security Policy stays in force, so it cannot load anything either.
    document.open();
    document.write(html);
    document.close();
  }

  // fromFragment reads the passphrase from #pass=...: everything after
  // "pass=", percent-decoded; and, for addresses made by tools that write a
  // space as "+", that reading too.
  function fromFragment(fragment) {
    var m = /(?:^|&)pass=([\s\S]*)$/.exec(fragment);
    if (!m) return [];
    var raw = m[1], decoded = raw;
    try { decoded = decodeURIComponent(raw); } catch (e) { /* not percent-encoded */ }
    var spaced = decoded;
    try { spaced = decodeURIComponent(raw.replace(/\+/g, "%20")); } catch (e) { /* as above */ }
    return [decoded, spaced];
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    attempt([input.value]);
  });

  var fromAddress = fromFragment(location.hash.slice(1));
  if (fromAddress.length) {
    // Keep the passphrase out of the address bar, the history and the
    // printed page's header.
    try { history.replaceState(null, "", location.href.split("#")[0]); } catch (e) { /* file:// in some browsers */ }
    attempt(fromAddress);
  }
})();
