// Phase: accusations against named or identifiable people → review; with insults or
// obscenity, an attack on the family or honour, or a call for violence → block (policy,
// fixtures README). Criticising an institution or a policy, calling for an inquiry, or
// repeating a court's or the article's report is allowed.
//
// An accusation is one of:
//   - a crime noun («دزد», «اختلاسگر») predicated of a person: a title, honorific or name
//     before it in the same clause, the second person, a copula («… دزده», «یه دزد بود»,
//     then the person may stand further back: «آقای فلانی که … جاسوسه»), or the noun used as
//     an epithet beside another insult («جاسوس کثافت»);
//   - a crime predicate, far more often how readers accuse: a crime and its light verb
//     («رشوه گرفته», «تبانی کرده», «با رانت … گرفته»), money and what is done with it («پول
//     بیمارستان رو بالا کشیده», «… به جیب زده»), votes or people bought («رای خریده»,
//     «خبرنگارا رو … می‌خره»), goods sold that may not be («جنس قاچاق می‌فروشه»), favours to
//     relatives («قرارداد رو به شرکت فامیلش داده», «پسرش رو بدون آزمون استخدام کرده»),
//     forgery («مدرکش جعلیه»), partnership with criminals («با قاچاقچی‌ها شریکه») and the
//     phrases of accusation.txt. Words that also describe a practice rather than a person
//     (flag needs-person) accuse only when a person is named before them; the subject is looked
//     for across appositions («دکتر فلانی، رئیس …، …») but not past a verb of saying
//     («شهردار گفت …»), whose subject is the speaker.
// A plural crime noun with no one named («دزدهای کابل») is news, not slander.
import { fieldHas, isKind, sentenceHas, tokenSpan, type FieldContext } from '../context.js';
import { readDataFile } from '../data.js';
import { normalizeForMatching } from '../normalize.js';
import type { Hit, Kind, Lexicon } from '../lexicon.js';
import type { Finding } from '../types.js';
import { addressesSomeone, isPersonWord } from './insult.js';
import { MAX_REASONS_PER_CODE, output, type Phase } from './types.js';

const PLURAL = new Set(['ها', 'های', 'هایی', 'ا', 'ان', 'یا', 'هاشون']);
const COPULA_SUFFIX = new Set(['ه', 'ن', 'ست', 'ید', 'ین', 'یه']);
const NOT_COPULA_AFTER = new Set(['رو', 'را', 'هم', 'که', 'و', 'ها', 'های']);
const INDEFINITE = new Set(['یه', 'یک', 'یکی']);
const PLURAL_TITLES = new Set(['مسیولین', 'مسیولان', 'مدیران', 'وزرا', 'نمایندگان', 'مقامات', 'ماموران', 'اعضای', 'روسا']);

/** Words of accusation.txt's plain sections ([speech], [pair-filler], [against]), normalized. */
function wordSet(section: string): ReadonlySet<string> {
  return new Set(
    readDataFile('accusation.txt')
      .filter((l) => l.section === section)
      .map((l) => normalizeForMatching(l.term)),
  );
}
const SPEECH = wordSet('speech');
const PAIR_FILLER = wordSet('pair-filler');
const AGAINST = wordSet('against');
const PREPOSITION = new Set(['از', 'به', 'با']);

// The kinds without which this phase has nothing to find.
const ACCUSATION_KINDS: Kind[] = ['crime-noun', 'crime-object', 'money-object', 'nepotism-beneficiary', 'forgery-object', 'crime-phrase', 'violence', 'custom'];

interface Accusation {
  first: number;
  last: number;
  kind: 'crime-noun' | 'predicate';
  /** Who it is said of, for the message, or '' if only the grammar shows a person. */
  target: string;
  /** Whether a person is named or addressed (not only implied by the grammar). */
  explicit: boolean;
}

function inClause(f: FieldContext, i: number, j: number): boolean {
  return f.tokens[i]?.clause === f.tokens[j]?.clause;
}

