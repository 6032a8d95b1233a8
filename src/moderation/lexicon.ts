// The lexicons, built once from the data files, and the matcher that finds their entries in a
// tokenized comment. Matching is by whole word after normalization, with:
//   - one Persian suffix allowed after a word (suffixes.txt), or one Finglish ending;
//   - multi-part entries («کس کش», «خفه شو») matched across up to four words, whether the
//     parts are joined, spaced or half-spaced;
//   - stretched words («لاشیییی», «کثافتتتت») read with their repeated letters collapsed;
//   - masked words compared letter by letter with the obscene words, a run of stars hiding
//     one to three letters («م*درج*ده», «ج***ه», «f*ck») or only slipped between them
//     («ج*ن*د*ه»); a symbol in a Latin word may also hide any letter («j@ndeh»);
//   - leet and Finglish digits read as letters (j4kesh, gha7be);
//   - a few unmistakable obscenities found even when glued to their neighbours («glue»);
//   - innocent words (exceptions.txt) that stop an abusive match: «تخمین» is never «تخمی» + ن
//     (an innocent word keeps its other readings: «خریده» is still the verb «bought»).
import { readDataFile, type DataLine } from './data.js';
import { canonLatin, leetReadings } from './latin.js';
import { normalizeForMatching } from './normalize.js';
import type { Token } from './tokens.js';
import type { Label } from './types.js';

/** What a lexicon entry is: the data file section it comes from, or `custom` (EngineOptions). */
export const KINDS = [
  'profanity',
  'insult-strong',
  'insult-adjective',
  'insult-animal',
  'insult-phrase',
  'human-act',
  'crime-noun',
  'crime-object',
  'crime-verb',
  'money-object',
  'money-verb',
  'nepotism-beneficiary',
  'nepotism-verb',
  'nepotism-object',
  'nepotism-hire',
  'forgery-object',
  'forgery-verb',
  'crime-phrase',
  'violence',
  'violence-modal',
  'mitigator',
  'institution',
  'title',
  'honorific',
  'commenter',
  'demonstrative',
  'second-person',
  'first-person',
  'considered',
  'family',
  'copula',
  'given-name',
  'surname',
  'spam-product',
  'spam-promo',
  'spam-strong',
  'spam-sale',
  'phone-cue',
  'address-part',
  'address-cue',
  'national-code-cue',
  'card-cue',
  'iban-cue',
  'postal-code-cue',
  'passport-cue',
  'plate-cue',
  'handle-cue',
  'custom',
] as const;
export type Kind = (typeof KINDS)[number];

/** Each kind's bit in a two-word mask (lo: kinds 0–31, hi: 32–63), for constant-time tests. */
export const KIND_BIT: Readonly<Record<Kind, number>> = Object.fromEntries(KINDS.map((k, i) => [k, i])) as Record<Kind, number>;

/** How many matches of one field are examined at most (see Lexicon.analyze). */
const MAX_HITS = 200;

const KIND_FILES: Record<string, readonly Kind[]> = {
  'profanity.txt': ['profanity'],
  'insults.txt': ['insult-strong', 'insult-adjective', 'insult-animal', 'insult-phrase', 'human-act'],
  'accusation.txt': [
    'crime-noun',
    'crime-object',
    'crime-verb',
    'money-object',
    'money-verb',
    'nepotism-beneficiary',
    'nepotism-verb',
    'nepotism-object',
    'nepotism-hire',
    'forgery-object',
    'forgery-verb',
    'crime-phrase',
    'violence',
    'violence-modal',
    'mitigator',
    'institution',
  ],
  'targets.txt': ['title', 'honorific', 'commenter', 'demonstrative', 'second-person', 'first-person', 'considered', 'family', 'copula'],
  'names.txt': ['given-name', 'surname'],
  'spam.txt': ['spam-product', 'spam-promo', 'spam-strong', 'spam-sale'],
  'pii.txt': [
    'phone-cue',
    'address-part',
    'address-cue',
    'national-code-cue',
    'card-cue',
    'iban-cue',
    'postal-code-cue',
    'passport-cue',
    'plate-cue',
    'handle-cue',
  ],
};

