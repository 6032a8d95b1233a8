// The first stage of search tokenizing: one pass over the text that folds every character
// (data/letters.txt, level `search`) and cuts the text into words of one kind: Persian
// (Arabic-script letters), Latin (any other letters), or numbers. It keeps the offsets of
// each word in the original text and the places of ZWNJ inside Persian words.
//
// Speed matters (a million stories are indexed): each character costs one or two
// typed-array reads; character classes outside ASCII and Arabic are worked out on first
// sight and remembered; a word is copied out once, as a slice of the original when folding
// did not change it.
import { LETTER_MAPS, REMOVE, ZWNJ, digitValue, isSpace } from './letters.js';

/** What a scanned word is made of. */
export const WordKind = { Persian: 1, Latin: 2, Number: 3 } as const;
/** One of the values of {@link WordKind}. */
export type WordKind = (typeof WordKind)[keyof typeof WordKind];

/** A word as the scanner found it. */
export interface ScannedWord {
  /** Persian, Latin (any non-Arabic letters) or a number. */
  kind: WordKind;
  /** The folded word: letters folded and lower-cased, digits in ASCII, ZWNJ and marks removed. */
  text: string;
  /** Offset of the word's first UTF-16 code unit in the original text. */
  start: number;
  /** Offset just after the word's last code unit in the original text. */
  end: number;
  /** Indices in `text` where a ZWNJ stood between letters (Persian words), or null. */
  cuts: number[] | null;
  /** Original offset of each character of `text`, and of its end at index `text.length`. */
  pos: Int32Array;
  /** True when nothing but white space (or nothing) separates it from the previous word. */
  spaced: boolean;
}

/** Words longer than this (in UTF-16 code units) are dropped: they are data, not words. */
export const MAX_WORD_LENGTH = 64;

// Character classes.
const C_UNKNOWN = 0;
const C_SEP = 1; // punctuation, symbols, emoji: ends a word
const C_SPACE = 2; // white space: ends a word
const C_PERSIAN = 3; // an Arabic-script letter
const C_LATIN = 4; // any other letter
const C_DIGIT = 5; // a decimal digit of any of the three systems
const C_DROP = 6; // removed without ending the word: marks, tatweel, invisible format characters
const C_ZWNJ = 7; // half-space: a boundary inside a Persian word
const C_GROUP = 8; // , or ٬ : a thousands separator inside a number, else punctuation
const C_EXPAND = 9; // a compatibility form that stands for other characters (ﻻ, ﷲ, fullwidth A)
const C_HIGH = 10; // a high surrogate: look at the pair

const SEARCH_MAP = LETTER_MAPS.search;
const CLASS = new Uint8Array(0x10000);
const FOLD = new Uint16Array(0x10000);
const EXPANSIONS = new Map<number, string>();
const ASTRAL_CLASS = new Map<number, number>();

// ئ is folded by its neighbour (see Scanner.letter): before و it disappears (مسئول = مسول), elsewhere
// it is ی as data/letters.txt says. It travels through the word buffer as itself until then.
const HAMZA_YEH = 0x0626;
const HAMZA_YEH_FOLDED = SEARCH_MAP[HAMZA_YEH] || 0x06cc;
const WAW = 0x0648;

const RE_LETTER = /\p{L}/u;
const RE_MARK = /\p{M}/u;
const RE_FORMAT = /\p{Cf}/u;
const RE_ARABIC = /\p{Script=Arabic}/u;

/** Latin letters lose their accents and case: É → e, ß stays ß, İ → i. */
function foldOtherLetter(ch: string): number {
  const lower = ch.toLowerCase();
  const base = lower.normalize('NFD');
  const first = base.charCodeAt(0);
  return first < 0x80 || base.length === 1 ? first : lower.charCodeAt(0);
}

