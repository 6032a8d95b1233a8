/**
 * Reading what a reader typed into the search box (pure): words, "quoted phrases" and
 * filters. Words become search terms through `persian/searchTerms`, the one normalization
 * that indexing uses too.
 *
 * Filters are written `name:value` anywhere in the query (API callers may also pass them as
 * parameters): `service:ict` (or `سرویس:ict`), `from:1405-09-01` and `to:1405-09-30` (or
 * `از:` and `تا:`), Jalali dates in Latin, Persian or Arabic-Indic digits, as a day
 * (`1405-09-01`, `1405/9/1`), a month (`1405-09`) or a year (`1405`), read in Iran's time.
 * `to` takes in the whole day, month or year it names.
 */
import { fromJalali, jalaliMonthLength, searchTerms, toLatinDigits, type Synonyms } from '../persian/index.js';

/** One word of a query. */
export interface QueryWord {
  /** What satisfies it: lists of tokens, any one list (see persian `SearchTerm`). */
  alternatives: string[][];
  /** The word as the reader typed it. */
  text: string;
  /** Index into `ParsedQuery.phrases` of the phrase it is part of, or -1. */
  phrase: number;
}

/** The filters of a query, as instants (epoch milliseconds). */
export interface SearchFilters {
  /** A service slug. */
  service?: string | undefined;
  /** Only stories published at or after this instant. */
  from?: number | undefined;
  /** Only stories published before this instant. */
  to?: number | undefined;
}

/** A query as search reads it. */
export interface ParsedQuery {
  /** The words, in the order typed (at most {@link MAX_WORDS}). */
  words: QueryWord[];
  /** Each quoted phrase of two words or more, as indices into `words`, in order. */
  phrases: number[][];
  filters: SearchFilters;
  /** The filters as typed, to keep them in a suggested query (`service:ict from:1405-09`). */
  filterText: string;
  /** Filters that could not be read: filter name → reason, in Persian. */
  problems: Record<string, string>;
}

/** Words beyond this many are ignored: no reader types more, and each costs work. */
export const MAX_WORDS = 12;

/** Names a filter may be written with, by filter. */
const FILTER_NAMES: Record<string, 'service' | 'from' | 'to'> = {
  service: 'service',
  سرویس: 'service',
  from: 'from',
  از: 'from',
  to: 'to',
  تا: 'to',
};

const FILTER = /(^|\s)(service|سرویس|from|از|to|تا):(\S+)/giu;

/** Opening quote → closing quote: ASCII, Persian guillemets, curly quotes. */
const QUOTES: Record<string, string> = { '"': '"', '«': '»', '“': '”', '„': '“' };

const BAD_DATE = 'تاریخ را به شکل سال-ماه-روز خورشیدی بنویسید، مانند ۱۴۰۵-۰۹-۰۱';

/**
 * A Jalali date as typed (`1405-09-01`, `۱۴۰۵/۹/۱`, `1405-09`, `1405`): the instant its period
 * starts in Iran's time, or, with `end`, the instant just after the period ends. Null when it
 * is not a date that exists.
 */
