// Behaviour of the accusation phase (fixtures README, «accusation»): a crime or corruption
// alleged of a named or identifiable person goes to a moderator, whether it is said with a
// noun («دزد») or, far more often, with a verb phrase; with abuse, an attack on the family or a
// call for violence it is blocked. Criticism of institutions and policies, reports, conditions
// and calls for an inquiry stay allowed. The sentences are written for these tests.
import { describe, expect, it } from 'vitest';
import { moderate } from '../index.js';

const verdict = (text: string): string => moderate({ text }).verdict;
const codes = (text: string): string[] => moderate({ text }).reasons.map((r) => r.code);

describe('accusations made with a verb phrase go to review', () => {
  const cases: [string, string][] = [
    ['pocketing public money', 'معاون شهردار پول پروژه پارک رو به جیب زده'],
    ['making off with wages', 'آقای رضوانی مدیر کارخانه حقوق کارگرا رو بالا کشیده و رفته'],
    ['a sum of money embezzled', 'مدیرعامل شرکت سه هزار میلیارد بالا کشید و فرار کرد'],
    ['buying votes', 'نماینده‌ی ما تو انتخابات رای خریده، همه دیدن'],
    ['votes bought with money several words later', 'این نماینده رای‌هاشو با پول خریده'],
    ['bribing journalists', 'شهردار خبرنگارا رو با پول خریده که چیزی ننویسن'],
    ['collusion', 'رئیس هیئت فوتبال با داورها تبانی کرده'],
    ['match-fixing', 'سرمربی تیم بازی رو فروخته، از اول معلوم بود'],
    ['kickbacks', 'این فرماندار از قاچاقچی‌ها پورسانت می‌گیره'],
    ['an under-the-table payment', 'مدیر مدرسه‌ی ما از اولیا زیرمیزی می‌گیره'],
    ['rent-seeking as the means', 'آقازاده‌ی وزیر با رانت ارز گرفته'],
    ['abuse of office', 'این رئیس اداره از موقعیتش سوءاستفاده کرده'],
    ['extortion', 'رئیس شورای شهر از شهرداری باج می‌گیره'],
    ['hoarding', 'وزیر کشاورزی گندم‌ها رو احتکار کرده'],
    ['forged invoices', 'معاون وزیر فاکتور جعلی رد کرده و پولشو گرفته'],
    ['a bought degree', 'آقای نادری مدرک فوق لیسانسشو خریده'],
    ['selling rationed goods', 'مدیر بیمارستان داروهای یارانه‌ای رو آزاد می‌فروشه'],
    ['selling contraband', 'صاحب این فروشگاه جنس قاچاق می‌فروشه'],
    ['selling to smugglers', 'معاون وزیر کارت‌های سوخت رو فروخته به قاچاقچی‌ها'],
    ['selling users’ data', 'رئیس سازمان تنظیم مقررات اطلاعات کاربرا رو فروخته'],
    ['partnership with criminals', 'سرپرست گمرک با قاچاقچی‌ها همدسته'],
    ['a stake in a racket', 'آقای مجری خودش تو شرکت شرط‌بندی شریکه'],
    ['a stake in what he regulates, called rent', 'این آقای وزیر خودش سهامدار پیام‌رسان داخلیه، رانت واضحه'],
    ['turning a blind eye to smuggling', 'مدیر کل گمرک چشمشو بسته و قاچاق رد میشه'],
    ['nepotism: a hire without an exam', 'معاون رئیس جمهور پسرشو بدون کنکور فرستاده دانشگاه'],
    ['nepotism: a contract handed to a son-in-law', 'وزیر قبلی قرارداد سرورها رو داده به شرکت دامادش'],
    ['nepotism: land put in a brother’s name', 'شهردار قبلی زمینای شهرداری رو به نام برادرش زده'],
    ['nepotism: a factory sold to friends', 'رئیس سازمان خصوصی‌سازی کارخونه رو مفت به رفیقاش فروخته'],
    ['Finglish: public money eaten', 'vazir pool-e mardom ro khorde'],
    ['Finglish: a bribe taken', 'agha-ye modir roshve gerefte'],
  ];
  for (const [what, text] of cases) {
    it(`holds ${what}: «${text}»`, () => {
      const r = moderate({ text });
      expect(r.verdict).toBe('review');
      expect(r.labels).toContain('accusation');
    });
  }
});

describe('the target of an accusation', () => {
  it('finds a named person across an apposition between commas', () => {
    const r = moderate({ text: 'دکتر کاظمی، رئیس درمانگاه محله، داروهای سهمیه‌ای رو تو بازار سیاه می‌فروشه' });
    expect(r.verdict).toBe('review');
    expect(r.reasons[0]?.message).toMatch(/کاظمی|رئیس/);
  });

  it('finds a named person before a relative clause, with a copula on the crime noun', () => {
    expect(verdict('آقای بهمن سپهری که دیروز تو تلویزیون حرف زد جاسوسه')).toBe('review');
  });

  it('knows a first name and a surname of any form, and a name glued to «آقا»', () => {
    expect(verdict('سهراب فلاحی پول صندوق محل رو بالا کشیده')).toBe('review');
    expect(verdict('مغازه‌دار سر کوچه، اکبرآقا، جنس دزدی می‌فروشه')).toBe('review');
  });

  it('prefers a single person named further back to a plural object nearer the verb', () => {
    expect(moderate({ text: 'مربی تیم، آقای سلیمی، برای انتخاب بازیکنا ازشون پول می‌گیره' }).reasons[0]?.message).toContain('سلیمی');
  });

  it('takes a person followed by a verb of saying for the speaker, not the accused', () => {
    expect(verdict('شهردار امروز در مراسم گفت قاتل دستگیر شده')).toBe('allow');
    expect(verdict('وزیر گفت دلار زمین خورده')).toBe('allow');
  });
});

