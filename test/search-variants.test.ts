/**
 * A second small relevance set, written for Dabir in the manner of the development set
 * (../shared/fixtures/search) but with other words: stories typed the ways a real archive
 * is typed, queries typed the ways readers type. It checks that search generalizes (compounds
 * the word lists do not know, suffixes, names in the other script that the synonym table
 * does not list) rather than fitting the development strings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './support/app.js';

interface Story {
  id: string;
  title: string;
  lead: string;
  body: string;
  service: string;
  kicker?: string;
  tags?: string[];
}

const p = (...paragraphs: string[]) => paragraphs.map((x) => `<p>${x}</p>`).join('\n');

const STORIES: Story[] = [
  {
    id: 'v01',
    service: 'ict',
    title: 'استارلینک در ایران؛ اینترنت ماهواره ای چقدر هزینه دارد',
    lead: 'گیرنده‌های اینترنت ماهواره‌ای با قیمت‌های چند ده میلیونی در بازار غیررسمی دست به دست می‌شوند.',
    body: p(
      'فروشندگان می‌گویند هر دستگاه گیرنده استارلینک با کابل و پایه به دست خریدار می‌رسد و اشتراک ماهانه آن با ارز پرداخت می‌شود.',
      'کارشناسان ارتباطات هشدار می‌دهند استفاده از این گیرنده‌ها بدون مجوز است و کیفیت اتصال در روزهای ابری افت می‌کند.',
    ),
  },
  {
    id: 'v02',
    service: 'economy',
    title: 'نرخ تورم نقطه به نقطه به ٤٥ درصد رسيد',
    lead: 'مركز آمار اعلام كرد تورم نقطه به نقطه در ماه گذشته ٤٥ درصد بوده است.',
    body: p(
      'به گزارش مركز آمار، بيشترين افزايش قيمت در گروه خوراكي‌ها و آشاميدني‌ها ثبت شده است.',
      'کارشناسان پيش‌بيني مي‌كنند روند افزايش قيمت‌ها در ماه‌هاي آينده كندتر شود.',
    ),
  },
  {
    id: 'v03',
    service: 'society',
    title: 'قطار مسافری تهران مشهد در ایستگاه سمنان متوقف شد',
    lead: 'سخنگوی راه آهن گفت نقص فنی لکوموتیو قطار مسافری را دو ساعت در ایستگاه سمنان نگه داشت.',
    body: p(
      'مسافران این قطار پس از دو ساعت با لکوموتیو جایگزین به سفر ادامه دادند.',
      'شرکت راه آهن جمهوری اسلامی از مسافران عذرخواهی کرد و وعده بازپرداخت بخشی از بهای بلیت را داد.',
    ),
  },
  {
    id: 'v04',
    service: 'society',
    title: 'زمینلرزه ۵٫۲ ریشتری بندرعباس را لرزاند',
    lead: 'زمینلرزه‌ای به بزرگی ۵٫۲ ریشتر بامداد امروز حوالی بندرعباس را لرزاند و به چند ساختمان قدیمی آسیب زد.',
    body: p('رئیس هلال احمر هرمزگان گفت تیم‌های ارزیاب به روستاهای نزدیک کانون زمینلرزه اعزام شده‌اند.', 'تاکنون گزارشی از کشته شدن ساکنان منتشر نشده است.'),
  },
  {
    id: 'v05',
    service: 'ict',
    title: 'کلاس‌های آنلاین دانشگاه‌ها دوباره روی زوم رفت',
    lead: 'با اختلال در سامانه‌های داخلی، استادان چند دانشگاه کلاس‌های مجازی را به نرم‌افزار زوم بردند.',
    body: p(
      'دانشجویان می‌گویند اتصال به زوم پایدارتر از سامانه‌های داخلی است اما مصرف اینترنت آن بیشتر است.',
      'معاون آموزشی یکی از دانشگاه‌ها گفت این وضع موقت است.',
    ),
  },
  {
    id: 'v06',
    service: 'economy',
    title: 'بوئینگ و ایرباس؛ رقابت بر سر سفارش‌های تازه هواپیما',
    lead: 'دو غول هواپیماسازی جهان در نمایشگاه هوایی امسال صدها سفارش تازه گرفتند.',
    body: p(
      'بوئینگ بیش از ۳۰۰ فروند و ایرباس نزدیک به ۴۰۰ فروند سفارش ثبت کردند.',
      'تحلیلگران می‌گویند کمبود قطعه تحویل هواپیماها را تا سال‌ها عقب می‌اندازد.',
    ),
  },
  {
    id: 'v07',
    service: 'sport',
    title: 'کشتی‌گیران آزادکار ایران در اردوی تیم ملی',
    lead: 'بیست کشتی گیر آزادکار برای حضور در مسابقات جهانی به اردوی تیم ملی دعوت شدند.',
    body: p('سرمربی تیم ملی گفت کشتی‌گیران جوان فرصت خوبی برای نشان دادن خود دارند.', 'اردو در خانه کشتی تهران برگزار می‌شود.'),
  },
  {
    id: 'v08',
    service: 'environment',
    title: 'بازگشت پرندگان مهاجر به تالاب انزلی',
    lead: 'شمار پرندگان مهاجر در تالاب انزلی امسال نسبت به سال گذشته بیشتر شده است.',
    body: p('محیط‌بانان گیلان می‌گویند بیش از پنجاه هزار پرنده در سرشماری زمستانه دیده شد.', 'کاهش شکار غیرمجاز یکی از دلایل این افزایش است.'),
  },
  {
    id: 'v09',
    service: 'economy',
    title: 'زیان انباشته خودروسازان از مرز ۱۰۰ همت گذشت',
    lead: 'گزارش حسابرسی نشان می‌دهد زیان انباشته دو خودروساز بزرگ کشور در سال گذشته بیشتر شد.',
    body: p('قیمت‌گذاری دستوری و گرانی قطعات از دلایل اصلی این زیان عنوان شده است.', 'مدیران خودروسازی خواستار آزادسازی قیمت‌ها شدند.'),
  },
  {
    id: 'v10',
    service: 'culture',
    title: 'نمایشگاه کتاب تهران با حضور ناشران خارجی گشایش یافت',
    lead: 'سی و ششمین نمایشگاه بین المللی کتاب تهران با حضور ۲۵۰۰ ناشر در مصلی آغاز به کار کرد.',
    body: p('کتابفروشی‌ها و ناشران کودک و نوجوان بیشترین غرفه‌ها را دارند.', 'دانشنامه‌های تخصصی و کتاب‌های درسی نیز در بخش جداگانه عرضه می‌شوند.'),
  },
  {
    id: 'v11',
    service: 'health',
    title: 'واکسن آنفلوانزا در داروخانه ها کمیاب شد',
    lead: 'مراجعه‌کنندگان به داروخانه‌ها می‌گویند واکسن آنفلوانزا پیدا نمی‌شود.',
    body: p('سخنگوی سازمان غذا و دارو گفت محموله تازه واکسن تا دو هفته دیگر توزیع می‌شود.', 'پزشکان به سالمندان و بیماران قلبی توصیه کردند زودتر واکسن بزنند.'),
  },
  {
    id: 'v12',
    service: 'sport',
    title: 'هواداران پرسپولیس در ورزشگاه آزادی رکورد زدند',
    lead: 'بیش از ۸۰ هزار هوادار بازی حساس پرسپولیس را از نزدیک در ورزشگاه آزادی تماشا کردند.',
    body: p('مدیرعامل باشگاه از هواداران برای حمایت از تیم تشکر کرد.', 'این بیشترین شمار تماشاگر در لیگ برتر امسال بوده است.'),
  },
];

/** Queries, with the story each should find first. */
const QUERIES: Array<[string, string, string]> = [
  ['starlink', 'v01', 'Latin name the story writes only in Persian, not in the synonym table'],
  ['اینترنت ماهوارهای', 'v01', 'joined against spaced and ZWNJ'],
  ['گیرنده ها', 'v01', 'spaced plural'],
  ['تورم 45 درصد', 'v02', 'Latin digits against Arabic-Indic digits in an Arabic-typed story'],
  ['مرکز آمار', 'v02', 'Persian letters against Arabic ك/ي'],
  ['راهآهن', 'v03', 'joined against the spaced compound'],
  ['قطار تهران مشهد', 'v03', 'names'],
  ['زمین لرزه بندرعباس', 'v04', 'spaced against the joined compound'],
  ['زمين‌لرزه', 'v04', 'Arabic yeh and ZWNJ against joined'],
  ['zoom', 'v05', 'Latin name of a service the story writes only in Persian'],
  ['کلاس آنلاین دانشگاه', 'v05', 'singular against plurals'],
  ['boeing', 'v06', 'Latin name against «بوئینگ»'],
  ['ایرباس', 'v06', 'plain'],
  ['هواپیماسازان', 'v06', 'plural of a compound the story writes only as «هواپیماسازی»'],
  ['airbus', 'v06', 'Latin name against «ایرباس»'],
  ['کشتیگیر', 'v07', 'joined singular against the ZWNJ plural'],
  ['کشتی گیران آزادکار', 'v07', 'spaced plural'],
  ['پرنده مهاجر', 'v08', 'singular against «پرندگان»'],
  ['تالاب انزلي', 'v08', 'Arabic yeh'],
  ['خودروساز', 'v09', 'singular against «خودروسازان»'],
  ['زیان خودرو سازان', 'v09', 'spaced compound plural'],
  ['نمایشگاه بینالمللی کتاب', 'v10', 'joined «بین‌المللی»'],
  ['کتاب فروشی', 'v10', 'spaced against the joined plural'],
  ['دانش نامه', 'v10', 'spaced against «دانشنامه‌های»'],
  ['واکسن آنفولانزا', 'v11', 'another spelling of influenza'],
  ['آنفولانزا', 'v11', 'another spelling of influenza, alone'],
  ['ایستگاه سمنان', 'v03', 'plain'],
  ['داروخانه‌ها', 'v11', 'ZWNJ plural against a spaced one'],
  ['هوادار پرسپولیس', 'v12', 'singular against the plural'],
  ['هوادارانش', 'v12', 'a possessive clitic the stemmer leaves on'],
  ['ورزشگاه آزادی 80 هزار', 'v12', 'Latin digits against Persian ones'],
];

describe('search on a second set of stories and queries, written in the manner of the development set', () => {
  let t: TestApp;
  const idOf = new Map<number, string>();
  beforeAll(async () => {
    t = await testApp({ now: () => new Date('2026-11-28T09:00:00Z') });
    for (const { id, ...story } of STORIES) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/articles',
        headers: { authorization: `Bearer ${t.token}` },
        payload: { ...story, status: 'published' },
      });
      expect(res.statusCode).toBe(201);
      idOf.set(res.json().code, id);
    }
  });
  afterAll(async () => t?.cleanup());

  it('puts the story each query means first', async () => {
    const misses: string[] = [];
    for (const [q, want, note] of QUERIES) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent(q)}&limit=10` });
      const top = (res.json().results as Array<{ code: number }>).map((r) => idOf.get(r.code));
      if (top[0] !== want) misses.push(`«${q}» → ${top.join(' ') || '(nothing)'}, want ${want} (${note})`);
    }
    expect(misses).toEqual([]);
  });
});