/**
 * The nearest person word before token i (up to `reach` tokens), or -1. The subject of a
 * Persian sentence comes first and is often followed by an apposition between commas
 * («دکتر فلانی، رئیس بیمارستان، داروها رو …»), so the search crosses commas but not the
 * end of the sentence.
 */
function personBefore(f: FieldContext, lex: Lexicon, i: number, reach: number): number {
  // A plural («به بازیکن‌ها … پول می‌گیره») is more often the object than the subject: one
  // person named further back is preferred to it.
  // A verb of saying in between makes the person the speaker, not the subject («شهردار گفت
  // قاتل دستگیر شده»): the search stops there.
  const sentence = f.tokens[i]?.sentence;
  let plural = -1;
  for (let k = i - 1; k >= Math.max(0, i - reach); k--) {
    const t = f.tokens[k];
    if (t === undefined || t.sentence !== sentence) break;
    // («… دروغ میگه و رشوه میده»: a verb of saying joined by «و» is one more predicate.)
    if (SPEECH.has(t.text) && f.tokens[k + 1]?.text !== 'و') break;
    if (!isPersonWord(f, lex, k) || isKind(f, k, 'crime-noun')) continue;
    if (!isPluralTitle(f, k)) return k;
    if (plural < 0) plural = k;
  }
  return plural;
}

/** How far back the subject of an accusation is looked for, in words. */
const SUBJECT_REACH = 14;

interface SentenceFacts {
  /** Sentences that end with a question mark. */
  question: Set<number>;
  /** Sentences with a report or a condition («به گزارش …», «… محکوم شد», «اگه …»). */
  reported: Set<number>;
}

// Facts about each sentence, computed once per field (a memo of a pure function of the
// immutable context), so that each check is constant time even in a 10,000-word sentence.
const facts = new WeakMap<FieldContext, SentenceFacts>();
function sentenceFacts(f: FieldContext): SentenceFacts {
  let x = facts.get(f);
  if (x === undefined) {
    x = { question: new Set(), reported: new Set() };
    for (const h of f.hits) {
      if (h.entry.kind === 'mitigator' && h.entry.flags.has('always')) x.reported.add(f.tokens[h.first]?.sentence ?? -1);
    }
    for (let k = 0; k < f.tokens.length; k++) {
      const t = f.tokens[k];
      const next = f.tokens[k + 1];
      if (t === undefined || (next !== undefined && next.sentence === t.sentence)) continue;
      const gap = f.norm.text.slice(t.end, Math.min(next?.start ?? f.norm.text.length, t.end + 8));
      if (gap.includes('?') || gap.includes('؟')) x.question.add(t.sentence);
    }
    facts.set(f, x);
  }
  return x;
}

/** Whether the sentence of token i ends with a question mark. */
function isQuestion(f: FieldContext, i: number): boolean {
  return sentenceFacts(f).question.has(f.tokens[i]?.sentence ?? -1);
}

/** A report or a condition in the sentence: «به گزارش …», «… محکوم شد», «اگه …». */
function reported(f: FieldContext, i: number): boolean {
  return sentenceFacts(f).reported.has(f.tokens[i]?.sentence ?? -1);
}

/** An institution (or a thing) as the subject: within the 12 words before i in its clause. */
function institutionBefore(f: FieldContext, i: number): boolean {
  for (let k = i - 1; k >= 0 && k >= i - 12 && inClause(f, k, i); k--) if (isKind(f, k, 'institution')) return true;
  return false;
}

function isPluralTitle(f: FieldContext, k: number): boolean {
  const t = f.tokens[k];
  if (t === undefined) return false;
  if (PLURAL_TITLES.has(t.text)) return true;
  return (f.hitsAt[k] ?? []).some((h) => h.entry.kind === 'title' && PLURAL.has(h.suffix));
}

