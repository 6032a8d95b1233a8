/**
 * The instance's moderation engine, kept current: the built-in lexicons plus
 * the words and exceptions administrators added (moderation_terms), and the
 * classifier learned from moderators' decisions. Rebuilt when the lexicon
 * changes on any instance; taught by every decision on any instance.
 */
import {
  createClassifier,
  createEngine,
  type Classifier,
  type Engine,
  LABELS,
  type Label,
  type LexiconEntry,
  type ModerationInput,
  type ModerationResult,
} from '../moderation/index.js';
import type { Db } from '../storage/index.js';
import { decidedExamples, findComment, moderationTerms } from './store.js';

const KNOWN_LABELS: ReadonlySet<string> = new Set(LABELS);
/** Decisions replayed into the classifier at start. */
const MAX_EXAMPLES = 50_000;

export class Moderator {
  private readonly classifier: Classifier = createClassifier();
  private readonly learned = new Set<number>();
  private engine: Engine;

  constructor(private readonly options: { classifierThreshold?: number } = {}) {
    this.engine = this.build([], []);
  }

  private build(extraTerms: LexiconEntry[], exceptions: string[]): Engine {
    return createEngine({ extraTerms, exceptions, classifier: this.classifier, classifierThreshold: this.options.classifierThreshold ?? 0.9 });
  }

  moderate(input: ModerationInput): ModerationResult {
    return this.engine.moderate(input);
  }

  /** Teaches the classifier one decision, once per comment on this instance. */
  learn(commentId: number, body: string, bad: boolean): void {
    if (this.learned.has(commentId)) return;
    this.learned.add(commentId);
    this.classifier.learn(body, bad);
  }

  /** A decision made on another instance: fetch it and learn. */
  async learnFrom(db: Db, commentId: number): Promise<void> {
    if (this.learned.has(commentId)) return;
    const comment = await findComment(db, commentId);
    if (comment && comment.decidedBy !== null) this.learn(commentId, comment.body, comment.status !== 'published');
  }

  /** Loads the administrators' words and replays past decisions. */
  async load(db: Db): Promise<void> {
    await this.reloadLexicon(db);
    for (const example of await decidedExamples(db, MAX_EXAMPLES)) this.classifier.learn(example.body, example.bad);
  }

  async reloadLexicon(db: Db): Promise<void> {
    const rows = await moderationTerms(db);
    const extraTerms: LexiconEntry[] = rows
      .filter((r) => r.kind === 'term' && r.label !== null && KNOWN_LABELS.has(r.label))
      .map((r) => ({ term: r.term, label: r.label as Label, ...(r.severity === 'review' || r.severity === 'block' ? { severity: r.severity } : {}) }));
    const exceptions = rows.filter((r) => r.kind === 'exception').map((r) => r.term);
    this.engine = this.build(extraTerms, exceptions);
  }
}
