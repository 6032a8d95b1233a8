/**
 * WordPress dates: `YYYY-MM-DD HH:MM:SS`, once in UTC (`post_date_gmt`) and
 * once in the site's time (`post_date`). Drafts never published carry
 * `0000-00-00 00:00:00` as their UTC date; their local date is read in the
 * site's zone (Iran's by default) with the zone's own history of offsets
 * (Iran kept summer time until 2022). Pure.
 */

import { wallClockMs } from '../persian/index.js';

const WP_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function parts(text: string): Parts | undefined {
  const m = WP_DATE.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  return { year, month, day, hour, minute, second };
}

/** A WordPress UTC date, or null for the zero date and anything unreadable. */
export function parseGmt(text: string): Date | null {
  const p = parts(text);
  if (!p) return null;
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
}

/**
 * A WordPress local date read in `timeZone`. A time that happens twice (the
 * hour when clocks go back) is the first; one that never happens (clocks go
 * forward) is read with the offset before the change.
 */
export function parseLocal(text: string, timeZone: string): Date | null {
  const p = parts(text);
  if (!p) return null;
  const local = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const offsets = new Set([wallClockMs(local - 86_400_000, timeZone) - (local - 86_400_000), wallClockMs(local + 86_400_000, timeZone) - (local + 86_400_000)]);
  const candidates = [...offsets].map((o) => local - o).filter((t) => wallClockMs(t, timeZone) === local);
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  return new Date(local - Math.max(...offsets));
}

/** UTC when given, else the local date in `timeZone`, else null. */
export function wpDate(gmt: string, local: string, timeZone: string): Date | null {
  return parseGmt(gmt) ?? parseLocal(local, timeZone);
}

/** The local date's year, month and day, as WordPress puts them in a permalink. */
export function permalinkDate(local: string): { year: string; month: string; day: string } | undefined {
  const m = WP_DATE.exec(local.trim());
  if (!m || m[1] === '0000') return undefined;
  return { year: m[1]!, month: m[2]!, day: m[3]! };
}

/** Checks a time zone name (for the --timezone flag). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
