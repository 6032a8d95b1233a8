/**
 * How a WordPress thing becomes a Dabir thing (pure): which items are
 * stories, their status and dates, their service and tags, their old
 * addresses, and a comment's status. The importer gathers the facts, asks
 * these functions, then writes.
 */
import type { ArticleStatus, CommentStatus } from '../storage/index.js';
import { permalinkDate, wpDate } from './dates.js';
import { decodePath, decodeSlug } from './text.js';
import type { WxrItem, WxrItemTerm } from './wxr.js';

/** What an item becomes. */
export type ItemKind = 'post' | 'page' | 'attachment';

/** Where the exporting site lived, to recognise its own addresses. */
export interface SiteAddress {
  /** Hosts of the site and WordPress addresses (`example.com`, `www.example.com`). */
  hosts: ReadonlySet<string>;
  /** The site's path below its host, without a trailing slash: '' at the root, '/blog' in a folder. */
  basePath: string;
}

/** The site address of an export, from its channel's URLs. */
export function siteAddress(urls: string[]): SiteAddress {
  const hosts = new Set<string>();
  let basePath: string | undefined;
  for (const raw of urls) {
    try {
      const url = new URL(raw);
      hosts.add(url.host.toLowerCase());
      basePath ??= url.pathname.replace(/\/+$/, '');
    } catch {
      // not a URL: nothing to learn from it
    }
  }
  return { hosts, basePath: basePath ?? '' };
}

/**
 * Kind of an item, or why it is skipped. Posts of the types asked for
 * (`post` by default) become stories; pages become stories without a service;
 * attachments are files; revisions, menu items, blocks, templates and other
 * types are left out.
 */
export function itemKind(item: WxrItem, postTypes: ReadonlySet<string>): ItemKind | { skip: string } {
  const type = item.postType || 'post';
  if (type === 'attachment') return 'attachment';
  if (type === 'page') return 'page';
  if (postTypes.has(type)) return 'post';
  return { skip: `type ${type}` };
}

/**
 * The story status for a WordPress status, or undefined to skip the item:
 * publish → published (scheduled when its date is still ahead), future →
 * scheduled, draft → draft, pending → review; private and password-protected
 * posts, and posts in WordPress's trash (which WordPress can still restore),
 * → unpublished: they come along but were not public; auto-drafts → skipped.
 */
export function storyStatus(item: WxrItem): ArticleStatus | undefined {
  const status = item.status || 'publish';
  if (status === 'auto-draft' || status === 'inherit') return undefined;
  if (status === 'private' || status === 'trash' || (item.postPassword !== '' && (status === 'publish' || status === 'future'))) return 'unpublished';
  switch (status) {
    case 'publish':
      return 'published';
    case 'future':
      return 'scheduled';
    case 'pending':
      return 'review';
    default:
      return 'draft';
  }
}

/** An item's dates: when it was (or will be) published, and when it was last changed. */
export function itemDates(item: WxrItem, timeZone: string, fallback: Date): { published: Date; modified: Date } {
  const published = wpDate(item.postDateGmt, item.postDate, timeZone) ?? fallback;
  const modified = wpDate(item.postModifiedGmt, item.postModified, timeZone) ?? published;
  return { published, modified: modified.getTime() < published.getTime() ? published : modified };
}

/** A term link's slug as Dabir keeps it (decoded); the name's words when the slug is empty. */
export function termSlug(t: { nicename: string; name: string }): string {
  const slug = decodeSlug(t.nicename).toLowerCase();
  if (slug) return slug;
  return t.name.trim().toLowerCase().replace(/\s+/g, '-');
}

/**
 * A story has one service. Of a post's categories the deepest one is its
 * service (a post filed in «فناوری» and its child «ارتباطات» is in
 * «ارتباطات», whose parent is remembered). WordPress's default category
 * (`uncategorized`) is used only when there is no other. A category that is
 * neither the service nor one of its ancestors becomes a tag, so the story is
 * still found under it.
 */
export function chooseService(
  terms: WxrItemTerm[],
  parentOf: (slug: string) => string | undefined,
): { service: { slug: string; name: string } | undefined; extra: Array<{ slug: string; name: string }> } {
  const cats = new Map<string, string>();
  for (const t of terms) if (t.domain === 'category') cats.set(termSlug(t), t.name);
  if (cats.size === 0) return { service: undefined, extra: [] };
  const ancestors = (slug: string): string[] => {
    const out: string[] = [];
    for (let p = parentOf(slug); p && out.length < 20 && !out.includes(p); p = parentOf(p)) out.push(p);
    return out;
  };
  const ranked = [...cats.keys()].sort((a, b) => {
    const defaultA = a === 'uncategorized' ? 1 : 0;
    const defaultB = b === 'uncategorized' ? 1 : 0;
    return defaultA - defaultB || ancestors(b).length - ancestors(a).length;
  });
  const primary = ranked[0]!;
  const covered = new Set([primary, ...ancestors(primary)]);
  const extra = [...cats].filter(([slug]) => !covered.has(slug) && slug !== 'uncategorized').map(([slug, name]) => ({ slug, name }));
  return { service: { slug: primary, name: cats.get(primary)! }, extra };
}

/** A post's tags, in file order, without repeats. */
export function itemTags(terms: WxrItemTerm[]): Array<{ slug: string; name: string }> {
  const seen = new Map<string, string>();
  for (const t of terms) {
    if (t.domain !== 'post_tag') continue;
    const slug = termSlug(t);
    if (slug && !seen.has(slug)) seen.set(slug, t.name || slug);
  }
  return [...seen].map(([slug, name]) => ({ slug, name }));
}

