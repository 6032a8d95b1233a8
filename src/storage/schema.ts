/**
 * The database as Kysely sees it. Times are UTC epoch milliseconds (bigint on
 * PostgreSQL, integer on SQLite) so both engines sort and compare them the same
 * way; flags are 0/1 integers for the same reason.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

export type ArticleStatus = 'draft' | 'review' | 'scheduled' | 'published' | 'unpublished';
export type Role = 'admin' | 'editor' | 'reporter' | 'moderator';

/** What a story is: an ordinary story, or a photo story (گزارش تصویری). */
export type ArticleKind = 'news' | 'photo';

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
  /** The lead photo: a media id (migration 0009). */
  image_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** The lead photo's caption for this story; null takes the media item's. */
  image_caption: ColumnType<string | null, string | null | undefined, string | null>;
  /** The lead photo's credit for this story («عکس: …»); null takes the media item's. */
  image_credit: ColumnType<string | null, string | null | undefined, string | null>;
  /** Breaking news (خبر فوری) until this instant (epoch ms); null when not breaking. */
  breaking_until: ColumnType<number | null, number | null | undefined, number | null>;
  /** `news`, or `photo` for a photo story (گزارش تصویری). */
  kind: ColumnType<ArticleKind, ArticleKind | undefined, ArticleKind>;
  /** A photo story's gallery: JSON array of {"id": media id, "caption"?: string}. */
  gallery: ColumnType<string, string | undefined, string>;
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
  /** When an administrator disabled the account (migration 0006); null while it may sign in. */
  disabled_at: ColumnType<number | null, number | null | undefined, number | null>;
  /** The author page's address segment, /author/{slug} (migration 0009); unique. */
  slug: ColumnType<string | null, string | null | undefined, string | null>;
  /** A short bio for the author page. */
  bio: ColumnType<string, string | undefined, string>;
  /** The author's photo: a media id. */
  photo_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  /** SHA-256 of the token; the token itself is shown once and never stored. */
  token_hash: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
  /** Space-separated scopes (migration 0007); null: everything the owner's role allows (tokens from before scopes). */
  scopes: ColumnType<string | null, string | null | undefined, string | null>;
  /** The owner's label for the token, shown in their list (migration 0007). */
  label: ColumnType<string | null, string | null | undefined, string | null>;
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
  /** 1 when the sender solved the proof-of-work challenge, 0 when the comment came without it (migration 0009). */
  challenged: ColumnType<number, number | undefined, number>;
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

/**
 * One findable story as search sees it: its search tokens and how many each field has.
 * Only published stories whose time has come have a row.
 */
export interface SearchDocsTable {
  article_id: number;
  /** The story's publication time (filters and the recency boost). */
  published_at: number;
  /** The story's service (the service filter). */
  service_id: number | null;
  /**
   * The tokens of title, kicker, lead, tags and body, in that order: each field's tokens
   * joined by spaces, the fields by a line feed, as UTF-16LE bytes. The ranker reads this for
   * hundreds of candidates a query, and UTF-16 is what JavaScript strings are: a copy, where
   * UTF-8 text would have to be decoded (twice the time, measured).
   */
  tokens: Buffer;
  title_len: number;
  kicker_len: number;
  lead_len: number;
  tags_len: number;
  body_len: number;
}

/** A search token and how many indexed stories hold it (document frequency). */
export interface SearchTermsTable {
  term: string;
  df: number;
  /**
   * Its script and consonant skeleton («l:tsp», «p:tsp»; see search `skeletonKey`), to find
   * a name written in the other script; null for tokens that have none (numbers).
   */
  skeleton: string | null;
}

/** Totals over `search_docs` for BM25: one row, id 1. */
export interface SearchStatsTable {
  id: number;
  docs: number;
  title_len: number;
  kicker_len: number;
  lead_len: number;
  tags_len: number;
  body_len: number;
}

export type ChannelKind = 'telegram' | 'bale' | 'eitaa';
export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'cancelled';

/** A messenger channel stories are posted to through a Telegram-style bot API. */
export interface ChannelsTable {
  id: Generated<number>;
  kind: ChannelKind;
  /** A name for editors («کانال تلگرام»). */
  name: ColumnType<string, string | undefined, string>;
  /** The bot API's base URL; null means the kind's default (src/channels/kinds.ts). */
  base_url: string | null;
  /** The bot's token: a secret, never in any answer. */
  token: string;
  /** The channel's chat id or @username. */
  chat_id: string;
  /** 1 while new stories are posted to it. */
  enabled: ColumnType<number, number | undefined, number>;
  created_at: number;
  updated_at: number;
}

