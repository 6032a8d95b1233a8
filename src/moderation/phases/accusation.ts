// Phase: accusations against named or identifiable people → review; with insults or
// obscenity, an attack on the family or honour, or a call for violence → block (policy,
// fixtures README). Criticising an institution or a policy, calling for an inquiry, or
// repeating a court's or the article's report is allowed.
//
// An accusation is one of:
//   - a crime noun («دزد», «اختلاسگر») predicated of a person: a title, honorific or name
//     before it in the same clause, the second person, a copula («… دزده», «یه دزد بود»), or
//     the noun used as an epithet beside another insult («جاسوس کثافت»);
//   - a crime predicate whose subject can only be a person: «رشوه گرفته», «اختلاس کرده»,
//     «پول بیمارستان رو بالا کشیده», «قرارداد رو به شرکت فامیلش داده», «مدرکش جعلیه».
// A plural crime noun with no one named («دزدهای کابل») is news, not slander.
import { fieldHas, isKind, sentenceHas, tokenSpan, type FieldContext } from '../context.js';
import type { Hit, Kind, Lexicon } from '../lexicon.js';
import type { Finding } from '../types.js';
import { addressesSomeone, isPersonWord } from './insult.js';
import { MAX_REASONS_PER_CODE, output, type Phase } from './types.js';

const PLURAL = new Set(['ها', 'های', 'هایی', 'ا', 'ان', 'یا', 'هاشون']);
const COPULA_SUFFIX = new Set(['ه', 'ن', 'ست', 'ید', 'ین', 'یه']);
const NOT_COPULA_AFTER = new Set(['رو', 'را', 'هم', 'که', 'و', 'ها', 'های']);
const INDEFINITE = new Set(['یه', 'یک', 'یکی']);
const PLURAL_TITLES = new Set(['مسیولین', 'مسیولان', 'مدیران', 'وزرا', 'نمایندگان', 'مقامات', 'ماموران', 'اعضای', 'روسا']);

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

/** The nearest person word before token i in its clause (up to `reach` tokens), or -1. */
function personBefore(f: FieldContext, lex: Lexicon, i: number, reach: number): number {
  for (let k = i - 1; k >= Math.max(0, i - reach); k--) {
    if (!inClause(f, k, i)) break;
    if (isPersonWord(f, lex, k) && !isKind(f, k, 'crime-noun')) return k;
  }
  return -1;
}

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
  const epithet = [i - 1, h.last + 1].some((k) => k >= 0 && inClause(f, k, i) && isKind(f, k, 'profanity', 'insult-strong', 'insult-adjective', 'insult-animal') && !isKind(f, k, 'crime-noun'))
    || [i - 1, h.last + 1].some((k) => k >= 0 && inClause(f, k, i) && isKind(f, k, 'crime-noun'));
  const person = personBefore(f, lex, i, 6);
  const you = addressesSomeone(f, i, h) && f.tokens.some((t) => t.sentence === f.tokens[i]?.sentence && /^(شما|تو|خودت|خودتون|شماها)$/.test(t.text));
  const plural = PLURAL.has(h.suffix);
  const target = person >= 0 ? tokenSpan(f, person, person).match : you ? 'مخاطب' : '';
  if (reported(f, i)) return null;
  // A plural crime noun after a title is about others («رئیس قوه گفته با مفسدان برخورد میشه»)
  // unless a copula predicates it.
  if (person >= 0 && (!isPluralTitle(f, person) || copula) && (!plural || copula)) return { first: i, last: h.last, kind: 'crime-noun', target, explicit: true };
  if (you) return { first: i, last: h.last, kind: 'crime-noun', target, explicit: true };
  // Said on its own, as a form of address («خائن‌ها!», «دزد!»).
  const alone = f.tokens[i]?.breakBefore === true && f.tokens[h.last]?.breakAfter === true;
  if (alone && !reported(f, i)) return { first: i, last: h.last, kind: 'crime-noun', target: '', explicit: false };
  if (epithet && !plural) return { first: i, last: h.last, kind: 'crime-noun', target: '', explicit: false };
  // With no one named, the copula alone must carry it: not in a question, not about a thing.
  if ((copula || indefinite) && !institutionBefore(f, i) && !sentenceHas(f, i, 'mitigator') && !isQuestion(f, i)) return { first: i, last: h.last, kind: 'crime-noun', target: '', explicit: false };
  return null;
}

