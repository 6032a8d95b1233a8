// The data files: well-formed, documented, and consistent with each other.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDataFile } from './data.js';
import { moderate } from './index.js';
import { canonLatin } from './latin.js';

const DIR = new URL('./lexicon/', import.meta.url);
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.txt'));

describe('lexicon data files', () => {
  it('each begins with a comment stating source and intent', () => {
    for (const file of FILES) {
      const head = readFileSync(new URL(file, DIR), 'utf8').split('\n').slice(0, 12).join('\n');
      expect(head.startsWith('#'), file).toBe(true);
      expect(head, file).toMatch(/Source:/);
      expect(head, file).toMatch(/Intent:/);
    }
  });

  it('parse without errors', () => {
    for (const file of FILES) expect(readDataFile(file).length, file).toBeGreaterThan(0);
  });

  it('lists no exception that the engine would flag on its own', () => {
    for (const line of readDataFile('exceptions.txt')) {
      expect(moderate({ text: line.term }).verdict, line.term).toBe('allow');
    }
  });

  it('reads Finglish spellings the same way (koon = kun, jendeh = jende, kos ≠ kon)', () => {
    expect(canonLatin('koon')).toBe(canonLatin('kun'));
    expect(canonLatin('jendeh')).toBe(canonLatin('jende'));
    expect(canonLatin('kooooni')).toBe(canonLatin('kuni'));
    expect(canonLatin('kon')).not.toBe(canonLatin('kun'));
  });

  it('blocks every profanity entry written plainly', () => {
    for (const line of readDataFile('profanity.txt')) {
      expect(moderate({ text: line.term }).verdict, line.term).toBe('block');
    }
  });
});
