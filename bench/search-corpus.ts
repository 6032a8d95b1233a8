/**
 * A generator of realistic Persian news stories for the search benchmark (bench/search.ts).
 * The word lists are written for Dabir: function words, the vocabulary of Persian news,
 * each service's topical words, places, people, organisations and brands (some in Latin
 * letters), then a long tail of inflected forms, compounds and rare names, all drawn with
 * Zipf-like frequencies (rank r drawn with weight 1/r^1.05), as words in real text are.
 * Deterministic: the same seed gives the same stories.
 */

const words = (text: string): string[] => text.split(/\s+/).filter(Boolean);

/** Function words: the most frequent words of any Persian text (search drops them). */
const FUNCTION_WORDS = words(`
و در به از که این را با برای است آن یک تا هم بر می‌شود شد کرد شده بود خود نیز اما یا پس
ها های ای او وی ما آنها کند کرده دارد باید گفت همچنین چنین اگر چون هر نه بین پیش بعد
درباره روی زیر میان طی توسط جز همه برخی دیگر بیش کمتر بیشتر دو سه چند هیچ حتی تنها
`);

/** The common vocabulary of Persian news. */
const NEWS_WORDS = words(`
دولت مجلس وزیر رئیس مدیر کارشناس مردم کشور شهر استان روستا جامعه خبرگزاری گزارش خبر
نشست جلسه برنامه طرح لایحه قانون مصوبه تصمیم سیاست اقتصاد بازار قیمت تورم رشد کاهش افزایش
سال ماه هفته روز امروز دیروز فردا امسال پارسال گذشته آینده زمان دوره مرحله بخش حوزه
سازمان وزارتخانه اداره شرکت نهاد مرکز دانشگاه مدرسه بیمارستان کارخانه بانک بورس صندوق
مسئول مسئولان معاون سخنگو نماینده نمایندگان شورا کمیسیون دادگاه قاضی پلیس نیرو ستاد
آب برق گاز نفت بنزین خودرو مسکن زمین ساختمان جاده راه فرودگاه قطار اتوبوس مترو هواپیما
آموزش پرورش دانش‌آموز دانشجو معلم استاد کتاب فرهنگ هنر سینما فیلم سریال موسیقی تئاتر
سلامت بیمار بیماری پزشک پرستار دارو واکسن درمان بهداشت کرونا آنفلوانزا دیابت سرطان قلب
ورزش فوتبال والیبال بسکتبال کشتی تیم بازیکن مربی باشگاه لیگ جام مسابقه قهرمانی گل امتیاز
فناوری اینترنت شبکه تلفن همراه موبایل رایانه نرم‌افزار سخت‌افزار داده امنیت سایبری هوش مصنوعی
محیط زیست هوا آلودگی باران برف سیل خشکسالی جنگل دریا رودخانه دریاچه کوه دما گرما سرما
کار کارگر کارفرما حقوق دستمزد بیمه بازنشسته بازنشستگان یارانه مالیات بودجه درآمد هزینه
صادرات واردات تولید مصرف کالا خدمات کشاورزی صنعت معدن تجارت گمرک ارز دلار یورو طلا سکه
جمعیت خانواده زنان کودکان جوانان سالمندان ازدواج طلاق اشتغال بیکاری فقر آسیب اعتیاد
حادثه تصادف آتش‌سوزی زلزله انفجار مصدوم کشته زخمی امدادگر آتش‌نشانی اورژانس هلال‌احمر
انتخابات نامزد رأی حزب اصلاحات دیپلماسی مذاکره توافق تحریم سفیر سفارت همکاری روابط
پروژه افتتاح ساخت توسعه بازسازی نوسازی سرمایه‌گذاری سرمایه اعتبار وام تسهیلات قرارداد
اعلام افزود تأکید اشاره توضیح بررسی پیگیری اجرا آغاز پایان ادامه تغییر حمایت مخالفت
نظر دیدگاه انتقاد هشدار درخواست پیشنهاد پاسخ سؤال مشکل راهکار چالش فرصت هدف نتیجه
شمار تعداد میزان درصد نرخ رقم حجم سطح سهم بخشی عمده مهم جدید تازه بزرگ کوچک ملی
بین‌المللی داخلی خارجی جهانی منطقه‌ای محلی عمومی خصوصی دولتی رسمی فنی علمی اجتماعی
سیاسی اقتصادی فرهنگی ورزشی حقوقی قضایی امنیتی نظامی پزشکی آموزشی مالی پولی بانکی
`);

