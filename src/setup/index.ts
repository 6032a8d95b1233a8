/**
 * First start: the first administrator, and the demo newsroom on an empty
 * database.
 */
import { countUsers, createUserIfAbsent, generatePassword, type User } from '../auth/index.js';
import { countArticles, createArticle, type ArticleDeps } from '../articles/index.js';
import type { Db } from '../storage/index.js';
import { demoServices, demoStories } from './demo-content.js';

export interface FirstAdmin {
  user: User;
  /** Set when the password was generated: print it once. */
  generatedPassword?: string;
}

/**
 * Creates the first administrator when there are no users: from
 * DABIR_ADMIN_EMAIL / DABIR_ADMIN_PASSWORD, or with a generated password.
 */
export async function ensureFirstAdmin(db: Db, input: { email?: string | undefined; password?: string | undefined; now: Date }): Promise<FirstAdmin | undefined> {
  if ((await countUsers(db)) > 0) return undefined;
  const email = input.email ?? 'admin@localhost';
  const generated = input.password ? undefined : generatePassword();
  // Two instances starting together on one empty database: one creates, the other sees it exists.
  const user = await createUserIfAbsent(db, { email, name: 'مدیر سایت', role: 'admin', password: input.password ?? generated, now: input.now });
  if (!user) return undefined;
  return generated ? { user, generatedPassword: generated } : { user };
}

/** Loads the demo newsroom when the database holds no story; returns how many stories it wrote. */
export async function loadDemo(deps: ArticleDeps, author: User): Promise<number> {
  if ((await countArticles(deps.db)) > 0) return 0;
  const now = deps.now().getTime();
  for (const service of demoServices) {
    await deps.db.insertInto('services').values({ slug: service.slug, name: service.name, position: demoServices.indexOf(service) }).onConflict((oc) => oc.column('slug').doNothing()).execute();
  }
  // Oldest first, so news codes grow with time as they do in a real newsroom.
  const stories = [...demoStories].sort((a, b) => b.hoursAgo - a.hoursAgo);
  for (const story of stories) {
    await createArticle(
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
        publishedAt: new Date(now - story.hoursAgo * 3600_000),
      },
      author,
    );
  }
  return stories.length;
}
