// Links, domains, email addresses and handles. Spammers and people sharing an address write
// them in disguise («betkade . net», «ali [dot] rezaei [at] yahoo [dot] com», «site dot com»,
// «s i t e . c o m» letter by letter, «site نقطه کام» with the dot and the domain in Persian),
// so the scan runs on a view of the text where those disguises are undone, with a map back.
// Every scan is a forward pass with bounded look-arounds: no regular expression runs over the
// whole text, so a hostile 100k-character comment costs linear time.
import { readDataFile } from './data.js';
import { TLDS } from './lexicon.js';
import { normalizeForMatching } from './normalize.js';

/** A span of the normalized text. */
export interface Found {
  readonly start: number;
  readonly end: number;
  /** The de-obfuscated text («ali.rezaei@yahoo.com»). */
  readonly text: string;
}

/** Everything link-like in a text. */
export interface LinkScan {
  /** http(s)://…, www.…, and well-known short-link hosts. */
  readonly urls: readonly Found[];
  /** Bare domains with a known top-level domain («betkade.net», «t.me/x»). */
  readonly domains: readonly Found[];
  readonly emails: readonly Found[];
  /** @handles not part of an email. */
  readonly handles: readonly Found[];
}

const isAlnum = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
const isHostChar = (c: number): boolean => isAlnum(c) || c === 0x2d;
const isLocalChar = (c: number): boolean => isAlnum(c) || c === 0x2e || c === 0x5f || c === 0x25 || c === 0x2b || c === 0x2d;
const isSpace = (c: number): boolean => c === 0x20 || c === 0x09;

// Words that stand for '.' and '@' when written between two Latin words.
const DOT_WORDS = ['dot', 'نقطه', 'دات'];
const AT_WORDS = ['at', 'ات'];
// Top-level domains spelt in Persian after a dot word («giftkade نقطه کام»), longest first
// (spam.txt [tld-fa]).
const FA_TLDS: readonly { fa: string; tld: string }[] = readDataFile('spam.txt')
  .filter((l) => l.section === 'tld-fa')
  .map((l) => {
    const parts = l.term.split(' ');
    return { fa: normalizeForMatching(parts.slice(0, -1).join(' ')), tld: parts.at(-1) ?? '' };
  })
  .sort((a, b) => b.fa.length - a.fa.length);
const isFaLetterCode = (c: number): boolean => c >= 0x0620 && c <= 0x06ff && !(c >= 0x06f0 && c <= 0x06f9);

interface View {
  text: string;
  /** For each view code unit, the normalized-text offset it came from; null: the same text. */
  map: number[] | null;
}

// Quick test for anything linkView could undo; most comments have none and keep their text.
const DISGUISE_HINT =
  /[[({] ?(?:dot|at|\.|@|نقطه|دات|ات) ?[\])}]| (?:dot|at|نقطه|دات|ات) |[a-z0-9] {1,3}[.@] {1,3}[a-z0-9]|(?:^|[^a-z0-9])[a-z0-9] [a-z0-9] [a-z0-9] [a-z0-9](?![a-z0-9])/;

/**
 * The spaces inside a word written letter by letter («g i f t k a d e . c o m»): a run of at
 * least four single letters or digits, each separated from the next by one space, optionally
 * around one dot. Marks those spaces in `drop`; linear in the text.
 */
function spacedLetters(s: string, drop: Uint8Array): void {
  const n = s.length;
  const single = (k: number): boolean => isAlnum(s.charCodeAt(k)) && !isAlnum(s.charCodeAt(k - 1)) && !isAlnum(s.charCodeAt(k + 1));
  let k = 0;
  while (k < n) {
    if (!single(k)) {
      k++;
      continue;
    }
    // Walk the run: single char, gap of spaces with at most one dot, single char, …
    const gaps: [number, number][] = [];
    let last = k;
    let count = 1;
    for (;;) {
      let g = last + 1;
      let dots = 0;
      while (g < n && g - last <= 4 && (s[g] === ' ' || (s[g] === '.' && dots++ === 0))) g++;
      if (g === last + 1 || g - last > 4 || g >= n || !single(g)) break;
      gaps.push([last + 1, g]);
      last = g;
      count++;
    }
    if (count >= 4) for (const [a, b] of gaps) for (let x = a; x < b; x++) if (s[x] === ' ') drop[x] = 1;
    k = last + 1;
  }
}

