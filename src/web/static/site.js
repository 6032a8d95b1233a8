// Dabir public pages: progressive enhancement only. Every page reads, searches and takes
// comments without this file; it adds a copy button for the short link and solves the
// comment form's proof-of-work challenge so the reader does not have to wait for it.
// No requests to any host, no inline code: it is loaded with `defer` from /static/site.js.
(function () {
  'use strict';

  // Copy the short link. The button ships `hidden` and is shown only where it can work.
  function enhanceCopyButtons() {
    var buttons = document.querySelectorAll('button[data-copy]');
    for (var i = 0; i < buttons.length; i++) setUpCopy(buttons[i]);
  }

  function setUpCopy(button) {
    var input = document.getElementById(button.getAttribute('data-copy'));
    if (!input) return;
    var status = button.parentNode.querySelector('.copy-status');
    button.hidden = false;
    input.addEventListener('focus', function () {
      input.select();
    });
    button.addEventListener('click', function () {
      var done = function () {
        if (status) status.textContent = button.getAttribute('data-copied') || '';
      };
      var fallback = function () {
        input.select();
        try {
          if (document.execCommand('copy')) done();
        } catch (e) {
          /* the text stays selected for Ctrl+C */
        }
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(input.value).then(done, fallback);
      } else {
        fallback();
      }
    });
  }

  // Proof of work for comments. The hidden input `captcha` carries the challenge in
  // `data-challenge` as JSON in the ALTCHA v1 shape:
  //   {"algorithm": "SHA-256", "challenge": hex, "salt": string, "signature": string, "maxnumber"?: number}
  // The answer is the number n (0 ≤ n ≤ maxnumber) with hex(SHA-256(salt + n)) === challenge,
  // sent back as base64 of {"algorithm", "challenge", "number", "salt", "signature", "took"}.
  // Work starts when the reader first touches the form and runs in slices so typing stays smooth.
  function enhanceCaptcha() {
    var input = document.querySelector('input[name="captcha"][data-challenge]');
    if (!input || !input.form) return;
    var form = input.form;
    var status = form.querySelector('.captcha-status');
    // Cached pages carry no challenge of their own: a fresh one is fetched from
    // `data-challenge-url` when the reader starts, so each is solved and used once.
    var url = input.getAttribute('data-challenge-url');
    var getChallenge = function () {
      if (url) {
        return fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } })
          .then(function (r) {
            return r.ok ? r.json() : null;
          })
          .catch(function () {
            return null;
          });
      }
      try {
        return Promise.resolve(JSON.parse(input.getAttribute('data-challenge')));
      } catch (e) {
        return Promise.resolve(null);
      }
    };

    var solving = null;
    var solve = function () {
      if (!solving) {
        solving = getChallenge()
          .then(function (challenge) {
            if (!challenge || String(challenge.algorithm).toUpperCase() !== 'SHA-256') return null;
            return solvePow(challenge);
          })
          .then(function (payload) {
            input.value = payload || '';
          });
      }
      return solving;
    };
    form.addEventListener('focusin', solve, { once: true });
    form.addEventListener('submit', function (event) {
      if (input.value) return;
      event.preventDefault();
      if (status) status.textContent = 'در حال آماده‌سازی ارسال…';
      solve().then(function () {
        if (status) status.textContent = '';
        if (form.requestSubmit) form.requestSubmit();
        else form.submit();
      });
    });
  }

  function solvePow(c) {
    var max = typeof c.maxnumber === 'number' ? c.maxnumber : 1000000;
    var target = String(c.challenge).toLowerCase();
    var salt = String(c.salt);
    var started = Date.now();
    var n = 0;
    return new Promise(function (resolve) {
      (function slice() {
        var end = Math.min(n + 5000, max + 1);
        for (; n < end; n++) {
          if (sha256Hex(salt + n) === target) {
            resolve(
              btoa(
                JSON.stringify({
                  algorithm: c.algorithm,
                  challenge: c.challenge,
                  number: n,
                  salt: c.salt,
                  signature: c.signature,
                  took: Date.now() - started,
                }),
              ),
            );
            return;
          }
        }
        if (n > max) resolve(null);
        else setTimeout(slice, 0);
      })();
    });
  }

  // SHA-256 (FIPS 180-4) for ASCII input: the salt and a number. Written out because
  // crypto.subtle exists only on https pages and a self-hosted site may be on plain http.
  var K = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74,
    0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d,
    0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e,
    0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
    0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ];
  var W = new Array(64);

  function sha256Hex(text) {
    var bytes = [];
    for (var i = 0; i < text.length; i++) bytes.push(text.charCodeAt(i) & 0xff);
    var bitLength = bytes.length * 8;
    bytes.push(0x80);
    while (bytes.length % 64 !== 56) bytes.push(0);
    bytes.push(0, 0, 0, 0, (bitLength >>> 24) & 0xff, (bitLength >>> 16) & 0xff, (bitLength >>> 8) & 0xff, bitLength & 0xff);
    var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    for (var off = 0; off < bytes.length; off += 64) {
      for (var t = 0; t < 16; t++) {
        var j = off + t * 4;
        W[t] = (bytes[j] << 24) | (bytes[j + 1] << 16) | (bytes[j + 2] << 8) | bytes[j + 3];
      }
      for (t = 16; t < 64; t++) {
        var x = W[t - 15],
          y = W[t - 2];
        var s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        var s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        W[t] = (W[t - 16] + s0 + W[t - 7] + s1) | 0;
      }
      var a = h[0],
        b = h[1],
        c = h[2],
        d = h[3],
        e = h[4],
        f = h[5],
        g = h[6],
        k = h[7];
      for (t = 0; t < 64; t++) {
        var S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
        var t1 = (k + S1 + ((e & f) ^ (~e & g)) + K[t] + W[t]) | 0;
        var S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
        var t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        k = g;
        g = f;
        f = e;
        e = (d + t1) | 0;
        d = c;
        c = b;
        b = a;
        a = (t1 + t2) | 0;
      }
      h[0] = (h[0] + a) | 0;
      h[1] = (h[1] + b) | 0;
      h[2] = (h[2] + c) | 0;
      h[3] = (h[3] + d) | 0;
      h[4] = (h[4] + e) | 0;
      h[5] = (h[5] + f) | 0;
      h[6] = (h[6] + g) | 0;
      h[7] = (h[7] + k) | 0;
    }
    var hex = '';
    for (i = 0; i < 8; i++) hex += ('00000000' + (h[i] >>> 0).toString(16)).slice(-8);
    return hex;
  }

  enhanceCopyButtons();
  enhanceCaptcha();
})();
