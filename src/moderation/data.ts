// Reads the moderation data files in ./lexicon. Locale rules are data (STYLE.md 15): every
// word list, letter map and suffix list lives in a plain-text file with a comment on its
// source and intent; this module only parses them. The files are read once, when the module
// is loaded; the build copies them into dist/ beside the compiled code.
//
// Lines and comments are read by src/persian's data-file reader, as for every locale file.
// What is moderation's own is the entry grammar on top: every entry belongs to a `[section]`
// and may carry `| flags` (the lexicons mark entries needs-person, exact and so on).
import { dataFileLines, readDataFileAt, type DataFileLine } from '../persian/index.js';

/** One entry of a data file. */
export interface DataLine {
  /** The `[section]` the entry belongs to. */
  readonly section: string;
  /** The entry itself, trimmed; internal spaces are kept (they mark multi-part entries). */
  readonly term: string;
  /** Flags written after `|` on the same line. */
  readonly flags: ReadonlySet<string>;
  /** The file name and line number, for error messages. */
  readonly where: string;
}

/**
 * Parses the common format of the data files: `#` starts a comment (whole line or the rest
 * of a line), `[name]` starts a section, any other non-blank line is `TERM | flag flag`.
 */
export function parseDataFile(text: string, file: string): DataLine[] {
  return entries(dataFileLines(text), file);
}

/** Reads and parses `./lexicon/<name>` relative to this module. */
export function readDataFile(name: string): DataLine[] {
  return entries(readDataFileAt(new URL(`./lexicon/${name}`, import.meta.url)), name);
}

function entries(meaningful: readonly DataFileLine[], file: string): DataLine[] {
  const lines: DataLine[] = [];
  let section = '';
  for (const { text: line, number } of meaningful) {
    const header = /^\[([a-z0-9-]+)\]$/.exec(line);
    if (header) {
      section = header[1] ?? '';
      continue;
    }
    if (section === '') throw new Error(`${file}:${number}: entry before any [section]`);
    const bar = line.indexOf('|');
    const term = (bar >= 0 ? line.slice(0, bar) : line).trim().replace(/\s+/g, ' ');
    const flags = new Set(
      bar >= 0
        ? line
            .slice(bar + 1)
            .trim()
            .split(/\s+/)
            .filter(Boolean)
        : [],
    );
    if (term === '') throw new Error(`${file}:${number}: empty entry`);
    lines.push({ section, term, flags, where: `${file}:${number}` });
  }
  return lines;
}
