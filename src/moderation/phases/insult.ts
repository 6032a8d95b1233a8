// Phase: insults aimed at people → review. The same words also occur harmlessly (a literal
// dog, «خر» inside «خرید», «عقب مانده» for a late project), so an insult needs a target
// (policy, fixtures README). Each class of insult word (insults.txt) asks for a different
// amount of evidence that a person is being addressed or described. Animals and things need
// the most: a title beside them, the second person, a vocative, a predicate of a person or a
// group («هوادارای این تیم همه‌شون گوسفندن», «… یه دلقک به تمام معناست»), or being the subject
// of something only people do («گوساله‌ها رو ببین چی می‌نویسن»).
import { fieldHas, isKind, sentenceHas, tokenSpan, type FieldContext } from '../context.js';
import type { Hit, Kind, Lexicon } from '../lexicon.js';
import type { Finding } from '../types.js';
import { MAX_REASONS_PER_CODE, output, type Phase } from './types.js';

const PERSON: Kind[] = ['title', 'honorific', 'commenter', 'given-name', 'surname', 'crime-noun'];
const PLURAL_SUFFIXES = new Set(['ها', 'های', 'هایی', 'هاشون', 'هارو', 'ا', 'ان', 'یا', 'ha', 'hay', 'haye', 'an', 's']);
const YOU_COPULA = new Set(['ی', 'ید', 'ین', 'یی', 'ای', 'i']);
const THEY_COPULA = new Set(['ن', 'ند', 'ست']);
const SELF_COPULA = new Set(['م', 'یم', 'ایم']);
const DENIALS = new Set(['نیستیم', 'نیستم', 'نیست', 'نیستن', 'نیستند', 'نبود', 'نبودیم', 'نیستید']);

/** Whether token i names a person: a title, honorific, name, commenter word, or a surname ending. */
export function isPersonWord(f: FieldContext, lex: Lexicon, i: number): boolean {
  const t = f.tokens[i];
  if (t === undefined) return false;
  return isKind(f, i, ...PERSON) || (t.script === 'fa' && lex.hasSurnameEnding(t.text));
}

/**
 * Whether the sentence of token i addresses someone in the second person: a pronoun or a
 * second-person verb outside the hit itself. «تو» is also the colloquial "in" («تو روستای
 * ما»), so it counts only right before the insult («تو احمقی») or two words before it with a
 * second-person ending («تو یه گاوی»).
 */
export function addressesSomeone(f: FieldContext, i: number, hit?: Hit): boolean {
  const t = f.tokens[i];
  if (t === undefined) return false;
  const first = hit?.first ?? i;
  const last = hit?.last ?? i;
  if (sentenceHas(f, i, 'second-person')) {
    let inside = 0;
    for (let k = first; k <= last; k++) if (strongYou(f, k)) inside++;
    if ((strongYouBySentence(f)[t.sentence] ?? 0) > inside) return true;
  }
  const weakAt = (k: number): boolean => (f.hitsAt[k] ?? []).some((h) => h.entry.kind === 'second-person' && h.entry.flags.has('weak'));
  return weakAt(first - 1) || (weakAt(first - 2) && hit !== undefined && YOU_COPULA.has(hit.suffix));
}

// Per field, how many strong second-person words each sentence holds. A memo of a pure
// function of the (immutable) context, so that each check is constant time.
const youCounts = new WeakMap<FieldContext, number[]>();
function strongYouBySentence(f: FieldContext): number[] {
  let counts = youCounts.get(f);
  if (counts === undefined) {
    counts = [];
    for (const t of f.tokens) if (strongYou(f, t.index)) counts[t.sentence] = (counts[t.sentence] ?? 0) + 1;
    youCounts.set(f, counts);
  }
  return counts;
}

function strongYou(f: FieldContext, k: number): boolean {
  if (!isKind(f, k, 'second-person')) return false;
  return (f.hitsAt[k] ?? []).some((h) => h.entry.kind === 'second-person' && !h.entry.flags.has('weak'));
}