/** Words of each service, used more in its stories. */
const SERVICE_WORDS: Record<string, string[]> = {
  politics: words(`مجلس نماینده دولت لایحه طرح استیضاح وزیر رأی‌گیری انتخابات نامزد شورای نگهبان
    دیپلماسی مذاکره سفیر تحریم توافق هسته‌ای سازمان ملل اتحادیه اروپا کاخ سفید پارلمان`),
  economy: words(`تورم نرخ ارز دلار بورس شاخص سهام بانک مرکزی نقدینگی بودجه مالیات یارانه
    صادرات واردات گمرک قیمت مسکن اجاره خودرو بازار طلا سکه سرمایه‌گذاری بدهی رشد اقتصادی`),
  sport: words(`فوتبال لیگ برتر پرسپولیس استقلال سپاهان تراکتور گل پنالتی داور مربی بازیکن
    انتقال قرارداد جام جهانی والیبال کشتی فرنگی آزاد وزنه‌برداری المپیک مدال طلا نقره برنز`),
  ict: words(`اینترنت پهنای باند فیلترینگ پیام‌رسان تلگرام اینستاگرام واتساپ اپراتور همراه اول
    ایرانسل رایتل فیبر نوری هوش مصنوعی استارتاپ اپلیکیشن امنیت سایبری هکر داده سرور`),
  health: words(`بیمارستان پزشک پرستار دارو داروخانه واکسن کرونا آنفلوانزا دیابت سرطان
    فشار خون بیمه سلامت اورژانس جراحی درمان بهداشت تغذیه ویروس همه‌گیری آزمایش`),
  society: words(`پلیس راهور تصادف آتش‌نشانی حادثه مدرسه آموزش دانش‌آموز کنکور دانشگاه
    خانواده ازدواج طلاق اعتیاد آسیب اجتماعی سالمندان کودکان کار شهرداری حمل‌ونقل`),
  culture: words(`سینما فیلم کارگردان بازیگر جشنواره فجر تئاتر موسیقی کنسرت کتاب نمایشگاه
    نویسنده شاعر حافظ سعدی فردوسی موزه میراث فرهنگی گردشگری صنایع دستی سریال نمایش خانگی`),
};

export const SERVICES = Object.keys(SERVICE_WORDS);

/** Places, people, organisations and brands, some in Latin letters. */
const NAMES = words(`
تهران مشهد اصفهان شیراز تبریز کرج اهواز قم کرمانشاه رشت ارومیه زاهدان همدان یزد اردبیل
بندرعباس اراک زنجان سنندج قزوین خرم‌آباد گرگان ساری بوشهر بیرجند ایلام کرمان سمنان
خوزستان گیلان مازندران فارس کردستان لرستان سیستان بلوچستان هرمزگان گلستان خراسان
عراق ترکیه افغانستان پاکستان روسیه چین هند آلمان فرانسه انگلیس آمریکا ژاپن قطر امارات
علی محمد حسین رضا مهدی احمد حسن زهرا فاطمه مریم سارا نرگس امیر کامران بهنام داریوش
محمدی حسینی احمدی رضایی کریمی موسوی جعفری صادقی رحیمی نوری کاظمی هاشمی طاهری قاسمی
Google Apple Samsung Telegram Instagram WhatsApp YouTube Microsoft Tesla Bitcoin Huawei
گوگل اپل سامسونگ تلگرام اینستاگرام واتساپ یوتیوب مایکروسافت تسلا بیت‌کوین هواوی دیجی‌کالا اسنپ
`);

/** Syllables for the long tail of rare names. */
const SYLLABLES = words(`کا را نو شی بر دا مه سا لی رو ته پا گل زر فر هو نی مو ده به خو سی`);
const SURNAME_ENDS = words(`پور زاده نژاد وند فر نیا کیا منش راد`);
const SUFFIXES = words(`ها های ان ی تر ترین ای`);
const HEADS = words(`گاه خانه کار ساز گذار نامه دار گر ستان`);

