// Behaviour of the insult phase (fixtures README, «insult»): abuse aimed at a person, another
// commenter, the journalist or an identifiable group goes to review; the same words said of
// real animals, things or nobody in particular stay allowed. The sentences are written for
// these tests.
import { describe, expect, it } from 'vitest';
import { moderate } from '../index.js';

const verdict = (text: string): string => moderate({ text }).verdict;

describe('animal and thing metaphors said of people go to review', () => {
  const cases: [string, string][] = [
    ['a plural copula after a group', 'این داورا همشون گاون'],
    ['fans called sheep', 'هوادارای این تیم همه‌شون بی‌شعورن'],
    ['«یه» before the word, a title several words earlier', 'مفسر تلویزیون یه الاغ به تمام معناست'],
    ['a clown as a predicate', 'این وزیر یه دلقکه'],
    ['the subject of what only people do', 'گوسفندا رو ببین چطوری از فیلترینگ دفاع میکنن'],
    ['a vocative with an imperative', 'ولگرد علاف، برو یه کار درست پیدا کن'],
    ['a brain the size of a nut', 'مغز گنجشکی‌ها دارن نظر میدن'],
    ['«… مغز ندارن» after a group', 'اینایی که از فیلترینگ دفاع میکنن مغز ندارن'],
    ['Finglish with a copula', 'in namayande ha hame gav hastan'],
    ['Finglish second person', 'to ye olaghi'],
    ['Finglish copula ending', 'in mojri kheili khareh'],
    ['a new abusive phrase', 'دهنت سرویس با این تحلیلت'],
    ['a common misspelling', 'بی‌شور، اول خبر رو بخون'],
    ['a Finglish vocative', 'ey khar, aval bekhoon'],
  ];
  for (const [what, text] of cases) {
    it(`holds ${what}: «${text}»`, () => {
      const r = moderate({ text });
      expect(r.verdict).toBe('review');
      expect(r.labels).toEqual(['insult']);
    });
  }
});

describe('literal animals, things and idioms stay allowed', () => {
  const innocent = [
    'سگ‌های ولگرد تو محله ما زیاد شدن، شهرداری باید کاری کنه',
    'همسایه‌مون یه سگ داره که شب‌ها پارس میکنه',
    'گله‌ی گوسفندها تو جاده باعث تصادف شد',
    'قیمت هویج و چغندر تو میدون بالا رفته',
    'سیرک شهر دلقک‌های خوبی داشت',
    'داستان کوتاه «خر» رو تو مدرسه خوندیم',
    'مردم بدبخت شدن با این گرونی',
    'بازیکنا امشب مثل شیر جنگیدن',
    'مسئولین مثل کبک سرشونو کردن زیر برف',
    'تو این گرما آدم خفه میشه',
    'این دو رو با هم مقایسه کنید',
    'بزرگترین مشکل ما خلل در اجرای قانونه',
    'زبان لاتین رو تو دانشگاه خوندم',
    'ولگردی کودکان کار یه معضل اجتماعیه',
    'سگ‌های ما خیلی چیزا میفهمن',
    'بزغاله‌ها زود یاد میگیرن که از مادرشون شیر بخورن',
  ];
  for (const text of innocent) {
    it(`allows «${text}»`, () => {
      expect(verdict(text)).toBe('allow');
    });
  }
});

describe('second-person verbs', () => {
  it('reads «باشه» and «کردیم» as third and first person, not as «باش» and «کردی»', () => {
    expect(verdict('سگ‌های محله زیاد شدن، باید برنامه‌ای برای نگهداری‌شون باشه')).toBe('allow');
    expect(verdict('ما با گاو و گوسفند زندگی کردیم')).toBe('allow');
  });
});
