// Search tokens: the one normalization that both indexing and querying use, so that text
// typed in any of the shapes Persian comes in meets the same tokens.
//
// The pipeline:
// 1. scan.ts folds every character and cuts the text into Persian, Latin and number words,
//    keeping the ZWNJ positions inside Persian words and the offsets in the original text.
// 2. Each Persian word becomes one or more "items": a word written with ZWNJ is read as its
//    parts (inflections after a ZWNJ removed, bound prefixes glued on) followed by the joined
//    word; a bound prefix written apart («می شود», «غیر حضوری») is glued to the next word.
// 3. Each item is analysed alone (analyzePersian): stop words vanish, synonyms map to their
//    canonical token, the stemmer cuts suffixes, and a word ending in a compound head is
//    split: its tokens are the joined word, then the tokens of its first part, then the head.
// 4. A stream of groups joins neighbours by their tokens: a head written apart after a word
//    joins it, the two words of a two-word synonym join, and repeats of what was just
//    emitted are dropped.
//
// Every spelling of a compound (ZWNJ, space, joined) gives the same tokens, and the output,
// read again as text, gives itself back: a joined word re-creates its parts, which the
// "echo" rule then recognises and skips (see Stream.feed).
import { HEADS, HEAD_LENGTHS, MIN_FIRST_PART, PREFIXES, STEM_EXCEPTIONS, STOP_WORDS, ZWNJ_SUFFIXES } from './lexicon.js';
import { MAX_WORD_LENGTH, WordKind, joinFolded, scanWords, type ScannedWord } from './scan.js';
import { stemWord } from './stem.js';
import { synonymTable, type SynonymTable, type Synonyms, type WordAnalysis } from './synonyms.js';

/** Options of the search tokenizers. */
export interface SearchTokenOptions {
  /**
   * The synonym table (from `createSynonyms`); the built-in table when omitted. Index and
   * queries must use the same table.
   */
  synonyms?: Synonyms;
}

/** A search token and where it came from in the original text. */
export interface TokenSpan {
  /** The token, as `searchTokens` gives it. */
  token: string;
  /** UTF-16 offset of the start of the token's source in the original text (for `String.slice`). */
  start: number;
  /** UTF-16 offset just after the end of the token's source in the original text. */
  end: number;
}

/** One word of a query, with the spellings that satisfy it. */
export interface SearchTerm {
  /**
   * Alternatives, each a list of tokens: a document has the word when it has every token of
   * at least one alternative. A plain word has one alternative of one token; a compound has
   * two: its joined token, or its parts («نمایش‌خانگی»: [«نمایشخانگ»] or [«نمایش», «خانگ»]).
   */
  alternatives: string[][];
  /** UTF-16 offset of the word in the original text. */
  start: number;
  /** UTF-16 offset just after the word in the original text. */
  end: number;
}

const EMPTY: WordAnalysis = { toks: [], cut: -1 };

/**
 * The tokens of one folded Persian word (no ZWNJ): none for a stop word or a bound prefix,
 * the canonical token of a synonym, the stem, or, for a word ending in a compound head, the
 * joined stem followed by the tokens of its first part and the head.
 */
function analyzePersian(raw: string, table: SynonymTable): WordAnalysis {
  return table.analysis(raw, (word) => computeAnalysis(word, table));
}

function computeAnalysis(raw: string, table: SynonymTable): WordAnalysis {
  if (raw.length > MAX_WORD_LENGTH || STOP_WORDS.has(raw) || PREFIXES.has(raw)) return EMPTY;
  const direct = table.map.get(raw);
  if (direct !== undefined) return { toks: [direct], cut: -1 };
  const stem = stemWord(raw, (form) => table.map.has(form));
  const mapped = table.map.get(stem);
  if (mapped !== undefined) return { toks: [mapped], cut: -1 };
  if (STOP_WORDS.has(stem) || PREFIXES.has(stem)) return EMPTY;
  if (STEM_EXCEPTIONS.has(stem)) return { toks: [stem], cut: -1 }; // listed words stay whole
  for (const length of HEAD_LENGTHS) {
    const cut = stem.length - length;
    if (cut < MIN_FIRST_PART) continue;
    const head = stem.slice(cut);
    if (!HEADS.has(head)) continue;
    const first = analyzePersian(stem.slice(0, cut), table);
    if (first.toks.length === 0) continue;
    return { toks: [stem, ...first.toks, head], cut };
  }
  return { toks: [stem], cut: -1 };
}

