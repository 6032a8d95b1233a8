import { describe, expect, it } from 'vitest';
import { createSynonyms, normalizeForSearch, searchTerms, searchTokens, tokenizeWithOffsets } from './index.js';

/** Asserts that all spellings give the same tokens, and returns them. */
function sameTokens(...spellings: string[]): string[] {
  const first = searchTokens(spellings[0] ?? '');
  for (const spelling of spellings.slice(1)) expect(searchTokens(spelling), spelling).toEqual(first);
  return first;
}

describe('search tokens: letters, digits and invisible characters', () => {
  it('folds Arabic yeh and kaf, teh marbuta, ۀ and هٔ to the Persian letters', () => {
    sameTokens('قيمت مسكن', 'قیمت مسکن');
    sameTokens('رودخانهٔ کارون', 'رودخانۀ کارون', 'رودخانه کارون', 'رودخانه‌ی کارون', 'رودخانه ی کارون');
    sameTokens('مدينة', 'مدینه');
  });

  it('folds hamza forms so that تأمین = تامین and مسئولان = مسوولان = مسولان = مسؤولان', () => {
    sameTokens('تأمین', 'تامین');
    sameTokens('مسئولان', 'مسوولان', 'مسولان', 'مسؤولان');
    sameTokens('رئیس', 'رییس');
    sameTokens('اجزاء', 'اجزا');
    sameTokens('مؤسسه', 'موسسه');
    sameTokens('آب', 'اب');
  });

  it('removes diacritics, tatweel and zero-width characters', () => {
    sameTokens('حافِظ', 'حافظ', 'حـــافظ', 'حا\u200bفظ', 'حافظ\u200f');
    sameTokens('بسکتبـــال', 'بسکتبال');
    sameTokens('مُحَمَّد', 'محمد');
  });

  it('reads Persian, Arabic-Indic and Latin digits as the same number', () => {
    expect(sameTokens('۸۸۴۸', '٨٨٤٨', '8848')).toEqual(['8848']);
    expect(sameTokens('۱٬۵۰۰ تومان', '1,500 تومان', '1500 تومان')[0]).toBe('1500');
    expect(searchTokens('کووید-۱۹')).toEqual(searchTokens('کووید 19'));
    expect(searchTokens('۰۵')).toEqual(['5']);
  });

  it('lower-cases Latin, drops accents and unfolds compatibility forms', () => {
    expect(searchTokens('YouTube Café ＡＢＣ')).toEqual(['youtube', 'cafe', 'abc']);
    expect(searchTokens('ﻻ')).toEqual(searchTokens('لا'));
  });

  it('drops stop words', () => {
    expect(searchTokens('این خبر از تهران و برای شما است')).toEqual(['خبر', 'tehran']);
  });
});

describe('search tokens: compounds written with ZWNJ, a space, or joined', () => {
  it('gives the same tokens for پیام‌رسان, پیام رسان and پیامرسان, plural or not', () => {
    expect(sameTokens('پیام‌رسان', 'پیام رسان', 'پیامرسان', 'پیام‌رسان‌ها', 'پیام رسان های', 'پیامرسانهای')).toEqual(['پیامرسان', 'پیام', 'رسان']);
  });

  it('handles the compounds of the relevance set and others of their kind', () => {
    sameTokens('آتش‌سوزی', 'آتش سوزی', 'آتشسوزی');
    sameTokens('وزنه‌برداری', 'وزنه برداری', 'وزنهبرداری');
    sameTokens('دندان‌پزشکی', 'دندان پزشکی', 'دندانپزشکی');
    sameTokens('ثبت‌نام', 'ثبت نام', 'ثبتنام');
    sameTokens('خبرنگار', 'خبر نگار', 'خبر‌نگار');
    sameTokens('رتبه‌بندی', 'رتبه بندی', 'رتبهبندی');
    sameTokens('راه‌اندازی', 'راه اندازی', 'راهاندازی');
  });

  it('joins a bound prefix to the next word, and only the joined word is a token', () => {
    expect(sameTokens('غیرحضوری', 'غیر حضوری', 'غیر‌حضوری')).toEqual(['غیرحضور']);
    expect(searchTokens('بی رویه')).toEqual(searchTokens('بی‌رویه'));
    expect(searchTokens('می‌رود')).toEqual(searchTokens('میرود'));
    expect(searchTokens('غیر حضوری')).not.toContain('حضور');
  });

  it('does not glue a prefix across punctuation or to a stop word', () => {
    expect(searchTokens('غیر از این موضوع')).toEqual(['موضوع']);
    expect(searchTokens('غیر، حضوری')).toEqual(['حضور']);
  });

  it('keeps both the parts and the joined word of an unknown ZWNJ compound', () => {
    expect(searchTokens('آموکسی‌سیلین')).toContain(searchTokens('آموکسیسیلین')[0]);
    expect(searchTokens('نمایش‌خانگی')).toEqual(expect.arrayContaining(searchTokens('نمایش خانگی')));
  });

  it('does not split short words into noise', () => {
    expect(searchTokens('زندان')).toEqual(['زندان']);
    expect(searchTokens('درگیری')).toEqual(['درگیری']);
  });
});