function predicateAccusations(f: FieldContext, lex: Lexicon): Accusation[] {
  const out: Accusation[] = [];
  // The first hit of kind `kind` starting within `reach` tokens after token `after`, same clause.
  const after = (kind: Kind, from: number, reach: number): Hit | undefined => {
    for (let k = from + 1; k <= from + reach && k < f.tokens.length; k++) {
      if (!inClause(f, k, from)) break;
      const h = (f.hitsAt[k] ?? []).find((x) => x.entry.kind === kind);
      if (h !== undefined) return h;
    }
    return undefined;
  };
  const pair = (objects: Kind, verbs: Kind, reach: number): void => {
    for (const o of f.hits) {
      if (o.entry.kind !== objects) continue;
      const v = after(verbs, o.last, reach);
      if (v !== undefined) out.push({ first: o.first, last: v.last, kind: 'predicate', target: '', explicit: false });
    }
  };
  pair('crime-object', 'crime-verb', 3);
  pair('money-object', 'money-verb', 5);
  pair('forgery-object', 'forgery-verb', 4);
  for (const b of f.hits) {
    if (b.entry.kind !== 'nepotism-beneficiary') continue;
    const to = [b.first - 1, b.first - 2].some((k) => f.tokens[k]?.text === 'به' && inClause(f, k, b.first));
    const v = after('nepotism-verb', b.last, 2);
    // What was handed over comes first («قرارداد رو به شرکت فامیلش داده»); the accusation
    // spans from it, so an institution inside it («شرکت») is not taken for the subject.
    let what: Hit | undefined;
    for (let k = b.first - 1; k >= 0 && k >= b.first - 12 && what === undefined; k--) {
      if (f.tokens[k]?.sentence !== f.tokens[b.first]?.sentence) break;
      what = (f.hitsAt[k] ?? []).find((h) => h.entry.kind === 'nepotism-object');
    }
    if (to && v !== undefined && what !== undefined) out.push({ first: what.first, last: v.last, kind: 'predicate', target: '', explicit: false });
  }
  for (const b of f.hits) {
    if (b.entry.kind !== 'nepotism-beneficiary') continue;
    const v = after('nepotism-hire', b.last, 2);
    if (v !== undefined) out.push({ first: b.first, last: v.last, kind: 'predicate', target: '', explicit: false });
  }
  for (const h of f.hits) {
    if (h.entry.kind !== 'crime-phrase') continue;
    if (h.entry.flags.has('needs-person') && personBefore(f, lex, h.first, 8) < 0) continue;
    out.push({ first: h.first, last: h.last, kind: 'predicate', target: '', explicit: false });
  }
  // Who is it said of? A person named before it makes it explicit; an institution as the only
  // subject, or a report / condition / inquiry in the sentence, makes it no accusation.
  return out.flatMap((a) => {
    if (sentenceHas(f, a.first, 'mitigator')) return [];
    const person = personBefore(f, lex, a.first, 8);
    if (person >= 0) return [{ ...a, target: tokenSpan(f, person, person).match, explicit: true }];
    if (institutionBefore(f, a.first)) return [];
    return [a];
  });
}

/** A call for execution or violence in the field. */
function violenceCall(f: FieldContext): Hit | undefined {
  return f.hits.find((h) => {
    if (h.entry.kind !== 'violence') return false;
    if (!h.entry.flags.has('modal')) return true;
    for (let k = h.first - 3; k <= h.last + 3; k++) {
      if (k !== h.first && k >= 0 && inClause(f, k, h.first) && isKind(f, k, 'violence-modal')) return true;
    }
    return false;
  });
}

/** A family word beside a crime word or an insult: «زن و بچه‌ش هم دزدن», «ناموسش …». */
function familyAttack(f: FieldContext, accusations: readonly Accusation[]): number {
  const inPredicate = new Uint8Array(f.tokens.length);
  for (const a of accusations) if (a.kind === 'predicate') for (let k = a.first; k <= a.last; k++) inPredicate[k] = 1;
  for (const t of f.tokens) {
    if (!isKind(f, t.index, 'family') || isKind(f, t.index, 'nepotism-beneficiary') || inPredicate[t.index]) continue;
    for (let k = t.index - 4; k <= t.index + 4; k++) {
      if (k !== t.index && k >= 0 && inClause(f, k, t.index) && isKind(f, k, 'crime-noun', 'profanity', 'insult-strong', 'insult-adjective')) return t.index;
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
    const violence = violenceCall(f);
    if (found.length > 0) {
      // Strong, defamatory forms block.
      const abuse = prior.find((r) => r.label === 'profanity' || r.label === 'insult');
      const family = familyAttack(f, found);
      const first = reasons[0];
      if (violence !== undefined) {
        const span = tokenSpan(f, violence.first, violence.last);
        reasons.push({ code: 'accusation.violence', label: 'accusation', severity: 'block', field: f.field, span, score: 0.95, message: `اتهام همراه با دعوت به خشونت یا اعدام: «${span.match}»` });
      } else if (abuse !== undefined && first !== undefined) {
        reasons.push({ code: 'accusation.abusive', label: 'accusation', severity: 'block', field: f.field, ...(first.span ? { span: first.span } : {}), score: 0.9, message: `اتهام همراه با توهین یا فحاشی («${abuse.span?.match ?? ''}»)` });
      } else if (family >= 0) {
        const span = tokenSpan(f, family, family);
        reasons.push({ code: 'accusation.family', label: 'accusation', severity: 'block', field: f.field, span, score: 0.9, message: `اتهام همراه با حمله به خانواده یا ناموس: «${span.match}»` });
      }
    } else if (violence !== undefined) {
      // A call for violence against someone named or addressed, without a crime alleged.
      const target = f.tokens.find((t) => t.sentence === f.tokens[violence.first]?.sentence && isPersonWord(f, lex, t.index));
      if (target !== undefined || addressesSomeone(f, violence.first, violence)) {
        const span = tokenSpan(f, violence.first, violence.last);
        reasons.push({ code: 'insult.violence', label: 'insult', severity: 'review', field: f.field, span, score: 0.7, message: `دعوت به خشونت علیه شخص: «${span.match}»` });
      }
    }
    for (const h of f.hits) {
      if (h.entry.kind !== 'custom' || h.entry.label !== 'accusation') continue;
      const span = tokenSpan(f, h.first, h.last);
      reasons.push({ code: 'accusation.custom', label: 'accusation', severity: h.entry.severity ?? 'review', field: f.field, span, score: 0.7, message: `عبارت اتهامی افزوده‌شده: «${span.match}»` });
    }
    return output(reasons);
  },
};