function crimeNounAccusation(f: FieldContext, lex: Lexicon, h: Hit): Accusation | null {
  const i = h.first;
  const next = f.tokens[h.last + 1];
  const prev = f.tokens[i - 1];
  const copula =
    (COPULA_SUFFIX.has(h.suffix) && !(next !== undefined && inClause(f, h.last + 1, i) && NOT_COPULA_AFTER.has(next.text))) ||
    (next !== undefined && inClause(f, h.last + 1, i) && isKind(f, next.index, 'copula'));
  const indefinite = prev !== undefined && INDEFINITE.has(prev.text) && copula;
  const epithet =
    [i - 1, h.last + 1].some(
      (k) => k >= 0 && inClause(f, k, i) && isKind(f, k, 'profanity', 'insult-strong', 'insult-adjective', 'insult-animal') && !isKind(f, k, 'crime-noun'),
    ) || [i - 1, h.last + 1].some((k) => k >= 0 && inClause(f, k, i) && isKind(f, k, 'crime-noun'));
  // Far from its subject, a crime noun is said of it only through a copula («آقای فلانی که …
  // جاسوسه»); without one, the person must stand close by, in the same clause («وزیر دزد»).
  let person = personBefore(f, lex, i, copula || indefinite ? SUBJECT_REACH : 6);
  if (person >= 0 && !copula && !indefinite && !inClause(f, person, i)) person = -1;
  const you = addressesSomeone(f, i, h) && f.tokens.some((t) => t.sentence === f.tokens[i]?.sentence && /^(شما|تو|خودت|خودتون|شماها)$/.test(t.text));
  const plural = PLURAL.has(h.suffix);
  const target = person >= 0 ? tokenSpan(f, person, person).match : you ? 'مخاطب' : '';
  if (reported(f, i)) return null;
  // A plural crime noun after a title is about others («رئیس قوه گفته با مفسدان برخورد میشه»)
  // unless a copula predicates it.
  if (person >= 0 && (!isPluralTitle(f, person) || copula) && (!plural || copula))
    return { first: i, last: h.last, kind: 'crime-noun', target, explicit: true };
  if (you) return { first: i, last: h.last, kind: 'crime-noun', target, explicit: true };
  // Said on its own, as a form of address («خائن‌ها!», «دزد!»).
  const alone = f.tokens[i]?.breakBefore === true && f.tokens[h.last]?.breakAfter === true;
  if (alone && !reported(f, i)) return { first: i, last: h.last, kind: 'crime-noun', target: '', explicit: false };
  if (epithet && !plural) return { first: i, last: h.last, kind: 'crime-noun', target: '', explicit: false };
  // With no one named, the copula alone must carry it: not in a question, not about a thing.
  if ((copula || indefinite) && !institutionBefore(f, i) && !sentenceHas(f, i, 'mitigator') && !isQuestion(f, i))
    return { first: i, last: h.last, kind: 'crime-noun', target: '', explicit: false };
  return null;
}

// The pair classes of accusation.txt: an object of a class pairs only with a verb of the same
// class («رای … خریده», «… دزدی میفروشه»); unclassed objects pair with unclassed verbs.
const PAIR_CLASSES = ['buy', 'sell'] as const;
function pairClass(h: Hit): string {
  for (const c of PAIR_CLASSES) if (h.entry.flags.has(c)) return c;
  return '';
}

/** An accusation found by a predicate, with what it asks of its subject. */
interface Predicate extends Accusation {
  /** A person must be named or pointed at before it (flag needs-person). */
  needsPerson: boolean;
}

