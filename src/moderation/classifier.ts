// A small learned classifier: multinomial naive Bayes over character n-grams (2–4) of the
// normalized text, learned incrementally from moderators' decisions. Character n-grams suit
// Persian comments: they see through missing or extra half-spaces, suffixes and spelling
// variants without a tokenizer, and they work for Finglish too.
//
// Each comment counts an n-gram once (binarized multinomial NB), which is more robust on short
// texts than raw counts. Laplace smoothing (α = 1). Until both classes have `minExamples`
// examples the classifier answers 0.5, "no opinion", so an untrained model never moves a
// comment (the engine's threshold is 0.9).
import { normalizeForMatching } from './normalize.js';

/** The persisted form of a classifier (JSON-safe). */
export interface ClassifierState {
  version: 1;
  /** Number of examples learned per class. */
  docs: { bad: number; good: number };
  /** Sum of n-gram counts per class. */
  totals: { bad: number; good: number };
  /** [n-gram, count in bad examples, count in good examples]. */
  grams: [string, number, number][];
  minExamples: number;
}

/** A classifier learned from decisions. */
export interface Classifier {
  /** Learns one decision: `bad` when moderators rejected the comment. */
  learn(text: string, bad: boolean): void;
  /** Probability 0..1 that moderators would reject `text` (raw or normalized). */
  score(text: string): number;
  /** How many examples it has learned. */
  examples(): { bad: number; good: number };
  /** The state, for persisting (JSON.stringify calls this). */
  toJSON(): ClassifierState;
}

/** Options of createClassifier(). */
export interface ClassifierOptions {
  /** Examples of each class needed before the score means anything; default 20. */
  minExamples?: number;
  /** A state from toJSON() to start from. */
  state?: ClassifierState;
}

const MIN_N = 2;
const MAX_N = 4;
/** Only the start of a long text is read: enough to judge it, and bounded in time. */
const MAX_CHARS = 2000;
/** The vocabulary stops growing here; new n-grams are then ignored. */
const MAX_GRAMS = 300_000;

/** The distinct n-grams of a text, after normalization and with spaces collapsed. */
function grams(text: string): Set<string> {
  const s = ` ${normalizeForMatching(text.length > MAX_CHARS * 2 ? text.slice(0, MAX_CHARS * 2) : text)
    .slice(0, MAX_CHARS)
    .replace(/[\s\u200c]+/g, ' ')
    .trim()} `;
  const out = new Set<string>();
  for (let n = MIN_N; n <= MAX_N; n++) {
    for (let i = 0; i + n <= s.length; i++) out.add(s.slice(i, i + n));
  }
  return out;
}

/** Creates a classifier, empty or from a saved state. */
export function createClassifier(options: ClassifierOptions = {}): Classifier {
  const counts = new Map<string, [number, number]>();
  const docs = { bad: 0, good: 0 };
  const totals = { bad: 0, good: 0 };
  let minExamples = options.minExamples ?? 20;
  if (options.state !== undefined) {
    const st = options.state;
    if (st.version !== 1) throw new Error(`unknown classifier state version ${String(st.version)}`);
    docs.bad = st.docs.bad;
    docs.good = st.docs.good;
    totals.bad = st.totals.bad;
    totals.good = st.totals.good;
    for (const [g, b, ok] of st.grams) counts.set(g, [b, ok]);
    minExamples = options.minExamples ?? st.minExamples;
  }

  return {
    learn(text, bad) {
      for (const g of grams(text)) {
        let c = counts.get(g);
        if (c === undefined) {
          if (counts.size >= MAX_GRAMS) continue;
          c = [0, 0];
          counts.set(g, c);
        }
        c[bad ? 0 : 1]++;
        if (bad) totals.bad++;
        else totals.good++;
      }
      if (bad) docs.bad++;
      else docs.good++;
    },
    score(text) {
      if (docs.bad < minExamples || docs.good < minExamples) return 0.5;
      const v = counts.size + 1;
      let logBad = Math.log(docs.bad / (docs.bad + docs.good));
      let logGood = Math.log(docs.good / (docs.bad + docs.good));
      const denBad = Math.log(totals.bad + v);
      const denGood = Math.log(totals.good + v);
      for (const g of grams(text)) {
        const c = counts.get(g);
        logBad += Math.log((c?.[0] ?? 0) + 1) - denBad;
        logGood += Math.log((c?.[1] ?? 0) + 1) - denGood;
      }
      const p = 1 / (1 + Math.exp(logGood - logBad));
      return Number.isFinite(p) ? p : logBad > logGood ? 1 : 0;
    },
    examples() {
      return { ...docs };
    },
    toJSON() {
      return { version: 1, docs: { ...docs }, totals: { ...totals }, grams: [...counts].map(([g, [b, ok]]) => [g, b, ok]), minExamples };
    },
  };
}

/** Restores a classifier from toJSON() output (an object or its JSON text). */
export function classifierFromJSON(json: ClassifierState | string): Classifier {
  const state = typeof json === 'string' ? (JSON.parse(json) as ClassifierState) : json;
  return createClassifier({ state });
}