function classify(code: number): number {
  let cls: number;
  const mapped = SEARCH_MAP[code] ?? 0;
  if (code === HAMZA_YEH) {
    cls = C_PERSIAN;
    FOLD[code] = code;
  } else if (mapped === REMOVE) {
    cls = C_DROP;
  } else if (mapped !== 0) {
    cls = C_PERSIAN;
    FOLD[code] = mapped;
  } else if (code === ZWNJ) {
    cls = C_ZWNJ;
  } else if (digitValue(code) >= 0) {
    cls = C_DIGIT;
    FOLD[code] = 0x30 + digitValue(code);
  } else if (code === 0x2c || code === 0x066c) {
    cls = C_GROUP;
  } else if (isSpace(code)) {
    cls = C_SPACE;
  } else if (code >= 0xd800 && code <= 0xdbff) {
    cls = C_HIGH;
  } else if (code >= 0xdc00 && code <= 0xdfff) {
    cls = C_SEP; // a lone low surrogate
  } else if (code < 0x80) {
    if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) {
      cls = C_LATIN;
      FOLD[code] = code | 0x20;
    } else {
      cls = C_SEP;
    }
  } else {
    const ch = String.fromCharCode(code);
    // Arabic presentation forms (U+FB50–FDFF, U+FE70–FEFF) and halfwidth/fullwidth forms
    // (U+FF00–FFEF) stand for ordinary characters: their NFKC decomposition (UAX #15).
    const compat = (code >= 0xfb50 && code <= 0xfdff) || (code >= 0xfe70 && code <= 0xfeff) || (code >= 0xff00 && code <= 0xffef);
    const nfkc = compat ? ch.normalize('NFKC') : ch;
    if (nfkc !== ch) {
      cls = C_EXPAND;
      EXPANSIONS.set(code, nfkc);
    } else if (RE_MARK.test(ch) || RE_FORMAT.test(ch)) {
      cls = C_DROP;
    } else if (RE_LETTER.test(ch)) {
      if (RE_ARABIC.test(ch)) {
        cls = C_PERSIAN;
        FOLD[code] = code;
      } else {
        cls = C_LATIN;
        FOLD[code] = foldOtherLetter(ch);
      }
    } else {
      cls = C_SEP;
    }
  }
  CLASS[code] = cls;
  return cls;
}

function classOf(code: number): number {
  const cls = CLASS[code] ?? C_UNKNOWN;
  return cls === C_UNKNOWN ? classify(code) : cls;
}

function astralClass(codePoint: number, pair: string): number {
  let cls = ASTRAL_CLASS.get(codePoint);
  if (cls === undefined) {
    cls = RE_MARK.test(pair) || RE_FORMAT.test(pair) ? C_DROP : RE_LETTER.test(pair) ? C_LATIN : C_SEP;
    ASTRAL_CLASS.set(codePoint, cls);
  }
  return cls;
}

/** Cuts one text into folded words; a new scanner is made for each text. */
class Scanner {
  private readonly buf = new Uint16Array(MAX_WORD_LENGTH + 2);
  private readonly pos = new Int32Array(MAX_WORD_LENGTH + 3);
  private len = 0;
  private kind = 0;
  private start = 0;
  private end = 0;
  private cuts: number[] | null = null;
  private pendingCut = false;
  private dirty = false;
  private overflow = false;
  private punctSinceLastWord = false;
  private readonly words: ScannedWord[] = [];

  constructor(private readonly text: string) {}