/** Is the token written in Persian letters (not a Latin canonical name such as «iran»)? */
function isPersianToken(token: string | undefined): boolean {
  const code = token === undefined ? 0 : token.charCodeAt(0);
  return code >= 0x0600 && code <= 0x06ff;
}

/** How the tokens of a group relate. */
const Shape = {
  /** tokens of one word, nothing joined */
  Plain: 0,
  /** the first token is a joined compound, the rest its parts */
  Joined: 1,
  /** two words of a two-word synonym, then its canonical token */
  Pair: 2,
} as const;
type Shape = (typeof Shape)[keyof typeof Shape];

/** The tokens one word (or one joined pair of words) gives, with their spans. */
interface Group {
  toks: readonly string[];
  starts: number[];
  ends: number[];
  /** False for numbers, which never join a neighbour. */
  joinable: boolean;
  /** True when the group's first token is in Persian letters. */
  persian: boolean;
  shape: Shape;
  /** Id of the ZWNJ-written word the group came from, or -1. */
  cid: number;
  /** True for the joined form of a ZWNJ-written word. */
  jword: boolean;
}

/** A Persian word to analyse: its folded text and the original offset of each character. */
interface Item {
  raw: string;
  pos: ArrayLike<number>;
  cid: number;
  jword: boolean;
}

function groupOf(item: Item, analysis: WordAnalysis): Group {
  const n = analysis.toks.length;
  const start = item.pos[0] ?? 0;
  const end = item.pos[item.raw.length] ?? start;
  const starts = new Array<number>(n).fill(start);
  const ends = new Array<number>(n).fill(end);
  if (analysis.cut > 0 && n > 2) {
    // the joined token spans the word; the first part's tokens end, and the head starts, at the cut
    const cutAt = item.pos[analysis.cut] ?? end;
    for (let i = 1; i < n - 1; i++) ends[i] = cutAt;
    starts[n - 1] = cutAt;
  }
  return {
    toks: analysis.toks,
    starts,
    ends,
    joinable: true,
    persian: isPersianToken(analysis.toks[0]),
    shape: n > 1 ? Shape.Joined : Shape.Plain,
    cid: item.cid,
    jword: item.jword,
  };
}

/**
 * Joins neighbouring groups and drops echoes; the finished groups collect in `out`.
 * `last` is held back because the next word may still join it.
 */
class Stream {
  readonly out: Group[] = [];
  private last: Group | null = null;
  private echo: readonly string[] | null = null;
  private echoAt = 0;

  constructor(private readonly table: SynonymTable) {}

  feed(group: Group): void {
    const first = group.toks[0];
    // Stop words and punctuation are transparent: the output, read back, has neither, so
    // joining must not depend on them.
    if (first === undefined) return;
    // Echo: a joined word is followed by its parts («پیامرسان پیام رسان» is what the output
    // of «پیام‌رسان» reads as); the parts are already in the group, so skip them.
    if (this.echo !== null) {
      if (first === this.echo[this.echoAt]) {
        if (++this.echoAt >= this.echo.length) this.echo = null;
        return;
      }
      this.echo = null;
    }
    const last = this.last;
    if (last !== null) {
      if (first === last.toks[0]) return; // the same word again, as a ZWNJ word's joined form is
      if (group.toks.length === 1 && group.joinable && last.joinable) {
        const joined = this.joinHead(last, group) ?? this.joinPair(last, group);
        if (joined !== null) {
          this.last = joined;
          return;
        }
      }
      this.out.push(last);
    }
    this.last = group;
    if (group.shape === Shape.Joined) {
      this.echo = group.toks.slice(1);
      this.echoAt = 0;
    }
  }

