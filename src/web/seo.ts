/**
 * What the feeds, the sitemaps and the story pages' structured data share: the
 * site's name and logo, the images of a story, absolute addresses and text that
 * is safe in XML.
 */
import { imgAttribute, imgTags } from '../html/index.js';
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

/**
 * The images of a sanitized body that this site serves (`/media/…` or any path on this
 * host), in order. Images from other hosts never survive sanitizing as images.
 */
export function bodyImages(bodyHtml: string, baseUrl: string): BodyImage[] {
  const out: BodyImage[] = [];
  for (const tag of imgTags(bodyHtml)) {
    let src = imgAttribute(tag, 'src');
    if (!src) continue;
    if (src.startsWith(`${baseUrl}/`)) src = src.slice(baseUrl.length);
    if (!src.startsWith('/') || src.startsWith('//')) continue;
    const width = Number(imgAttribute(tag, 'width'));
    const height = Number(imgAttribute(tag, 'height'));
    out.push({
      src,
      alt: imgAttribute(tag, 'alt') ?? '',
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
