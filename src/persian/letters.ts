// Character tables built once from data/letters.txt: for each level (display, slug,
// search) a map from a UTF-16 code unit to its replacement. Lookups in the hot loops of
// normalization and tokenizing are one typed-array read per character.
import { readDataLines } from './data.js';

/** Value in a letter map meaning "leave the character as it is". */
export const KEEP = 0;
/** Value in a letter map meaning "remove the character". U+FFFF is a noncharacter, never text. */
export const REMOVE = 0xffff;

/** The levels a mapping in letters.txt may apply to. */
export type LetterLevel = 'display' | 'slug' | 'search';

/** One letter map per level: index by code unit, read KEEP, REMOVE or the replacement. */
export const LETTER_MAPS: Readonly<Record<LetterLevel, Uint16Array>> = buildLetterMaps();

function parseCodePoint(text: string): number {
  const match = /^U\+([0-9A-Fa-f]{4})$/.exec(text);
  if (!match?.[1]) throw new Error(`letters.txt: "${text}" is not a BMP code point written U+XXXX`);
  return parseInt(match[1], 16);
}

function buildLetterMaps(): Record<LetterLevel, Uint16Array> {
  const maps: Record<LetterLevel, Uint16Array> = {
    display: new Uint16Array(0x10000),
    slug: new Uint16Array(0x10000),
    search: new Uint16Array(0x10000),
  };
  for (const line of readDataLines('letters.txt')) {
    const [from, to, levels, ...rest] = line.split(/\s+/);
    if (!from || !to || !levels || rest.length > 0) throw new Error(`letters.txt: cannot read "${line}"`);
    const [first, last] = from.includes('..') ? from.split('..').map(parseCodePoint) : [parseCodePoint(from), parseCodePoint(from)];
    if (first === undefined || last === undefined || last < first) throw new Error(`letters.txt: bad range "${from}"`);
    const target = to === '-' ? REMOVE : parseCodePoint(to);
    for (const level of levels.split(',')) {
      if (level !== 'display' && level !== 'slug' && level !== 'search') {
        throw new Error(`letters.txt: unknown level "${level}" in "${line}"`);
      }
      for (let c = first; c <= last; c++) maps[level][c] = target;
    }
  }
  return maps;
}

/** ZERO WIDTH NON-JOINER, the Persian half-space (نیم‌فاصله). */
export const ZWNJ = 0x200c;

/**
 * Value 0–9 of a decimal digit in the three systems Persian text mixes, or -1.
 * ASCII 0–9 (U+0030–0039), Arabic-Indic ٠–٩ (U+0660–0669) and Extended Arabic-Indic
 * (Persian) ۰–۹ (U+06F0–06F9): each block is contiguous, so the value is the offset
 * from the block's zero (Unicode Standard, ch. 4.6 Numeric Value).
 */
export function digitValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x6f0 && code <= 0x6f9) return code - 0x6f0;
  if (code >= 0x660 && code <= 0x669) return code - 0x660;
  return -1;
}

/** True for the white-space characters that separate words (including NBSP and the Unicode spaces). */
export function isSpace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0x85
  );
}