  run(): ScannedWord[] {
    const text = this.text;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const code = text.charCodeAt(i);
      const cls = CLASS[code] || classOf(code);
      if (cls === C_HIGH) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          const pair = text.slice(i, i + 2);
          const astral = astralClass(0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00), pair);
          if (astral === C_LATIN) {
            const lower = pair.toLowerCase();
            for (let k = 0; k < lower.length; k++) this.letter(C_LATIN, lower.charCodeAt(k), i + k, i + k + 1, true);
          } else if (astral === C_DROP) {
            this.dirty = true;
          } else {
            this.separator(false);
          }
          i++;
        } else {
          this.separator(false);
        }
        continue;
      }
      this.step(cls, code, i, i + 1);
    }
    this.finish();
    return this.words;
  }

  private step(cls: number, code: number, at: number, next: number): void {
    switch (cls) {
      case C_PERSIAN:
      case C_LATIN:
      case C_DIGIT:
        this.letter(cls, FOLD[code] ?? code, at, next, FOLD[code] !== code);
        return;
      case C_SPACE:
        this.separator(true);
        return;
      case C_DROP:
        // a mark after a letter belongs to the word's span («مسكنِ»)
        if (this.len > 0) this.end = next;
        this.dirty = true;
        return;
      case C_ZWNJ:
        this.dirty = true;
        if (this.kind === C_PERSIAN && this.len > 0) this.pendingCut = true;
        return;
      case C_GROUP:
        if (this.kind === C_DIGIT && this.isThousandsSeparator(at)) {
          this.dirty = true;
          return;
        }
        this.separator(false);
        return;
      case C_EXPAND: {
        const expansion = EXPANSIONS.get(code) ?? '';
        for (let k = 0; k < expansion.length; k++) {
          const c = expansion.charCodeAt(k);
          const cl = CLASS[c] || classOf(c);
          // an expansion is letters, marks and spaces (ﷺ); nothing in it expands again
          this.step(cl === C_EXPAND || cl === C_HIGH ? C_SEP : cl, c, at, next);
          this.dirty = true; // a word made here is no slice of the original
        }
        return;
      }
      default:
        this.separator(false);
    }
  }

  /**
   * A group separator belongs to a number when exactly three digits follow it
   * (1,500 = ۱٬۵۰۰ = 1500; a list «10,20,30» stays three numbers).
   */
  private isThousandsSeparator(at: number): boolean {
    const text = this.text;
    for (let k = 1; k <= 3; k++) if (digitValue(text.charCodeAt(at + k)) < 0) return false;
    return digitValue(text.charCodeAt(at + 4)) < 0;
  }

  private letter(cls: number, folded: number, at: number, next: number, changed: boolean): void {
    if (cls !== this.kind) {
      this.finish();
      this.kind = cls;
      this.start = at;
    } else if (this.pendingCut) {
      this.pendingCut = false;
      if (this.len > 0 && (this.cuts === null || this.cuts[this.cuts.length - 1] !== this.len)) {
        (this.cuts ??= []).push(this.len);
      }
    }
    this.end = next;
    if (changed) this.dirty = true;
    if (this.overflow) return;
    let len = this.len;
    if (cls === C_PERSIAN && len > 0) {
      const cutAt = this.cuts === null ? -1 : (this.cuts[this.cuts.length - 1] ?? -1);
      if (folded === WAW) {
        // ئو is و (مسئول = مسوول = مسول), and a doubled و is written once (داوود = داود),
        // but not across a ZWNJ, which keeps the parts apart
        if (this.buf[len - 1] === HAMZA_YEH && cutAt !== len) {
          len = --this.len;
          this.dirty = true;
        }
        if (len > 0 && this.buf[len - 1] === WAW && cutAt !== len) {
          this.dirty = true;
          return;
        }
      } else if (this.buf[len - 1] === HAMZA_YEH) {
        this.buf[len - 1] = HAMZA_YEH_FOLDED;
        this.dirty = true;
      }
    }
    if (len >= MAX_WORD_LENGTH) {
      this.overflow = true;
      return;
    }
    this.buf[len] = folded;
    this.pos[len] = at;
    this.len = len + 1;
  }

  private separator(space: boolean): void {
    this.finish();
    if (!space) this.punctSinceLastWord = true;
  }

  private finish(): void {
    const len = this.len;
    if (this.kind !== 0 && len > 0 && !this.overflow) {
      if (this.buf[len - 1] === HAMZA_YEH) {
        this.buf[len - 1] = HAMZA_YEH_FOLDED;
        this.dirty = true;
      }
      let from = 0;
      if (this.kind === C_DIGIT) {
        // numbers compare by value: 05 = 5, 007 = 7
        while (from < len - 1 && this.buf[from] === 0x30) from++;
        if (from > 0) this.dirty = true;
      }
      this.pos[len] = this.end;
      const text = this.dirty ? String.fromCharCode.apply(null, this.buf.subarray(from, len) as unknown as number[]) : this.text.slice(this.start, this.end);
      this.words.push({
        kind: this.kind === C_PERSIAN ? WordKind.Persian : this.kind === C_LATIN ? WordKind.Latin : WordKind.Number,
        text,
        start: this.start,
        end: this.end,
        cuts: this.cuts,
        pos: this.pos.slice(from, len + 1),
        spaced: !this.punctSinceLastWord,
      });
      this.punctSinceLastWord = false;
    }
    this.kind = 0;
    this.len = 0;
    this.cuts = null;
    this.pendingCut = false;
    this.dirty = false;
    this.overflow = false;
  }
}

/** Cuts `text` into folded words of one kind each, with their offsets. */
export function scanWords(text: string): ScannedWord[] {
  return new Scanner(text).run();
}

/**
 * The folded form of a data entry or a synonym: its words folded as the scanner folds
 * text and written together, with no space or ZWNJ («پیام‌رسان», «پیام رسان» → «پیامرسان»).
 */
export function foldKey(entry: string): string {
  let key = '';
  for (const word of scanWords(entry)) key += word.text;
  return key;
}

/**
 * Two folded words written together. A doubled و is written once, as the scanner does
 * within a word (داوود = داود), so that a joined form reads back the same.
 */
export function joinFolded(a: string, b: string): string {
  return a.endsWith('و') && b.startsWith('و') ? a + b.slice(1) : a + b;
}
