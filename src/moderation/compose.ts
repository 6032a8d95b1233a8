// compose(): runs the phases on each field, merges their findings, and applies the final
// policy: the most severe verdict wins, every applicable label is given (fixtures README).
import type { EngineContext, FieldContext } from './context.js';
import type { Phase } from './phases/index.js';
import type { Finding, Label, ModerationResult, Verdict } from './types.js';

const LABEL_ORDER: readonly Label[] = ['profanity', 'insult', 'accusation', 'spam', 'pii'];
const SEVERITY: Record<Verdict, number> = { allow: 0, review: 1, block: 2 };

/** Runs `phases` over the fields and decides. */
export function compose(phases: readonly Phase[], fields: readonly FieldContext[], engine: EngineContext): ModerationResult {
  const all: Finding[] = [];
  for (const field of fields) {
    const prior: Finding[] = [];
    for (const phase of phases) {
      // Once something blocks, expensive phases have nothing left to decide.
      if (phase.skipWhenBlocked && all.some((r) => r.severity === 'block')) continue;
      const out = phase.run({ field, engine, prior });
      if (out === undefined) continue;
      prior.push(...out.reasons);
      all.push(...out.reasons);
    }
  }
  return decide(all);
}

/** The final policy: findings → verdict, labels, ordered reasons, overall score. */
export function decide(findings: readonly Finding[]): ModerationResult {
  let verdict: Verdict = 'allow';
  for (const f of findings) if (SEVERITY[f.severity] > SEVERITY[verdict]) verdict = f.severity;
  const present = new Set(findings.map((f) => f.label));
  const labels = LABEL_ORDER.filter((l) => present.has(l));
  const ordered = [...findings].sort((a, b) => SEVERITY[b.severity] - SEVERITY[a.severity] || b.score - a.score);
  // Independent evidence adds up: 1 − Π(1 − s). A block is never ranked below a review.
  let keep = 1;
  for (const f of findings) keep *= 1 - Math.min(1, Math.max(0, f.score));
  let score = 1 - keep;
  if (verdict === 'block') score = Math.max(score, 0.9);
  else if (verdict === 'review') score = Math.min(Math.max(score, 0.5), 0.89);
  return {
    verdict,
    labels,
    reasons: ordered.map(({ severity: _severity, ...reason }) => reason),
    score: Math.round(score * 1000) / 1000,
  };
}