export function parseJalaliDate(text: string, end = false): number | null {
  const match = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$/.exec(toLatinDigits(text.trim()));
  if (!match) return null;
  const year = Number(match[1]);
  const month = match[2] === undefined ? undefined : Number(match[2]);
  const day = match[3] === undefined ? undefined : Number(match[3]);
  try {
    // fromJalali throws RangeError for a month or day that does not exist
    const start = fromJalali({ year, month: month ?? 1, day: day ?? 1 }).getTime();
    if (!end) return start;
    // the first moment after the period: the next day, the next month's first, the next year's
    const nextMonth = (m: number) => (m === 12 ? { year: year + 1, month: 1, day: 1 } : { year, month: m + 1, day: 1 });
    if (month === undefined) return fromJalali({ year: year + 1, month: 1, day: 1 }).getTime();
    if (day === undefined || day === jalaliMonthLength(year, month)) return fromJalali(nextMonth(month)).getTime();
    return fromJalali({ year, month, day: day + 1 }).getTime();
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/** Reads the filters given apart from the text (API parameters) into `filters`, noting problems. */
export function applyFilters(
  parsed: Pick<ParsedQuery, 'filters' | 'problems'>,
  given: { service?: string | undefined; from?: string | undefined; to?: string | undefined },
): void {
  if (given.service !== undefined && given.service.trim() !== '') parsed.filters.service = given.service.trim().toLowerCase();
  for (const name of ['from', 'to'] as const) {
    const value = given[name];
    if (value === undefined || value.trim() === '') continue;
    const instant = parseJalaliDate(value, name === 'to');
    if (instant === null) parsed.problems[name] = BAD_DATE;
    else parsed.filters[name] = instant;
  }
}

/**
 * Reads a query: filters (`service:`, `from:`, `to:`) are taken out, quoted parts become
 * phrases, and the rest becomes words. `synonyms` must be the table the index was built with.
 */
export function parseQuery(text: string, options: { synonyms?: Synonyms | undefined } = {}): ParsedQuery {
  const parsed: ParsedQuery = { words: [], phrases: [], filters: {}, filterText: '', problems: {} };
  const given: { service?: string; from?: string; to?: string } = {};
  const filterParts: string[] = [];
  const rest = text.replace(FILTER, (_all, space: string, name: string, value: string) => {
    const filter = FILTER_NAMES[name.toLowerCase()];
    if (filter !== undefined) given[filter] = value;
    filterParts.push(`${name}:${value}`);
    return space + ' ';
  });
  applyFilters(parsed, given);
  parsed.filterText = filterParts.join(' ');

  const addWords = (segment: string, phrase: number): number => {
    let added = 0;
    for (const term of searchTerms(segment, { synonyms: options.synonyms })) {
      if (parsed.words.length >= MAX_WORDS) break;
      const alternatives = term.alternatives.filter((alt) => alt.length > 0 && alt.every((t) => t !== ''));
      if (alternatives.length === 0) continue;
      parsed.words.push({ alternatives, text: segment.slice(term.start, term.end), phrase });
      added++;
    }
    return added;
  };

  let i = 0;
  let plainFrom = 0;
  while (i < rest.length) {
    const close = QUOTES[rest.charAt(i)];
    const end = close === undefined ? -1 : rest.indexOf(close, i + 1);
    if (close === undefined || end < 0) {
      i++;
      continue;
    }
    addWords(rest.slice(plainFrom, i), -1);
    const phrase = parsed.phrases.length;
    const first = parsed.words.length;
    const added = addWords(rest.slice(i + 1, end), phrase);
    if (added >= 2) parsed.phrases.push(Array.from({ length: added }, (_, k) => first + k));
    else for (let k = first; k < parsed.words.length; k++) (parsed.words[k] as QueryWord).phrase = -1;
    i = end + 1;
    plainFrom = i;
  }
  addWords(rest.slice(plainFrom), -1);
  return parsed;
}

/**
 * The query a reader would type for some of its words (by index), with phrases quoted again
 * and the filters kept: what a suggestion links to.
 */
export function queryText(parsed: ParsedQuery, keep: readonly number[]): string {
  const parts: string[] = [];
  let open = -1;
  let phraseWords: string[] = [];
  const flush = () => {
    if (open >= 0 && phraseWords.length > 0) parts.push(phraseWords.length > 1 ? `«${phraseWords.join(' ')}»` : (phraseWords[0] ?? ''));
    open = -1;
    phraseWords = [];
  };
  for (const index of [...keep].sort((a, b) => a - b)) {
    const word = parsed.words[index];
    if (word === undefined) continue;
    if (word.phrase !== open) flush();
    if (word.phrase >= 0) {
      open = word.phrase;
      phraseWords.push(word.text);
    } else {
      parts.push(word.text);
    }
  }
  flush();
  if (parsed.filterText) parts.push(parsed.filterText);
  return parts.join(' ');
}