/** A lexicon entry, normalized for matching. */
export interface Entry {
  /** The entry as written in the data file (or in EngineOptions.extraTerms). */
  readonly term: string;
  readonly kind: Kind;
  /** Flags from the data file: slur, glue, exact, weak, contact. */
  readonly flags: ReadonlySet<string>;
  /** Number of space-separated parts. */
  readonly parts: number;
  readonly latin: boolean;
  /** For custom entries: the label and severity the caller gave. */
  readonly label?: Label;
  readonly severity?: 'review' | 'block';
}

/** How a word was recognised, for the reason shown to moderators. */
export type Via = 'word' | 'suffix' | 'split' | 'repeat' | 'mask' | 'leet' | 'glue';

/** One lexicon entry found in the text, covering tokens first..last. */
export interface Hit {
  readonly entry: Entry;
  readonly first: number;
  readonly last: number;
  readonly via: Via;
  /** The suffix after the word, '' if none («ها» in «جنده‌ها»). */
  readonly suffix: string;
}

interface Suffix {
  readonly text: string;
  readonly restore: string;
}

/** A custom entry given by the caller (EngineOptions.extraTerms). */
export interface ExtraTerm {
  readonly term: string;
  readonly label: Label;
  readonly severity?: 'review' | 'block';
}

// Kinds whose matches are dropped when they sit inside an innocent phrase («هر کس», «گه گاه»);
// the other kinds only add context and are cheaper left alone.
const PHRASE_CHECKED: ReadonlySet<Kind> = new Set<Kind>([
  'profanity',
  'insult-strong',
  'insult-adjective',
  'insult-animal',
  'insult-phrase',
  'crime-noun',
  'custom',
]);

const MAX_WORD = 40; // no entry is longer; longer tokens are only searched for glued words
const MAX_PARTS = 4;

