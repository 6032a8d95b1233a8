// The light stemmer of search: removes plural, comparative, possessive and adjectival
// suffixes, one at a time, by the rules of data/suffixes.txt.
import { ENDING_EXEMPTIONS, PROTECTED_ENDINGS, PROTECTED_ENDING_LENGTHS, STEM_EXCEPTIONS, SUFFIX_RULES } from './lexicon.js';

/** Is the folded word one the stemmer must leave whole (listed, or ending in a protected ending)? */
export function isProtectedWord(word: string): boolean {
  if (STEM_EXCEPTIONS.has(word)) return true;
  for (const length of PROTECTED_ENDING_LENGTHS) {
    if (word.length >= length && PROTECTED_ENDINGS.has(word.slice(word.length - length))) {
      return !ENDING_EXEMPTIONS.has(word);
    }
  }
  return false;
}

/**
 * The stem of a folded Persian word. The first rule of data/suffixes.txt that fits is
 * applied, then the rules are tried again on the result, until none fits, the word is
 * protected, or `stopAt(word)` says so (the word is a synonym entry). The result is a fixed
 * point: stemming a stem gives the stem back.
 */
export function stemWord(word: string, stopAt: (form: string) => boolean): string {
  let current = word;
  // Each pass removes at least one letter, so the loop ends (ایرانیهایشان → ایرانی → ایران).
  for (;;) {
    if (stopAt(current) || isProtectedWord(current)) return current;
    let next: string | null = null;
    for (const rule of SUFFIX_RULES) {
      const cut = current.length - rule.suffix.length;
      if (cut < rule.minStem || !current.endsWith(rule.suffix)) continue;
      if (rule.after !== null && !rule.after.includes(current.charAt(cut - 1))) continue;
      if (rule.start !== null && !rule.start.includes(current.charAt(0))) continue;
      next = current.slice(0, cut) + rule.replacement;
      break;
    }
    if (next === null || next.length >= current.length) return current;
    current = next;
  }
}
