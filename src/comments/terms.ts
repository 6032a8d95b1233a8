/**
 * The words and exceptions moderators add to the engine's lexicons (moderation_terms), for
 * both doors: the API's /moderation/terms and the newsroom's lexicon page. One set of rules:
 * a word is 1 to 100 letters (code points) once trimmed; a `term` needs one of the engine's
 * labels and may ask for a severity; an `exception` carries neither. Every change is
 * announced, and every instance reloads its engine (Moderator.reloadLexicon).
 */
import { permits, type User } from '../auth/index.js';
import { AppError } from '../errors/index.js';
import type { ChangeBus } from '../events/index.js';
import { LABELS, type Label } from '../moderation/index.js';
import type { Db } from '../storage/index.js';

/** The longest word or phrase, in code points. */
export const TERM_MAX = 100;

export interface TermView {
  id: number;
  /** `term`: a word to flag with its label; `exception`: an innocent word never to flag. */
  kind: 'term' | 'exception';
  /** The word or phrase as stored (trimmed). */
  term: string;
  /** The label a match carries (terms only). */
  label: string | null;
  /** `review` or `block` when the term asks for one; null: the label's default. */
  severity: string | null;
}

/** What a moderator asks to add; strings as typed (a form or a JSON body). */
export interface TermInput {
  kind: string;
  term: string;
  label?: string | undefined;
  severity?: string | undefined;
}

/** The row to store, or the reason it may not be (pure). */
export function checkTerm(input: TermInput): { kind: 'term' | 'exception'; term: string; label: Label | null; severity: 'review' | 'block' | null } {
  const term = input.term.trim();
  if (!term || [...term].length > TERM_MAX)
    throw new AppError('validation_failed', { message: 'واژه باید ۱ تا ۱۰۰ نویسه باشد.', fields: { term: 'واژه باید ۱ تا ۱۰۰ نویسه باشد.' } });
  if (input.kind !== 'term' && input.kind !== 'exception') throw new AppError('validation_failed', { message: 'نوع واژه نامعتبر است.' });
  if (input.kind === 'exception') return { kind: 'exception', term, label: null, severity: null };
  const label = LABELS.find((l) => l === input.label);
  if (!label) throw new AppError('validation_failed', { message: 'برای واژه برچسب انتخاب کنید.', fields: { label: 'برچسب واژه لازم است.' } });
  const severity = input.severity === 'review' || input.severity === 'block' ? input.severity : null;
  return { kind: 'term', term, label, severity };
}

function requireLexicon(actor: User): void {
  if (!permits(actor, 'moderation.lexicon')) throw new AppError('forbidden');
}

/** Every added word and exception, oldest first. */
export async function listTerms(db: Db, actor: User): Promise<TermView[]> {
  requireLexicon(actor);
  const rows = await db.selectFrom('moderation_terms').select(['id', 'kind', 'term', 'label', 'severity']).orderBy('id').execute();
  return rows.map((r) => ({ ...r, kind: r.kind === 'exception' ? 'exception' : 'term' }));
}

/** Adds a word (with its label) or an innocent word to except; the same word twice is one. */
export async function addTerm(deps: { db: Db; bus: ChangeBus; now: () => Date }, input: TermInput, actor: User): Promise<void> {
  requireLexicon(actor);
  const row = checkTerm(input);
  await deps.db
    .insertInto('moderation_terms')
    .values({ ...row, created_by: actor.id, created_at: deps.now().getTime() })
    .onConflict((oc) => oc.columns(['kind', 'term']).doNothing())
    .execute();
  await deps.bus.publish(['moderation:lexicon']);
}

export async function removeTerm(deps: { db: Db; bus: ChangeBus }, id: number, actor: User): Promise<void> {
  requireLexicon(actor);
  await deps.db.deleteFrom('moderation_terms').where('id', '=', id).execute();
  await deps.bus.publish(['moderation:lexicon']);
}
