/**
 * Article bodies are HTML from reporters, importers and the API; they are
 * sanitized once, on write, with an allowlist (sanitize-html). Whatever is not
 * listed is dropped: scripts, styles, event handlers, iframes, forms,
 * `javascript:` and `data:` links.
 */
import sanitizeHtml from 'sanitize-html';

const ALLOWED_TAGS = [
  'p',
  'br',
  'h2',
  'h3',
  'h4',
  'ul',
  'ol',
  'li',
  'blockquote',
  'a',
  'img',
  'figure',
  'figcaption',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'caption',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'sub',
  'sup',
  'mark',
  'bdi',
  'span',
  'hr',
  'cite',
  'q',
  'abbr',
];

export interface SanitizeOptions {
  /** The site's own host: links to it are internal and get no rel. */
  siteHost?: string | undefined;
}

function isExternal(href: string, siteHost: string | undefined): boolean {
  if (!/^https?:/i.test(href)) return false;
  try {
    return new URL(href).host !== siteHost;
  } catch {
    return true;
  }
}

function isLocal(src: string, siteHost: string | undefined): boolean {
  if (src.startsWith('/') && !src.startsWith('//')) return true;
  try {
    return siteHost !== undefined && /^https?:$/.test(new URL(src).protocol) && new URL(src).host === siteHost;
  } catch {
    return false;
  }
}

/** Returns the allowlisted HTML; an h1 becomes an h2 (the page has one h1, the title). */
export function sanitizeBody(html: string, options: SanitizeOptions = {}): string {
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    disallowedTagsMode: 'discard',
    allowedAttributes: {
      a: ['href', 'title', 'rel'],
      img: ['src', 'alt', 'width', 'height', 'srcset', 'sizes', 'loading'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan', 'scope'],
      abbr: ['title'],
      bdi: ['dir'],
      span: ['dir', 'lang'],
      p: ['dir'],
      blockquote: ['cite'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'title'],
    transformTags: {
      h1: 'h2',
      h5: 'h4',
      h6: 'h4',
      // A page never loads anything from another host: an image kept elsewhere
      // becomes a link to it (imports bring their images home separately).
      img: (tagName, attribs) => {
        const src = attribs.src ?? '';
        if (isLocal(src, options.siteHost)) return { tagName, attribs };
        return { tagName: 'a', attribs: { href: src, rel: 'noopener' }, text: attribs.alt || 'تصویر' };
      },
      a: (tagName, attribs) => {
        const href = attribs.href ?? '';
        const out: Record<string, string> = { ...attribs };
        if (isExternal(href, options.siteHost)) out.rel = 'noopener';
        else delete out.rel;
        return { tagName, attribs: out };
      },
    },
    exclusiveFilter: (frame) => frame.tag === 'a' && !frame.attribs.href && !frame.text.trim(),
  });
}

/** Plain text of a fragment (for search, snippets, feeds and descriptions). */
export function htmlToText(html: string): string {
  return sanitizeHtml(html.replace(/<\/(p|h[1-6]|li|blockquote|figcaption|tr)>/gi, '$&\n'), {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'title'],
  })
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}