  /** A head written apart joins the word before it («پیام رسان» → «پیامرسان», «پیام», «رسان»). */
  private joinHead(last: Group, group: Group): Group | null {
    const head = group.toks[0];
    const first = last.toks[0];
    if (!group.persian || !last.persian || last.shape === Shape.Pair || head === undefined || first === undefined) return null;
    if (!HEADS.has(head)) return null;
    // The words are joined as tokens (stems), which is also what the output reads back as.
    // The pair is accepted only if the joined word, analysed as one word, gives exactly
    // these tokens: then every spelling agrees, and the output reads back the same.
    const joinedRaw = joinFolded(first, head);
    if (joinedRaw.length > MAX_WORD_LENGTH) return null;
    const toks = analyzePersian(joinedRaw, this.table).toks;
    if (toks.length !== last.toks.length + 2 || toks[toks.length - 1] !== head) return null;
    for (let i = 0; i < last.toks.length; i++) if (toks[i + 1] !== last.toks[i]) return null;
    const start = last.starts[0] ?? 0;
    const end = group.ends[0] ?? start;
    return {
      toks,
      starts: [start, ...last.starts, group.starts[0] ?? start],
      ends: [end, ...last.ends, end],
      joinable: true,
      persian: true,
      shape: Shape.Joined,
      cid: last.cid === group.cid ? last.cid : -1,
      jword: false,
    };
  }

  /**
   * The two words of a two-word synonym («واتس اپ», «فیس بوک») become its token too. The
   * words are compared as tokens (stems), so inflected forms join as well («فیس بوک‌ها»).
   */
  private joinPair(last: Group, group: Group): Group | null {
    const a = last.toks[0];
    const b = group.toks[0];
    if (last.shape !== Shape.Plain || last.persian !== group.persian || a === undefined || b === undefined) return null;
    if (!this.table.firstWords.has(a)) return null;
    const canonical = this.table.map.get(joinFolded(a, b));
    if (canonical === undefined) return null;
    const start = last.starts[0] ?? 0;
    const end = group.ends[0] ?? start;
    this.echo = [canonical];
    this.echoAt = 0;
    return {
      toks: [a, b, canonical],
      starts: [start, group.starts[0] ?? start, start],
      ends: [last.ends[0] ?? end, end, end],
      joinable: false,
      persian: last.persian,
      shape: Shape.Pair,
      cid: last.cid === group.cid ? last.cid : -1,
      jword: false,
    };
  }

  finish(): Group[] {
    if (this.last !== null) this.out.push(this.last);
    this.last = null;
    return this.out;
  }
}

/** The parts of a ZWNJ-written word: [start, end) index pairs into its text. */
function zwnjParts(word: ScannedWord): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  let from = 0;
  for (const cut of word.cuts ?? []) {
    parts.push([from, cut]);
    from = cut;
  }
  parts.push([from, word.text.length]);
  return parts;
}

/** A written piece of a word: characters [from, to) of a scanned word. */
interface Piece {
  word: ScannedWord;
  from: number;
  to: number;
}

/** The folded text of pieces written together, with the original offset of each character. */
function concatPieces(pieces: readonly Piece[]): { raw: string; pos: Int32Array } {
  let raw = '';
  let length = 0;
  for (const piece of pieces) length += piece.to - piece.from;
  const pos = new Int32Array(length + 1);
  let at = 0;
  for (const piece of pieces) {
    let from = piece.from;
    const text = piece.word.text.slice(from, piece.to);
    const joined = joinFolded(raw, text);
    if (joined.length < raw.length + text.length) from++;
    raw = joined;
    pos.set(piece.word.pos.subarray(from, piece.to), at);
    at += piece.to - from;
  }
  // the end is the end of the last letter: a part written before a ZWNJ does not take the ZWNJ
  const lastPiece = pieces[pieces.length - 1];
  if (lastPiece !== undefined) {
    const { word, to } = lastPiece;
    pos[at] = to >= word.text.length ? word.end : (word.pos[to - 1] ?? word.start) + 1;
  }
  return { raw, pos: at === length ? pos : pos.subarray(0, at + 1) };
}

