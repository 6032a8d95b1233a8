// The moderation policy, in order (STYLE.md 5). Each phase is one file: a pure function from
// the read-only context (the comment normalized once, its words, the lexicon entries found in
// them, its numbers and links) and the findings of the phases before it, to labels, reasons
// and scores. compose() (../compose.ts) runs them on the text and on the name and turns the
// findings into allow, review or block.
//
// Phase 0, normalization for matching, is not in this list: it builds the context that every
// phase reads (../context.ts: letter folding, invisible characters, words with the Persian
// boundary rule, split letters, then the lexicon matcher with its suffixes, masks, repeats,
// leet and Finglish readings and exceptions).
import { accusation } from './accusation.js';
import { classifier } from './classifier.js';
import { insult } from './insult.js';
import { pii } from './pii.js';
import { profanity } from './profanity.js';
import { spam } from './spam.js';
import type { Phase } from './types.js';

export const PHASES: readonly Phase[] = [
  // 1. What is said: obscene words and curses are never published, whoever they are aimed at.
  profanity,
  // 2. Whom it is said of: insults need a target; accusations need a person, and become a
  //    block when they come with the abuse found above, a call for violence or an attack on
  //    the family. A call for violence or harassment against a named or addressed person
  //    blocks on its own (accusation.ts, which reads the calls).
  insult,
  accusation,
  // 3. Selling: advertising blocks; a seller's phone or card is spam, not personal data.
  spam,
  // 4. Personal data the spam phase did not claim: to a moderator, never published as is.
  pii,
  // 5. The learned signal: review only, and only when the rules have not blocked already.
  classifier,
];

export type { Phase, PhaseInput } from './types.js';
