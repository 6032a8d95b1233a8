/**
 * The database as Kysely sees it. Times are UTC epoch milliseconds (bigint on
 * PostgreSQL, integer on SQLite) so both engines sort and compare them the same
 * way; flags are 0/1 integers for the same reason.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

export type ArticleStatus = 'draft' | 'review' | 'scheduled' | 'published' | 'unpublished';
export type Role = 'admin' | 'editor' | 'reporter' | 'moderator';

export interface ArticlesTable {
  id: Generated<number>;
  /** The news code (کد خبر): unique, never reused. */
  code: number;
  slug: string;
  kicker: string;
  title: string;
  lead: string;
  /** Sanitized HTML. */
  body: string;
  source: string;
  service_id: number | null;
  author_id: number | null;
  status: ArticleStatus;
  /** When it was (or will be) published; null for drafts never published. */
  published_at: number | null;
  created_at: number;
  updated_at: number;
  /** Views flushed from the in-memory counters. */
  views: ColumnType<number, number | undefined, number>;
  /** 1 while readers may comment. */
  comments_open: ColumnType<number, number | undefined, number>;
}

export interface ServicesTable {
  id: Generated<number>;
  slug: string;
  name: string;
  position: ColumnType<number, number | undefined, number>;
}

export interface TagsTable {
  id: Generated<number>;
  slug: string;
  name: string;
}

export interface ArticleTagsTable {
  article_id: number;
  tag_id: number;
  position: number;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: Role;
  /** argon2id; null for accounts that cannot sign in (imported authors). */
  password_hash: string | null;
  created_at: number;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  /** SHA-256 of the token; the token itself is shown once and never stored. */
  token_hash: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface CountersTable {
  name: string;
  value: number;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface RedirectsTable {
  from_path: string;
  to_path: string;
}

export type CommentStatus = 'pending' | 'published' | 'rejected' | 'spam';

export interface CommentsTable {
  id: Generated<number>;
  article_id: number;
  /** The comment answered, if any. */
  parent_id: number | null;
  /** 0 for a top-level comment, parent's depth + 1 for a reply. */
  depth: number;
  name: string;
  /** Stored for moderators and notifications; never in any public answer. */
  email: string;
  /** Plain text as typed. */
  body: string;
  /** HMAC-SHA256 of the client address with the site's secret; the address itself is never stored. */
  client_hash: string;
  status: CommentStatus;
  /** The engine's verdict: allow | review | block. */
  verdict: string;
  /** JSON array of labels. */
  labels: string;
  /** JSON array of the engine's reasons (code, label, message, span, score). */
  reasons: string;
  /** The engine's overall badness 0..1, for ordering the queue. */
  score: number;
  created_at: number;
  /** Who decided last: a user id, or null for the engine. */
  decided_by: number | null;
  decided_at: number | null;
}

/** Append-only: every decision about a comment, the engine's and the moderators'. */
export interface ModerationLogTable {
  id: Generated<number>;
  comment_id: number;
  /** engine | approve | reject | spam */
  action: string;
  /** The comment's status after this decision. */
  status: CommentStatus;
  verdict: string | null;
  labels: string;
  reasons: string;
  /** null for the engine. */
  decided_by: number | null;
  created_at: number;
}

export interface BansTable {
  id: Generated<number>;
  /** email | client | name */
  kind: string;
  value: string;
  reason: string;
  created_by: number | null;
  created_at: number;
}

/** Words administrators add to the moderation lexicons, or innocent words to except. */
export interface ModerationTermsTable {
  id: Generated<number>;
  /** term | exception */
  kind: string;
  term: string;
  label: string | null;
  severity: string | null;
  created_by: number | null;
  created_at: number;
}

export interface Database {
  articles: ArticlesTable;
  services: ServicesTable;
  tags: TagsTable;
  article_tags: ArticleTagsTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  counters: CountersTable;
  settings: SettingsTable;
  redirects: RedirectsTable;
  comments: CommentsTable;
  moderation_log: ModerationLogTable;
  bans: BansTable;
  moderation_terms: ModerationTermsTable;
}

export type ArticleRow = Selectable<ArticlesTable>;
export type NewArticleRow = Insertable<ArticlesTable>;
export type ArticleUpdate = Updateable<ArticlesTable>;
export type ServiceRow = Selectable<ServicesTable>;
export type TagRow = Selectable<TagsTable>;
export type UserRow = Selectable<UsersTable>;
export type CommentRow = Selectable<CommentsTable>;
