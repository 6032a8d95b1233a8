/**
 * `dabir import-wxr`: a WordPress export (WXR) into Dabir, in two passes.
 *
 * 1. Read: the file is streamed through the WXR reader and every author,
 *    term, item and comment is written to a scratch spool (spool.ts). Nothing
 *    touches the site's database in this pass, so a file that is not XML, not
 *    WXR, or broken half-way stops the import with the line of the problem
 *    and the site exactly as it was.
 * 2. Write: the spool is read back in file order. Authors become users
 *    without passwords, categories services, tags tags, posts and pages
 *    stories (through the article service, which validates, sanitizes and
 *    hands out codes), comments comments, and every old address a redirect.
 *    Each story is written in one transaction together with its service,
 *    tags, redirects and import-map row; its comments in a second one. The
 *    import map (migration 0005) remembers what each WordPress thing became
 *    and a checksum of what was written, so a second run writes only what
 *    changed and never makes a duplicate; a run stopped by a crash is
 *    finished by running it again.
 *
 * A dry run does both passes and writes nothing: it answers what would be
 * created, updated or left as it is.
 */
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { articlePath, createArticle, isNewsCode, LIMITS, updateArticle, type Article, type ArticleDeps, type ArticleInput } from '../articles/index.js';
import { createUserIfAbsent, findUserByEmail, type User } from '../auth/index.js';
import { clientHash, COMMENT_LIMITS, MAX_DEPTH } from '../comments/index.js';
import { isAppError } from '../errors/index.js';
import { articleKeys } from '../events/index.js';
import type { ModerationInput, ModerationResult } from '../moderation/index.js';
import { toLatinDigits } from '../persian/index.js';
import type { CommentStatus, Db } from '../storage/index.js';
import { contentToHtml } from './content.js';
import { wpDate } from './dates.js';
import { MediaCopier, uploadsPath, type SkippedUpload } from './media.js';
import {
  categoryPaths,
  chooseService,
  commentStatus,
  feedRedirects,
  itemDates,
  itemKind,
  itemTags,
  ownPath,
  queryKey,
  redirectKey,
  siteAddress,
  storyPaths,
  storyStatus,
  termSlug,
  type SiteAddress,
} from './plan.js';
import type { AttachmentRef, ShortcodeContext } from './shortcodes.js';
import { Spool, type SpoolRecord } from './spool.js';
import {
  commentsOfStory,
  completeStory,
  findImportedComment,
  findMapping,
  findMappings,
  findStories,
  hasImportMap,
  insertImportedComment,
  logImportedComments,
  saveMapping,
  saveMappings,
  saveRedirects,
  saveService,
  saveTag,
  updateImportedComment,
  userExists,
  type ImportedComment,
  type MapRow,
} from './store.js';
import { decodePath, decodeSlug, escapeHtml, plainText, truncate } from './text.js';
import { readWxr, WxrParser, type WxrAuthor, type WxrComment, type WxrItem, type WxrTerm } from './wxr.js';

/** Bumped when the importer writes something differently, so a second run rewrites what it wrote before. */
export const IMPORTER_VERSION = 1;

export interface ImportOptions {
  /** The WXR file. */
  file: string;
  /** A custom field (post meta key) holding the news code; used when present and free. */
  codeField?: string | undefined;
  /** A copy of the old site's wp-content/uploads; files found there are copied into the media folder. */
  uploadsDir?: string | undefined;
  /** Read, check and compare, but write nothing. */
  dryRun?: boolean | undefined;
  /** Post types imported as stories (default: `post`). Pages always are. */
  postTypes?: string[] | undefined;
  /** The exporting site's time zone, for dates WordPress left without UTC (default Asia/Tehran). */
  timeZone?: string | undefined;
  /** Where the scratch spool goes (default: the system's temporary folder). */
  spoolDir?: string | undefined;
  /** Hears how far the import is. */
  onProgress?: ((progress: ImportProgress) => void) | undefined;
}

export interface ImportProgress {
  /** `read`: bytes of the file; `write`: items. */
  phase: 'read' | 'write';
  done: number;
  total: number;
  stories: number;
  comments: number;
}

/** What the import needs from the rest of the program. */
export interface ImportDeps {
  /** The article service's dependencies; its `now` is the import's clock. */
  articles: ArticleDeps;
  /** DABIR_DATA/media */
  mediaDir: string;
  /** The moderation engine, whose verdict orders imported comments that wait in the queue. */
  moderator: { moderate(input: ModerationInput): ModerationResult };
  /** The site's key for hashing commenters' addresses (siteSecret 'client'). */
  clientKey: string;
}