const isLatinTerm = (s: string): boolean => /^[a-z0-9 '@$!*.-]+$/.test(s);

/** Compact key of a Persian entry or token sequence: normalized, without spaces. */
const faKey = (s: string): string => normalizeForMatching(s).replace(/[\s\u200c]+/g, '');
/** Key of a Latin entry: its canonical Finglish spelling. */
const laKey = (s: string): string => canonLatin(normalizeForMatching(s).replace(/\s+/g, ''));

// A dictionary maps a key to its entries, or to null when the key is an innocent word
// (exceptions.txt): one lookup answers both questions.
type Table = Map<string, Entry[] | null>;

// A cheap pre-filter for the tables: one bit per (first letter, last letter, length) of the
// keys. Most words of a comment fail it, and are then never sliced into a string or hashed.
const SHAPE_BITS = 1 << 20;
const shapeOf = (first: number, last: number, length: number): number => (((first * 31 + last) * 64 + Math.min(length, 63)) >>> 0) % SHAPE_BITS;

class Dict {
  readonly single: Table = new Map();
  readonly multi: Table = new Map();
  readonly firstParts = new Set<string>();
  /** For each first part, the second parts that may follow it (a word must begin with one). */
  readonly secondParts = new Map<string, string[]>();
  private readonly shapes = new Uint8Array(SHAPE_BITS >> 3);

  /** Whether a key of this shape may be in the tables (no false negatives). */
  mayHave(first: number, last: number, length: number): boolean {
    const h = shapeOf(first, last, length);
    return ((this.shapes[h >> 3] ?? 0) & (1 << (h & 7))) !== 0;
  }

  markShape(key: string): void {
    const h = shapeOf(key.charCodeAt(0), key.charCodeAt(key.length - 1), key.length);
    this.shapes[h >> 3] = (this.shapes[h >> 3] ?? 0) | (1 << (h & 7));
  }

  add(key: string, parts: string[], entry: Entry): void {
    this.markShape(key);
    push(this.single, key, entry);
    if (parts.length > 1) {
      push(this.multi, key, entry);
      const first = parts[0];
      const second = parts[1];
      if (first !== undefined && second !== undefined) {
        this.firstParts.add(first);
        const seconds = this.secondParts.get(first) ?? [];
        if (!seconds.includes(second)) seconds.push(second);
        this.secondParts.set(first, seconds);
      }
    }
  }
}

/** The entries of an innocent word that only give context (see the constructor). */
function contextOnly(list: Entry[] | null | undefined): Entry[] | null {
  const kept = (list ?? []).filter((e) => !PHRASE_CHECKED.has(e.kind));
  return kept.length > 0 ? kept : null;
}

function push<K, V>(map: Map<K, V[] | null>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined || list === null) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

function loadSuffixes(section: 'persian' | 'latin'): Suffix[] {
  return readDataFile('suffixes.txt')
    .filter((l) => l.section === section)
    .map((l) => {
      const [text, restore] = l.term.split(' ');
      const norm = section === 'latin' ? (text ?? '') : normalizeForMatching(text ?? '');
      return { text: norm, restore: restore?.startsWith('+') ? normalizeForMatching(restore.slice(1)) : '' };
    })
    .filter((s) => s.text !== '')
    .sort((a, b) => b.text.length - a.text.length);
}

const FA_SUFFIXES = loadSuffixes('persian');
const LA_SUFFIXES = loadSuffixes('latin');

function bySuffixEnd(list: readonly Suffix[]): Map<string, Suffix[]> {
  const m = new Map<string, Suffix[]>();
  for (const s of list) push(m, s.text.slice(-1), s);
  return m;
}
const FA_SUFFIX_BY_END = bySuffixEnd(FA_SUFFIXES);
const LA_SUFFIX_BY_END = bySuffixEnd(LA_SUFFIXES);

// Data lines are read once per process; each engine builds its own dictionaries from them so
// that extra terms and exceptions stay per engine.
const DATA_LINES: { file: string; line: DataLine }[] = Object.keys(KIND_FILES).flatMap((file) => readDataFile(file).map((line) => ({ file, line })));
const EXCEPTION_LINES = readDataFile('exceptions.txt').filter((l) => l.section === 'exception');
const NAME_SUFFIXES = readDataFile('names.txt')
  .filter((l) => l.section === 'surname-suffix')
  .map((l) => normalizeForMatching(l.term));
/** Top-level domains recognised in bare domains (spam.txt [tld]). */
export const TLDS: ReadonlySet<string> = new Set(
  readDataFile('spam.txt')
    .filter((l) => l.section === 'tld')
    .map((l) => l.term.toLowerCase()),
);
/** Letters used on Iranian licence plates (pii.txt [plate-letter]). */
export const PLATE_LETTERS: ReadonlySet<string> = new Set(
  readDataFile('pii.txt')
    .filter((l) => l.section === 'plate-letter')
    .map((l) => normalizeForMatching(l.term)),
);

/** The dictionaries of one engine. */
export class Lexicon {
  private readonly fa = new Dict();
  private readonly la = new Dict();
  private readonly exceptions = new Set<string>();
  private readonly maskable = new Map<number, { key: string; entry: Entry }[]>();
  private readonly maskableLatin = new Map<number, { key: string; entry: Entry }[]>();
  /** Latin obscenities as spelt (not canonical): «f*ck» hides a letter of «fuck», not of «fuk». */
  private readonly maskableLatinRaw = new Map<number, { key: string; entry: Entry }[]>();
  private readonly glueFa: RegExp | null;
  private readonly glueLa: RegExp | null;
  private readonly glueMin: number;
  private readonly glueEntries = new Map<string, Entry>();
  private readonly faCache = new Map<string, { entries: Entry[]; form: number; suffix: string } | 'exception' | null>();
  private readonly maskCache = new Map<string, { entries: Entry[]; via: Via; suffix: string } | null>();
  private readonly laCache = new Map<string, { entries: Entry[]; via: Via; suffix: string } | 'exception' | null>();
  private readonly multiCache = new Map<string, { entries: Entry[]; form: number; suffix: string } | 'exception' | null>();

  constructor(extra: readonly ExtraTerm[] = [], exceptions: readonly string[] = []) {
    for (const { file, line } of DATA_LINES) {
      const kinds = KIND_FILES[file] ?? [];
      const kind = kinds.find((k) => k === line.section);
      if (kind === undefined) continue;
      this.add(line.term, kind, line.flags);
    }
    for (const t of extra) {
      this.add(t.term, 'custom', new Set(), t.label, t.severity);
    }
    for (const term of [...EXCEPTION_LINES.map((l) => l.term), ...exceptions]) {
      const latin = isLatinTerm(normalizeForMatching(term));
      const key = latin ? laKey(term) : faKey(term);
      this.exceptions.add(key);
      const dict = latin ? this.la : this.fa;
      dict.markShape(key);
      // An innocent word is innocent of abuse only: «خریده» (bought) is no «خر» + «یده», but
      // it is still the verb of «رای خریده». Its context readings stay; since the first form
      // that matches decides, the abusive reading without a suffix is never tried.
      dict.single.set(key, contextOnly(dict.single.get(key)));
      dict.multi.set(key, contextOnly(dict.multi.get(key)));
    }
    const glue = (latin: boolean): RegExp | null => {
      const keys = [...this.glueEntries.keys()].filter((k) => isLatinTerm(k) === latin).sort((a, b) => b.length - a.length);
      return keys.length === 0 ? null : new RegExp(keys.map(escapeRegExp).join('|'));
    };
    this.glueFa = glue(false);
    this.glueLa = glue(true);
    // A glued word is longer than the word itself.
    this.glueMin = Math.min(...[...this.glueEntries.keys()].map((k) => k.length + 1), MAX_WORD);
  }

  private add(term: string, kind: Kind, flags: ReadonlySet<string>, label?: Label, severity?: 'review' | 'block'): void {
    // A half-space inside an entry separates parts just like a space («بی‌شعور» = «بی شعور»).
    const norm = normalizeForMatching(term.replace(/\u200c/g, ' ')).trim();
    if (norm === '') return;
    const latin = isLatinTerm(norm);
    const parts = norm.split(/\s+/);
    const entry: Entry = {
      term,
      kind,
      flags,
      parts: parts.length,
      latin,
      ...(label !== undefined ? { label } : {}),
      ...(severity !== undefined ? { severity } : {}),
    };
    if (latin) {
      const key = laKey(norm);
      this.la.add(
        key,
        parts.map((p) => canonLatin(p)),
        entry,
      );
      if (flags.has('glue')) this.glueEntries.set(key, entry);
      if (kind === 'profanity' || (kind === 'custom' && label === 'profanity')) {
        const list = this.maskableLatin.get(key.length) ?? [];
        list.push({ key, entry });
        this.maskableLatin.set(key.length, list);
        const raw = norm.replace(/\s+/g, '');
        const rawList = this.maskableLatinRaw.get(raw.length) ?? [];
        rawList.push({ key: raw, entry });
        this.maskableLatinRaw.set(raw.length, rawList);
      }
    } else {
      const key = faKey(norm);
      this.fa.add(key, parts, entry);
      if (flags.has('glue')) this.glueEntries.set(key, entry);
      if (kind === 'profanity' || kind === 'insult-strong' || (kind === 'custom' && label === 'profanity')) {
        const list = this.maskable.get(key.length) ?? [];
        list.push({ key, entry });
        this.maskable.set(key.length, list);
      }
    }
  }

  /** Whether `key` (a compact Persian form or a canonical Latin form) is an innocent word. */
  isException(key: string): boolean {
    return this.exceptions.has(key);
  }

  /** Whether a Persian token looks like a surname by its ending («…زاده», «…پور», «…نژاد»). */
  hasSurnameEnding(text: string): boolean {
    return NAME_SUFFIXES.some((s) => text.length >= s.length + 2 && text.endsWith(s));
  }

  /** Finds every entry in the token list. Returns the hits grouped by their first token. */
  analyze(tokens: readonly Token[]): Hit[] {
    const hits: Hit[] = [];
    const innocent = new Uint8Array(tokens.length);
    for (const t of tokens) {
      if (t.script === 'digit' || t.text.length > MAX_WORD) continue;
      const found = t.script === 'fa' ? this.lookupFa(t) : this.lookupLa(t);
      if (found === 'exception') innocent[t.index] = 1;
      else if (found !== null) {
        if (found.suffix === '' && t.script === 'fa' && this.exceptions.has(t.text)) innocent[t.index] = 1;
        for (const entry of found.entries) hits.push({ entry, first: t.index, last: t.index, via: found.via, suffix: found.suffix });
      }
    }
    this.findSplitPrefixes(tokens, hits);
    this.findMulti(tokens, hits);
    this.findGlued(tokens, hits, innocent);
    // A word repeated a thousand times is judged on its first MAX_HITS matches: the
    // verdict is the same and the time per comment stays bounded whatever the input.
    const accepted: Hit[] = [];
    let examined = 0;
    for (const h of hits.sort((a, b) => a.first - b.first || b.last - a.last)) {
      if (++examined > MAX_HITS) break;
      if (!PHRASE_CHECKED.has(h.entry.kind) || !this.insidePhraseException(tokens, h)) accepted.push(h);
    }
    return accepted;
  }

  private lookupFa(t: Token): { entries: Entry[]; via: Via; suffix: string } | 'exception' | null {
    if (t.text.includes('*')) {
      const key = `*${t.text}`;
      let m = this.maskCache.get(key);
      if (m === undefined) {
        m = this.lookupMasked(t.text);
        if (this.maskCache.size >= 10_000) this.maskCache.clear();
        this.maskCache.set(key, m);
      }
      return m;
    }
    // Comments repeat the same common words; the answer for a word depends only on the word,
    // so it is memoized (bounded; cleared when full).
    let r = this.faCache.get(t.text);
    if (r === undefined) {
      r = this.lookupForms(repeatForms(t.text), this.fa, this.fa.single, FA_SUFFIX_BY_END);
      if (this.faCache.size >= 50_000) this.faCache.clear();
      this.faCache.set(t.text, r);
    }
    if (r === null || r === 'exception') return r;
    const via: Via = t.split ? 'split' : r.form > 0 ? 'repeat' : r.suffix !== '' ? 'suffix' : 'word';
    return { entries: r.entries, via, suffix: r.suffix };
  }

  private lookupLa(t: Token): { entries: Entry[]; via: Via; suffix: string } | 'exception' | null {
    if (t.split) return this.lookupLaUncached(t);
    let r = this.laCache.get(t.text);
    if (r === undefined) {
      r = this.lookupLaUncached(t);
      if (this.laCache.size >= 50_000) this.laCache.clear();
      this.laCache.set(t.text, r);
    }
    return r;
  }

  private lookupLaUncached(t: Token): { entries: Entry[]; via: Via; suffix: string } | 'exception' | null {
    const readings = leetReadings(t.text);
    for (let k = 0; k < readings.length; k++) {
      const reading = readings[k] ?? '';
      if (reading.includes('*')) {
        const masked = this.lookupMaskedLatin(reading);
        if (masked !== null) return masked;
        continue;
      }
      const r = this.lookupForms([canonLatin(reading)], this.la, this.la.single, LA_SUFFIX_BY_END);
      if (r === 'exception') return k === 0 ? r : null;
      if (r !== null) {
        const via: Via = t.split ? 'split' : k > 0 ? 'leet' : r.suffix !== '' ? 'suffix' : 'word';
        return { entries: r.entries, via, suffix: r.suffix };
      }
    }
    return null;
  }

  /**
   * Tries each form as it is, then without one suffix, longest stem first; the first form that
   * is an exception or an entry decides. (The suffix lists are sorted longest first, so walking
   * them backwards yields the stems longest first, without building or sorting a list.)
   */
  private lookupForms(
    forms: readonly string[],
    dict: Dict,
    table: Table,
    suffixes: Map<string, Suffix[]>,
  ): { entries: Entry[]; form: number; suffix: string } | 'exception' | null {
    for (let f = 0; f < forms.length; f++) {
      const form = forms[f] ?? '';
      if (!dict.mayHave(form.charCodeAt(0), form.charCodeAt(form.length - 1), form.length)) continue;
      const entries = table.get(form);
      if (entries === null) return 'exception';
      if (entries !== undefined) return { entries, form: f, suffix: '' };
    }
    for (let f = 0; f < forms.length; f++) {
      const form = forms[f] ?? '';
      const list = suffixes.get(form.charAt(form.length - 1));
      if (list === undefined) continue;
      const first = form.charCodeAt(0);
      for (let k = list.length - 1; k >= 0; k--) {
        const s = list[k];
        if (s === undefined) continue;
        const stemLength = form.length - s.text.length;
        if (stemLength < 2 || !form.endsWith(s.text)) continue;
        const last = s.restore === '' ? form.charCodeAt(stemLength - 1) : s.restore.charCodeAt(s.restore.length - 1);
        if (!dict.mayHave(first, last, stemLength + s.restore.length)) continue;
        const entries = table.get(form.slice(0, stemLength) + s.restore);
        if (entries === null) return 'exception';
        if (entries === undefined) continue;
        let allowed = entries;
        for (const e of entries) {
          if (e.flags.has('exact')) {
            allowed = entries.filter((x) => !x.flags.has('exact'));
            break;
          }
        }
        if (allowed.length > 0) return { entries: allowed, form: f, suffix: s.text };
      }
    }
    return null;
  }

  /**
   * A word with `*` in it: compared letter by letter with the obscene words. A run of stars
   * hides one to three letters («ج***ه», «ک*ر», «م*درج*ده»): people type as many stars as
   * they like, not one per letter. At least two letters must show, and at least as many as
   * the stars hide, so that «***» or «ک**» never matches anything.
   */
  private lookupMasked(text: string): { entries: Entry[]; via: Via; suffix: string } | null {
    const candidates: { form: string; suffix: string }[] = [{ form: text, suffix: '' }];
    for (const s of FA_SUFFIXES)
      if (text.length - s.text.length >= 3 && text.endsWith(s.text)) candidates.push({ form: text.slice(0, -s.text.length), suffix: s.text });
    for (const { form, suffix } of candidates) {
      const m = maskShape(form);
      if (m === null) continue;
      // Stars may also be slipped between the letters without hiding any («ج*ن*د*ه»).
      if (m.letters >= 3) {
        const bare = form.replace(/\*+/g, '');
        for (const entry of this.fa.single.get(bare) ?? []) {
          if (this.maskable.get(bare.length)?.some((x) => x.entry === entry)) return { entries: [entry], via: 'mask', suffix };
        }
      }
      for (let length = m.letters + m.runs; length <= Math.min(m.letters * 2, m.letters + 3 * m.runs); length++) {
        for (const { key, entry } of this.maskable.get(length) ?? []) {
          if (matchesMaskRuns(form, 0, key, 0)) return { entries: [entry], via: 'mask', suffix };
        }
      }
    }
    return null;
  }

  private lookupMaskedLatin(reading: string): { entries: Entry[]; via: Via; suffix: string } | null {
    // Latin masks («f*ck», «sh*t»): the mask stands for one letter of the spelling, compared
    // with the obscene words of the same length (or one longer, when the mask hides a letter
    // that canonical spelling would drop).
    for (const { key, entry } of this.maskableLatin.get(reading.length) ?? []) {
      if (matchesMask(reading, key)) return { entries: [entry], via: 'mask', suffix: '' };
    }
    // The word as spelt, a run of stars hiding one to three letters («f*ck», «motherf***er»).
    const m = maskShape(reading);
    if (m !== null && m.letters >= 3) {
      for (let length = m.letters + m.runs; length <= Math.min(m.letters * 2, m.letters + 3 * m.runs); length++) {
        for (const { key, entry } of this.maskableLatinRaw.get(length) ?? []) {
          if (matchesMaskRuns(reading, 0, key, 0)) return { entries: [entry], via: 'mask', suffix: '' };
        }
      }
    }
    const canon = canonLatin(reading.replace(/\*/g, ''));
    if (canon.length >= 3 && canon !== reading) {
      for (const { key, entry } of this.maskableLatin.get(canon.length + 1) ?? []) {
        if (dropsOne(key, canon)) return { entries: [entry], via: 'mask', suffix: '' };
      }
    }
    return null;
  }

  /**
   * Letters written apart run on into the next word («ک ی ر م ت و ش»): for a word put together
   * from split letters, an obscene word at its start is enough. Split letters are a deliberate
   * disguise, so this is safe where reading the start of an ordinary word would not be.
   */
  private findSplitPrefixes(tokens: readonly Token[], hits: Hit[]): void {
    let hasSplit = false;
    for (const t of tokens) if (t.split) hasSplit = true;
    if (!hasSplit) return;
    const hit = new Uint8Array(tokens.length);
    for (const h of hits) hit[h.first] = 1;
    for (const t of tokens) {
      if (!t.split || hit[t.index]) continue;
      const dict = t.script === 'fa' ? this.fa.single : this.la.single;
      const text = t.script === 'fa' ? t.text : canonLatin(t.text);
      for (let len = Math.min(text.length - 1, MAX_WORD); len >= 3; len--) {
        const entry = dict.get(text.slice(0, len))?.find((e) => e.kind === 'profanity');
        if (entry !== undefined) {
          hits.push({ entry, first: t.index, last: t.index, via: 'split', suffix: text.slice(len) });
          break;
        }
      }
    }
  }

  private findMulti(tokens: readonly Token[], hits: Hit[]): void {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t === undefined || t.script === 'digit') continue;
      const latin = t.script === 'latin';
      const dict = latin ? this.la : this.fa;
      const firstKey = latin ? canonLatin(t.text) : t.text;
      if (!dict.firstParts.has(firstKey)) continue;
      // Common first parts («به», «رو», «این») begin many entries: the next word must begin
      // with one of their second parts (or with its first letter stretched: «کس نننننه»)
      // before any joined form is looked up. (Persian only: Finglish spellings vary too much
      // for a prefix test.)
      if (!latin) {
        const next = tokens[i + 1]?.text ?? '';
        const seconds = dict.secondParts.get(firstKey) ?? [];
        let possible = false;
        for (const second of seconds) if (next.startsWith(second) || next.startsWith(second.charAt(0).repeat(2))) possible = true;
        if (!possible) continue;
      }
      let joined = t.text;
      for (let k = 1; k < MAX_PARTS && i + k < tokens.length; k++) {
        const u = tokens[i + k];
        if (u === undefined || u.script !== t.script || u.clause !== t.clause) break;
        joined += u.text;
        const cacheKey = latin ? `l${joined}` : joined;
        let r = this.multiCache.get(cacheKey);
        if (r === undefined) {
          const forms = latin ? [canonLatin(joined)] : repeatForms(joined);
          r = this.lookupForms(forms, dict, dict.multi, latin ? LA_SUFFIX_BY_END : FA_SUFFIX_BY_END);
          if (this.multiCache.size >= 50_000) this.multiCache.clear();
          this.multiCache.set(cacheKey, r);
        }
        if (r === 'exception' || r === null) continue;
        // A suffix belongs to the last word; a whole word («و», «رو») is no suffix.
        if (r.suffix !== '' && u.text.length <= r.suffix.length) continue;
        for (const entry of r.entries) {
          if (entry.parts > 1) hits.push({ entry, first: i, last: i + k, via: r.suffix !== '' ? 'suffix' : 'word', suffix: r.suffix });
        }
      }
    }
  }

  private findGlued(tokens: readonly Token[], hits: Hit[], innocent: Uint8Array): void {
    if (this.glueFa === null && this.glueLa === null) return;
    const covered = new Uint8Array(tokens.length);
    for (const h of hits) if (h.entry.kind === 'profanity') for (let k = h.first; k <= h.last; k++) covered[k] = 1;
    for (const t of tokens) {
      if (covered[t.index] || innocent[t.index] || t.script === 'digit' || t.text.length < 4) continue;
      const re = t.script === 'fa' ? this.glueFa : this.glueLa;
      if (re === null) continue;
      const subject = t.script === 'fa' ? t.text : canonLatin(leetReadings(t.text).at(-1) ?? t.text);
      if (subject.length < this.glueMin) continue;
      const m = re.exec(subject);
      if (m === null) continue;
      const entry = this.glueEntries.get(m[0]);
      if (entry !== undefined) hits.push({ entry, first: t.index, last: t.index, via: 'glue', suffix: '' });
    }
  }

  /** «هر کس», «گه گاه», «کون و مکان»: the hit and a neighbour together make an innocent phrase. */
  private insidePhraseException(tokens: readonly Token[], h: Hit): boolean {
    const text = (a: number, b: number): string => {
      let s = '';
      for (let k = a; k <= b; k++) {
        const t = tokens[k];
        if (t === undefined) return '';
        s += t.script === 'latin' ? canonLatin(t.text) : t.text;
      }
      return s;
    };
    const n = tokens.length;
    const spans: [number, number][] = [
      [h.first - 1, h.first],
      [h.last, h.last + 1],
      [h.first - 1, h.last],
      [h.first, h.last + 1],
      [h.first, h.last + 2],
      [h.first - 2, h.last],
    ];
    for (const [a, b] of spans) {
      if (a < 0 || b >= n || (a === h.first && b === h.last)) continue;
      const s = text(a, b);
      if (s !== '' && this.exceptions.has(s)) return true;
    }
    return false;
  }
}

