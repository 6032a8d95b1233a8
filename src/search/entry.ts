/**
 * A story's search entry (pure): the search tokens of each field, made with the synonym
 * table the queries use. Only a published story whose time has come has one.
 */
import { htmlToText } from '../articles/index.js';
import { searchTokens, type Synonyms } from '../persian/index.js';
import type { SearchEntry, StoryText } from './store.js';

/**
 * Body tokens indexed at most. A story's body may hold 500,000 characters; nobody searches
 * for its 20,001st word, and both engines must index the same tokens.
 */
export const MAX_BODY_TOKENS = 20_000;

/** Whether a story may be found: published, and its publication time has come. */
export function isFindable(story: Pick<StoryText, 'status' | 'publishedAt'>, now: number): boolean {
  return story.status === 'published' && story.publishedAt !== null && story.publishedAt <= now;
}

/** The search entry of a story, or null when it must not be found at `now`. */
export function searchEntry(story: StoryText, now: number, synonyms: Synonyms): SearchEntry | null {
  if (!isFindable(story, now) || story.publishedAt === null) return null;
  const tokens = (text: string) => (text === '' ? [] : searchTokens(text, { synonyms }));
  return {
    articleId: story.id,
    publishedAt: story.publishedAt,
    serviceId: story.serviceId,
    fields: {
      title: tokens(story.title),
      kicker: tokens(story.kicker),
      lead: tokens(story.lead),
      tags: tokens(story.tags.join('\n')),
      body: tokens(htmlToText(story.body)).slice(0, MAX_BODY_TOKENS),
    },
  };
}
