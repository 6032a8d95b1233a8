// Phase: personal data → review. Phone numbers, emails, national codes (with their check
// digit), bank cards (Luhn), IBANs, postal codes, addresses, plates, passport numbers and
// personal handles, whoever they belong to (policy, fixtures README). Numbers that identify
// no one (news codes, prices, years, times, short hotlines) are left alone: a number is PII
// only when its shape and checks say so, or a cue word says what it is.
import { cueNear, fieldHas, isKind, tokenIndexAt, spanOf, tokenSpan, type FieldContext } from '../context.js';
import { PLATE_LETTERS } from '../lexicon.js';
import { classifyDigits, ibanValid, isPlausiblePostalCode, isValidNationalCode } from '../numbers.js';
import type { Finding } from '../types.js';
import { output, type Phase } from './types.js';

/** A number that identifies someone. */
export interface PersonalNumber {
  readonly kind: 'mobile' | 'landline' | 'national-code' | 'card' | 'iban' | 'postal-code';
  readonly start: number;
  readonly end: number;
  readonly digits: string;
  /** How sure: a check digit or an unambiguous shape is 0.9, a cue word alone less. */
  readonly score: number;
}

const CUE_REACH = 40;

/** The personal numbers of a field. */
export function personalNumbers(f: FieldContext): PersonalNumber[] {
  const out: PersonalNumber[] = [];
  for (const run of f.digits) {
    const d = run.digits;
    const at = run.start;
    const cue = (...kinds: Parameters<typeof cueNear>[3][]): boolean => cueNear(f, at, CUE_REACH, ...kinds);
    const add = (kind: PersonalNumber['kind'], score: number): void => {
      out.push({ kind, start: run.start, end: run.end, digits: d, score });
    };
    if (run.glued && run.prefix !== 'ir') continue; // «v2ray», «4g», «mp3»
    if (d.length === 24 && (run.prefix === 'ir' || cue('iban-cue'))) {
      add('iban', ibanValid('IR', d) ? 0.9 : 0.75);
      continue;
    }
    const kind = classifyDigits(run);
    if (kind === 'mobile') add('mobile', 0.9);
    else if (kind === 'landline') add('landline', 0.85);
    else if (kind === 'card') add('card', 0.9);
    else if (d.length === 16 && cue('card-cue')) add('card', 0.7);
    else if (d.length === 10) {
      if (cue('postal-code-cue')) add('postal-code', isPlausiblePostalCode(d) ? 0.85 : 0.7);
      else if (cue('national-code-cue')) add('national-code', isValidNationalCode(d) ? 0.9 : 0.7);
      else if (kind === 'national-code') add('national-code', 0.75);
      else if (d.startsWith('9') && cue('phone-cue')) add('mobile', 0.8);
    } else if (kind === 'eight-digits' && cue('phone-cue')) add('landline', 0.7);
  }
  return out;
}

const NUMBER_FA: Record<PersonalNumber['kind'], [string, string]> = {
  mobile: ['pii.mobile', 'شمارهٔ موبایل'],
  landline: ['pii.landline', 'شمارهٔ تلفن'],
  'national-code': ['pii.national-code', 'کد ملی'],
  card: ['pii.card', 'شمارهٔ کارت بانکی'],
  iban: ['pii.iban', 'شمارهٔ شبا'],
  'postal-code': ['pii.postal-code', 'کد پستی'],
};

/**
 * «آیدی: some_name», «آیدی تلگرام vpn_sell», «اینستاش: sara_r1370»: a handle written without
 * '@' after a cue word. Returns normalized offsets.
 */
export function cuedHandles(f: FieldContext): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  if (!fieldHas(f, 'handle-cue')) return out;
  const s = f.norm.text;
  const isHandleChar = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2e;
  for (const t of f.tokens) {
    if (!isKind(f, t.index, 'handle-cue')) continue;
    // Skip spaces, a colon, and one more cue word («آیدی تلگرام: …»).
    let p = t.end;
    for (let hops = 0; hops < 2; hops++) {
      while (p < s.length && p - t.end < 24 && (s[p] === ' ' || s[p] === ':' || s[p] === '：')) p++;
      const next = f.tokens[tokenIndexAt(f, p)];
      if (next !== undefined && next.start === p && next.script === 'fa' && isKind(f, next.index, 'handle-cue')) p = next.end;
      else break;
    }
    if (s[p] === '@') continue; // an @handle is found by the link scan
    let e = p;
    while (e < s.length && e - p <= 32 && isHandleChar(s.charCodeAt(e))) e++;
    while (e > p && s[e - 1] === '.') e--;
    const handle = s.slice(p, e);
    // A handle has a digit, an underscore or a dot, or stands alone after the cue.
    if (handle.length >= 3 && /[a-z]/.test(handle) && (/[0-9_.]/.test(handle) || e === s.length || !/[a-z]/.test(s[e + 1] ?? '')))
      out.push({ start: p, end: e });
  }
  return out;
}

