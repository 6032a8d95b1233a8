// The shape of a phase (STYLE.md 5): a pure function of a read-only context.
import type { EngineContext, FieldContext } from '../context.js';
import type { Finding, PhaseOutput } from '../types.js';

/** What a phase sees. */
export interface PhaseInput {
  /** The field being moderated (text or name), analysed once. */
  readonly field: FieldContext;
  /** The engine's lexicon and options. */
  readonly engine: EngineContext;
  /** Findings of the earlier phases on this field, in order; a phase may build on them. */
  readonly prior: readonly Finding[];
}

/** One step of the policy. */
export interface Phase {
  /** Stable name, used in tests and traces. */
  readonly name: string;
  /** Expensive phases are skipped once an earlier phase has blocked the comment. */
  readonly skipWhenBlocked?: boolean;
  /** Returns labels, reasons and scores, or nothing when the phase has nothing to say. */
  run(input: PhaseInput): PhaseOutput | undefined;
}

/**
 * How many reasons of one code a phase reports for one field. A moderator needs to see what
 * is wrong, not every repetition of it; the cap also bounds the work a hostile comment that
 * repeats one word thousands of times can cause.
 */
export const MAX_REASONS_PER_CODE = 12;

/** Builds a PhaseOutput from findings (labels and per-label scores follow from them). */
export function output(reasons: Finding[]): PhaseOutput | undefined {
  if (reasons.length === 0) return undefined;
  const perCode = new Map<string, number>();
  reasons = reasons.filter((r) => {
    const n = (perCode.get(r.code) ?? 0) + 1;
    perCode.set(r.code, n);
    return n <= MAX_REASONS_PER_CODE;
  });
  const labels = [...new Set(reasons.map((r) => r.label))];
  const scores: PhaseOutput['scores'] = {};
  for (const r of reasons) scores[r.label] = Math.max(scores[r.label] ?? 0, r.score);
  return { labels, reasons, scores };
}