/** The word is said on its own, as a form of address: «گاو، …», «…، نادون», «ای احمق». */
function isVocative(f: FieldContext, h: Hit): boolean {
  const a = f.tokens[h.first];
  const b = f.tokens[h.last];
  if (a === undefined || b === undefined) return false;
  // A word in quotation marks is mentioned, not said to anyone (the story «خر»).
  const before = f.norm.text[a.start - 1];
  const after = f.norm.text[b.end];
  if (before !== undefined && after !== undefined && QUOTE_OPEN.includes(before) && QUOTE_CLOSE.includes(after)) return false;
  const last = f.tokens.length - 1;
  if (a.breakBefore && b.breakAfter) return true;
  if (h.first === 0 && b.breakAfter) return true;
  if (h.last === last && a.breakBefore) return true;
  const prev = f.tokens[h.first - 1];
  return prev !== undefined && /^(ای|آهای|اهای|هوی|ey|ay|ahay|hey)$/.test(prev.text);
}

/**
 * Whether another insult or obscenity stands right beside the hit. Beside an animal word, an
 * adjective that also describes animals (flag animal-trait: «خرگوش‌ها حیوانات ترسویی هستند»)
 * is no evidence.
 */
function nextToAbuse(f: FieldContext, h: Hit): boolean {
  const animal = h.entry.kind === 'insult-animal';
  for (let k = h.first - 2; k <= h.last + 2; k++) {
    if (k >= h.first && k <= h.last) continue;
    if (isKind(f, k, 'profanity', 'insult-strong', 'insult-phrase')) return true;
    if (
      isKind(f, k, 'insult-adjective') &&
      !(animal && (f.hitsAt[k] ?? []).some((x) => x.entry.kind === 'insult-adjective' && x.entry.flags.has('animal-trait')))
    )
      return true;
  }
  return false;
}

/** A person word within `before` tokens before or `after` tokens after the hit, same clause. */
function personNear(f: FieldContext, lex: Lexicon, h: Hit, before: number, after: number, names = true): number {
  const clause = f.tokens[h.first]?.clause;
  for (let k = Math.max(0, h.first - before); k <= Math.min(f.tokens.length - 1, h.last + after); k++) {
    if (k >= h.first && k <= h.last) continue;
    if (f.tokens[k]?.clause !== clause) continue;
    if (names ? isPersonWord(f, lex, k) : isKind(f, k, 'title', 'honorific', 'commenter')) return k;
  }
  return -1;
}

/** «من احمق بودم», «ما رو احمق فرض کردن», «مردم احمق نیستن»: not abuse of anyone. */
function isSelfOrDenied(f: FieldContext, h: Hit): boolean {
  if (SELF_COPULA.has(h.suffix)) return true;
  const clause = f.tokens[h.first]?.clause;
  for (let k = Math.max(0, h.first - 3); k < h.first; k++) {
    if (f.tokens[k]?.clause === clause && isKind(f, k, 'first-person')) return true;
  }
  for (let k = h.last + 1; k <= h.last + 3 && k < f.tokens.length; k++) {
    if (f.tokens[k]?.clause === clause && isKind(f, k, 'considered')) return true;
  }
  const next = f.tokens[h.last + 1];
  return next !== undefined && next.clause === clause && DENIALS.has(next.text);
}

// «بی‌شرفی در حق مردم», «بی‌شرفی کردن»: with the abstract-noun ending ی
// and a verb or preposition after it, the word names an act, not a person; it is then judged
// like an adjective (it needs a person in view).
const ACT_AFTER = new Set(['در', 'کردن', 'کرد', 'کردند', 'کرده', 'میکنن', 'میکنه', 'است', 'بود', 'محض', 'به']);
function isAbstractNoun(f: FieldContext, h: Hit): boolean {
  if (h.suffix !== 'ی') return false;
  const next = f.tokens[h.last + 1];
  return next !== undefined && !f.tokens[h.last]?.breakAfter && ACT_AFTER.has(next.text);
}

