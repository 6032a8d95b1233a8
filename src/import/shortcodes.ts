/**
 * The WordPress shortcodes that news sites use in stories, turned into plain
 * HTML once at import: [caption] becomes a figure with its figcaption;
 * [gallery] becomes one figure per image; [embed], [video] and [audio] become
 * a link to what they showed; [playlist] is dropped. Any other bracketed text
 * is left as it is, as WordPress itself leaves shortcodes nobody registered.
 * Escaped shortcodes (`[[caption]]`) are shown as written, without the outer
 * brackets. Every scan is linear in the length of the text. Pure.
 */
import { escapeHtml } from './text.js';

/** An attachment (an uploaded file) as a story shows it. */
export interface AttachmentRef {
  /** Where the file is: `/media/…` when it was copied here, else its old address. */
  url: string;
  /** Its title, used as the image's alternative text. */
  title: string;
  /** Its caption (the attachment's excerpt), shown under the image when set. */
  caption: string;
}

/** What shortcodes may need to know about the post they are in. */
export interface ShortcodeContext {
  /** An attachment by its WordPress post id ([gallery ids="…"]). */
  attachment(id: number): AttachmentRef | undefined;
  /** The attachments uploaded to this post, in menu order ([gallery] without ids). */
  postAttachments(): AttachmentRef[];
}

export const NO_ATTACHMENTS: ShortcodeContext = { attachment: () => undefined, postAttachments: () => [] };

/** Longest attribute text read; WordPress's own shortcodes need far less. */
const MAX_ATTRIBUTES = 4096;

const KNOWN: ReadonlySet<string> = new Set(['caption', 'wp_caption', 'gallery', 'embed', 'video', 'audio', 'playlist']);

/** One shortcode found in a text. */
interface Shortcode {
  name: string;
  attrs: Record<string, string>;
  /** Values given without a name (`[embed https://…]`). */
  positional: string[];
  /** What an enclosing shortcode encloses; undefined for a self-closing one. */
  content: string | undefined;
  /** Index of the `[` that opens it. */
  start: number;
  /** Index just after the last `]`. */
  end: number;
}

/** Remembered closing-tag positions per name, so a text with many openers is still scanned once. */
type ClosingMemo = Map<string, number>;

function closingIndex(text: string, name: string, from: number, memo: ClosingMemo): number {
  const known = memo.get(name);
  // The first closing tag after an earlier position is also the first after this one, if it is still ahead.
  if (known !== undefined && (known === -1 || known >= from)) return known;
  const found = text.indexOf(`[/${name}]`, from);
  memo.set(name, found);
  return found;
}

/**
 * Attributes the way WordPress's `shortcode_parse_atts()` reads them:
 * `name="value"`, `name='value'`, `name=value`, and bare values.
 */
export function parseAttributes(text: string): { attrs: Record<string, string>; positional: string[] } {
  const attrs: Record<string, string> = {};
  const positional: string[] = [];
  const re =
    /([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)/g;
  const source = text.replace(/[\u00a0\u200b]/g, ' ');
  for (let m = re.exec(source); m !== null; m = re.exec(source)) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    if (m[1] !== undefined) attrs[m[1].toLowerCase()] = m[2] ?? '';
    else if (m[3] !== undefined) attrs[m[3].toLowerCase()] = m[4] ?? '';
    else if (m[5] !== undefined) attrs[m[5].toLowerCase()] = m[6] ?? '';
    else positional.push(m[7] ?? m[8] ?? m[9] ?? '');
  }
  return { attrs, positional };
}

/** The known shortcode that starts at `start` (a `[`), if there is one. */
function shortcodeAt(text: string, start: number, memo: ClosingMemo): Shortcode | undefined {
  const nameMatch = /^[A-Za-z0-9_-]+/.exec(text.slice(start + 1, start + 1 + 40));
  if (!nameMatch) return undefined;
  const name = nameMatch[0];
  if (!KNOWN.has(name)) return undefined;
  const afterName = start + 1 + name.length;
  const next = text[afterName];
  if (next !== ']' && next !== '/' && !/\s/.test(next ?? '')) return undefined;
  // Attributes never hold a "]"; a shortcode whose attributes run on for pages is not one.
  let close = memo.get(']');
  if (close === undefined || (close !== -1 && close < afterName)) {
    close = text.indexOf(']', afterName);
    memo.set(']', close);
  }
  if (close === -1 || close - afterName > MAX_ATTRIBUTES) return undefined;
  const selfClosing = text[close - 1] === '/';
  const attrText = text.slice(afterName, selfClosing ? close - 1 : close);
  const { attrs, positional } = parseAttributes(attrText);
  if (!selfClosing) {
    const closing = closingIndex(text, name, close + 1, memo);
    if (closing !== -1) {
      return { name, attrs, positional, content: text.slice(close + 1, closing), start, end: closing + name.length + 3 };
    }
  }
  return { name, attrs, positional, content: undefined, start, end: close + 1 };
}

