/**
 * What the feeds, the sitemaps and the story pages' structured data share: the
 * site's name and logo, the lead image of a story, absolute addresses, text that
 * is safe in XML, and serving a cached document with conditional GET (ETag and
 * Last-Modified, RFC 9110 §13).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendPage, type PageCache } from './page-cache.js';
import { SITE_LOGO } from './views/index.js';

/** The site's name where no other is configured (the pages use the same). */
export const SITE_NAME = 'دبیر';
/** One sentence about the site (the pages use the same). */
export const SITE_DESCRIPTION = 'دبیر: خبرهای روز، به فارسی';
/** The publisher's logo (structured data, feeds): a PNG drawn by `logo.ts`. */
export { SITE_LOGO };

/** An image in a story's body that Dabir serves itself. */
export interface BodyImage {
  /** Site-relative path (`/media/…`) as written in the body. */
  src: string;
  alt: string;
  width?: number;
  height?: number;
}

const IMG = /<img\b([^>]*)>/gi;
function attribute(attrs: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(attrs);
  return m?.[1] === undefined ? undefined : decodeEntities(m[1]);
}

function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[e] ?? _m);
}

/**
 * The images of a sanitized body that this site serves (`/media/…` or any path on this
 * host), in order. The sanitizer writes attributes in double quotes, so a plain scan is
 * enough; images from other hosts never survive sanitizing as images.
 */
export function bodyImages(bodyHtml: string, baseUrl: string): BodyImage[] {
  const out: BodyImage[] = [];
  for (const m of bodyHtml.matchAll(IMG)) {
    const attrs = m[1] ?? '';
    let src = attribute(attrs, 'src');
    if (!src) continue;
    if (src.startsWith(`${baseUrl}/`)) src = src.slice(baseUrl.length);
    if (!src.startsWith('/') || src.startsWith('//')) continue;
    const width = Number(attribute(attrs, 'width'));
    const height = Number(attribute(attrs, 'height'));
    out.push({
      src,
      alt: attribute(attrs, 'alt') ?? '',
      ...(Number.isInteger(width) && width > 0 && { width }),
      ...(Number.isInteger(height) && height > 0 && { height }),
    });
  }
  return out;
}

/** The story's lead image: the first image in its body served from this site. */
export function leadImage(bodyHtml: string, baseUrl: string): BodyImage | undefined {
  return bodyImages(bodyHtml, baseUrl)[0];
}

/** A site-relative path made absolute (percent-encoding what a URL must). */
export function absolute(baseUrl: string, path: string): string {
  return new URL(path, `${baseUrl}/`).toString();
}

/** Site-relative `src` and `href` in sanitized HTML made absolute, for feed readers. */
export function absolutizeHtml(html: string, baseUrl: string): string {
  return html.replace(/(\s(?:src|href)=")\/(?!\/)/g, `$1${baseUrl}/`);
}

/** The MIME type of an image by its file name's extension. */
export function imageType(path: string): string {
  const ext = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(path)?.[1]?.toLowerCase();
  switch (ext) {
    case 'jpg':
    case 'jpeg':
      return 'image/jpeg';
    case 'png':
      return 'image/png';
    case 'gif':
      return 'image/gif';
    case 'webp':
      return 'image/webp';
    case 'avif':
      return 'image/avif';
    case 'svg':
      return 'image/svg+xml';
    default:
      return 'application/octet-stream';
  }
}

// XML 1.0 §2.2: characters outside Char are not allowed anywhere in a document, not even as
// references; lone surrogates cannot be written in UTF-8 at all.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text with the characters XML forbids removed. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '');
}

/** Escapes text for HTML (feeds carry the lead as HTML). */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An HTTP date (RFC 9110 §5.6.7) for an instant, to the second. */
export function httpDate(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toUTCString();
}

/** A rendered document and what the cache needs to know about it. */
export interface Rendered {
  body: string;
  /** Change keys the document shows (`feeds`, `service:politics`, `sitemap`). */
  keys: string[];
  /** The newest change it shows (epoch ms): its Last-Modified. */
  lastModified?: number;
}

/**
 * Serves `url` from `cache`, rendering it on a miss, with ETag, Last-Modified and a 304 for
 * a client whose copy is current. `render` answering `undefined` means there is no such
 * document (404).
 */
export async function serveCached(
  opts: { cache: PageCache; request: FastifyRequest; reply: FastifyReply; url: string; type: string; maxAge: number },
  render: () => Promise<Rendered | undefined>,
): Promise<FastifyReply | undefined> {
  const page = await opts.cache.fill(opts.url, async () => {
    const rendered = await render();
    return rendered && { body: rendered.body, type: opts.type, keys: rendered.keys, ...(rendered.lastModified !== undefined && { lastModified: httpDate(rendered.lastModified) }) };
  });
  return page && sendPage(opts.request, opts.reply, page, `public, max-age=${opts.maxAge}`);
}