/** One story to one channel: at most one row per pair (a unique constraint). */
export interface ChannelDeliveriesTable {
  id: Generated<number>;
  article_id: number;
  channel_id: number;
  status: DeliveryStatus;
  /** The short link the message carries, fixed when the row was made. */
  link: string;
  /** Sending attempts so far (a claim counts as one). */
  attempts: ColumnType<number, number | undefined, number>;
  /** Not to be tried before this instant. */
  next_attempt_at: number;
  /** Who holds the row while sending, and until when; an expired claim may be taken again. */
  claim_token: string | null;
  claimed_until: number | null;
  last_error: string | null;
  /** The messenger's id for the posted message. */
  message_id: string | null;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
}

/**
 * What an importer brought in from a source and what it became here (migration 0005): one
 * row per author, category, tag, post, page, attachment and comment, keyed by the source
 * (e.g. `wordpress:https://example.com`), the kind and the id the source gave it.
 */
export interface ImportMapTable {
  source: string;
  /** author | category | tag | post | page | attachment | comment */
  kind: string;
  /** The source's own id (a WordPress post or comment id, a term slug, an author login). */
  source_id: string;
  /** The row it became (users, services, tags, articles, comments); null for attachments. */
  target_id: number | null;
  /** The source id of its parent of the same kind (a parent category, page or comment), if any. */
  parent_id: string | null;
  /** A hash of what was written, so an unchanged thing is not written again. */
  checksum: string;
  imported_at: number;
}

/** A newsroom sign-in (migration 0006): one row per browser, found by the hash of its cookie. */
export interface SessionsTable {
  /** SHA-256 (hex) of the cookie's value; the value itself is never stored. */
  id: string;
  user_id: number;
  /** The token every form of this session carries (CSRF). */
  csrf_token: string;
  created_at: number;
  /** Last request seen (updated at most once a minute); idle sessions end. */
  last_seen_at: number;
  /** The session ends at this instant whatever happens. */
  expires_at: number;
}

/** A copy of a story as it was after one save (migration 0006). */
export interface RevisionsTable {
  id: Generated<number>;
  article_id: number;
  /** Who saved; null for a deleted account. */
  user_id: number | null;
  /** save | autosave | restore | status */
  kind: string;
  status: ArticleStatus;
  kicker: string;
  title: string;
  lead: string;
  /** Sanitized HTML, as stored in the story. */
  body: string;
  source: string;
  /** The service's slug, or ''. */
  service: string;
  /** JSON array of tag names. */
  tags: string;
  created_at: number;
}

/** An uploaded image (migration 0006); its files are DABIR_DATA/media/{file}-{width}.{ext}. */
export interface MediaTable {
  id: Generated<number>;
  /** The random base name of its files. */
  file: string;
  /** The uploaded format, kept beside WebP and AVIF: jpeg | png | webp | gif | avif. */
  format: string;
  /** Size of the largest rendition. */
  width: number;
  height: number;
  /** JSON array of the widths made, ascending. */
  widths: string;
  /** Bytes of the upload. */
  bytes: number;
  /** Text alternative; required before a story showing it is published. */
  alt: ColumnType<string, string | undefined, string>;
  /** The uploaded file's name, for finding it again (never used as a path). */
  original_name: ColumnType<string, string | undefined, string>;
  uploaded_by: number | null;
  /** Caption (migration 0009); a story may override it. */
  caption: ColumnType<string, string | undefined, string>;
  /** Credit, the photographer or agency (migration 0009); a story may override it. */
  credit: ColumnType<string, string | undefined, string>;
  created_at: number;
}

/** Views of a story on one day (migration 0006); `day` counts days from 1970-01-01 on Tehran's calendar. */
export interface DailyViewsTable {
  article_id: number;
  day: number;
  views: ColumnType<number, number | undefined, number>;
}

/** State every instance sees alike (used challenge solutions, sign-in lockouts); expires_at in epoch ms. */
export interface SharedStateTable {
  key: string;
  value: string;
  expires_at: number;
}

/** A simple editable page (migration 0009): about, contact, the comment policy; /page/{slug}. */
export interface PagesTable {
  slug: string;
  title: string;
  /** Sanitized HTML. */
  body: string;
  updated_at: number;
  updated_by: number | null;
}

export interface Database {
  pages: PagesTable;
  sessions: SessionsTable;
  revisions: RevisionsTable;
  media: MediaTable;
  daily_views: DailyViewsTable;
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
  search_docs: SearchDocsTable;
  search_terms: SearchTermsTable;
  search_stats: SearchStatsTable;
  channels: ChannelsTable;
  channel_deliveries: ChannelDeliveriesTable;
  import_map: ImportMapTable;
  shared_state: SharedStateTable;
}

export type ArticleRow = Selectable<ArticlesTable>;
export type NewArticleRow = Insertable<ArticlesTable>;
export type ArticleUpdate = Updateable<ArticlesTable>;
export type ServiceRow = Selectable<ServicesTable>;
export type TagRow = Selectable<TagsTable>;
export type UserRow = Selectable<UsersTable>;
export type CommentRow = Selectable<CommentsTable>;
export type ChannelRow = Selectable<ChannelsTable>;
export type DeliveryRow = Selectable<ChannelDeliveriesTable>;
