/**
 * Where an old address now lives: the lookup the public pages make in the `redirects` table an
 * import fills. Kept apart from the importer, and light: the web server loads this file and
 * neither the WXR parser nor the importer (see `index.ts`).
 */
import type { Db } from '../storage/index.js';
import { legacyRedirectKeys } from './plan.js';

/**
 * The new address of an old one (a path, or a WordPress query address such as `/?p=123`),
 * or undefined when no import recorded it. `url` is the request's, path and query as asked;
 * with `queryOnly`, only a WordPress query address is looked up (the front page's own
 * address with some other query is the front page, not an old address).
 */
export async function findRedirect(db: Db, url: string, options: { queryOnly?: boolean } = {}): Promise<string | undefined> {
  const keys = legacyRedirectKeys(url);
  if (options.queryOnly && !keys[0]!.includes('?')) return undefined;
  const rows = await db.selectFrom('redirects').select(['from_path', 'to_path']).where('from_path', 'in', keys).execute();
  // The most specific key that is there wins.
  return keys.map((k) => rows.find((r) => r.from_path === k)?.to_path).find((to) => to !== undefined);
}