const INDEFINITE = new Set(['یه', 'یک', 'ye', 'yek']);
const QUOTE_OPEN = '«"\'“';
const QUOTE_CLOSE = '»"\'”';
const PREPOSITIONS = new Set(['به', 'از', 'با', 'برای', 'درباره', 'مثل', 'مانند', 'مث', 'عین', 'روی', 'رو', 'تو', 'در', 'بین', 'کنار', 'پیش']);
const GROUP_POINTERS = new Set(['همه', 'همشون', 'همهشون', 'همگی', 'همگیشون', 'اینا', 'اونا', 'hame', 'hamashun']);
const SUBJECT_REACH = 8;

/**
 * Whether the word is said OF someone: a copula ending («گوسفندن», «خره», «khareh»), a copula or
 * a phrase that works as one after it («… گاو هستن», «… دلقک به تمام معناست»), or «یه» before
 * it («… یه دلقک …»).
 */
function isPredicated(f: FieldContext, h: Hit): boolean {
  if (h.entry.flags.has('predicate')) return true;
  if (YOU_COPULA.has(h.suffix) || THEY_COPULA.has(h.suffix) || h.suffix === 'ه' || h.suffix === 'یه' || h.suffix === 'e' || h.suffix === 'an') return true;
  const clause = f.tokens[h.first]?.clause;
  const prev = f.tokens[h.first - 1];
  if (prev !== undefined && prev.clause === clause && INDEFINITE.has(prev.text)) return true;
  const next = f.tokens[h.last + 1];
  return next !== undefined && next.clause === clause && isKind(f, next.index, 'copula');
}

/**
 * A person or a group as the subject, before the word in its sentence: a title, a name, a
 * commenter or fan word, «همه‌شون» («هوادارای این تیم همه‌شون گوسفندن»). Names count only
 * for words that are insults of people anyway (adjectives); an animal needs a title or a
 * group, since «گوسفندهای قربانی» is a sacrifice, not Mr Ghorbani.
 */
function subjectBefore(f: FieldContext, lex: Lexicon, h: Hit, names: boolean): boolean {
  const sentence = f.tokens[h.first]?.sentence;
  for (let k = h.first - 1; k >= 0 && k >= h.first - SUBJECT_REACH; k--) {
    const t = f.tokens[k];
    if (t === undefined || t.sentence !== sentence) break;
    if (GROUP_POINTERS.has(t.text)) return true;
    if (names ? isPersonWord(f, lex, k) : isKind(f, k, 'title', 'honorific', 'commenter')) return true;
  }
  return false;
}

/**
 * An animal word as the subject of something only people do, a few words later in its clause
 * («گوساله‌ها رو ببین چی می‌نویسن»); not after a preposition («برای گاوها تصمیم گرفتن»).
 */
function doesWhatPeopleDo(f: FieldContext, h: Hit): boolean {
  const prev = f.tokens[h.first - 1];
  if (prev !== undefined && prev.clause === f.tokens[h.first]?.clause && PREPOSITIONS.has(prev.text)) return false;
  const clause = f.tokens[h.last]?.clause;
  for (let k = h.last + 1; k <= h.last + 7 && k < f.tokens.length; k++) {
    if (f.tokens[k]?.clause !== clause) break;
    if (isKind(f, k, 'human-act')) return true;
  }
  return false;
}