/** Things of one kind: new, changed, or found as they were. */
export interface Tally {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportReport {
  file: string;
  /** The import map's name for the exporting site. */
  source: string;
  dryRun: boolean;
  /** Items in the file (posts, pages, attachments and anything else). */
  items: number;
  stories: Tally;
  pages: Tally;
  attachments: Tally;
  authors: Tally;
  services: Tally;
  tags: Tally;
  comments: Tally;
  /** The file's comments that were imported, by the status they have here. */
  commentsByStatus: Record<CommentStatus, number>;
  /** Redirects written (or that would be). */
  redirects: number;
  /** Files copied into the media folder (or that would be). */
  mediaFiles: number;
  /**
   * Files of the uploads folder the export pointed at that were not copied because they
   * are not plainly regular files inside it (a symbolic link, a file in a linked folder, a
   * FIFO, a device): counted, and the first ones listed with the reason. They keep their old address.
   */
  uploadsSkipped: number;
  uploadsSkippedFiles: SkippedUpload[];
  /** What was left out and why (`type revision`, `status auto-draft`, `comment trash`…). */
  skipped: Record<string, number>;
  /** Every warning, counted; the first ones kept with their line. */
  warningCount: number;
  warnings: string[];
  /** Control characters XML forbids, dropped while reading (WordPress writes them as they are). */
  controlCharacters: number;
  readMs: number;
  writeMs: number;
}

const MAX_WARNINGS = 50;

/** What a page of items became on earlier runs. */
interface KnownItems {
  /** `kind:post id` → import-map row. */
  mappings: Map<string, MapRow>;
  /** Stories the mappings point at that are still there, by id. */
  stories: Map<number, { id: number; code: number }>;
}

type SpooledComment = WxrComment & { line: number };
const tally = (): Tally => ({ created: 0, updated: 0, unchanged: 0 });
const checksum = (value: unknown): string => createHash('sha1').update(JSON.stringify(value)).digest('base64url');

/** The item's own `<link>` path when it is not a query address. */
function linkPath(item: WxrItem, site: SiteAddress): string | undefined {
  if (item.link.includes('?')) return undefined;
  const path = ownPath(item.link, site);
  return path === undefined ? undefined : redirectKey(path);
}

class WxrImport {
  readonly report: ImportReport;
  private readonly db: Db;
  private readonly now: number;
  private readonly dryRun: boolean;
  private readonly postTypes: ReadonlySet<string>;
  private readonly timeZone: string;
  private site: SiteAddress = { hosts: new Set(), basePath: '' };
  private source = '';
  private media!: MediaCopier;
  private mapReady = true;
  /** Category slug → parent slug, from the whole file (first pass). */
  readonly categoryParents = new Map<string, string>();
  /** Caches of what this run has resolved: login → user id, slug → service/tag id (-1 in a dry run). */
  private readonly authors = new Map<string, number>();
  private readonly services = new Map<string, number>();
  private readonly tags = new Map<string, number>();
  private done = 0;
  private total = 0;

  constructor(
    private readonly deps: ImportDeps,
    private readonly options: ImportOptions,
    private readonly spool: Spool,
  ) {
    this.db = deps.articles.db;
    this.now = deps.articles.now().getTime();
    this.dryRun = options.dryRun === true;
    this.postTypes = new Set(options.postTypes?.length ? options.postTypes : ['post']);
    this.timeZone = options.timeZone ?? 'Asia/Tehran';
    this.report = {
      file: options.file,
      source: '',
      dryRun: this.dryRun,
      items: 0,
      stories: tally(),
      pages: tally(),
      attachments: tally(),
      authors: tally(),
      services: tally(),
      tags: tally(),
      comments: tally(),
      commentsByStatus: { published: 0, pending: 0, spam: 0, rejected: 0 },
      redirects: 0,
      mediaFiles: 0,
      uploadsSkipped: 0,
      uploadsSkippedFiles: [],
      skipped: {},
      warningCount: 0,
      warnings: [],
      controlCharacters: 0,
      readMs: 0,
      writeMs: 0,
    };
  }

  warn(line: number | undefined, message: string): void {
    this.report.warningCount++;
    if (this.report.warnings.length < MAX_WARNINGS) this.report.warnings.push(line ? `line ${line}: ${message}` : message);
  }

  private skip(reason: string): void {
    this.report.skipped[reason] = (this.report.skipped[reason] ?? 0) + 1;
  }

  private progress(): void {
    this.options.onProgress?.({
      phase: 'write',
      done: this.done,
      total: this.total,
      stories: this.report.stories.created + this.report.stories.updated + this.report.stories.unchanged,
      comments: this.report.comments.created + this.report.comments.updated + this.report.comments.unchanged,
    });
  }

  /** What this source's thing became here; `db` is the open transaction when there is one (SQLite has one connection). */
  private async mapping(kind: string, sourceId: string, db: Db = this.db): Promise<MapRow | undefined> {
    if (!this.mapReady) return undefined;
    return findMapping(db, this.source, kind, sourceId);
  }