/** The whole vocabulary, most frequent first, and a sampler of it by Zipf's law. */
export class Vocabulary {
  readonly words: string[];
  /** Index of the first content word (after the function words). */
  readonly contentStart: number;
  private readonly cumulative: Float64Array;

  constructor(random: () => number, size = 60_000) {
    const list: string[] = [...FUNCTION_WORDS];
    const seen = new Set(list);
    const add = (w: string) => {
      if (!seen.has(w) && list.length < size) {
        seen.add(w);
        list.push(w);
      }
    };
    const core = [...NEWS_WORDS, ...Object.values(SERVICE_WORDS).flat(), ...NAMES];
    for (const w of core) add(w);
    // inflected forms and compounds of the core words
    for (const suffix of SUFFIXES) for (const w of NEWS_WORDS) add(`${w}\u200c${suffix}`);
    for (const head of HEADS) for (const w of NEWS_WORDS.slice(0, 120)) add(`${w}${head}`);
    // a long tail of rare names and terms
    while (list.length < size) {
      const n = 2 + Math.floor(random() * 2);
      let w = '';
      for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
      if (random() < 0.5) w += SURNAME_ENDS[Math.floor(random() * SURNAME_ENDS.length)];
      add(w);
    }
    this.words = list;
    this.contentStart = FUNCTION_WORDS.length;
    this.cumulative = new Float64Array(list.length);
    let sum = 0;
    for (let r = 0; r < list.length; r++) {
      sum += 1 / Math.pow(r + 1, 1.05);
      this.cumulative[r] = sum;
    }
  }

  /** A word drawn by Zipf's law, from rank `from` on. */
  draw(random: () => number, from = 0): string {
    const low = from === 0 ? 0 : (this.cumulative[from - 1] as number);
    const total = this.cumulative[this.cumulative.length - 1] as number;
    const x = low + random() * (total - low);
    let lo = from;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return this.words[lo] as string;
  }
}

/** One generated story. */
export interface GeneratedStory {
  service: string;
  title: string;
  kicker: string;
  lead: string;
  /** HTML paragraphs. */
  body: string;
  tags: string[];
  /** Publication time, epoch milliseconds. */
  publishedAt: number;
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

/** Makes stories: each has a service whose words it uses often, over `years` years up to `end`. */
export function storyMaker(vocabulary: Vocabulary, random: () => number, end: number, years = 5): () => GeneratedStory {
  const span = years * 365 * 86_400_000;
  const word = (service: string, content: boolean): string => {
    const r = random();
    if (r < 0.2) return pick(random, SERVICE_WORDS[service] as string[]);
    if (r < 0.27) return pick(random, NAMES);
    return vocabulary.draw(random, content ? vocabulary.contentStart : 0);
  };
  const sentence = (service: string, min: number, max: number, content = false): string => {
    const n = min + Math.floor(random() * (max - min + 1));
    const parts: string[] = [];
    for (let i = 0; i < n; i++) {
      let w = word(service, content);
      if (random() < 0.04) w = String(1 + Math.floor(random() * 2000));
      parts.push(w);
    }
    return parts.join(' ');
  };
  return () => {
    const service = pick(random, SERVICES);
    const paragraphs: string[] = [];
    const count = 4 + Math.floor(random() * 4);
    for (let p = 0; p < count; p++) {
      const sentences: string[] = [];
      const s = 2 + Math.floor(random() * 2);
      for (let k = 0; k < s; k++) sentences.push(`${sentence(service, 8, 18)}.`);
      paragraphs.push(`<p>${sentences.join(' ')}</p>`);
    }
    const tags: string[] = [];
    const tagCount = 2 + Math.floor(random() * 3);
    for (let t = 0; t < tagCount; t++) tags.push(random() < 0.5 ? pick(random, SERVICE_WORDS[service] as string[]) : pick(random, NAMES));
    return {
      service,
      title: sentence(service, 6, 12, true),
      kicker: sentence(service, 2, 4, true),
      lead: `${sentence(service, 20, 35)}.`,
      body: paragraphs.join('\n'),
      tags: [...new Set(tags)],
      publishedAt: end - Math.floor(random() * span),
    };
  };
}