/** Judges one insult hit; returns what shows its target, or null when it has none. */
export function insultTarget(f: FieldContext, lex: Lexicon, h: Hit): string | null {
  const kind = h.entry.kind;
  if (kind === 'insult-phrase') return 'phrase';
  if (kind === 'insult-strong') {
    if (isSelfOrDenied(f, h)) return null;
    if (!isAbstractNoun(f, h)) return 'person-only word';
  }
  if (isSelfOrDenied(f, h)) return null;
  if (isVocative(f, h)) return 'vocative';
  if (addressesSomeone(f, h.first, h)) return 'second person';
  if (nextToAbuse(f, h)) return 'beside other abuse';
  if (kind === 'insult-adjective') {
    if (personNear(f, lex, h, 3, 2) >= 0) return 'person named';
    if (PLURAL_SUFFIXES.has(h.suffix)) return 'people as a group';
    if (YOU_COPULA.has(h.suffix) || THEY_COPULA.has(h.suffix)) return 'predicate';
    const prev = f.tokens[h.first - 1];
    if (prev !== undefined && isKind(f, prev.index, 'demonstrative') && f.tokens[h.last]?.breakAfter) return 'pointed at';
    if (isPredicated(f, h) && subjectBefore(f, lex, h, true)) return 'person named';
    return null;
  }
  // Animals and things: only a title or a word for a person right beside it (a name is too
  // weak: «گوسفندهای قربانی» is a sacrifice, not Mr Ghorbani), the word said of a person or a
  // group («نماینده‌ها همه گوسفندن»), or the subject of what only people do.
  if (personNear(f, lex, h, 2, 1, false) >= 0) return 'person named';
  if (isPredicated(f, h) && subjectBefore(f, lex, h, false)) return 'person named';
  if (doesWhatPeopleDo(f, h)) return 'people as a group';
  return null;
}

const CLASS_NAME: Partial<Record<Kind, string>> = {
  'insult-strong': 'توهین',
  'insult-adjective': 'توهین به اشخاص',
  'insult-animal': 'توهین (تشبیه تحقیرآمیز)',
  'insult-phrase': 'عبارت توهین‌آمیز',
};

/** The insults of a field that have a target. */
export function targetedInsults(f: FieldContext, lex: Lexicon): { hit: Hit; why: string }[] {
  const out: { hit: Hit; why: string }[] = [];
  if (!fieldHas(f, 'insult-strong', 'insult-adjective', 'insult-animal', 'insult-phrase')) return out;
  let coveredUntil = -1; // hits are ordered by first token, longest first
  for (const h of f.hits) {
    const k = h.entry.kind;
    if (k !== 'insult-strong' && k !== 'insult-adjective' && k !== 'insult-animal' && k !== 'insult-phrase') continue;
    // A shorter hit inside a longer insult phrase is the same insult.
    if (h.last <= coveredUntil) continue;
    const why = insultTarget(f, lex, h);
    if (why !== null) {
      out.push({ hit: h, why });
      coveredUntil = Math.max(coveredUntil, h.last);
      if (out.length >= MAX_REASONS_PER_CODE * 2) break;
    }
  }
  return out;
}

export const insult: Phase = {
  name: 'insult',
  run({ field: f, engine }) {
    const reasons: Finding[] = [];
    for (const { hit, why } of targetedInsults(f, engine.lexicon)) {
      const span = tokenSpan(f, hit.first, hit.last);
      const strong = hit.entry.kind === 'insult-strong' || hit.entry.kind === 'insult-phrase';
      reasons.push({
        code: hit.entry.kind === 'insult-phrase' ? 'insult.phrase' : 'insult.targeted',
        label: 'insult',
        severity: 'review',
        field: f.field,
        span,
        score: strong ? 0.8 : 0.65,
        message: `${CLASS_NAME[hit.entry.kind] ?? 'توهین'}: «${span.match}»${why === 'phrase' || why === 'person-only word' ? '' : ` (${WHY_FA[why] ?? why})`}`,
      });
    }
    for (const h of f.hits) {
      if (h.entry.kind !== 'custom' || h.entry.label !== 'insult') continue;
      const span = tokenSpan(f, h.first, h.last);
      reasons.push({
        code: 'insult.custom',
        label: 'insult',
        severity: h.entry.severity ?? 'review',
        field: f.field,
        span,
        score: 0.7,
        message: `واژهٔ توهین‌آمیز افزوده‌شده: «${span.match}»`,
      });
    }
    return output(reasons);
  },
};

const WHY_FA: Record<string, string> = {
  vocative: 'خطاب به کسی',
  'second person': 'خطاب به مخاطب',
  'beside other abuse': 'همراه با توهین دیگر',
  'person named': 'دربارهٔ شخص',
  'people as a group': 'دربارهٔ گروهی از مردم',
  predicate: 'نسبت‌دادن به کسی',
  'pointed at': 'اشاره به کسی',
};
