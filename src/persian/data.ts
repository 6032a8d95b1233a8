// Reading the locale data files that live in ./data beside this module (STYLE 15: locale
// rules are data). They are read once, at module load; the build copies them into dist/.
import { readFileSync } from 'node:fs';

/**
 * The meaningful lines of a data file: `#` starts a comment that runs to the end of the
 * line, surrounding white space is trimmed and empty lines are skipped.
 */
export function readDataLines(name: string): string[] {
  const text = readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8');
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    const hash = raw.indexOf('#');
    const line = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    if (line !== '') lines.push(line);
  }
  return lines;
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
