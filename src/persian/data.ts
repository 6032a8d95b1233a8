// Reading the locale data files that live in ./data beside this module (STYLE 15: locale
// rules are data). They are read once, at module load; the build copies them into dist/.
// Other modules' data files (src/moderation/lexicon) share the format and this reader.
import { readFileSync } from 'node:fs';

/** One meaningful line of a data file. */
export interface DataFileLine {
  /** The line without its comment, trimmed; never empty. */
  readonly text: string;
  /** Its line number in the file, from 1 (for error messages). */
  readonly number: number;
}

/**
 * The meaningful lines of a data file's text: `#` starts a comment that runs to the end of
 * the line, surrounding white space (a CR of CRLF too) is trimmed and empty lines are skipped.
 */
export function dataFileLines(text: string): DataFileLine[] {
  const lines: DataFileLine[] = [];
  text.split('\n').forEach((raw, n) => {
    const hash = raw.indexOf('#');
    const line = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    if (line !== '') lines.push({ text: line, number: n + 1 });
  });
  return lines;
}

/** The meaningful lines (`dataFileLines`) of the data file at `url`. */
export function readDataFileAt(url: URL): DataFileLine[] {
  return dataFileLines(readFileSync(url, 'utf8'));
}

/** The meaningful lines (`dataFileLines`) of ./data/<name>. */
export function readDataLines(name: string): string[] {
  return readDataFileAt(new URL(`./data/${name}`, import.meta.url)).map((line) => line.text);
}

/** Lines of a data file grouped under `[section]` headers; lines before any header go to ''. */
export function readDataSections(name: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current: string[] = [];
  sections.set('', current);
  for (const line of readDataLines(name)) {
    if (line.startsWith('[') && line.endsWith(']')) {
      current = [];
      sections.set(line.slice(1, -1).trim(), current);
    } else {
      current.push(line);
    }
  }
  return sections;
}
