// The Jalali (Solar Hijri) calendar: conversion to and from instants, and Persian formatting.
//
// Calendar arithmetic: the leap-year rule of Kazimierz M. Borkowski, "The Persian calendar
// for 3000 years", Earth, Moon and Planets 74 (1996) 223–230, which follows the astronomical
// (vernal equinox) calendar with 33-year cycles that restart at a list of break years; the
// same rule as the jalaali-js library (MIT). Written here from the rule itself: the day of
// Nowruz is found in the Gregorian March, and everything else is day counting.
// Valid for Jalali years −61 to 3177 (Gregorian 560 to 3798).
//
// Time zones come from Intl (the IANA database in Node's ICU), so history is right: Iran
// kept +03:30 with summer time +04:30 until 2022, and +03:30 all year since. Intl is asked
// once per zone and UTC hour (see wallClockMs), so a formatted date costs well under 1 µs.
import { toPersianDigits } from './digits.js';

/** An instant as read on a Jalali calendar and a clock in some time zone. */
export interface JalaliDateTime {
  /** Jalali year, e.g. 1405. */
  year: number;
  /** Month 1–12 (1 = فروردین … 12 = اسفند). */
  month: number;
  /** Day of the month, 1–31. */
  day: number;
  /** Hour 0–23. */
  hour: number;
  /** Minute 0–59. */
  minute: number;
  /** Day of the week, counted from the start of the Persian week: 0 = شنبه (Saturday) … 6 = جمعه (Friday). */
  weekday: number;
}

/** A Jalali calendar date, with an optional time of day, to turn into an instant. */
export interface JalaliDateInput {
  /** Jalali year, −61 to 3177. */
  year: number;
  /** Month 1–12. */
  month: number;
  /** Day 1–31 (1–30 in months 7–11, 1–29 in اسفند of a common year). */
  day: number;
  /** Hour 0–23; 0 when omitted. */
  hour?: number;
  /** Minute 0–59; 0 when omitted. */
  minute?: number;
}

/** The default time zone of the site: Iran. */
export const TEHRAN = 'Asia/Tehran';

/** Names of the Jalali months, فروردین first (index 0 is month 1). */
export const JALALI_MONTH_NAMES: readonly string[] = Object.freeze([
  'فروردین',
  'اردیبهشت',
  'خرداد',
  'تیر',
  'مرداد',
  'شهریور',
  'مهر',
  'آبان',
  'آذر',
  'دی',
  'بهمن',
  'اسفند',
]);

/** Names of the days of the week, شنبه (Saturday) first, matching `JalaliDateTime.weekday`. */
export const JALALI_WEEKDAY_NAMES: readonly string[] = Object.freeze(['شنبه', 'یکشنبه', 'دوشنبه', 'سه‌شنبه', 'چهارشنبه', 'پنجشنبه', 'جمعه']);

const DAY_MS = 86_400_000;

/** Borkowski's break years: the 33-year leap cycle restarts at each of them. */
const BREAKS = [-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178];
const FIRST_YEAR = -61;
const LAST_YEAR = 3177;

const div = (a: number, b: number): number => Math.floor(a / b);
const mod = (a: number, b: number): number => a - Math.floor(a / b) * b;

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw new RangeError(`Jalali year ${year} is outside ${FIRST_YEAR}–${LAST_YEAR}`);
  }
}

/**
 * The day of March (Gregorian year `year + 621`) on which Jalali year `year` begins.
 * Jalali leap days are counted from the first break (8 in every full 33 years of a period,
 * one every four years in a period's remainder, plus one when a period ends four years into
 * a cycle), Gregorian leap days are counted the Gregorian way, and Nowruz moves in March by
 * their difference.
 */
function nowruzDayOfMarch(year: number): number {
  let jalaliLeaps = -14;
  let periodStart = BREAKS[0] ?? FIRST_YEAR;
  let periodLength = 0;
  for (let i = 1; i < BREAKS.length; i++) {
    const periodEnd = BREAKS[i] ?? LAST_YEAR + 1;
    periodLength = periodEnd - periodStart;
    if (year < periodEnd) break;
    jalaliLeaps += div(periodLength, 33) * 8 + div(mod(periodLength, 33), 4);
    periodStart = periodEnd;
  }
  const intoPeriod = year - periodStart;
  jalaliLeaps += div(intoPeriod, 33) * 8 + div(mod(intoPeriod, 33) + 3, 4);
  if (mod(periodLength, 33) === 4 && periodLength - intoPeriod === 4) jalaliLeaps += 1;
  const gregorianYear = year + 621;
  const gregorianLeaps = div(gregorianYear, 4) - div((div(gregorianYear, 100) + 1) * 3, 4) - 150;
  return 20 + jalaliLeaps - gregorianLeaps;
}