describe('hedges do not take an accusation back', () => {
  it('holds a rumour repeated as a claim, and a claim followed by a call for prosecution', () => {
    expect(verdict('میگن وزیر رشوه گرفته')).toBe('review');
    expect(verdict('وزیر دزده، باید تحت تعقیب قرار بگیره')).toBe('review');
  });
});

describe('what is not an accusation stays allowed', () => {
  const innocent = [
    'فساد سیستماتیک تو بانک‌ها ریشه داره، باید ساختار اصلاح بشه',
    'پارتی‌بازی تو استخدام‌های دولتی بیداد میکنه',
    'تبانی در فوتبال باید ریشه‌کن بشه',
    'خرید و فروش رای جرمه و باید برخورد بشه',
    'رشوه دادن و گرفتن هر دو جرمه',
    'دادگاه مدیرعامل سابق رو به اختلاس محکوم کرد',
    'مجلس باید درباره اینکه وزیر رشوه گرفته یا نه تحقیق کنه',
    'اگه شهردار اختلاس کرده باشه باید محاکمه بشه',
    'نماینده‌ی شهرمون لایحه‌ی مبارزه با رشوه رو امضا کرده',
    'داور اشتباه کرد و پنالتی نگرفت',
    'سرمربی گفت داور اشتباه کرده',
    'قیمت خودروهای دست دوم تو بازار آزاد دو برابر شده',
    'خانم دکتر سهیلی برای بیمارستان تجهیزات جدید خریده',
    'وزیر رای مردم برای خرید واکسن رو نادیده گرفت',
    'مدیرعامل شرکت گفت سهام شرکت رو نمی‌فروشیم',
    'شهرداری پول پروژه رو خرج آسفالت کرده',
    'وزیر سابق حالا سهامدار یه شرکت نرم‌افزاریه',
    'شریک تجاریم تو بازار تهران کار میکنه',
    'فاکتورهای جعلی تو گمرک یه معضله',
    'دلار امروز زمین خورد',
    'دزدهای دریایی کشتی رو آزاد کردن',
    'سارقین بانک دیروز دستگیر شدن',
    'پسرم امسال تو آزمون استخدامی قبول شد',
    'آقای کریمی دیروز ماشینشو فروخت',
    'این نسخه‌های غیررسمی تلگرام جاسوسی میکنن؟',
    'اپراتورها از فیلترینگ سود میبرن',
  ];
  for (const text of innocent) {
    it(`allows «${text}»`, () => {
      expect(verdict(text)).toBe('allow');
    });
  }
});

describe('strong accusations are blocked', () => {
  it('blocks an accusation with a call for execution, the modal several words before the act', () => {
    expect(codes('این وزیر دزد رو باید جلوی مجلس اعدام کرد')).toContain('accusation.violence');
    expect(verdict('این نماینده‌ی دزد رو باید دار زد')).toBe('block');
  });

  it('blocks an accusation with a call to find the person and settle scores', () => {
    expect(verdict('آقای رضوی اختلاس کرده، بریم در خونه‌اش حسابشو برسیم')).toBe('block');
  });

  it('blocks an accusation that drags in the family', () => {
    expect(codes('وزیر اختلاسگره، خانواده‌اش هم همه دزدن')).toContain('accusation.family');
    expect(verdict('رئیس بانک دزده، زن و بچه‌ش هم با پول دزدی خوش میگذرونن')).toBe('block');
  });

  it('blocks an accusation said with an insult on honour', () => {
    expect(verdict('نماینده‌ی رشوه‌خوار بی‌غیرت')).toBe('block');
  });
});

describe('calls for violence and harassment', () => {
  it('blocks a call for the execution of a named person, even without a crime alleged', () => {
    const r = moderate({ text: 'آقای محمدی رو باید تیربارون کرد' });
    expect(r.verdict).toBe('block');
    expect(r.labels).toContain('insult');
  });

  it('blocks two harassment phrases together: find the person, then settle scores', () => {
    expect(verdict('آقای کریمی رو پیدا کنید حسابشو برسید')).toBe('block');
  });

  it('reads a past-tense execution as news, not a call', () => {
    expect(verdict('دیروز آقای فلانی رو اعدامش کرد')).toBe('allow');
  });

  it('leaves one ambiguous phrase alone, and opinions on the death penalty', () => {
    expect(verdict('حسابشو برسید ببینید چقدر بدهکاره')).toBe('allow');
    expect(verdict('رئیس اداره گفت باید دار و ندارمون رو بفروشیم')).toBe('allow');
    expect(verdict('اعدام در ملاء عام خشونت رو بیشتر میکنه')).toBe('allow');
  });
});
