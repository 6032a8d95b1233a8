/**
 * First start: the first administrator, and the demo newsroom on an empty
 * database.
 */
import { countUsers, createUserIfAbsent, generatePassword, type User } from '../auth/index.js';
import { countArticles, createArticle, type ArticleDeps } from '../articles/index.js';
import type { Db } from '../storage/index.js';
import { insertComment, MAX_DEPTH, type CommentDeps } from '../comments/index.js';
import { demoServices, demoStories, type DemoComment } from './demo-content.js';

export interface FirstAdmin {
  user: User;
  /** Set when the password was generated: print it once. */
  generatedPassword?: string;
}

/**
 * Creates the first administrator when there are no users: from
 * DABIR_ADMIN_EMAIL / DABIR_ADMIN_PASSWORD, or with a generated password.
 */
export async function ensureFirstAdmin(
  db: Db,
  input: { email?: string | undefined; password?: string | undefined; now: Date },
): Promise<FirstAdmin | undefined> {
  if ((await countUsers(db)) > 0) return undefined;
  const email = input.email ?? 'admin@localhost';
  const generated = input.password ? undefined : generatePassword();
  // Two instances starting together on one empty database: one creates, the other sees it exists.
  const user = await createUserIfAbsent(db, { email, name: 'مدیر سایت', role: 'admin', password: input.password ?? generated, now: input.now });
  if (!user) return undefined;
  return generated ? { user, generatedPassword: generated } : { user };
}

/**
 * Loads the demo newsroom when the database holds no story; returns how many stories it wrote.
 * Each story brings its readers' comments, judged by the moderation engine like any other:
 * most are published, a few wait in the moderation queue (as the demo's own notes say).
 */
export async function loadDemo(deps: ArticleDeps, author: User, comments: Pick<CommentDeps, 'db' | 'moderator'>): Promise<number> {
  if ((await countArticles(deps.db)) > 0) return 0;
  const now = deps.now().getTime();
  for (const service of demoServices) {
    await deps.db
      .insertInto('services')
      .values({ slug: service.slug, name: service.name, position: demoServices.indexOf(service) })
      .onConflict((oc) => oc.column('slug').doNothing())
      .execute();
  }
  // Oldest first, so news codes grow with time as they do in a real newsroom.
  const stories = [...demoStories].sort((a, b) => b.hoursAgo - a.hoursAgo);
  for (const story of stories) {
    const publishedAt = now - story.hoursAgo * 3600_000;
    const article = await createArticle(
      deps,
      {
        kicker: story.kicker,
        title: story.title,
        lead: story.lead,
        body: story.body,
        source: story.source,
        service: story.service,
        tags: story.tags,
        status: 'published',
        publishedAt: new Date(publishedAt),
      },
      author,
    );
    await loadDemoComments(comments, article.id, story.comments, publishedAt, now);
  }
  return stories.length;
}

/** A story's demo comments, replies under the comment they answer; none dated in the future. */
async function loadDemoComments(
  deps: Pick<CommentDeps, 'db' | 'moderator'>,
  articleId: number,
  list: readonly DemoComment[],
  publishedAt: number,
  now: number,
): Promise<void> {
  const written: Array<{ id: number; depth: number }> = [];
  for (const c of list) {
    const parent = c.replyTo === undefined ? undefined : written[c.replyTo];
    const verdict = deps.moderator.moderate({ text: c.body, name: c.name });
    const id = await insertComment(deps.db, {
      articleId,
      parentId: parent?.id ?? null,
      depth: parent ? Math.min(parent.depth + 1, MAX_DEPTH) : 0,
      name: c.name,
      email: c.email,
      body: c.body,
      clientHash: 'demo',
      status: c.status,
      verdict: verdict.verdict,
      labels: verdict.labels,
      reasons: verdict.reasons,
      score: verdict.score,
      now: Math.min(now, publishedAt + c.hoursAfter * 3600_000),
    });
    written.push({ id, depth: parent ? Math.min(parent.depth + 1, MAX_DEPTH) : 0 });
  }
}
