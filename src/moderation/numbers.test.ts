import { describe, expect, it } from 'vitest';
import { classifyDigits, ibanValid, isPlausiblePostalCode, isValidNationalCode, luhnValid, scanDigitRuns } from './numbers.js';

/** Builds a valid national code from nine digits by computing its check digit. */
function withCheckDigit(nine: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const r = sum % 11;
  return nine + String(r < 2 ? r : 11 - r);
}

describe('national code check digit', () => {
  it('accepts codes whose last digit matches the weighted sum mod 11', () => {
    expect(isValidNationalCode('2440318779')).toBe(true);
    expect(isValidNationalCode(withCheckDigit('001234567'))).toBe(true);
    expect(isValidNationalCode(withCheckDigit('123456789'))).toBe(true);
  });

  it('rejects a code with a wrong check digit, a wrong length or one repeated digit', () => {
    expect(isValidNationalCode('2440318778')).toBe(false);
    expect(isValidNationalCode('244031877')).toBe(false);
    expect(isValidNationalCode('1111111111')).toBe(false);
  });

  it('finds exactly one valid check digit for any nine digits', () => {
    for (const nine of ['000000001', '987654321', '555123456', '100200300']) {
      const valid = [...'0123456789'].filter((d) => isValidNationalCode(nine + d));
      expect(valid).toHaveLength(1);
    }
  });
});

describe('Luhn', () => {
  it('accepts well-formed card numbers and rejects a changed digit', () => {
    expect(luhnValid('6273531188204318')).toBe(true);
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('0000000000000000')).toBe(false);
  });
});

describe('IBAN', () => {
  it('checks an Iranian IBAN with mod 97', () => {
    expect(ibanValid('IR', '062960000000100324200001')).toBe(true);
    expect(ibanValid('IR', '062960000000100324200002')).toBe(false);
  });
});

describe('postal code', () => {
  it('uses neither 0 nor 2 in its first five digits', () => {
    expect(isPlausiblePostalCode('1314567891')).toBe(true);
    expect(isPlausiblePostalCode('1204567891')).toBe(false);
  });
});

describe('digit runs', () => {
  it('joins the groups of a spaced or dashed phone number', () => {
    const [run] = scanDigitRuns('زنگ بزنید 0912 345-6789 لطفا');
    expect(run?.digits).toBe('09123456789');
    expect(run && classifyDigits(run)).toBe('mobile');
  });

  it('does not join numbers separated by commas or slashes', () => {
    expect(scanDigitRuns('12345,67890').map((r) => r.digits)).toEqual(['12345', '67890']);
    expect(scanDigitRuns('12345/67890').map((r) => r.digits)).toEqual(['12345', '67890']);
  });

  it('ignores runs too short to identify anyone (years, prices, hotlines)', () => {
    expect(scanDigitRuns('سال 1402، قیمت 120,000، تلفن 124')).toEqual([]);
  });

  it('classifies an 11-digit number with an area code as a landline', () => {
    const [run] = scanDigitRuns('051 38 44 22 11');
    expect(run && classifyDigits(run)).toBe('landline');
  });
});
