/**
 * The canonical forms bans are stored and compared in. A ban must hold against the trivial
 * variants of what was banned: an email with a `+tag`, a trailing dot or other case; a name
 * with a ZWNJ or none, a no-break space, a zero-width character, Arabic letter shapes
 * (ي ك) or other case. Both the stored ban and the incoming comment go through these, so
 * bans written before they existed match too.
 */
import { domainToASCII } from 'node:url';
import { normalizeText, toLatinDigits } from '../persian/index.js';

/** Format characters (ZWNJ, ZWJ, zero-width space, LRM/RLM, BOM, soft hyphen…) and white space. */
const INVISIBLE = /[\p{Cf}\p{White_Space}]/gu;
/** Combining marks: Arabic harakat, madda and hamza above, Latin accents (after NFD). */
const MARKS = /\p{M}/gu;
const TATWEEL = /\u0640/g;
const PUNCTUATION = /[\p{P}\p{S}]/gu;

/**
 * An email address as bans compare it: compatibility forms folded (NFKC, so full-width
 * letters are plain ones), invisible characters and spaces removed, lower case, the `+tag`
 * of the local part removed (`name+news@x` is `name@x`: most providers deliver both to the
 * same box), trailing dots of the domain removed (`x.com.` is `x.com`), the domain in its
 * ASCII (punycode) form.
 *
 * Dots in the local part are kept, except at Gmail (gmail.com, googlemail.com, which are one
 * domain): Gmail ignores them (`j.doe@gmail.com` is `jdoe@gmail.com`), while elsewhere a dot
 * may tell two people apart (`a.b@company.ir` and `ab@company.ir`), and a ban must not catch
 * someone else.
 */
export function canonicalEmail(raw: string): string {
  const text = raw.normalize('NFKC').replace(INVISIBLE, '').toLowerCase();
  const at = text.lastIndexOf('@');
  if (at < 0) return text;
  let local = text.slice(0, at);
  let domain = text.slice(at + 1).replace(/\.+$/, '');
  domain = domainToASCII(domain) || domain;
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (domain === 'gmail.com') local = local.replace(/\./g, '') || local;
  return `${local}@${domain}`;
}

/**
 * A commenter's name as bans compare it: the Persian normalizer first (ي ى → ی, ك → ک,
 * Arabic-Indic digits, NBSP and other Unicode spaces as a space), compatibility forms folded
 * (NFKC), lower case, then everything that does not tell one name from another removed:
 * spaces, ZWNJ and every other format character, combining marks (harakat, accents), tatweel,
 * and punctuation and symbols (unless the name is nothing else); digits as Latin digits. So
 * «علی‌رضا»، «علیرضا»، «علی رضا» and «علي‌رضا» are one name, and «John Doe» is «JOHN DOE».
 * Look-alike letters of other scripts (a Cyrillic «а» for a Latin «a») are not folded.
 * Returns '' for a name with nothing left; such a name matches no ban.
 */
export function canonicalName(raw: string): string {
  const text = normalizeText(raw.normalize('NFKC')).toLowerCase().normalize('NFD');
  const core = toLatinDigits(text.replace(INVISIBLE, '').replace(MARKS, '').replace(TATWEEL, '')).normalize('NFC');
  return core.replace(PUNCTUATION, '') || core;
}

/** The kinds of ban: the author's email, client (a keyed hash of the address) or name. */
export type BanKind = 'email' | 'client' | 'name';

/** A ban's value in canonical form (a client hash is compared as it is). */
export function canonicalBanValue(kind: BanKind, value: string): string {
  return kind === 'email' ? canonicalEmail(value) : kind === 'name' ? canonicalName(value) : value;
}
