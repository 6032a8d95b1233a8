/**
 * The article as the rest of Dabir sees it, and the newsroom's rules about
 * its fields (pure).
 */
import { readFileSync } from 'node:fs';
import type { ArticleStatus } from '../storage/index.js';

/** An article as answered by the API and given to views. */
export interface Article {
  /** Database id (internal; not in public answers). */
  id: number;
  /** The news code (کد خبر). */
  code: number;
  slug: string;
  kicker: string;
  title: string;
  lead: string;
  /** Sanitized HTML. */
  body: string;
  source: string;
  service: { slug: string; name: string } | null;
  tags: Array<{ slug: string; name: string }>;
  author: { id: number; name: string } | null;
  status: ArticleStatus;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  views: number;
  commentsOpen: boolean;
}

/** A published story as a list shows it (front, service and tag pages, related stories): no body, no tags. */
export type ArticleSummary = Pick<Article, 'id' | 'code' | 'slug' | 'kicker' | 'title' | 'lead' | 'service'> & { publishedAt: Date };

/** What a writer sends to create or change a story (already schema-checked). */
export interface ArticleInput {
  title?: string | undefined;
  kicker?: string | undefined;
  lead?: string | undefined;
  body?: string | undefined;
  source?: string | undefined;
  service?: string | null | undefined;
  tags?: string[] | undefined;
  code?: number | undefined;
  status?: ArticleStatus | undefined;
  publishedAt?: string | Date | null | undefined;
  commentsOpen?: boolean | undefined;
}

/**
 * The range of news codes (کد خبر), the one rule everywhere: the API's schemas, the
 * newsroom's addresses, the page routes /news/{code} and the WordPress import. Whole
 * numbers from 1 to 2^31 - 1, so a code fits a 32-bit integer in every client.
 */
export const NEWS_CODE_MIN = 1;
export const NEWS_CODE_MAX = 2_147_483_647;

/** Whether this is a news code: a whole number in [NEWS_CODE_MIN, NEWS_CODE_MAX]. */
export function isNewsCode(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= NEWS_CODE_MIN && value <= NEWS_CODE_MAX;
}

/** A news code written in digits (Latin, Persian or Arabic-Indic), or undefined for anything else or out of range. */
export function parseNewsCode(text: string | undefined): number | undefined {
  const latin = String(text ?? '')
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660));
  if (!/^[0-9]{1,10}$/.test(latin)) return undefined;
  const n = Number(latin);
  return isNewsCode(n) ? n : undefined;
}

/** The message for a code out of range, for every surface. */
export const NEWS_CODE_MESSAGE = 'کد خبر باید عدد صحیحی از ۱ تا ۲٬۱۴۷٬۴۸۳٬۶۴۷ باشد';

export const LIMITS = {
  title: 300,
  kicker: 200,
  lead: 2000,
  source: 300,
  body: 500_000,
  tags: 30,
  tag: 60,
  service: 60,
  code: NEWS_CODE_MAX,
} as const;

/** Length in code points, as a reader counts letters (STYLE.md 15). */
export function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Checks an input against the newsroom's field rules; returns per-field
 * problems in Persian (empty when fine). `creating` requires a title.
 */
export function validateArticleInput(input: ArticleInput, creating: boolean): Record<string, string> {
  const problems: Record<string, string> = {};
  const text = (field: 'title' | 'kicker' | 'lead' | 'source', max: number) => {
    const v = input[field];
    if (v !== undefined && codePoints(v) > max) problems[field] = `حداکثر ${max} نویسه`;
  };
  if (creating || input.title !== undefined) {
    if (!input.title || !input.title.trim()) problems.title = 'تیتر لازم است';
  }
  text('title', LIMITS.title);
  text('kicker', LIMITS.kicker);
  text('lead', LIMITS.lead);
  text('source', LIMITS.source);
  if (input.body !== undefined && input.body.length > LIMITS.body) problems.body = `حداکثر ${LIMITS.body} نویسه`;
  if (input.tags) {
    if (input.tags.length > LIMITS.tags) problems.tags = `حداکثر ${LIMITS.tags} برچسب`;
    else if (input.tags.some((t) => !t.trim() || codePoints(t) > LIMITS.tag)) problems.tags = `هر برچسب ۱ تا ${LIMITS.tag} نویسه`;
  }
  if (input.service && codePoints(input.service) > LIMITS.service) problems.service = `حداکثر ${LIMITS.service} نویسه`;
  if (input.code !== undefined && !isNewsCode(input.code)) {
    problems.code = NEWS_CODE_MESSAGE;
  }
  if (input.publishedAt !== undefined && input.publishedAt !== null && Number.isNaN(toDate(input.publishedAt).getTime())) {
    problems.publishedAt = 'تاریخ انتشار باید به قالب ISO 8601 باشد';
  }
  return problems;
}

export function toDate(v: string | Date): Date {
  return v instanceof Date ? v : new Date(v);
}

/**
 * The status a story ends up in: "published" with a time in the future is
 * "scheduled"; a scheduled story whose time has come is "published".
 */
export function effectiveStatus(status: ArticleStatus, publishedAt: Date | null, now: Date): ArticleStatus {
  if (status === 'published' && publishedAt && publishedAt.getTime() > now.getTime()) return 'scheduled';
  if (status === 'scheduled' && publishedAt && publishedAt.getTime() <= now.getTime()) return 'published';
  return status;
}

/** The path of a story's page; the slug is percent-encoded. */
export function articlePath(code: number, slug: string): string {
  return slug ? `/news/${code}/${encodeURIComponent(slug)}` : `/news/${code}`;
}

/** Persian names of well-known section slugs (data/services.txt). */
export const KNOWN_SERVICES: ReadonlyMap<string, string> = new Map(
  readFileSync(new URL('./data/services.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [slug = '', name = ''] = l.split('\t');
      return [slug.trim(), name.trim()] as [string, string];
    }),
);
