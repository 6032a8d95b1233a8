// The moderation engine's public face (STYLE.md 1): a pure engine that reads a comment the
// way an experienced Persian news-site moderator would and returns a verdict with reasons.
export { LABELS } from './types.js';
export type { EngineOptions, Label, LexiconEntry, ModerationInput, ModerationResult, Reason, Verdict } from './types.js';
export { createEngine, moderate, type Engine } from './engine.js';
export { normalizeForMatching } from './normalize.js';
export { createClassifier, classifierFromJSON, type Classifier, type ClassifierOptions, type ClassifierState } from './classifier.js';