  private async redirects(db: Db, pairs: Array<[string, string]>): Promise<void> {
    // A redirect to itself would loop; a page at the old address is already there.
    const useful = pairs.filter(([from, to]) => from !== decodePath(to));
    if (this.dryRun) this.report.redirects += useful.length;
    else this.report.redirects += await saveRedirects(db, useful);
  }

  /** Second pass: everything the spool holds, in file order, a page of records at a time. */
  async write(channel: { baseBlogUrl: string; baseSiteUrl: string; link: string }, items: number): Promise<void> {
    this.site = siteAddress([channel.baseBlogUrl, channel.baseSiteUrl, channel.link]);
    const home = (channel.baseBlogUrl || channel.baseSiteUrl || channel.link).replace(/\/+$/, '');
    this.source = `wordpress:${home || basename(this.options.file)}`;
    this.report.source = this.source;
    this.media = new MediaCopier({ uploadsDir: this.options.uploadsDir, mediaDir: this.deps.mediaDir, site: this.site, dryRun: this.dryRun });
    this.mapReady = await hasImportMap(this.db);
    this.total = items;
    await this.redirects(this.db, feedRedirects(this.site));
    for (const page of this.spool.pages()) {
      // SQLite answers synchronously, so without this the whole pass would be one chain of
      // promises and the process would not hear a signal (Ctrl-C) until the end.
      await new Promise((resolve) => setImmediate(resolve));
      const known = await this.knownItems(page);
      for (const record of page) {
        if (record.type === 'author') await this.author(record.author);
        else if (record.type === 'term') await this.term(record.term, record.line);
        else {
          await this.item(record.item, record.ordinal, known);
          this.done++;
          this.progress();
        }
      }
    }
    this.report.mediaFiles = this.media.copied;
    this.report.uploadsSkipped = this.media.skippedCount;
    this.report.uploadsSkippedFiles = [...this.media.skipped];
    if (this.media.missing > 0 && this.options.uploadsDir)
      this.warn(undefined, `${this.media.missing} uploaded files were not in ${this.options.uploadsDir}; their old addresses were kept`);
  }

  /**
   * What a page of items became on earlier runs, in two queries rather than
   * two per item: their import-map rows, and which of their stories are still there.
   */
  private async knownItems(page: SpoolRecord[]): Promise<KnownItems> {
    const ids = page.flatMap((r) => (r.type === 'item' && /^[0-9]{1,18}$/.test(r.item.postId.trim()) ? [r.item.postId.trim()] : []));
    const mappings = this.mapReady ? await findMappings(this.db, this.source, ['post', 'page', 'attachment'], ids) : new Map<string, MapRow>();
    const targets = [...mappings].filter(([k, m]) => !k.startsWith('attachment:') && m.target_id !== null).map(([, m]) => m.target_id!);
    return { mappings, stories: await findStories(this.db, targets) };
  }

  // ── Authors ──────────────────────────────────────────────────────────────

  /** The user an author login stands for, made (a reporter without a password) on first sight. */
  private async author(a: Partial<WxrAuthor> & { login: string }): Promise<number> {
    const login = a.login.trim() || 'wordpress';
    const cached = this.authors.get(login);
    if (cached !== undefined) return cached;
    const mapped = await this.mapping('author', login);
    if (mapped?.target_id != null && (await userExists(this.db, mapped.target_id))) {
      this.report.authors.unchanged++;
      this.authors.set(login, mapped.target_id);
      return mapped.target_id;
    }
    const email = this.authorEmail(a.email ?? '', login);
    const name = plainText(a.displayName || [a.firstName, a.lastName].filter(Boolean).join(' ') || login).slice(0, 100) || login;
    // An author who already has an account here (the same email) keeps it, untouched.
    const existing = await findUserByEmail(this.db, email);
    let id: number;
    if (existing) {
      id = existing.id;
      this.report.authors.unchanged++;
    } else if (this.dryRun) {
      id = -1;
      this.report.authors.created++;
    } else {
      const made =
        (await createUserIfAbsent(this.db, { email, name, role: 'reporter', password: null, now: new Date(this.now) })) ??
        (await findUserByEmail(this.db, email));
      id = made!.id;
      this.report.authors.created++;
    }
    if (!this.dryRun)
      await saveMapping(this.db, {
        source: this.source,
        kind: 'author',
        sourceId: login,
        targetId: id,
        parentId: null,
        checksum: checksum({ email, name }),
        now: this.now,
      });
    this.authors.set(login, id);
    return id;
  }

  private authorEmail(email: string, login: string): string {
    const e = email.trim().toLowerCase();
    if (/^[^\s@<>()]{1,64}@[^\s@<>()]{1,189}$/.test(e)) return e;
    const host = [...this.site.hosts][0] ?? 'wordpress';
    const local =
      login
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'author';
    return `${local}@${host.replace(/:\d+$/, '')}.invalid`;
  }