/**
 * The form in which an old path is stored in `redirects`: decoded (as the
 * public 404 handler decodes a request's path before looking it up), without
 * a trailing slash (the handler tries both), never the bare root.
 */
export function redirectKey(path: string): string | undefined {
  let p = decodePath(path).trim();
  if (!p.startsWith('/')) p = `/${p}`;
  p = p.replace(/\/{2,}/g, '/');
  if (p.length > 1) p = p.replace(/\/+$/, '');
  return p === '/' || p === '' ? undefined : p;
}

/** A query-string address (`/?p=123`) in the form the public pages look it up. */
export function queryKey(basePath: string, name: string, value: string): string {
  return `${decodePath(basePath)}/?${name}=${value}`;
}

/** The path of one of the site's own addresses, or undefined for another host or a non-URL. */
export function ownPath(url: string, site: SiteAddress): string | undefined {
  try {
    const u = new URL(url);
    if (!site.hosts.has(u.host.toLowerCase())) return undefined;
    return u.pathname;
  } catch {
    return url.startsWith('/') && !url.startsWith('//') ? url.split(/[?#]/)[0] : undefined;
  }
}

/**
 * The old addresses of a post or page that must keep working: `/?p=ID`
 * (`/?page_id=ID` for pages), the permalink it had (its `<link>`, whatever
 * structure the site used), `/YYYY/MM/DD/slug` and `/slug` (the two
 * structures WordPress sites use most, and what WordPress itself answers for
 * a bare slug). Each is in redirectKey form.
 */
export function storyPaths(item: WxrItem, kind: 'post' | 'page', site: SiteAddress): string[] {
  const out = new Set<string>();
  const id = item.postId.trim();
  if (/^[0-9]+$/.test(id)) {
    out.add(queryKey(site.basePath, 'p', id));
    if (kind === 'page') out.add(queryKey(site.basePath, 'page_id', id));
  }
  const link = ownPath(item.link, site);
  if (link && !item.link.includes('?')) {
    const key = redirectKey(link);
    if (key) out.add(key);
  }
  const slug = decodeSlug(item.postName);
  if (slug && !slug.includes('/')) {
    if (kind === 'post') {
      const d = permalinkDate(item.postDate);
      if (d) {
        const key = redirectKey(`${site.basePath}/${d.year}/${d.month}/${d.day}/${slug}`);
        if (key) out.add(key);
      }
    }
    if (kind === 'post' || !item.postParent || item.postParent === '0') {
      const key = redirectKey(`${site.basePath}/${slug}`);
      if (key) out.add(key);
    }
  }
  return [...out];
}

/** The old addresses of a category: `/category/parent/child`, `/category/child` and `/?cat=ID`. */
export function categoryPaths(slug: string, id: string, chain: string[], site: SiteAddress): string[] {
  const out = new Set<string>();
  for (const path of [`${site.basePath}/category/${[...chain, slug].join('/')}`, `${site.basePath}/category/${slug}`]) {
    const key = redirectKey(path);
    if (key) out.add(key);
  }
  if (/^[0-9]+$/.test(id)) out.add(queryKey(site.basePath, 'cat', id));
  return [...out];
}

/** The site's feeds and where they went. */
export function feedRedirects(site: SiteAddress): Array<[string, string]> {
  const b = site.basePath;
  const pairs: Array<[string, string]> = [
    [`${b}/feed`, '/rss.xml'],
    [`${b}/feed/rss2`, '/rss.xml'],
    [`${b}/feed/rss`, '/rss.xml'],
    [`${b}/feed/atom`, '/atom.xml'],
  ];
  const out: Array<[string, string]> = [];
  for (const [from, to] of pairs) {
    const key = redirectKey(from);
    if (key) out.push([key, to]);
  }
  out.push([queryKey(b, 'feed', 'rss2'), '/rss.xml'], [queryKey(b, 'feed', 'atom'), '/atom.xml']);
  return out;
}

/**
 * A comment's status here, or undefined to skip it: approved (1) → published,
 * held (0, hold) → pending, spam → spam, trash and a trashed post's comments
 * → skipped.
 */
export function commentStatus(approved: string): CommentStatus | undefined {
  switch (approved.trim().toLowerCase()) {
    case '1':
    case 'approve':
    case 'approved':
      return 'published';
    case 'spam':
      return 'spam';
    case 'trash':
    case 'post-trashed':
      return undefined;
    default:
      return 'pending';
  }
}

/** Query parameters of WordPress addresses that name one thing (`/?p=123`, `/?page_id=7`…). */
const LEGACY_QUERY = ['p', 'page_id', 'attachment_id', 'cat', 'feed'] as const;

/**
 * The keys under which `redirects` may hold the old address a request asks
 * for, most specific first: a WordPress query address (`/?p=123`), then the
 * decoded path as asked and with its trailing slash toggled. The public pages
 * look a request up with these; the importer writes keys of the same form
 * (queryKey, redirectKey).
 */
export function legacyRedirectKeys(url: string): string[] {
  const q = url.indexOf('?');
  const path = decodePath(q === -1 ? url : url.slice(0, q)) || '/';
  const keys: string[] = [];
  if (q !== -1) {
    const params = new URLSearchParams(url.slice(q + 1));
    for (const name of LEGACY_QUERY) {
      const value = params.get(name);
      if (value && /^[\w.-]{1,40}$/.test(value)) {
        keys.push(`${path.endsWith('/') ? path : `${path}/`}?${name}=${value}`);
        break;
      }
    }
  }
  keys.push(path);
  if (path.length > 1) keys.push(path.endsWith('/') ? path.replace(/\/+$/, '') || '/' : `${path}/`);
  return keys;
}
