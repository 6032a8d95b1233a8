import { describe, expect, it } from 'vitest';
import { normalizeText } from './index.js';

describe('normalizeText', () => {
  it('writes Arabic yeh and kaf as the Persian letters', () => {
    expect(normalizeText('قيمت مسكن در تهران متري ۸۰ ميليون تومان شد')).toBe('قیمت مسکن در تهران متری ۸۰ میلیون تومان شد');
    expect(normalizeText('مصطفى')).toBe('مصطفی');
  });

  it('writes Arabic-Indic digits as Persian digits and keeps Latin digits', () => {
    expect(normalizeText('٢٠ مهر، iOS 17')).toBe('۲۰ مهر، iOS 17');
  });

  it('collapses runs of spaces, including NBSP and thin spaces, and trims', () => {
    expect(normalizeText('  سپاهان \u00a0 صدرنشین\t\tشد  ')).toBe('سپاهان صدرنشین شد');
  });

  it('keeps line breaks, without spaces around them and with at most one blank line', () => {
    expect(normalizeText('بند اول  \r\n  بند دوم\n\n\n\nبند سوم')).toBe('بند اول\nبند دوم\n\nبند سوم');
  });

  it('fixes ZWNJ runs and removes a ZWNJ that stands next to a space or at an end', () => {
    expect(normalizeText('می‌‌‌شود')).toBe('می‌شود');
    expect(normalizeText('کتاب‌ ها')).toBe('کتاب ها');
    expect(normalizeText('‌خانه‌')).toBe('خانه');
    expect(normalizeText('Wi‌Fi')).toBe('WiFi');
  });

  it('never changes meaning: hamza, ۀ, diacritics and ZWNJ between letters are kept', () => {
    const text = 'تأمین اجتماعی، خانهٔ ما، رودخانۀ کارون، حافِظ، پیام‌رسان';
    expect(normalizeText(text)).toBe(text);
  });
});
