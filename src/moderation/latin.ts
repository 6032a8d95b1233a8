// Latin-letter words: Finglish (Persian written in Latin letters) and English. Finglish has no
// fixed spelling: «کونی» is kooni, kuni, kouni; «جنده» is jende, jendeh; «گوه» goh, gooh;
// digits and symbols stand in for letters (j4kesh, gha7be, sh!t). So both the lexicon and the
// text are reduced to one canonical spelling before they are compared.
import { readDataFile } from './data.js';

const LEET = new Map<string, string>();
const ARABIZI = new Map<string, string>();
for (const line of readDataFile('letters.txt')) {
  if (line.section !== 'leet' && line.section !== 'arabizi') continue;
  const [symbol, letters] = line.term.split(' ');
  if (symbol === undefined || letters === undefined) throw new Error(`${line.where}: expected "SYMBOL LETTERS"`);
  const m = /^U\+([0-9A-F]{4})$/i.exec(symbol);
  (line.section === 'leet' ? LEET : ARABIZI).set(m?.[1] !== undefined ? String.fromCharCode(parseInt(m[1], 16)) : symbol, letters);
}

/** True for the characters a Latin token may hold besides a–z: digits and leet symbols. */
export function hasLeet(token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c < 0x61 || c > 0x7a) return true;
  }
  return false;
}

/**
 * The readings of a token whose digits or symbols stand for letters: leetspeak (4→a, 3→e,
 * 0→o, $→s) and Finglish chat (3→ع read "a", 7→ح "h", 8→غ "gh"). A token of letters only has
 * one reading, itself.
 */
export function leetReadings(token: string): string[] {
  if (!hasLeet(token)) return [token];
  const read = (map: Map<string, string>): string => {
    let out = '';
    for (const ch of token) out += map.get(ch) ?? ch;
    return out;
  };
  const a = read(LEET);
  const b = read(ARABIZI);
  const readings = a === b ? [token, a] : [token, a, b];
  // A symbol may also just hide a letter, whichever it is («j@ndeh» is jendeh, not jandeh):
  // the last reading turns symbols into the mask character.
  const masked = token.replace(/[@$!|]/g, '*');
  if (masked !== token) readings.push(masked);
  return readings;
}

/**
 * One spelling for Finglish and English: doubled letters single, oo/ou/u → u, ee → i,
 * aa → a, q → gh, x → kh, ph → f, ck/c → k (but ch stays), w → v, a final h after a vowel
 * dropped (jendeh → jende), a final y after a consonant read as i (kiry → kiri), apostrophes
 * dropped. «kon» (do) and «kun» (bottom) stay apart: only a doubled o becomes u.
 */
export function canonLatin(word: string): string {
  const cached = CANON_CACHE.get(word);
  if (cached !== undefined) return cached;
  const canon = canonUncached(word);
  if (CANON_CACHE.size >= 20_000) CANON_CACHE.clear();
  CANON_CACHE.set(word, canon);
  return canon;
}

// Finglish words repeat a lot across comments; a bounded cache spares the regexes. It is a
// memo of a pure function, so it changes no result.
const CANON_CACHE = new Map<string, string>();

function canonUncached(word: string): string {
  let s = '';
  for (let i = 0; i < word.length; i++) {
    const ch = word[i] ?? '';
    if (ch === "'" || ch === '`' || ch === '-') continue;
    s += ch;
  }
  // Runs of three or more of one letter are stretching («kooooni»): keep two of them, so that
  // "oo" still reads as u.
  s = s.replace(/(.)\1{2,}/g, '$1$1');
  s = s
    .replace(/ph/g, 'f')
    .replace(/ck/g, 'k')
    .replace(/c(?!h)/g, 'k')
    .replace(/q/g, 'gh')
    .replace(/x/g, 'kh')
    .replace(/w/g, 'v')
    .replace(/ou|oo/g, 'u')
    .replace(/ee/g, 'i')
    .replace(/aa/g, 'a');
  s = s.replace(/(.)\1+/g, '$1');
  if (
    s.length > 3 &&
    s.endsWith('h') &&
    /[ae]h$/.test(s) &&
    !s.endsWith('sh') &&
    !s.endsWith('kh') &&
    !s.endsWith('gh') &&
    !s.endsWith('ch') &&
    !s.endsWith('zh')
  ) {
    s = s.slice(0, -1);
  }
  if (s.length > 2 && s.endsWith('y') && !/[aeiou]y$/.test(s)) s = s.slice(0, -1) + 'i';
  return s;
}