/** Days from 1970-01-01 to a Gregorian date (proleptic Gregorian calendar, years ≥ 100). */
function gregorianToDays(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** Remembered results of {@link nowruzDays}: at most one per valid year. */
const nowruzCache = new Map<number, number>();

/** Days from 1970-01-01 to 1 فروردین of a Jalali year. */
function nowruzDays(year: number): number {
  let days = nowruzCache.get(year);
  if (days === undefined) {
    days = gregorianToDays(year + 621, 3, nowruzDayOfMarch(year));
    nowruzCache.set(year, days);
  }
  return days;
}

/** True when the Jalali year has 366 days (اسفند has 30 days). */
export function isJalaliLeapYear(year: number): boolean {
  checkYear(year);
  return nowruzDays(year + 1) - nowruzDays(year) === 366;
}

/** Number of days in a Jalali month: 31 in months 1–6, 30 in 7–11, 29 or 30 in 12. */
export function jalaliMonthLength(year: number, month: number): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`Jalali month ${month} is outside 1–12`);
  if (month <= 6) return 31;
  if (month <= 11) return 30;
  return isJalaliLeapYear(year) ? 30 : 29;
}

/** Days from 1970-01-01 to a Jalali date (validated). */
function jalaliToDays(year: number, month: number, day: number): number {
  checkYear(year);
  const length = jalaliMonthLength(year, month);
  if (!Number.isInteger(day) || day < 1 || day > length) {
    throw new RangeError(`day ${day} is outside 1–${length} in Jalali month ${month} of ${year}`);
  }
  const before = month <= 7 ? (month - 1) * 31 : 186 + (month - 7) * 30;
  return nowruzDays(year) + before + day - 1;
}

/** The Jalali date of a day counted from 1970-01-01. */
function daysToJalali(days: number): { year: number; month: number; day: number } {
  let year = new Date(days * DAY_MS).getUTCFullYear() - 621;
  checkYear(year);
  let start = nowruzDays(year);
  if (days < start) {
    year -= 1;
    checkYear(year);
    start = nowruzDays(year);
  }
  const dayOfYear = days - start;
  if (dayOfYear < 186) return { year, month: 1 + div(dayOfYear, 31), day: 1 + mod(dayOfYear, 31) };
  const rest = dayOfYear - 186;
  return { year, month: 7 + div(rest, 30), day: 1 + mod(rest, 30) };
}

const HOUR_MS = 3_600_000;

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/** The reading of a clock in `timeZone` at an instant, as if it were UTC (milliseconds), asked of Intl. */
function intlWallClockMs(instant: number, timeZone: string): number {
  let format = wallClockFormats.get(timeZone);
  if (format === undefined) {
    // throws RangeError for an unknown time zone, which is what the caller should see
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    if (wallClockFormats.size > 64) wallClockFormats.clear();
    wallClockFormats.set(timeZone, format);
  }
  const field = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  let bc = false;
  for (const part of format.formatToParts(instant)) {
    if (part.type === 'era') bc = part.value.startsWith('B');
    else if (part.type in field) field[part.type as keyof typeof field] = Number(part.value);
  }
  const date = new Date(0);
  date.setUTCFullYear(bc ? 1 - field.year : field.year, field.month - 1, field.day);
  date.setUTCHours(field.hour, field.minute, field.second, 0);
  return date.getTime() + mod(instant, 1000);
}

/**
 * UTC offsets (milliseconds) of each zone per UTC hour, learnt from Intl. `formatToParts`
 * costs several microseconds and pages print many dates, so an hour's offset is asked once.
 * An hour whose two ends have different offsets holds a transition (summer time, a change of
 * standard time); it is marked NaN and asked of Intl on every call, which is rare and exact.
 * Zones change offset at most a few times a year, never twice in one hour.
 */
const zoneOffsets = new Map<string, Map<number, number>>();

/** Hours remembered per zone before the zone's table is emptied (about eleven years of hours). */
const OFFSET_CACHE_LIMIT = 100_000;

/** The reading of a clock in `timeZone` at an instant, as if it were UTC (milliseconds). */
export function wallClockMs(instant: number, timeZone: string): number {
  let offsets = zoneOffsets.get(timeZone);
  if (offsets === undefined) {
    intlWallClockMs(instant, timeZone); // an unknown zone throws here, before it is remembered
    if (zoneOffsets.size > 64) zoneOffsets.clear();
    zoneOffsets.set(timeZone, (offsets = new Map<number, number>()));
  }
  const hour = Math.floor(instant / HOUR_MS);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const start = hour * HOUR_MS;
    const last = start + HOUR_MS - 1; // the hour's last millisecond: a change at the next hour is not in it
    const atStart = intlWallClockMs(start, timeZone) - start;
    offset = intlWallClockMs(last, timeZone) - last === atStart ? atStart : NaN;
    if (offsets.size >= OFFSET_CACHE_LIMIT) offsets.clear();
    offsets.set(hour, offset);
  }
  return Number.isNaN(offset) ? intlWallClockMs(instant, timeZone) : instant + offset;
}

