// The engine: builds its lexicon once, then moderates comments with no I/O at all.
import { prepareField, type EngineContext, type FieldContext } from './context.js';
import { compose } from './compose.js';
import { Lexicon } from './lexicon.js';
import { PHASES } from './phases/index.js';
import type { EngineOptions, ModerationInput, ModerationResult } from './types.js';

/** A moderation engine with its own lexicon and options. */
export interface Engine {
  /** Judges one comment. Pure: the same input always gives the same result. */
  moderate(input: ModerationInput): ModerationResult;
}

/** Builds an engine; extra terms, exceptions and a classifier are per engine. */
export function createEngine(options: EngineOptions = {}): Engine {
  const lexicon = new Lexicon(options.extraTerms ?? [], options.exceptions ?? []);
  const engine: EngineContext = {
    lexicon,
    classifier: options.classifier,
    classifierThreshold: options.classifierThreshold ?? 0.9,
  };
  return {
    moderate(input) {
      const text = typeof input.text === 'string' ? input.text : '';
      const fields: FieldContext[] = [prepareField('text', text, lexicon)];
      if (typeof input.name === 'string' && input.name.trim() !== '') fields.push(prepareField('name', input.name, lexicon));
      return compose(PHASES, fields, engine);
    },
  };
}

let defaultEngine: Engine | undefined;

/** Moderates with the default engine (built-in lexicons, no classifier). */
export function moderate(input: ModerationInput): ModerationResult {
  defaultEngine ??= createEngine();
  return defaultEngine.moderate(input);
}
