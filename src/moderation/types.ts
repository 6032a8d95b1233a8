// The engine's public types (re-exported by index.ts) and the internal shapes the phases share.

/** The kinds of problem the comment policy names, in the order results list them. */
export const LABELS = ['profanity', 'insult', 'accusation', 'spam', 'pii'] as const;

/** One of LABELS. */
export type Label = (typeof LABELS)[number];

/** allow: publishable; review: a moderator must look; block: never publishable as written. */
export type Verdict = 'allow' | 'review' | 'block';

/** One reason for a verdict: a row of the decision log (STYLE.md 6). */
export interface Reason {
  /** Stable machine code, e.g. 'profanity.lexicon', 'pii.national-code'; code branches on this. */
  code: string;
  /** The label this reason supports. */
  label: Label;
  /** Persian, human-readable, names what matched, for the moderator. */
  message: string;
  /** Which part of the comment the reason is about. */
  field: 'text' | 'name';
  /**
   * Where in that field: offsets into the ORIGINAL string in UTF-16 code units (what
   * String.prototype.slice takes), and the original substring. Absent for reasons about the
   * whole comment (the classifier).
   */
  span?: { start: number; end: number; match: string };
  /** Confidence of this reason, 0..1. */
  score: number;
}

/** A comment to moderate. */
export interface ModerationInput {
  /** The comment body exactly as typed. */
  text: string;
  /** The name the commenter typed, if any; it is moderated too. */
  name?: string;
}

/** The engine's answer. */
export interface ModerationResult {
  /** The most severe verdict among the reasons; 'allow' when there are none. */
  verdict: Verdict;
  /** Every label with at least one reason, in the order profanity, insult, accusation, spam, pii. */
  labels: Label[];
  /** The reasons, most severe and most certain first. */
  reasons: Reason[];
  /** Overall badness 0..1, for ordering a moderation queue. */
  score: number;
}

/** A word the caller adds to the engine's lexicons. */
export interface LexiconEntry {
  /** The word or phrase; spaces mean the parts may also be joined or half-spaced. */
  term: string;
  /** The label a match carries. */
  label: Label;
  /** The verdict a match gives; by default block for profanity and spam, review otherwise. */
  severity?: 'review' | 'block';
}

/** Options of createEngine(). */
export interface EngineOptions {
  /** Words to add to the built-in lexicons, matched like them (suffixes, spacing, masks). */
  extraTerms?: LexiconEntry[];
  /** Innocent words never to flag, added to the built-in exceptions. */
  exceptions?: string[];
  /**
   * A learned signal (see createClassifier). Given the normalized text it returns the
   * probability that moderators would reject the comment. It can only raise a comment to
   * review; it never blocks.
   */
  classifier?: { score(normalizedText: string): number };
  /** The classifier probability from which a comment goes to review; default 0.9. */
  classifierThreshold?: number;
}

/** A reason as the phases produce it: with the verdict it asks for. */
export interface Finding extends Reason {
  /** review: a moderator must look; block: never publishable. */
  severity: 'review' | 'block';
}

/** What a phase returns: labels, the reasons for them and a score per label (STYLE.md 5). */
export interface PhaseOutput {
  labels: Label[];
  reasons: Finding[];
  scores: Partial<Record<Label, number>>;
}