function checkDate(date: Date): number {
  const time = date instanceof Date ? date.getTime() : NaN;
  if (Number.isNaN(time)) throw new RangeError('not a valid Date');
  return time;
}

/**
 * The Jalali date and time of an instant in a time zone (Iran by default).
 * @throws RangeError for an invalid Date, an unknown time zone, or a year outside −61–3177.
 * @example toJalali(new Date('2026-11-28T11:00:00Z')) → { year: 1405, month: 9, day: 7, hour: 14, minute: 30, weekday: 0 }
 */
export function toJalali(date: Date, timeZone: string = TEHRAN): JalaliDateTime {
  const wall = wallClockMs(checkDate(date), timeZone);
  const days = Math.floor(wall / DAY_MS);
  const msOfDay = wall - days * DAY_MS;
  const { year, month, day } = daysToJalali(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(msOfDay / 3_600_000),
    minute: Math.floor(msOfDay / 60_000) % 60,
    // 1970-01-01 was a Thursday, day 5 of the Persian week
    weekday: mod(days + 5, 7),
  };
}

function checkField(value: number | undefined, name: string, max: number): number {
  const v = value ?? 0;
  if (!Number.isInteger(v) || v < 0 || v > max) throw new RangeError(`${name} ${value} is outside 0–${max}`);
  return v;
}

/**
 * The instant at which a clock in `timeZone` (Iran by default) reads the given Jalali date
 * and time. Where the clock jumped forward (summer time before 2022) and the time never
 * existed, the instant is the one the clock showed that much later (as `Temporal`'s
 * "compatible" disambiguation); where it fell back and the time came twice, the earlier.
 * @throws RangeError for a date that does not exist (month 13, 30 اسفند of a common year…),
 * hours or minutes out of range, or an unknown time zone.
 */
export function fromJalali(input: JalaliDateInput, timeZone: string = TEHRAN): Date {
  const days = jalaliToDays(input.year, input.month, input.day);
  const local = days * DAY_MS + checkField(input.hour, 'hour', 23) * 3_600_000 + checkField(input.minute, 'minute', 59) * 60_000;
  // The offset is looked up a day on each side: zone transitions are months apart, so the
  // two offsets are the ones in force before and after any change near this time.
  const offsets = [wallClockMs(local - DAY_MS, timeZone) - (local - DAY_MS), wallClockMs(local + DAY_MS, timeZone) - (local + DAY_MS)];
  let best: number | null = null;
  for (const offset of offsets) {
    const instant = local - offset;
    if (wallClockMs(instant, timeZone) === local && (best === null || instant < best)) best = instant;
  }
  if (best === null) best = local - Math.min(...offsets); // a time skipped by the clock
  return new Date(best);
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * A date as Persian news pages print it: day, month name and year in Persian digits,
 * in Iran's time unless another zone is given. @example «۷ آذر ۱۴۰۵»
 */
export function formatJalaliDate(date: Date, timeZone: string = TEHRAN): string {
  return dateText(toJalali(date, timeZone));
}

/** Remembered date texts by year, month and day; pages print the same few days again and again. */
const dateTexts = new Map<number, string>();

function dateText(j: JalaliDateTime): string {
  const key = (j.year * 100 + j.month) * 100 + j.day;
  let text = dateTexts.get(key);
  if (text === undefined) {
    text = `${toPersianDigits(j.day)} ${JALALI_MONTH_NAMES[j.month - 1] ?? ''} ${toPersianDigits(j.year)}`;
    if (dateTexts.size >= 10_000) dateTexts.clear();
    dateTexts.set(key, text);
  }
  return text;
}

/** «۰۰:۰۰» … «۲۳:۵۹», by minute of the day, made on first use. */
let clockTexts: string[] | undefined;

function clockText(hour: number, minute: number): string {
  clockTexts ??= Array.from({ length: 24 * 60 }, (_, m) => toPersianDigits(`${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`));
  return clockTexts[hour * 60 + minute] ?? '';
}

/**
 * A date and time as Persian news pages print them: the date of {@link formatJalaliDate},
 * « - », then hours and minutes on a 24-hour clock. @example «۷ آذر ۱۴۰۵ - ۱۴:۳۰»
 */
export function formatJalaliDateTime(date: Date, timeZone: string = TEHRAN): string {
  const j = toJalali(date, timeZone);
  return `${dateText(j)} - ${clockText(j.hour, j.minute)}`;
}