function predicateAccusations(f: FieldContext, lex: Lexicon): Accusation[] {
  const out: Predicate[] = [];
  // The hits of kind `kind` starting within `reach` tokens after token `after`, same clause.
  const following = (kind: Kind, from: number, reach: number): Hit[] => {
    const found: Hit[] = [];
    for (let k = from + 1; k <= from + reach && k < f.tokens.length; k++) {
      if (!inClause(f, k, from)) break;
      for (const x of f.hitsAt[k] ?? []) if (x.entry.kind === kind) found.push(x);
    }
    return found;
  };
  const needs = (...hs: Hit[]): boolean => hs.some((h) => h.entry.flags.has('needs-person'));
  // Whether crime object o and verb v make a predicate (only for the classed pairs of
  // [crime-object] and [crime-verb]; money and forgery pairs need nearness only).
  const fits = (o: Hit, v: Hit): boolean => {
    const oc = pairClass(o);
    const vc = pairClass(v);
    // A classed object goes with its own class of verb, whatever stands between them.
    if (oc !== '') return oc === vc;
    // A crime that is one in itself («رشوه», «زیرمیزی») is also bought and sold with
    // («… با زیرمیزی می‌خره»); either way the verb must be its light verb.
    if (vc !== '' && o.entry.flags.has('needs-person')) return false;
    return lightVerbOf(f, o, v);
  };
  const pair = (objects: Kind, verbs: Kind, reach: number, classed = false): void => {
    for (const o of f.hits) {
      if (o.entry.kind !== objects) continue;
      const wider = classed && pairClass(o) !== '' ? 2 : 0;
      const v = following(verbs, o.last, reach + wider).find((x) => !classed || fits(o, x));
      // Forged documents in the plural with no one named («مدرک‌های جعلی باید استعلام بشن»)
      // are about a practice, not a person.
      const generic = objects === 'forgery-object' && (PLURAL.has(o.suffix) || o.entry.term === 'مدارک');
      if (v !== undefined) out.push({ first: o.first, last: v.last, kind: 'predicate', target: '', explicit: false, needsPerson: needs(o, v) || generic });
    }
  };
  pair('crime-object', 'crime-verb', 3, true);
  pair('money-object', 'money-verb', 7);
  // «پورسانت قرارداد رو به جیب زده», «رشوه‌ها رو بالا کشیده»
  pair('crime-object', 'money-verb', 7);
  // Selling to criminals («… رو فروخته به قاچاقچی‌ها»): a sale beside a crime noun.
  for (const v of f.hits) {
    if (v.entry.kind !== 'crime-verb' || pairClass(v) !== 'sell') continue;
    for (let k = v.first - 3; k <= v.last + 3; k++) {
      if (k < 0 || (k >= v.first && k <= v.last) || !inClause(f, k, v.first) || !isKind(f, k, 'crime-noun')) continue;
      out.push({ first: Math.min(k, v.first), last: Math.max(k, v.last), kind: 'predicate', target: '', explicit: false, needsPerson: true });
      break;
    }
  }
  pair('forgery-object', 'forgery-verb', 4);
  for (const b of f.hits) {
    if (b.entry.kind !== 'nepotism-beneficiary') continue;
    const at = [b.first - 1, b.first - 2].find((k) => f.tokens[k]?.text === 'به' && inClause(f, k, b.first));
    const to = at !== undefined;
    // The verb after the beneficiary («… به شرکت دامادش داده») or just before «به» («… داده به
    // شرکت دامادش»).
    const v = following('nepotism-verb', b.last, 2)[0] ?? (at !== undefined ? following('nepotism-verb', at - 3, 2).find((x) => x.last < at) : undefined);
    // What was handed over comes first («قرارداد رو به شرکت فامیلش داده»); the accusation
    // spans from it, so an institution inside it («شرکت») is not taken for the subject.
    let what: Hit | undefined;
    for (let k = b.first - 1; k >= 0 && k >= b.first - 12 && what === undefined; k--) {
      if (f.tokens[k]?.sentence !== f.tokens[b.first]?.sentence) break;
      what = (f.hitsAt[k] ?? []).find((h) => h.entry.kind === 'nepotism-object');
    }
    if (to && v !== undefined && what !== undefined)
      out.push({ first: what.first, last: v.last, kind: 'predicate', target: '', explicit: false, needsPerson: false });
  }
  for (const b of f.hits) {
    if (b.entry.kind !== 'nepotism-beneficiary') continue;
    // «پسرش رو بدون آزمون تو شرکت گاز استخدام کرده»: the job may come several words later.
    const v = following('nepotism-hire', b.last, 8)[0];
    if (v !== undefined) out.push({ first: b.first, last: v.last, kind: 'predicate', target: '', explicit: false, needsPerson: false });
  }
  for (const h of f.hits) {
    if (h.entry.kind !== 'crime-phrase') continue;
    if (h.entry.flags.has('partner') && !partnerInCrime(f, h)) continue;
    if (h.entry.flags.has('weak') && !sentenceHas(f, h.first, 'crime-noun', 'crime-object')) continue;
    const needsPerson = h.entry.flags.has('needs-person') || h.entry.flags.has('partner') || h.entry.flags.has('weak');
    out.push({ first: h.first, last: h.last, kind: 'predicate', target: '', explicit: false, needsPerson });
  }
  // Who is it said of? A report or a condition in the sentence, or an inquiry or a rumour in
  // the predicate's own clause («مجلس باید درباره اینکه وزیر رشوه گرفته تحقیق کنه»), makes it
  // no accusation even when someone is named (an inquiry in another clause, «وزیر رشوه گرفته،
  // باید تحقیق بشه», does not). Then a person named before it makes it explicit; with no one
  // named, an institution as the subject, any mitigator in the sentence or a question makes
  // it none.
  return out.flatMap(({ needsPerson, ...a }) => {
    if (reported(f, a.first) || clauseHas(f, a.first, 'mitigator')) return [];
    const person = personBefore(f, lex, a.first, SUBJECT_REACH);
    if (person >= 0 && !(isPluralTitle(f, person) && needsPerson)) return [{ ...a, target: tokenSpan(f, person, person).match, explicit: true }];
    if (needsPerson || sentenceHas(f, a.first, 'mitigator') || isQuestion(f, a.first)) return [];
    if (institutionBefore(f, a.first)) return [];
    return [a];
  });
}

