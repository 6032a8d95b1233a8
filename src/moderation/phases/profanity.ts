// Phase: obscene words and curses → block. Whether aimed at someone or not, in any spelling
// (policy, fixtures README). The lexicon matcher has already undone the disguises; this phase
// decides which matches to report and how to describe them to the moderator.
import { hidesLetters, tokenSpan, type FieldContext } from '../context.js';
import { addressesSomeone } from './insult.js';
import type { Hit } from '../lexicon.js';
import type { Finding } from '../types.js';
import { MAX_REASONS_PER_CODE, output, type Phase } from './types.js';

const VIA_MESSAGE: Record<Hit['via'], string> = {
  word: '',
  suffix: '',
  split: ' (حروف جدا از هم نوشته شده)',
  repeat: ' (با تکرار حروف)',
  mask: ' (با ستاره پوشانده شده)',
  leet: ' (با عدد یا نشانه به جای حرف)',
  glue: ' (چسبیده به کلمه‌های دیگر)',
};

/** The profane hits of a field, one per stretch of tokens (the longest wins). */
export function profaneHits(f: FieldContext): Hit[] {
  const hits = f.hits.filter((h) => h.entry.kind === 'profanity' || (h.entry.kind === 'custom' && h.entry.label === 'profanity'));
  const kept: Hit[] = [];
  const taken = new Uint8Array(f.tokens.length);
  for (const h of hits.sort((a, b) => b.last - b.first - (a.last - a.first) || a.first - b.first)) {
    let free = true;
    for (let k = h.first; k <= h.last; k++) if (taken[k]) free = false;
    if (!free) continue;
    for (let k = h.first; k <= h.last; k++) taken[k] = 1;
    kept.push(h);
  }
  return kept.sort((a, b) => a.first - b.first);
}

export const profanity: Phase = {
  name: 'profanity',
  run({ field: f }) {
    const reasons: Finding[] = [];
    for (const h of profaneHits(f).slice(0, MAX_REASONS_PER_CODE * 2)) {
      const span = tokenSpan(f, h.first, h.last);
      // A phrase may be found across words one of which was written letter by letter.
      let split = false;
      for (let k = h.first; k <= h.last; k++) if (f.tokens[k]?.split) split = true;
      const via = split && (h.via === 'word' || h.via === 'suffix') ? 'split' : h.via;
      const hidden =
        via === 'split' || via === 'repeat' || via === 'mask' || via === 'leet' || via === 'glue' || hidesLetters(f.original, span.start, span.end);
      const note = VIA_MESSAGE[via] || (hidden ? ' (با نویسه‌های پنهان یا کشیده)' : '');
      const code =
        h.entry.kind === 'custom' ? 'profanity.custom' : hidden ? 'profanity.obfuscated' : h.entry.latin ? 'profanity.finglish' : 'profanity.lexicon';
      const severity = h.entry.kind === 'custom' ? (h.entry.severity ?? 'block') : 'block';
      reasons.push({ code, label: 'profanity', severity, field: f.field, span, score: 0.97, message: `واژهٔ رکیک «${span.match}»${note}` });
      // A curse used as an insult carries both labels (policy): an epithet for a person, or
      // any obscenity in a sentence said to someone («… نوشتی؟», «برو …»).
      if (h.entry.flags.has('slur') || addressesSomeone(f, h.first, h)) {
        reasons.push({
          code: 'insult.slur',
          label: 'insult',
          severity: 'review',
          field: f.field,
          span,
          score: 0.9,
          message: `دشنام رکیک به اشخاص: «${span.match}»`,
        });
      }
    }
    return output(reasons);
  },
};