/** Undoes «[dot]», «(at)», « dot », « . » between Latin words. */
function linkView(s: string): View {
  if (!DISGUISE_HINT.test(s)) return { text: s, map: null };
  const out: string[] = [];
  const map: number[] = [];
  const n = s.length;
  const drop = new Uint8Array(n);
  spacedLetters(s, drop);
  const lastIsAlnum = (): boolean => out.length > 0 && isAlnum((out[out.length - 1] ?? ' ').charCodeAt(0));
  const skipSpaces = (j: number): number => {
    let k = j;
    while (k < n && k - j < 3 && isSpace(s.charCodeAt(k))) k++;
    return k;
  };
  // Tries to read a disguised '.' or '@' starting at j: «[dot]», «(at)», «{.}», «dot», «at», «.»,
  // «@». Returns the symbol and where the disguise ends, or null.
  const disguise = (j: number): { sym: string; after: number } | null => {
    const c = s.charCodeAt(j);
    if (c === 0x5b || c === 0x28 || c === 0x7b) {
      const close = c === 0x5b ? ']' : c === 0x28 ? ')' : '}';
      const inner = skipSpaces(j + 1);
      for (const [words, sym] of [
        [[...DOT_WORDS, '.'], '.'],
        [[...AT_WORDS, '@'], '@'],
      ] as const) {
        for (const w of words) {
          if (!s.startsWith(w, inner)) continue;
          const k = skipSpaces(inner + w.length);
          if (s[k] === close) return { sym, after: k + 1 };
        }
      }
      return null;
    }
    // A bare '.' or '@' counts only with spaces on both sides («site . com», «ali @ mail.com»):
    // «end. Next» is a sentence and «join @channel» a handle.
    if ((s[j] === '.' || s[j] === '@') && isSpace(s.charCodeAt(j + 1))) return { sym: s[j] ?? '', after: j + 1 };
    for (const [words, sym] of [
      [DOT_WORDS, '.'],
      [AT_WORDS, '@'],
    ] as const) {
      for (const w of words) if (s.startsWith(w, j) && isSpace(s.charCodeAt(j + w.length))) return { sym, after: j + w.length };
    }
    return null;
  };
  // After a dot word, a top-level domain spelt in Persian: «نقطه کام» is «.com».
  const faTld = (j: number): { tld: string; after: number } | null => {
    for (const { fa, tld } of FA_TLDS) {
      if (s.startsWith(fa, j) && !isFaLetterCode(s.charCodeAt(j + fa.length))) return { tld, after: j + fa.length };
    }
    return null;
  };
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (drop[i]) {
      i++;
      continue;
    }
    if ((isSpace(c) || c === 0x5b || c === 0x28 || c === 0x7b) && lastIsAlnum()) {
      const j = skipSpaces(i);
      // A bare '.' or '@' right after a word is ordinary; only spaced or bracketed forms are disguises.
      const d = j > i || c !== 0x2e ? disguise(j) : null;
      if (d !== null) {
        const k = skipSpaces(d.after);
        if (k < n && isAlnum(s.charCodeAt(k))) {
          out.push(d.sym);
          map.push(j);
          i = k;
          continue;
        }
        const t = d.sym === '.' && k < n ? faTld(k) : null;
        if (t !== null) {
          out.push('.');
          map.push(j);
          for (let x = 0; x < t.tld.length; x++) {
            out.push(t.tld[x] ?? '');
            map.push(x === t.tld.length - 1 ? t.after - 1 : Math.min(k + x, t.after - 1));
          }
          i = t.after;
          continue;
        }
      }
    }
    out.push(s[i] ?? '');
    map.push(i);
    i++;
  }
  return { text: out.join(''), map };
}

const URL_STARTS = ['https://', 'http://', 'www.'];
const SHORT_HOSTS = ['t.me/', 'telegram.me/', 'wa.me/', 'bit.ly/', 'goo.gl/', 'instagram.com/', 'tinyurl.com/', 'youtu.be/', 'aparat.com/'];

/** At most this many of each kind are collected: more says nothing new, and bounds the work. */
const MAX_FOUND = 24;