/** Feeds the items of one Persian word (with a bound prefix written before it, if any). */
function feedPersianWord(stream: Stream, table: SynonymTable, word: ScannedWord, prefix: ScannedWord | null, cid: number): void {
  if (word.cuts === null && prefix === null) {
    stream.feed(groupOf({ raw: word.text, pos: word.pos, cid: -1, jword: false }, analyzePersian(word.text, table)));
    return;
  }
  // pieces[i] is one written part; a bound prefix written apart is a piece of the first part
  const parts: Piece[][] = zwnjParts(word).map(([from, to]) => [{ word, from, to }]);
  if (prefix !== null) parts[0]?.unshift({ word: prefix, from: 0, to: prefix.text.length });
  const textOf = (pieces: Piece[]): string => pieces.map((p) => p.word.text.slice(p.from, p.to)).join('');
  const partTexts = parts.map(textOf);
  const whole = partTexts.join('');
  let kept: Piece[][];
  if (STEM_EXCEPTIONS.has(whole) || (table.map.has(whole) && partTexts.some((t) => STOP_WORDS.has(t)))) {
    // a listed word keeps its written pieces together («خامنه‌ای»), and so does an entry
    // whose first word is a stop word, which could not join it written apart («بین‌المللی»)
    kept = [parts.flat()];
  } else {
    kept = [];
    let pendingPrefix: Piece[] = [];
    parts.forEach((pieces, index) => {
      const text = textOf(pieces);
      // an inflection after a ZWNJ is certainly a suffix: «کتاب‌ها», «خانه‌ی», «جاده‌ای»
      if (index > 0 && ZWNJ_SUFFIXES.has(text) && pendingPrefix.length === 0) return;
      // a bound prefix before a ZWNJ belongs to the next part: «می‌شود», «بی‌رویه»
      if (index < parts.length - 1 && PREFIXES.has(text)) {
        pendingPrefix = [...pendingPrefix, ...pieces];
        return;
      }
      kept.push([...pendingPrefix, ...pieces]);
      pendingPrefix = [];
    });
  }
  if (kept.length === 1) {
    const only = concatPieces(kept[0] ?? []);
    stream.feed(groupOf({ raw: only.raw, pos: only.pos, cid: -1, jword: false }, analyzePersian(only.raw, table)));
    return;
  }
  // A compound: each part, then the joined word. A known compound (a head) makes the parts
  // join in the stream and the joined word is then dropped as a repeat; an unknown one
  // («نمایش‌خانگی») leaves both the parts and the joined word.
  kept.forEach((pieces, index) => {
    const part = concatPieces(pieces);
    // «و» between the parts of a pair written with ZWNJ (گفت‌وگو, کسب‌وکار, آب‌وهوا) is the
    // conjunction, which a writer who uses spaces writes apart: the part is the rest
    const conjunction = index > 0 && part.raw.length > 2 && part.raw.startsWith('و');
    const raw = conjunction ? part.raw.slice(1) : part.raw;
    const pos = conjunction ? part.pos.subarray(1) : part.pos;
    stream.feed(groupOf({ raw, pos, cid, jword: false }, analyzePersian(raw, table)));
  });
  const joined = concatPieces(kept.flat());
  stream.feed(groupOf({ raw: joined.raw, pos: joined.pos, cid, jword: true }, analyzePersian(joined.raw, table)));
}

function analyzeText(text: string, options: SearchTokenOptions | undefined): Group[] {
  const table = synonymTable(options?.synonyms);
  const words = scanWords(text);
  const stream = new Stream(table);
  let prefix: ScannedWord | null = null;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === undefined) continue;
    if (word.kind === WordKind.Persian) {
      if (word.cuts === null && PREFIXES.has(word.text)) {
        // a bound prefix written apart joins the next word, if that follows after a space
        const next = words[i + 1];
        prefix = next !== undefined && next.kind === WordKind.Persian && next.spaced && !startsWithStopWord(next) ? word : null;
        continue;
      }
      if (word.cuts === null && STOP_WORDS.has(word.text) && table.firstWords.has(word.text)) {
        // a stop word that begins a two-word entry («بین المللی») joins the next word the
        // same way, when the two are that entry; alone it gives no token
        const next = words[i + 1];
        prefix = next !== undefined && next.kind === WordKind.Persian && next.spaced && table.map.has(joinFolded(word.text, firstPart(next))) ? word : null;
        continue;
      }
      feedPersianWord(stream, table, word, prefix, i);
      prefix = null;
      continue;
    }
    prefix = null;
    if (word.kind === WordKind.Latin) {
      if (STOP_WORDS.has(word.text)) continue;
      const token = table.map.get(word.text) ?? word.text;
      stream.feed({
        toks: [token],
        starts: [word.start],
        ends: [word.end],
        joinable: true,
        persian: isPersianToken(token),
        shape: Shape.Plain,
        cid: -1,
        jword: false,
      });
    } else {
      stream.feed({
        toks: [word.text],
        starts: [word.start],
        ends: [word.end],
        joinable: false,
        persian: false,
        shape: Shape.Plain,
        cid: -1,
        jword: false,
      });
    }
  }
  return stream.finish();
}