/** An address: a cue («آدرس», «منزل») with street parts, or a plate number with a street. */
function address(f: FieldContext): { first: number; last: number } | null {
  if (!fieldHas(f, 'address-part')) return null;
  let starts = 0;
  for (const t of f.tokens) {
    if (!isKind(f, t.index, 'address-cue', 'address-part')) continue;
    if (++starts > 64) break; // an address is in the first few street words, or nowhere
    const cueWord = isKind(f, t.index, 'address-cue');
    let parts = 0;
    let numbered = false;
    let last = t.index;
    for (let k = t.index + 1; k < f.tokens.length && k <= t.index + 16; k++) {
      const u = f.tokens[k];
      if (u === undefined || u.sentence !== t.sentence) break;
      if (isKind(f, k, 'address-part') && (u.text.length > 1 || f.tokens[k + 1]?.script === 'digit')) {
        parts++;
        last = k;
      }
      if (u.script === 'digit' && isKind(f, k - 1, 'address-part')) {
        numbered = true;
        last = k;
      }
    }
    if ((cueWord && parts >= 1 && (numbered || parts >= 2)) || (!cueWord && parts >= 2 && numbered)) return { first: t.index, last };
  }
  return null;
}

/** An Iranian plate: «۱۲ ب ۳۴۵ ایران ۶۷» (two digits, a letter, three digits, two digits). */
function plate(f: FieldContext): { first: number; last: number } | null {
  const tk = f.tokens;
  for (let i = 0; i + 2 < tk.length; i++) {
    const a = tk[i];
    const b = tk[i + 1];
    const c = tk[i + 2];
    if (a === undefined || b === undefined || c === undefined) continue;
    if (a.script !== 'digit' || a.text.length !== 2 || !PLATE_LETTERS.has(b.text) || c.script !== 'digit' || c.text.length !== 3) continue;
    let j = i + 3;
    if (tk[j]?.text === 'ایران') j++;
    const d = tk[j];
    if (d !== undefined && d.script === 'digit' && d.text.length === 2) return { first: i, last: j };
  }
  return null;
}

/** A passport number after a cue: one letter and eight digits («K12345678»). */
function passport(f: FieldContext): { first: number; last: number } | null {
  if (!fieldHas(f, 'passport-cue')) return null;
  for (const t of f.tokens) {
    if (t.script !== 'latin' || !/^[a-z][0-9]{7,8}$/.test(t.text)) continue;
    if (cueNear(f, t.start, CUE_REACH, 'passport-cue')) return { first: t.index, last: t.index };
  }
  return null;
}

export const pii: Phase = {
  name: 'pii',
  run({ field: f, prior }) {
    const reasons: Finding[] = [];
    // What the spam phase already reported as a seller's contact is not reported twice.
    const claimed = prior.filter((r) => r.label === 'spam' && r.span !== undefined).map((r) => r.span as { start: number; end: number });
    const free = (span: { start: number; end: number }): boolean => !claimed.some((c) => c.start < span.end && span.start < c.end);
    const add = (code: string, what: string, span: { start: number; end: number; match: string }, score: number): void => {
      if (free(span)) reasons.push({ code, label: 'pii', severity: 'review', field: f.field, span, score, message: `اطلاعات شخصی (${what}): «${span.match}»` });
    };
    for (const e of f.links.emails) add('pii.email', 'نشانی ایمیل', spanOf(f, e.start, e.end), 0.95);
    for (const n of personalNumbers(f)) {
      const [code, what] = NUMBER_FA[n.kind];
      add(code, what, spanOf(f, n.start, n.end), n.score);
    }
    for (const h of f.links.handles) add('pii.handle', 'شناسهٔ شخصی', spanOf(f, h.start, h.end), 0.6);
    for (const h of cuedHandles(f)) add('pii.handle', 'شناسهٔ شخصی', spanOf(f, h.start, h.end), 0.6);
    const home = address(f);
    if (home !== null) add('pii.address', 'نشانی محل سکونت', tokenSpan(f, home.first, home.last), 0.8);
    const car = plate(f);
    if (car !== null) add('pii.plate', 'پلاک خودرو', tokenSpan(f, car.first, car.last), 0.8);
    const pass = passport(f);
    if (pass !== null) add('pii.passport', 'شمارهٔ گذرنامه', tokenSpan(f, pass.first, pass.last), 0.85);
    for (const h of f.hits) {
      if (h.entry.kind !== 'custom' || h.entry.label !== 'pii') continue;
      add('pii.custom', `عبارت افزوده‌شده`, tokenSpan(f, h.first, h.last), 0.7);
    }
    return output(reasons);
  },
};