const isHttp = (url: string | undefined): url is string => url !== undefined && /^https?:\/\/[^\s<>"]+$/i.test(url.trim());

function link(url: string, label: string): string {
  return `<p><a href="${escapeHtml(url.trim())}">${escapeHtml(label)}</a></p>`;
}

function figure(a: AttachmentRef): string {
  const img = `<img src="${escapeHtml(a.url)}" alt="${escapeHtml(a.title)}" />`;
  return a.caption ? `<figure>${img}<figcaption>${escapeHtml(a.caption)}</figcaption></figure>` : `<figure>${img}</figure>`;
}

/** What a shortcode becomes. `depth` bounds nested shortcodes inside captions. */
function render(sc: Shortcode, ctx: ShortcodeContext, depth: number): string {
  switch (sc.name) {
    case 'caption':
    case 'wp_caption': {
      // As WordPress's img_caption_shortcode(): without a caption attribute, the caption is
      // whatever follows the (possibly linked) image inside the shortcode.
      let content = doShortcodesAt(sc.content ?? '', ctx, depth + 1);
      let caption = sc.attrs.caption ?? '';
      if (!caption) {
        const m = /((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*<\/a>)?)([\s\S]*)/i.exec(content);
        if (m) {
          content = m[1]!;
          caption = m[2]!.trim();
        }
      }
      if (!caption.trim()) return content;
      return `<figure>${content.trim()}<figcaption>${caption.trim()}</figcaption></figure>`;
    }
    case 'gallery': {
      const ids = (sc.attrs.ids ?? sc.attrs.include ?? '')
        .split(',')
        .map((s) => Number(s.trim()))
        .filter((n) => Number.isInteger(n) && n > 0);
      const images = ids.length > 0 ? ids.map((id) => ctx.attachment(id)).filter((a): a is AttachmentRef => a !== undefined) : ctx.postAttachments();
      return images.map(figure).join('\n');
    }
    case 'embed': {
      const url = [sc.content, sc.attrs.src, sc.attrs.url, sc.positional[0]].find(isHttp);
      return url ? link(url, url.trim()) : '';
    }
    case 'video':
    case 'audio': {
      const keys = ['src', 'mp4', 'm4v', 'webm', 'ogv', 'wmv', 'flv', 'mp3', 'ogg', 'm4a', 'wav', 'wma'];
      const fromContent = /https?:\/\/[^\s<>"'\]]+/i.exec(sc.content ?? '')?.[0];
      const url = [...keys.map((k) => sc.attrs[k]), fromContent].find(isHttp);
      return url ? link(url, sc.name === 'video' ? 'ویدئو' : 'فایل صوتی') : '';
    }
    default:
      // [playlist] and anything else known only to be dropped.
      return '';
  }
}

function doShortcodesAt(text: string, ctx: ShortcodeContext, depth: number): string {
  if (depth > 3 || !text.includes('[')) return text;
  const memo: ClosingMemo = new Map();
  let out = '';
  let last = 0;
  let i = text.indexOf('[');
  while (i !== -1) {
    if (text[i + 1] === '[') {
      // [[caption]] is an escaped shortcode: shown as [caption], not run.
      const inner = shortcodeAt(text, i + 1, memo);
      if (inner && text[inner.end] === ']') {
        out += text.slice(last, i) + text.slice(i + 1, inner.end);
        last = inner.end + 1;
        i = text.indexOf('[', last);
        continue;
      }
      i = text.indexOf('[', i + 1);
      continue;
    }
    const sc = shortcodeAt(text, i, memo);
    if (!sc) {
      i = text.indexOf('[', i + 1);
      continue;
    }
    out += text.slice(last, i) + render(sc, ctx, depth);
    last = sc.end;
    i = text.indexOf('[', last);
  }
  return out + text.slice(last);
}

/** Replaces the known shortcodes in `text` with the HTML they stand for. */
export function doShortcodes(text: string, ctx: ShortcodeContext = NO_ATTACHMENTS): string {
  return doShortcodesAt(text, ctx, 0);
}

/**
 * A paragraph holding nothing but one shortcode loses its `<p>` (WordPress's
 * `shortcode_unautop()`), so a figure is not put inside a paragraph.
 */
export function unautopShortcodes(html: string): string {
  if (!html.includes('<p>[') && !/<p>\s+\[/.test(html)) return html;
  const memo: ClosingMemo = new Map();
  let out = '';
  let last = 0;
  let close = -1;
  let open = html.indexOf('<p>');
  while (open !== -1) {
    if (close < open + 3) close = html.indexOf('</p>', open + 3);
    if (close === -1) break;
    const inner = html.slice(open + 3, close);
    const trimmed = inner.replace(/^[ \t\n\r\f\x0B]+|[ \t\n\r\f\x0B]+$/g, '');
    if (trimmed.startsWith('[')) {
      const sc = shortcodeAt(trimmed, 0, memo);
      memo.clear();
      if (sc && sc.end === trimmed.length) {
        out += html.slice(last, open) + trimmed;
        last = close + 4;
        open = html.indexOf('<p>', last);
        continue;
      }
    }
    open = html.indexOf('<p>', open + 3);
  }
  return out + html.slice(last);
}