/** Whether the clause of token i holds an entry of one of `kinds`. */
function clauseHas(f: FieldContext, i: number, ...kinds: Kind[]): boolean {
  const clause = f.tokens[i]?.clause;
  for (let k = i; k >= 0 && f.tokens[k]?.clause === clause; k--) if (isKind(f, k, ...kinds)) return true;
  for (let k = i + 1; k < f.tokens.length && f.tokens[k]?.clause === clause; k++) if (isKind(f, k, ...kinds)) return true;
  return false;
}

/**
 * Whether verb v is the light verb of crime noun o («رشوه گرفته», «اختلاس زیادی کرده», «رشوه
 * از پیمانکار گرفته»): only fillers, numbers and one prepositional phrase may stand between
 * them; another noun takes the verb itself («قاچاق رو امضا کرده»).
 */
function lightVerbOf(f: FieldContext, o: Hit, v: Hit): boolean {
  // «با رانت ارز گرفته»: a crime as the means of an act, whatever the act's object; but not
  // «مبارزه با رشوه» (against), nor a crime that ends an object («… با رشوه رو امضا کرده»).
  const by = f.tokens[o.first - 1];
  const objectMarker = f.tokens[o.last + 1]?.text === 'رو' || f.tokens[o.last + 1]?.text === 'را';
  if (by?.text === 'با' && inClause(f, o.first - 1, o.first) && !AGAINST.has(f.tokens[o.first - 2]?.text ?? '') && !objectMarker) return true;
  for (let k = o.last + 1; k < v.first; k++) {
    const t = f.tokens[k];
    if (t === undefined) return false;
    if (t.script === 'digit' || PAIR_FILLER.has(t.text)) continue;
    if (PREPOSITION.has(t.text) && k + 1 < v.first) {
      k++;
      continue;
    }
    return false;
  }
  return true;
}

/**
 * «… با قاچاقچی‌ها شریکه», «… با شرکت‌های فروش فیلترشکن شریکه»: a partnership is an accusation
 * when its partner is a criminal, a company or a crime, introduced by «با» in the same clause.
 */
function partnerInCrime(f: FieldContext, h: Hit): boolean {
  for (let k = h.first - 1; k >= 0 && k >= h.first - 8 && inClause(f, k, h.first); k--) {
    const word = f.tokens[k]?.text;
    // «با …»: the partner; «تو / در …»: the business, which must itself be a crime or a
    // racket («تو شرکت شرط‌بندی شریکه»), since anyone may own a share of a company.
    const partner = word === 'با';
    if (!partner && word !== 'تو' && word !== 'در') continue;
    for (let j = k + 1; j < h.first && j <= k + 4; j++) {
      if (isKind(f, j, 'crime-noun', 'crime-object') || (partner && isKind(f, j, 'institution')) || isKind(f, j, 'spam-product')) return true;
    }
  }
  return false;
}