/** The token, and its readings with stretched letters collapsed («لاشیییی» → «لاشی»). */
function repeatForms(text: string): string[] {
  let doubled = false;
  for (let k = 1; k < text.length && !doubled; k++) doubled = text.charCodeAt(k) === text.charCodeAt(k - 1);
  if (!doubled) return [text];
  const forms = [text];
  const add = (s: string): void => {
    if (!forms.includes(s)) forms.push(s);
  };
  add(text.replace(/(.)\1{2,}/g, '$1'));
  add(text.replace(/(.)\1{2,}/g, '$1$1'));
  add(text.replace(/(.)\1+/g, '$1'));
  return forms;
}

/** Letters and star runs of a masked word, or null when it shows too little to be read. */
function maskShape(form: string): { letters: number; runs: number } | null {
  let letters = 0;
  let runs = 0;
  for (let k = 0; k < form.length; k++) {
    if (form[k] !== '*') letters++;
    else if (k === 0 || form[k - 1] !== '*') runs++;
  }
  return letters < 2 || runs === 0 ? null : { letters, runs };
}

/** Whether `masked` from `i` spells `key` from `j`, each run of stars standing for 1–3 letters. */
function matchesMaskRuns(masked: string, i: number, key: string, j: number): boolean {
  while (i < masked.length && masked[i] !== '*') {
    if (j >= key.length || masked[i] !== key[j]) return false;
    i++;
    j++;
  }
  if (i === masked.length) return j === key.length;
  let end = i;
  while (end < masked.length && masked[end] === '*') end++;
  for (let hidden = 1; hidden <= 3 && j + hidden <= key.length; hidden++) {
    if (matchesMaskRuns(masked, end, key, j + hidden)) return true;
  }
  return false;
}

function matchesMask(masked: string, key: string): boolean {
  for (let k = 0; k < masked.length; k++) {
    const c = masked[k];
    if (c !== '*' && c !== key[k]) return false;
  }
  return true;
}

/** Whether `short` is `long` with exactly one letter removed. */
function dropsOne(long: string, short: string): boolean {
  for (let k = 0; k < long.length; k++) if (long.slice(0, k) + long.slice(k + 1) === short) return true;
  return false;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