/** Scans a normalized text for links, domains, emails and handles. */
export function scanLinks(s: string): LinkScan {
  const urls: Found[] = [];
  const domains: Found[] = [];
  const emails: Found[] = [];
  const handles: Found[] = [];
  if (!/[a-z]/.test(s)) return { urls, domains, emails, handles };
  const v = linkView(s);
  const t = v.text;
  const n = t.length;
  const taken = new Uint8Array(n);
  const found = (a: number, b: number): Found => {
    for (let k = a; k < b; k++) taken[k] = 1;
    const map = v.map;
    return map === null ? { start: a, end: b, text: t.slice(a, b) } : { start: map[a] ?? 0, end: (map[b - 1] ?? 0) + 1, text: t.slice(a, b) };
  };
  const extendPath = (k: number): number => {
    let e = k;
    while (e < n && e - k < 2000) {
      const c = t.charCodeAt(e);
      if (c <= 0x20 || c >= 0x0600) break; // a space or a Persian letter ends it
      e++;
    }
    while (e > k && '.,!?)»"\''.includes(t[e - 1] ?? '')) e--;
    return e;
  };

  // URLs with a scheme, www., or a short-link host.
  for (const start of [...URL_STARTS, ...SHORT_HOSTS]) {
    let from = 0;
    for (;;) {
      const p = t.indexOf(start, from);
      if (p < 0) break;
      from = p + start.length;
      if (taken[p] || (p > 0 && isAlnum(t.charCodeAt(p - 1)) && !start.startsWith('http'))) continue;
      const e = extendPath(p + start.length);
      if (e > p + start.length) urls.push(found(p, e));
      if (urls.length >= MAX_FOUND) break;
    }
  }

  // Emails: around each '@'.
  for (let p = t.indexOf('@'); p >= 0; p = t.indexOf('@', p + 1)) {
    let a = p;
    while (a > 0 && p - a < 64 && isLocalChar(t.charCodeAt(a - 1))) a--;
    while (a < p && t[a] === '.') a++;
    let b = p + 1;
    while (b < n && b - p < 254 && (isHostChar(t.charCodeAt(b)) || t[b] === '.')) b++;
    while (b > p + 1 && (t[b - 1] === '.' || t[b - 1] === '-')) b--;
    if (a === p || b === p + 1) continue;
    const host = t.slice(p + 1, b);
    const dot = host.lastIndexOf('.');
    const tld = dot >= 0 ? host.slice(dot + 1) : '';
    if (dot <= 0 || !/^[a-z]{2,24}$/.test(tld)) continue;
    if (!taken[p]) emails.push(found(a, b));
    if (emails.length >= MAX_FOUND) break;
  }

  // Handles: '@' + 3–32 word characters, not inside an email.
  for (let p = t.indexOf('@'); p >= 0; p = t.indexOf('@', p + 1)) {
    if (taken[p] || (p > 0 && isAlnum(t.charCodeAt(p - 1)))) continue;
    let b = p + 1;
    while (b < n && b - p <= 33 && (isAlnum(t.charCodeAt(b)) || t[b] === '_' || t[b] === '.')) b++;
    while (b > p + 1 && t[b - 1] === '.') b--;
    if (b - p - 1 >= 3 && /[a-z]/.test(t.slice(p + 1, b))) handles.push(found(p, b));
    if (handles.length >= MAX_FOUND) break;
  }

  // Bare domains: label '.' tld, the tld known, not followed by a letter or digit.
  for (let p = t.indexOf('.'); p >= 0; p = t.indexOf('.', p + 1)) {
    if (taken[p]) continue;
    let r = p + 1;
    while (r < n && r - p <= 24 && t.charCodeAt(r) >= 0x61 && t.charCodeAt(r) <= 0x7a) r++;
    if (r === p + 1 || (r < n && isAlnum(t.charCodeAt(r))) || !TLDS.has(t.slice(p + 1, r))) continue;
    let a = p;
    while (a > 0 && p - a < 63 && isHostChar(t.charCodeAt(a - 1))) a--;
    if (a === p) continue;
    // Earlier labels of the same host («www.», «shop.example.»).
    while (a > 1 && p - a < 253 && t[a - 1] === '.' && isHostChar(t.charCodeAt(a - 2))) {
      let b = a - 1;
      while (b > 0 && a - b < 63 && isHostChar(t.charCodeAt(b - 1))) b--;
      a = b;
    }
    if (!/[a-z]/.test(t.slice(a, p))) continue;
    const e = t[r] === '/' ? extendPath(r) : r;
    domains.push(found(a, e));
    if (domains.length >= MAX_FOUND) break;
  }
  return { urls, domains, emails, handles };
}