/**
 * A call for execution or violence in the field. A word that only names the act (flag modal:
 * «اعدام», «تیرباران») is a call with a modal or an imperative beside it («باید … اعدام کرد»,
 * «اعدامش کنید»): «باید» may stand up to six words before it («باید تو میدون شهر اعدام کرد»),
 * the verb up to three words after.
 */
function violenceCall(f: FieldContext, accused: boolean): Hit | undefined {
  // Two harassment phrases together are a call on their own («آدرسشو پیدا کنید، حسابشو برسیم»).
  const harass = new Map<number, Set<string>>();
  for (const h of f.hits) {
    if (h.entry.kind !== 'violence' || !h.entry.flags.has('with-accusation')) continue;
    const s = f.tokens[h.first]?.sentence ?? -1;
    const terms = harass.get(s) ?? new Set<string>();
    terms.add(h.entry.term);
    harass.set(s, terms);
  }
  return f.hits.find((h) => {
    if (h.entry.kind !== 'violence') return false;
    if (h.entry.flags.has('with-accusation') && !accused && (harass.get(f.tokens[h.first]?.sentence ?? -1)?.size ?? 0) < 2) return false;
    if (!h.entry.flags.has('modal')) return true;
    if (sentenceFacts(f).reported.has(f.tokens[h.first]?.sentence ?? -1)) return false;
    const isBayad = (k: number): boolean => f.tokens[k]?.text === 'باید' || f.tokens[k]?.text === 'bayad';
    let bayad = false;
    for (let k = h.first - 6; k < h.first; k++) if (k >= 0 && inClause(f, k, h.first) && isBayad(k)) bayad = true;
    for (let k = h.first - 6; k <= h.last + 3; k++) {
      if (k < 0 || (k >= h.first && k <= h.last) || !inClause(f, k, h.first)) continue;
      if (k < h.first - 3 && !isBayad(k)) continue;
      const modal = (f.hitsAt[k] ?? []).find((x) => x.entry.kind === 'violence-modal');
      if (modal !== undefined && (bayad || !modal.entry.flags.has('after-bayad'))) return true;
    }
    return false;
  });
}

/** A family word beside a crime word or an insult: «زن و بچه‌ش هم دزدن», «ناموسش …». */
function familyAttack(f: FieldContext, accusations: readonly Accusation[]): number {
  const inPredicate = new Uint8Array(f.tokens.length);
  for (const a of accusations) if (a.kind === 'predicate') for (let k = a.first; k <= a.last; k++) inPredicate[k] = 1;
  for (const t of f.tokens) {
    // (A relative who is the beneficiary of a predicate, «قرارداد رو به شرکت دامادش داده», is
    // inside that predicate and skipped; a relative as a subject is not.)
    if (!isKind(f, t.index, 'family') || inPredicate[t.index]) continue;
    // «زن و بچه‌ی این مدیرکل هم مثل خودش دزدن»: the family word is the subject, the crime or
    // insult its predicate, several words later in the same clause.
    for (let k = t.index - 4; k <= t.index + 9; k++) {
      if (k !== t.index && k >= 0 && inClause(f, k, t.index) && isKind(f, k, 'crime-noun', 'crime-object', 'profanity', 'insult-strong', 'insult-adjective'))
        return t.index;
    }
  }
  return -1;
}