/** The folded text of a word up to its first ZWNJ. */
function firstPart(word: ScannedWord): string {
  const firstCut = word.cuts?.[0];
  return firstCut === undefined ? word.text : word.text.slice(0, firstCut);
}

function startsWithStopWord(word: ScannedWord): boolean {
  const first = firstPart(word);
  return STOP_WORDS.has(first) || PREFIXES.has(first);
}

/**
 * The search tokens of a text, in order; used for indexing and for queries alike.
 *
 * Letters are folded (ي ى → ی, ك → ک, ة ۀ هٔ → ه, أ إ آ → ا, ؤ → و, ئ → ی, ء removed,
 * diacritics and tatweel removed, Latin lower-cased without accents), digits of all systems
 * become ASCII (numbers without leading zeros, «۱٬۵۰۰» = 1,500 = 1500; a decimal point or
 * slash separates, so «۲٫۵» = 2.5 = 2/5 → 2, 5), letters and digits that touch are separate
 * tokens («5G» → 5, g), zero-width characters are
 * removed, and ZWNJ, space and joined spellings of a compound give the same tokens
 * («پیام‌رسان» = «پیام رسان» = «پیامرسان» → «پیامرسان», «پیام», «رسان»). Stop words are
 * dropped, suffixes stemmed («داروخانه‌ها» → «داروخانه», «بازنشستگان» → «بازنشسته»), and
 * names in both scripts meet in one token («واتساپ» → «whatsapp»).
 *
 * A token is letters and digits only (no spaces or punctuation), at most 64 UTF-16 code
 * units. Reading the space-joined tokens again gives the same tokens.
 */
export function searchTokens(text: string, options?: SearchTokenOptions): string[] {
  const tokens: string[] = [];
  for (const group of analyzeText(text, options)) for (const token of group.toks) tokens.push(token);
  return tokens;
}

/** The search tokens of a text joined by single spaces: the text to put in a full-text index. */
export function normalizeForSearch(text: string, options?: SearchTokenOptions): string {
  return searchTokens(text, options).join(' ');
}

/**
 * The search tokens of a text with the span of the original text each came from, for cutting
 * snippets and marking matches in the original. The tokens are those of `searchTokens`, in
 * the same order; the joined token of a compound spans all its parts.
 */
export function tokenizeWithOffsets(text: string, options?: SearchTokenOptions): TokenSpan[] {
  const spans: TokenSpan[] = [];
  for (const group of analyzeText(text, options)) {
    group.toks.forEach((token, i) => {
      spans.push({ token, start: group.starts[i] ?? 0, end: group.ends[i] ?? 0 });
    });
  }
  return spans;
}

/**
 * The words of a query as alternatives of tokens, for a search that wants every word
 * matched whichever way a compound is spelled on either side. With `searchTokens` alone a
 * query must match all tokens, and a compound that is not in the compound lists cannot
 * satisfy that when query and document spell it differently («نمایش‌خانگی» against
 * «نمایش خانگی»); here such a word is satisfied by its joined token or by all its parts.
 */
export function searchTerms(text: string, options?: SearchTokenOptions): SearchTerm[] {
  const groups = analyzeText(text, options);
  const terms: SearchTerm[] = [];
  for (let i = 0; i < groups.length;) {
    const group = groups[i] as Group;
    // the groups one ZWNJ-written word left: its parts, then its joined form
    let j = i + 1;
    while (group.cid >= 0 && j < groups.length && groups[j]?.cid === group.cid) j++;
    const run = groups.slice(i, j);
    const start = Math.min(...run.flatMap((g) => g.starts));
    const end = Math.max(...run.flatMap((g) => g.ends));
    const joined = run.find((g) => g.jword);
    if (joined !== undefined && run.length > 1) {
      const parts = run.filter((g) => g !== joined).flatMap((g) => [...g.toks]);
      terms.push({ alternatives: [[joined.toks[0] ?? ''], parts], start, end });
    } else {
      for (const g of run) {
        const toks = [...g.toks];
        const alternatives =
          g.shape === Shape.Joined ? [[toks[0] ?? ''], toks.slice(1)] : g.shape === Shape.Pair ? [[toks[toks.length - 1] ?? ''], toks.slice(0, -1)] : [toks];
        terms.push({ alternatives, start: Math.min(...g.starts), end: Math.max(...g.ends) });
      }
    }
    i = j;
  }
  return terms;
}
