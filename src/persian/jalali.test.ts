import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JALALI_MONTH_NAMES, formatJalaliDate, formatJalaliDateTime, fromJalali, isJalaliLeapYear, jalaliMonthLength, toJalali } from './index.js';

/** The Jalali reading of ICU's Persian calendar (Intl), as numbers. */
function intlJalali(date: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

describe('Jalali formatting', () => {
  it('prints date and time in Tehran with Persian digits and month names', () => {
    const date = new Date('2026-11-28T11:00:00Z');
    expect(formatJalaliDateTime(date)).toBe('۷ آذر ۱۴۰۵ - ۱۴:۳۰');
    expect(formatJalaliDate(date)).toBe('۷ آذر ۱۴۰۵');
  });

  it('pads hours and minutes to two digits', () => {
    expect(formatJalaliDateTime(new Date('2025-03-20T20:35:00Z'))).toBe('۱ فروردین ۱۴۰۴ - ۰۰:۰۵');
  });

  it('formats in another time zone when asked', () => {
    expect(formatJalaliDateTime(new Date('2025-03-20T20:35:00Z'), 'UTC')).toBe('۳۰ اسفند ۱۴۰۳ - ۲۰:۳۵');
  });

  it('names the twelve months from فروردین to اسفند', () => {
    expect(JALALI_MONTH_NAMES).toHaveLength(12);
    expect(JALALI_MONTH_NAMES[0]).toBe('فروردین');
    expect(JALALI_MONTH_NAMES[11]).toBe('اسفند');
  });
});

describe('Jalali conversion', () => {
  it('puts Nowruz 1404 on 21 March 2025, a Friday, after the leap day of 1403', () => {
    expect(toJalali(new Date('2025-03-21T12:00:00Z'))).toEqual({ year: 1404, month: 1, day: 1, hour: 15, minute: 30, weekday: 6 });
    expect(toJalali(new Date('2025-03-20T12:00:00Z'))).toMatchObject({ year: 1403, month: 12, day: 30, weekday: 5 });
  });

  it('agrees with ICU’s Persian calendar on thousands of random instants, 1900–2100, in Tehran and UTC', () => {
    const instants = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true });
    fc.assert(
      fc.property(instants, fc.constantFrom('Asia/Tehran', 'UTC'), (date, zone) => {
        const { weekday: _, ...ours } = toJalali(date, zone);
        expect(ours).toEqual(intlJalali(date, zone));
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees with ICU minute by minute around clock changes, where an hour holds two offsets', () => {
    // Tehran's last summer times (local midnight, i.e. 20:30 UTC, mid-way through a UTC hour),
    // Lord Howe's half-hour summer time and St John's −03:30: transitions that are not whole UTC hours.
    const cases: Array<[string, string]> = [
      ['Asia/Tehran', '2021-03-21T20:30:00Z'],
      ['Asia/Tehran', '2021-09-21T19:30:00Z'],
      ['Asia/Tehran', '2022-09-21T19:30:00Z'],
      ['Australia/Lord_Howe', '2025-04-05T15:00:00Z'],
      ['America/St_Johns', '2025-11-02T04:30:00Z'],
    ];
    for (const [zone, at] of cases) {
      const center = Date.parse(at);
      for (let minute = -120; minute <= 120; minute++) {
        const date = new Date(center + minute * 60_000 + 17_000);
        const { weekday: _, ...ours } = toJalali(date, zone);
        expect(ours, `${zone} ${date.toISOString()}`).toEqual(intlJalali(date, zone));
      }
    }
  });

  it('agrees with ICU on which years 1280–1500 are leap years', () => {
    for (let year = 1280; year <= 1500; year++) {
      // the day after 29 اسفند is 30 اسفند in a leap year, 1 فروردین otherwise
      const day29 = fromJalali({ year, month: 12, day: 29, hour: 12 }, 'UTC');
      const next = intlJalali(new Date(day29.getTime() + 86_400_000), 'UTC');
      expect(isJalaliLeapYear(year), `year ${year}`).toBe(next.month === 12);
    }
  });

  it('counts the Persian week from Saturday', () => {
    // 2026-11-28 is a Saturday, 2026-11-27 a Friday
    expect(toJalali(new Date('2026-11-28T08:00:00Z')).weekday).toBe(0);
    expect(toJalali(new Date('2026-11-27T08:00:00Z')).weekday).toBe(6);
  });

  it('gives month lengths of 31, 30 and 29 or 30 days', () => {
    expect(jalaliMonthLength(1404, 1)).toBe(31);
    expect(jalaliMonthLength(1404, 6)).toBe(31);
    expect(jalaliMonthLength(1404, 7)).toBe(30);
    expect(jalaliMonthLength(1404, 12)).toBe(29);
    expect(jalaliMonthLength(1403, 12)).toBe(30);
    expect(() => jalaliMonthLength(1404, 13)).toThrow(RangeError);
  });

  it('turns a Jalali date in Tehran into the right instant, at +03:30 since summer time ended in 2022', () => {
    expect(fromJalali({ year: 1405, month: 9, day: 7, hour: 14, minute: 30 }).toISOString()).toBe('2026-11-28T11:00:00.000Z');
    expect(fromJalali({ year: 1402, month: 1, day: 2, hour: 0, minute: 30 }).toISOString()).toBe('2023-03-21T21:00:00.000Z');
    expect(fromJalali({ year: 1404, month: 1, day: 1 }).toISOString()).toBe('2025-03-20T20:30:00.000Z');
  });

  it('reads a time the clock skipped at the start of summer time as the time an hour later', () => {
    // 2 فروردین 1400: clocks in Iran went from 00:00 to 01:00
    const date = fromJalali({ year: 1400, month: 1, day: 2, hour: 0, minute: 30 });
    expect(date.toISOString()).toBe('2021-03-21T21:00:00.000Z');
    expect(toJalali(date)).toMatchObject({ day: 2, hour: 1, minute: 30 });
  });

  it('reads a time the clock showed twice at the end of summer time as the first one', () => {
    // 30 شهریور 1400: clocks in Iran went back from 24:00 to 23:00
    expect(fromJalali({ year: 1400, month: 6, day: 30, hour: 23, minute: 30 }).toISOString()).toBe('2021-09-21T19:00:00.000Z');
  });

  it('uses the zone’s history: Tehran kept +04:30 in the summer of 2021', () => {
    expect(toJalali(new Date('2021-06-01T00:00:00Z'))).toMatchObject({ hour: 4, minute: 30 });
    expect(toJalali(new Date('2023-06-01T00:00:00Z'))).toMatchObject({ hour: 3, minute: 30 });
  });

  it('rejects dates that do not exist and values out of range', () => {
    expect(() => fromJalali({ year: 1404, month: 12, day: 30 })).toThrow(RangeError);
    expect(() => fromJalali({ year: 1404, month: 7, day: 31 })).toThrow(RangeError);
    expect(() => fromJalali({ year: 1404, month: 13, day: 1 })).toThrow(RangeError);
    expect(() => fromJalali({ year: 1404, month: 1, day: 0 })).toThrow(RangeError);
    expect(() => fromJalali({ year: 1404, month: 1, day: 1, hour: 24 })).toThrow(RangeError);
    expect(() => fromJalali({ year: 1404, month: 1, day: 1, minute: 1.5 })).toThrow(RangeError);
    expect(() => fromJalali({ year: 5000, month: 1, day: 1 })).toThrow(RangeError);
    expect(() => toJalali(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => toJalali(new Date(), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