describe('search tokens: suffixes', () => {
  it('strips plurals written with ZWNJ, joined or apart', () => {
    sameTokens('داروخانه‌ها', 'داروخانهها', 'داروخانه ها', 'داروخانه');
    sameTokens('سریال‌ها', 'سریال');
    sameTokens('کتاب‌هایشان', 'کتاب');
    sameTokens('روستاها', 'روستا');
    sameTokens('کاربران', 'کاربر');
    sameTokens('دانشجویان', 'دانشجو');
  });

  it('brings the ان plural of a word in silent heh to the word: بازنشستگان = بازنشسته‌ها', () => {
    sameTokens('بازنشستگان', 'بازنشسته‌ها', 'بازنشسته');
    sameTokens('نمایندگان', 'نماینده');
    sameTokens('خانوادگی', 'خانواده');
  });

  it('strips comparatives, superlatives, ezafe and the indefinite ای after ZWNJ', () => {
    sameTokens('بزرگ‌ترین', 'بزرگترین', 'بزرگ‌تر', 'بزرگتر', 'بزرگ');
    sameTokens('خانه‌ی', 'خانه');
    sameTokens('جاده‌ای', 'جاده ای', 'جاده');
    sameTokens('خانه‌اش', 'خانه');
  });

  it('strips adjectival ی from longer words but not from short ones', () => {
    sameTokens('نوروزی', 'نوروز');
    sameTokens('داخلی', 'داخل');
    expect(searchTokens('بازی')).not.toEqual(searchTokens('باز'));
    expect(searchTokens('کشتی')).not.toEqual(searchTokens('کشت'));
  });

  it('leaves words whose ending belongs to the stem', () => {
    for (const word of ['باران', 'کاروان', 'میزان', 'ارزان', 'اژدها', 'فیلتر', 'خوزستان', 'استان', 'بیمارستان']) {
      expect(searchTokens(word), word).toHaveLength(1);
      expect(searchTokens(word)[0], word).toBe(normalizeForSearch(word));
    }
    expect(searchTokens('میزان')).not.toEqual(searchTokens('میز'));
    expect(searchTokens('ارزان')).not.toEqual(searchTokens('ارز'));
    expect(searchTokens('تنهایی')).not.toEqual(searchTokens('تن'));
    sameTokens('دوستان', 'دوست');
  });
});

describe('search tokens: names in both scripts', () => {
  it('maps the Persian and Latin spellings of a name to one token', () => {
    expect(sameTokens('واتساپ', 'WhatsApp', 'whatsapp')).toEqual(['whatsapp']);
    expect(sameTokens('واتس‌اپ', 'واتس اپ')).toEqual(['واتس', 'اپ', 'whatsapp']);
    sameTokens('آپارات', 'Aparat');
    sameTokens('اسپیدتست', 'Speedtest');
    sameTokens('روبیکا', 'rubika');
  });

  it('matches a two-word spelling written apart', () => {
    expect(searchTokens('واتس اپ')).toContain('whatsapp');
    expect(searchTokens('اسپید تست')).toContain('speedtest');
    expect(searchTokens('فیس بوک')).toContain('facebook');
  });

  it('reads a word that writers also set apart as one word', () => {
    expect(sameTokens('بین‌المللی', 'بین المللی', 'بینالمللی')).toHaveLength(1);
    expect(searchTokens('بین دو کشور')).toEqual(['دو', 'کشور']);
  });

  it('brings broken plurals to their singular', () => {
    sameTokens('مدارس', 'مدرسه');
    sameTokens('اخبار', 'خبر');
    sameTokens('مناطق', 'منطقه');
  });

  it('maps inflected forms through the stemmer', () => {
    expect(searchTokens('توییترها')).toEqual(['twitter']);
  });

  it('lets administrators add pairs at run time', () => {
    const synonyms = createSynonyms([['همراه اول', 'mci']]);
    expect(searchTokens('همراه اول', { synonyms })).toContain('mci');
    expect(searchTokens('همراه‌اول', { synonyms })).toContain('mci');
    expect(searchTokens('MCI', { synonyms })).toEqual(['mci']);
    expect(searchTokens('MCI')).toEqual(['mci']);
    expect(searchTokens('همراه اول')).not.toContain('mci');
  });

  it('rejects a synonym with no letters and a table not made by createSynonyms', () => {
    expect(() => createSynonyms([['!!!', 'x']])).toThrow(RangeError);
    expect(() => searchTokens('x', { synonyms: { canonical: () => undefined, size: 0 } })).toThrow(TypeError);
  });
});

describe('tokenizeWithOffsets', () => {
  it('maps each token to its span in the original text', () => {
    const text = 'قيمت  مسكنِ تهران ۸۰ ميليون';
    const spans = tokenizeWithOffsets(text);
    expect(spans.map((s) => s.token)).toEqual(searchTokens(text));
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['قيمت', 'مسكنِ', 'تهران', '۸۰', 'ميليون']);
  });

  it('spans a compound and each of its parts', () => {
    const text = 'خبر پیام‌رسان‌های داخلی';
    const spans = tokenizeWithOffsets(text);
    const slice = (token: string): string => {
      const span = spans.find((s) => s.token === token);
      return span ? text.slice(span.start, span.end) : '';
    };
    expect(slice('پیامرسان')).toBe('پیام‌رسان');
    expect(slice('رسان')).toBe('رسان');
    expect(slice('داخل')).toBe('داخلی');
  });
});

describe('searchTerms', () => {
  it('offers the joined token or the parts for a compound', () => {
    expect(searchTerms('نمایش‌خانگی').map((t) => t.alternatives)).toEqual([[['نمایشخانگ'], ['نمایش', 'خانگ']]]);
    expect(searchTerms('دندان پزشکی').map((t) => t.alternatives)).toEqual([[['دندانپزشکی'], ['دندان', 'پزشکی']]]);
    expect(searchTerms('قیمت مسکن').map((t) => t.alternatives)).toEqual([[['قیمت']], [['مسکن']]]);
  });
});
