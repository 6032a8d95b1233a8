/**
 * The administrators' synonyms: groups of spellings search treats as one word, beyond the
 * built-in table (persian/data/synonyms.txt). Stored in the settings table under
 * `search.synonyms`, one group a line, spellings separated by «|», `#` starting a comment:
 *
 *   irna | ایرنا
 *   وطن | میهن
 *
 * They are used for indexing and for queries alike, so the index must be rebuilt
 * (`dabir reindex`) after they change.
 */
import { createSynonyms, type Synonyms } from '../persian/index.js';
import type { Db } from '../storage/index.js';
import { readSynonymSetting } from './store.js';

/** Longest spelling the synonym table takes (persian `createSynonyms`). */
const MAX_SPELLING = 64;

/** The synonym groups of the setting's text as pairs, and the lines that could not be read. */
export function parseSynonymGroups(text: string): { pairs: Array<[string, string]>; problems: string[] } {
  const pairs: Array<[string, string]> = [];
  const problems: string[] = [];
  text.split('\n').forEach((raw, index) => {
    const hash = raw.indexOf('#');
    const line = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    if (line === '') return;
    const members = line.split('|').map((m) => m.trim());
    const bad = members.find((m) => !/[\p{L}\p{N}]/u.test(m) || m.replace(/[\s\u200c]/g, '').length > MAX_SPELLING);
    if (members.length < 2 || bad !== undefined) {
      problems.push(`line ${index + 1}: ${members.length < 2 ? 'a group needs two spellings or more' : `"${bad}" is not a spelling`}`);
      return;
    }
    const [first = '', ...others] = members;
    for (const other of others) pairs.push([first, other]);
  });
  return { pairs, problems };
}

/** A synonym table from the setting's text; the built-in table when the text is empty or unusable. */
export function synonymsFromSetting(text: string): Synonyms {
  const { pairs } = parseSynonymGroups(text);
  try {
    return createSynonyms(pairs);
  } catch (error) {
    if (error instanceof RangeError) return createSynonyms();
    throw error;
  }
}

/**
 * The current synonym table, rebuilt only when the setting changes: one settings read per
 * call, and a table's word analyses stay warm between calls.
 */
export class SynonymSource {
  private text: string | undefined;
  private table: Synonyms | undefined;

  async get(db: Db): Promise<Synonyms> {
    const text = await readSynonymSetting(db);
    if (this.table === undefined || text !== this.text) {
      this.table = synonymsFromSetting(text);
      this.text = text;
    }
    return this.table;
  }
}
