// Reading a word without a possessive or object clitic (data/clitics.txt): «کاربرانش» may
// be «کاربران» + «ش». Only a guess: search asks for it when the word as typed is unknown.
import { readDataLines } from './data.js';
import { foldKey } from './scan.js';

const CLITICS: readonly string[] = readDataLines('clitics.txt')
  .map((line) => foldKey(line))
  .sort((a, b) => b.length - a.length);

/** Letters a word must keep without its clitic, so that short words are not cut to noise. */
const MIN_REST = 3;

/**
 * The word (as typed) without each clitic that ends it, longest clitic first: «کاربرانشان» →
 * [«کاربران»], «قیمتش» → [«قیمت»]. The readings still need `searchTokens`; empty when no
 * clitic fits.
 */
export function withoutClitic(word: string): string[] {
  const folded = foldKey(word);
  const readings: string[] = [];
  for (const clitic of CLITICS) {
    if (folded.length - clitic.length >= MIN_REST && folded.endsWith(clitic)) readings.push(folded.slice(0, folded.length - clitic.length));
  }
  return readings;
}