export const accusation: Phase = {
  name: 'accusation',
  run({ field: f, engine, prior }) {
    if (!fieldHas(f, ...ACCUSATION_KINDS)) return undefined;
    const lex = engine.lexicon;
    const found: Accusation[] = [];
    const covered = new Uint8Array(f.tokens.length);
    const cover = (a: Accusation): void => {
      for (let k = a.first; k <= a.last; k++) covered[k] = 1;
    };
    for (const h of f.hits) {
      if (h.entry.kind !== 'crime-noun' || covered[h.first]) continue;
      const a = crimeNounAccusation(f, lex, h);
      if (a !== null) {
        found.push(a);
        cover(a);
        if (found.length >= MAX_REASONS_PER_CODE) break;
      }
    }
    for (const a of predicateAccusations(f, lex)) {
      let free = true;
      for (let k = a.first; k <= a.last; k++) if (covered[k]) free = false;
      if (free) {
        found.push(a);
        cover(a);
      }
    }
    const reasons: Finding[] = [];
    for (const a of found) {
      const span = tokenSpan(f, a.first, a.last);
      reasons.push({
        code: a.kind === 'crime-noun' ? 'accusation.crime' : 'accusation.predicate',
        label: 'accusation',
        severity: 'review',
        field: f.field,
        span,
        score: a.explicit ? 0.75 : 0.65,
        message: a.target !== '' ? `اتهام به «${a.target}»: «${span.match}»` : `اتهام به شخص: «${span.match}»`,
      });
    }
    const violence = violenceCall(f, found.length > 0);
    if (found.length > 0) {
      // Strong, defamatory forms block.
      const abuse = prior.find((r) => r.label === 'profanity' || r.label === 'insult');
      const family = familyAttack(f, found);
      const first = reasons[0];
      if (violence !== undefined) {
        const span = tokenSpan(f, violence.first, violence.last);
        reasons.push({
          code: 'accusation.violence',
          label: 'accusation',
          severity: 'block',
          field: f.field,
          span,
          score: 0.95,
          message: `اتهام همراه با دعوت به خشونت یا اعدام: «${span.match}»`,
        });
      } else if (abuse !== undefined && first !== undefined) {
        reasons.push({
          code: 'accusation.abusive',
          label: 'accusation',
          severity: 'block',
          field: f.field,
          ...(first.span ? { span: first.span } : {}),
          score: 0.9,
          message: `اتهام همراه با توهین یا فحاشی («${abuse.span?.match ?? ''}»)`,
        });
      } else if (family >= 0) {
        // Dragging the family in is abuse in itself, so it carries the insult label too.
        const span = tokenSpan(f, family, family);
        reasons.push({
          code: 'accusation.family',
          label: 'accusation',
          severity: 'block',
          field: f.field,
          span,
          score: 0.9,
          message: `اتهام همراه با حمله به خانواده یا ناموس: «${span.match}»`,
        });
        reasons.push({
          code: 'insult.family',
          label: 'insult',
          severity: 'review',
          field: f.field,
          span,
          score: 0.8,
          message: `حمله به خانواده یا ناموس: «${span.match}»`,
        });
      }
    } else if (violence !== undefined) {
      // A call for violence against someone named or addressed, without a crime alleged, is
      // never publishable (policy: calls for violence or harassment block). Against a person
      // known only by a crime word («قاتل باید اعدام بشه») it is an opinion about punishment,
      // for a moderator to weigh.
      const sentence = f.tokens[violence.first]?.sentence;
      const named = f.tokens.find((t) => t.sentence === sentence && isPersonWord(f, lex, t.index) && !isKind(f, t.index, 'crime-noun'));
      const someone = named !== undefined || addressesSomeone(f, violence.first, violence);
      const any = someone || f.tokens.some((t) => t.sentence === sentence && isKind(f, t.index, 'crime-noun'));
      if (any) {
        const span = tokenSpan(f, violence.first, violence.last);
        const severity = someone ? 'block' : 'review';
        reasons.push({
          code: 'insult.violence',
          label: 'insult',
          severity,
          field: f.field,
          span,
          score: someone ? 0.9 : 0.7,
          message: `دعوت به خشونت علیه شخص: «${span.match}»`,
        });
      }
    }
    for (const h of f.hits) {
      if (h.entry.kind !== 'custom' || h.entry.label !== 'accusation') continue;
      const span = tokenSpan(f, h.first, h.last);
      reasons.push({
        code: 'accusation.custom',
        label: 'accusation',
        severity: h.entry.severity ?? 'review',
        field: f.field,
        span,
        score: 0.7,
        message: `عبارت اتهامی افزوده‌شده: «${span.match}»`,
      });
    }
    return output(reasons);
  },
};