  // ── Categories and tags ──────────────────────────────────────────────────

  private async term(t: WxrTerm, line: number): Promise<void> {
    if (t.taxonomy === 'category') await this.category(t, line);
    else if (t.taxonomy === 'post_tag') await this.tag({ slug: termSlug({ nicename: t.slug, name: t.name }), name: t.name });
    else this.skip(`taxonomy ${t.taxonomy || '(none)'}`);
  }

  private chain(slug: string): string[] {
    const out: string[] = [];
    for (let p = this.categoryParents.get(slug); p && out.length < 20 && !out.includes(p); p = this.categoryParents.get(p)) out.unshift(p);
    return out;
  }

  /** A category becomes a service with the category's slug (decoded) and name. */
  private async category(t: Pick<WxrTerm, 'slug' | 'name' | 'id' | 'parent'>, line?: number): Promise<number> {
    const slug = termSlug({ nicename: t.slug, name: t.name });
    const cached = this.services.get(slug);
    if (cached !== undefined) return cached;
    if (!slug) {
      this.warn(line, 'a category without a slug or a name was left out');
      return -1;
    }
    const name = truncate(plainText(t.name) || slug, LIMITS.service);
    const parent = decodeSlug(t.parent).toLowerCase() || null;
    const to = `/service/${encodeURIComponent(slug)}`;
    const chain = this.chain(slug);
    const paths: Array<[string, string]> = [];
    for (const path of categoryPaths(slug, t.id, chain, this.site)) {
      paths.push([path, to]);
      if (!path.includes('?')) paths.push([`${path}/feed`, `${to}/rss.xml`]);
    }
    const sum = checksum({ v: IMPORTER_VERSION, name, parent, paths });
    const mapped = await this.mapping('category', slug);
    let id = -1;
    if (mapped?.target_id != null && mapped.checksum === sum) {
      id = mapped.target_id;
      this.report.services.unchanged++;
    } else if (this.dryRun) {
      const exists = (await this.db.selectFrom('services').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined;
      this.report.services[mapped ? 'updated' : exists ? 'unchanged' : 'created']++;
      this.report.redirects += paths.length;
    } else {
      const saved = await saveService(this.db, slug, name, mapped !== undefined);
      id = saved.id;
      this.report.services[saved.created ? 'created' : mapped || saved.renamed ? 'updated' : 'unchanged']++;
      await this.redirects(this.db, paths);
      await saveMapping(this.db, { source: this.source, kind: 'category', sourceId: slug, targetId: id, parentId: parent, checksum: sum, now: this.now });
    }
    this.services.set(slug, id);
    return id;
  }

  /**
   * A tag keeps its WordPress slug (decoded), so its old address /tag/{slug}
   * is its address here too and needs no redirect.
   */
  private async tag(t: { slug: string; name: string }): Promise<number> {
    const cached = this.tags.get(t.slug);
    if (cached !== undefined) return cached;
    if (!t.slug) return -1;
    const name = truncate(plainText(t.name) || t.slug, LIMITS.tag);
    const sum = checksum({ v: IMPORTER_VERSION, name });
    const mapped = await this.mapping('tag', t.slug);
    let id = -1;
    if (mapped?.target_id != null && mapped.checksum === sum) {
      id = mapped.target_id;
      this.report.tags.unchanged++;
    } else if (this.dryRun) {
      const exists = (await this.db.selectFrom('tags').select('id').where('slug', '=', t.slug).executeTakeFirst()) !== undefined;
      this.report.tags[mapped ? 'updated' : exists ? 'unchanged' : 'created']++;
    } else {
      const saved = await saveTag(this.db, t.slug, name, mapped !== undefined);
      id = saved.id;
      this.report.tags[saved.created ? 'created' : mapped || saved.renamed ? 'updated' : 'unchanged']++;
      await saveMapping(this.db, { source: this.source, kind: 'tag', sourceId: t.slug, targetId: id, parentId: null, checksum: sum, now: this.now });
    }
    this.tags.set(t.slug, id);
    return id;
  }

  // ── Items ────────────────────────────────────────────────────────────────

  private async item(item: WxrItem, ordinal: number, known: KnownItems): Promise<void> {
    const kind = itemKind(item, this.postTypes);
    if (typeof kind === 'object') {
      this.skip(kind.skip);
      this.skipComments(ordinal);
      return;
    }
    if (!/^[0-9]{1,18}$/.test(item.postId.trim())) {
      this.warn(item.line, 'an item without a <wp:post_id> was left out');
      this.skip('no post id');
      this.skipComments(ordinal);
      return;
    }
    const mapped = known.mappings.get(`${kind}:${item.postId.trim()}`);
    if (kind === 'attachment') await this.attachment(item, mapped);
    else {
      const written = await this.story(item, ordinal, kind, mapped, mapped?.target_id != null ? known.stories.get(mapped.target_id) : undefined);
      // An id that comes twice in a file is the same post: the second is an update, not a new story.
      if (written) {
        known.mappings.set(`${kind}:${item.postId.trim()}`, { target_id: written.id, parent_id: null, checksum: written.checksum });
        known.stories.set(written.id, { id: written.id, code: written.code });
      }
    }
  }

  private skipComments(ordinal: number): void {
    const n = this.spool.comments(ordinal).length;
    if (n > 0) this.report.skipped['comment of a skipped item'] = (this.report.skipped['comment of a skipped item'] ?? 0) + n;
  }

  private attachmentRef(id: number): AttachmentRef | undefined {
    const a = this.spool.attachment(id);
    if (!a) return undefined;
    const url = (a.file ? this.media.fileFor(a.file) : this.media.urlFor(a.url)) ?? a.url;
    return url ? { url, title: plainText(a.title), caption: plainText(a.caption) } : undefined;
  }

  private shortcodeContext(postId: number): ShortcodeContext {
    return {
      attachment: (id) => this.attachmentRef(id),
      postAttachments: () =>
        this.spool
          .attachmentsOf(postId)
          .map((a) => this.attachmentRef(a.id))
          .filter((a): a is AttachmentRef => a !== undefined),
    };
  }

  /** The body WordPress would show, with the featured image first when its file was brought here. */
  private body(item: WxrItem): string {
    const postId = Number(item.postId);
    let body = contentToHtml(item.content, { shortcodes: this.shortcodeContext(postId), rewriteUrl: (url) => this.media.urlFor(url) });
    const thumb = Number(item.meta._thumbnail_id ?? '');
    if (Number.isInteger(thumb) && thumb > 0) {
      const image = this.attachmentRef(thumb);
      if (image?.url.startsWith('/media/') && !body.includes(image.url)) {
        const img = `<img src="${escapeHtml(image.url)}" alt="${escapeHtml(image.title)}" />`;
        body = `<figure>${img}${image.caption ? `<figcaption>${escapeHtml(image.caption)}</figcaption>` : ''}</figure>\n${body}`;
      }
    }
    if (body.length > LIMITS.body) {
      this.warn(item.line, `post ${item.postId}: the body was cut to ${LIMITS.body} characters`);
      body = body.slice(0, LIMITS.body);
    }
    return body;
  }

  /** Writes a post or page as a story (and its comments); answers what it became, with its checksum. */
  private async story(
    item: WxrItem,
    ordinal: number,
    kind: 'post' | 'page',
    mapped: MapRow | undefined,
    existing: { id: number; code: number } | undefined,
  ): Promise<{ id: number; code: number; checksum: string } | undefined> {
    const tallyOf = kind === 'post' ? this.report.stories : this.report.pages;
    const status = storyStatus(item);
    if (!status) {
      this.skip(`status ${item.status}`);
      this.skipComments(ordinal);
      return undefined;
    }
    if (item.postPassword && status === 'unpublished' && item.status !== 'private') {
      this.warn(item.line, `post ${item.postId} is protected by a password; it was imported unpublished`);
    }
    const id = item.postId.trim();
    const { published, modified } = itemDates(item, this.timeZone, new Date(this.now));
    const title = truncate(plainText(item.title), LIMITS.title) || 'بدون عنوان';
    const input: ArticleInput = {
      title,
      lead: truncate(plainText(item.excerpt), LIMITS.lead),
      body: this.body(item),
      status,
      publishedAt: published,
      commentsOpen: item.commentStatus !== 'closed',
    };
    const { service, extra } = kind === 'post' ? chooseService(item.terms, (slug) => this.categoryParents.get(slug)) : { service: undefined, extra: [] };
    const tagList = kind === 'post' ? [...itemTags(item.terms), ...extra] : [];
    const paths = storyPaths(item, kind, this.site);
    const sum = checksum({
      v: IMPORTER_VERSION,
      kind,
      input: { ...input, publishedAt: published.toISOString() },
      service: service?.slug ?? null,
      tags: tagList.map((t) => t.slug),
      author: item.creator,
      modified: modified.getTime(),
      paths,
    });

    let target: { id: number; code: number } | undefined = existing;
    if (existing && mapped?.checksum === sum) {
      tallyOf.unchanged++;
    } else if (this.dryRun) {
      tallyOf[existing ? 'updated' : 'created']++;
      this.report.redirects += paths.length;
    } else {
      const serviceId = service ? await this.category({ slug: service.slug, name: service.name, id: '', parent: '' }) : null;
      const tags: Array<{ id: number; slug: string; name: string }> = [];
      for (const t of tagList) {
        const tagId = t.slug ? await this.tag(t) : -1;
        if (tagId > 0) tags.push({ id: tagId, ...t });
      }
      const authorId = await this.author({ login: item.creator });
      // The import writes as an editor on behalf of the story's author: the article
      // service's rules and sanitizer apply, and the author is the WordPress one.
      const actor: User = { id: authorId, email: '', name: '', role: 'editor' };
      const complete = async (trx: Db, article: Article) => {
        await completeStory(trx, {
          id: article.id,
          serviceId,
          authorId,
          createdAt: published.getTime(),
          updatedAt: modified.getTime(),
          tagIds: tags.map((t) => t.id),
          fresh: !existing,
        });
        const to = article.status === 'published' ? articlePath(article.code, article.slug) : `/news/${article.code}`;
        await this.redirects(
          trx,
          paths.map((p) => [p, to]),
        );
        await saveMapping(trx, {
          source: this.source,
          kind,
          sourceId: id,
          targetId: article.id,
          parentId: item.postParent && item.postParent !== '0' ? item.postParent : null,
          checksum: sum,
          now: this.now,
        });
        // Whoever else listens (the search index) sees the story as it now is.
        await this.deps.articles.onArticleWritten?.(trx, {
          ...article,
          service: service ?? null,
          tags: tags.map(({ slug, name }) => ({ slug, name })),
          createdAt: published,
          updatedAt: modified,
        });
      };
      const deps: ArticleDeps = { ...this.deps.articles, onArticleWritten: complete };
      let written: Article;
      try {
        if (existing) {
          written = await updateArticle(deps, existing.code, input, actor);
          tallyOf.updated++;
        } else {
          written = await this.create(deps, item, input, actor);
          tallyOf.created++;
        }
      } catch (error) {
        if (!isAppError(error)) throw error;
        this.warn(item.line, `post ${id} was left out: ${error.publicMessage}${error.fields ? ` ${JSON.stringify(error.fields)}` : ''}`);
        this.skip('refused by the article rules');
        this.skipComments(ordinal);
        return undefined;
      }
      target = written;
      await this.deps.articles.bus.publish(articleKeys({ code: written.code, service: service ?? null, tags: tagList }));
    }
    await this.comments(ordinal, target, existing !== undefined, published.getTime());
    return target && { ...target, checksum: sum };
  }

  /** A new story: its code from the custom field when asked and free, else the post id when free, else the next code. */
  private async create(deps: ArticleDeps, item: WxrItem, input: ArticleInput, actor: User): Promise<Article> {
    const candidates: number[] = [];
    const field = this.options.codeField;
    if (field && item.meta[field] !== undefined) {
      const raw = toLatinDigits(item.meta[field].trim());
      if (/^[0-9]{1,10}$/.test(raw)) candidates.push(Number(raw));
      else this.warn(item.line, `post ${item.postId}: the custom field ${field} holds "${item.meta[field].slice(0, 40)}", not a news code`);
    }
    candidates.push(Number(item.postId));
    for (const code of new Set(candidates)) {
      if (!isNewsCode(code)) continue;
      try {
        return await createArticle(deps, { ...input, code }, actor);
      } catch (error) {
        // The code is another story's (the article service checks, in its transaction): try the next way.
        if (!isAppError(error) || error.code !== 'code_taken') throw error;
      }
    }
    this.warn(item.line, `post ${item.postId}: news code ${[...new Set(candidates)].join(' and ')} already taken; a new code was given`);
    return createArticle(deps, input, actor);
  }

  private async attachment(item: WxrItem, mapped: MapRow | undefined): Promise<void> {
    const id = item.postId.trim();
    const rel = (item.meta._wp_attached_file ?? '').trim() || uploadsPath(item.attachmentUrl, this.site) || '';
    const local = rel ? this.media.fileFor(rel) : undefined;
    const pairs: Array<[string, string]> = [];
    if (local) {
      // The attachment's page and its file's old address lead to the file here.
      pairs.push([queryKey(this.site.basePath, 'attachment_id', id), local]);
      const page = linkPath(item, this.site);
      if (page) pairs.push([page, local]);
      const file = redirectKey(`${this.site.basePath}/wp-content/uploads/${rel}`);
      if (file) pairs.push([file, local]);
    }
    const sum = checksum({ v: IMPORTER_VERSION, rel, local: local ?? null, pairs });
    if (mapped && mapped.checksum === sum) {
      this.report.attachments.unchanged++;
      return;
    }
    this.report.attachments[mapped ? 'updated' : 'created']++;
    if (this.dryRun) {
      this.report.redirects += pairs.length;
      return;
    }
    await this.redirects(this.db, pairs);
    await saveMapping(this.db, {
      source: this.source,
      kind: 'attachment',
      sourceId: id,
      targetId: null,
      parentId: item.postParent && item.postParent !== '0' ? item.postParent : null,
      checksum: sum,
      now: this.now,
    });
  }

  // ── Comments ─────────────────────────────────────────────────────────────

  /** A post's comments with every parent before its replies (WordPress usually, but not always, writes them so). */
  private static parentsFirst(list: SpooledComment[]): SpooledComment[] {
    const byId = new Map(list.map((c) => [c.id, c]));
    const placed = new Set<string>();
    const out: SpooledComment[] = [];
    for (const start of list) {
      const path: SpooledComment[] = [];
      const onPath = new Set<string>();
      for (let c: SpooledComment | undefined = start; c && !placed.has(c.id) && !onPath.has(c.id); c = byId.get(c.parent)) {
        path.push(c);
        onPath.add(c.id);
      }
      for (const c of path.reverse()) {
        placed.add(c.id);
        out.push(c);
      }
    }
    return out;
  }

  /**
   * A story's comments, in one transaction. For a story written before, what
   * its comments became is read in two queries; a new story's comments are
   * all new.
   */
  private async comments(ordinal: number, story: { id: number; code: number } | undefined, storyExisted: boolean, postTime: number): Promise<void> {
    const list = this.spool.comments(ordinal);
    if (list.length === 0) return;
    const articleId = story?.id;
    const run = async (db: Db) => {
      const earlier =
        storyExisted && this.mapReady
          ? await findMappings(db, this.source, ['comment'], list.map((c) => c.id.trim()).filter(Boolean))
          : new Map<string, MapRow>();
      const rows =
        storyExisted && articleId !== undefined
          ? await commentsOfStory(db, articleId)
          : new Map<number, { id: number; depth: number; decided_by: number | null }>();
      const ids = new Map<string, { id: number; depth: number }>();
      const mappings: Parameters<typeof saveMappings>[1] = [];
      const logged: Array<{ id: number; comment: ImportedComment }> = [];
      for (const c of WxrImport.parentsFirst(list)) {
        const status = commentStatus(c.approved);
        if (!status) {
          this.skip(`comment ${c.approved.trim() || 'without status'}`);
          continue;
        }
        const wpId = c.id.trim();
        if (!wpId) {
          this.warn(c.line, 'a comment without a <wp:comment_id> was left out');
          continue;
        }
        this.report.commentsByStatus[status]++;
        const wpParent = c.parent && c.parent !== '0' ? c.parent.trim() : undefined;
        let parent = wpParent ? ids.get(wpParent) : undefined;
        if (!parent && wpParent && this.mapReady) {
          // A reply to a comment of an earlier run (or of another story): look it up.
          const m = earlier.get(`comment:${wpParent}`) ?? (await findMapping(db, this.source, 'comment', wpParent));
          const row = m?.target_id != null ? (rows.get(m.target_id) ?? (await findImportedComment(db, m.target_id))) : undefined;
          if (row) parent = { id: row.id, depth: row.depth };
        }
        const depth = parent ? Math.min(parent.depth + 1, MAX_DEPTH) : 0;
        const name = truncate(plainText(c.author), COMMENT_LIMITS.name) || 'ناشناس';
        const body = plainText(c.content, true) || '—';
        const record: ImportedComment = {
          articleId: articleId ?? -1,
          parentId: parent?.id ?? null,
          depth,
          name,
          email: c.email.trim().toLowerCase().slice(0, COMMENT_LIMITS.email),
          body,
          clientHash: clientHash(this.deps.clientKey, c.ip.trim()),
          status,
          verdict: 'allow',
          labels: [],
          reasons: [],
          score: 0,
          createdAt: (wpDate(c.dateGmt, c.date, this.timeZone) ?? new Date(postTime)).getTime(),
          now: this.now,
        };
        const sum = checksum({
          v: IMPORTER_VERSION,
          parent: parent ? wpParent : null,
          status,
          name,
          email: record.email,
          body,
          ip: c.ip.trim(),
          at: record.createdAt,
          type: c.type,
        });
        const mapped = earlier.get(`comment:${wpId}`);
        const existing = mapped?.target_id != null ? rows.get(mapped.target_id) : undefined;
        if (existing && mapped?.checksum === sum) {
          this.report.comments.unchanged++;
          ids.set(wpId, { id: existing.id, depth: existing.depth });
          continue;
        }
        if (this.dryRun || articleId === undefined) {
          this.report.comments[existing ? 'updated' : 'created']++;
          continue;
        }
        const verdict = this.deps.moderator.moderate({ text: body, name });
        record.verdict = verdict.verdict;
        record.labels = verdict.labels;
        record.reasons = verdict.reasons;
        record.score = verdict.score;
        let id: number;
        if (existing) {
          await updateImportedComment(db, existing.id, record, existing.decided_by !== null);
          id = existing.id;
          this.report.comments.updated++;
        } else {
          id = await insertImportedComment(db, record);
          logged.push({ id, comment: record });
          this.report.comments.created++;
        }
        ids.set(wpId, { id, depth });
        mappings.push({
          source: this.source,
          kind: 'comment',
          sourceId: wpId,
          targetId: id,
          parentId: parent ? wpParent! : null,
          checksum: sum,
          now: this.now,
        });
      }
      if (logged.length > 0) await logImportedComments(db, logged);
      if (mappings.length > 0) await saveMappings(db, mappings);
    };
    if (this.dryRun || articleId === undefined) await run(this.db);
    else await this.deps.articles.db.transaction().execute(run);
    if (!this.dryRun && story) await this.deps.articles.bus.publish([`comments:${story.code}`]);
  }
}

/** First pass: the file into the spool. Throws WxrError (with its line) on a broken or foreign file. */
async function read(
  options: ImportOptions,
  spool: Spool,
  job: WxrImport,
): Promise<{ channel: { baseBlogUrl: string; baseSiteUrl: string; link: string }; items: number }> {
  const total = statSync(options.file).size;
  const metaKeys = ['_thumbnail_id', '_wp_attached_file', ...(options.codeField ? [options.codeField] : [])];
  const parser = new WxrParser({ metaKeys });
  let bytes = 0;
  let items = 0;
  let comments = 0;
  let channel = { baseBlogUrl: '', baseSiteUrl: '', link: '' };
  const seenTerms = new Set<string>();
  const site = () => siteAddress([channel.baseBlogUrl, channel.baseSiteUrl, channel.link]);
  let siteNow: SiteAddress | undefined;
  const stream = createReadStream(options.file, { highWaterMark: 256 * 1024 });
  let lastReport = 0;
  try {
    for await (const r of readWxr(stream, {
      parser,
      onBytes: (n) => {
        bytes += n;
        if (bytes - lastReport >= 1 << 20 || bytes === total) {
          lastReport = bytes;
          options.onProgress?.({ phase: 'read', done: bytes, total, stories: items, comments });
        }
      },
    })) {
      switch (r.type) {
        case 'channel':
          channel = r.channel;
          siteNow = site();
          break;
        case 'author':
          spool.addRecord(r);
          break;
        case 'term': {
          // WordPress lists every category and tag twice (as wp:category/wp:tag and again as wp:term).
          const key = `${r.term.taxonomy}\u0000${termSlug({ nicename: r.term.slug, name: r.term.name })}`;
          if (seenTerms.has(key)) break;
          seenTerms.add(key);
          if (r.term.taxonomy === 'category') {
            const parent = decodeSlug(r.term.parent).toLowerCase();
            if (parent) job.categoryParents.set(termSlug({ nicename: r.term.slug, name: r.term.name }), parent);
          }
          spool.addRecord(r);
          break;
        }
        case 'comment':
          spool.addComment(r.item, { ...r.comment, line: r.line });
          comments++;
          break;
        case 'item': {
          spool.addRecord({ type: 'item', item: r.item, ordinal: r.ordinal });
          items++;
          const it = r.item;
          if (it.postType === 'attachment' && /^[0-9]{1,18}$/.test(it.postId.trim())) {
            spool.addAttachment({
              id: Number(it.postId),
              parent: Number(it.postParent) || 0,
              url: it.attachmentUrl || it.guid,
              file: (it.meta._wp_attached_file ?? '').trim() || uploadsPath(it.attachmentUrl || it.guid, siteNow ?? site()) || '',
              title: it.title,
              caption: it.excerpt,
              menuOrder: Number(it.menuOrder) || 0,
            });
          }
          break;
        }
      }
    }
  } finally {
    stream.destroy();
  }
  spool.finish();
  job.report.controlCharacters = parser.controlCharacters;
  if (parser.controlCharacters > 0) job.warn(undefined, `${parser.controlCharacters} control characters that XML forbids were dropped`);
  return { channel, items };
}

/**
 * Imports a WordPress export. Throws WxrError when the file is not well-formed
 * XML or not a WordPress export; the site's database is then untouched.
 */
export async function importWxr(deps: ImportDeps, options: ImportOptions): Promise<ImportReport> {
  const spool = new Spool(options.spoolDir);
  try {
    const job = new WxrImport(deps, options, spool);
    const started = Date.now();
    const { channel, items } = await read(options, spool, job);
    job.report.items = items;
    job.report.readMs = Date.now() - started;
    const writing = Date.now();
    await job.write(channel, items);
    job.report.writeMs = Date.now() - writing;
    return job.report;
  } finally {
    spool.close();
  }
}
