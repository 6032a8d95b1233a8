/**
 * A streaming reader of WordPress eXtended RSS (WXR 1.0–1.2), the file
 * WordPress's Tools → Export writes. Text goes in by chunks; authors, terms,
 * items and comments come out as they end, so memory holds one item (and one
 * comment) at a time however long the file is. Well-formedness is checked by
 * saxes; an error names its line and column.
 *
 * WXR as WordPress writes it (wp-admin/includes/export.php): `<rss><channel>`
 * with the site's fields and `wp:wxr_version`, then `wp:author`, then
 * `wp:category`, `wp:tag` and `wp:term` (the same categories and tags appear
 * again as generic terms), then one `<item>` per post, page or attachment,
 * holding its `category` links, `wp:postmeta` and `wp:comment` elements.
 * Elements are matched by their usual prefixes (`wp:`, `content:`,
 * `excerpt:`, `dc:`), as WordPress's own importer does.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';

/** Why a file could not be read. */
export type WxrErrorReason = 'xml' | 'not-wxr' | 'too-large';

export class WxrError extends Error {
  override name = 'WxrError';
  constructor(
    message: string,
    readonly reason: WxrErrorReason,
    /** 1-based line of the problem, when known. */
    readonly line?: number,
    /** 1-based column of the problem, when known. */
    readonly column?: number,
  ) {
    super(message);
  }
}

/** The exporting site. */
export interface WxrChannel {
  title: string;
  link: string;
  /** The WordPress address (where wp-content lives). */
  baseSiteUrl: string;
  /** The site address (where posts' links point). */
  baseBlogUrl: string;
  wxrVersion: string;
  language: string;
}

export interface WxrAuthor {
  id: string;
  login: string;
  email: string;
  displayName: string;
  firstName: string;
  lastName: string;
}

/** A category, tag or other term declared at the top of the file. */
export interface WxrTerm {
  id: string;
  /** `category`, `post_tag`, or a custom taxonomy. */
  taxonomy: string;
  /** As WordPress stores it: non-Latin slugs are percent-encoded. */
  slug: string;
  /** The parent's slug (categories), or ''. */
  parent: string;
  name: string;
  description: string;
  /** True for the generic `<wp:term>` form, which repeats categories and tags. */
  generic: boolean;
}

/** A post's link to a term: `<category domain="post_tag" nicename="…">name</category>`. */
export interface WxrItemTerm {
  domain: string;
  nicename: string;
  name: string;
}

export interface WxrComment {
  id: string;
  author: string;
  email: string;
  url: string;
  ip: string;
  /** Local time of the site, `YYYY-MM-DD HH:MM:SS`. */
  date: string;
  /** UTC, same form; may be `0000-00-00 00:00:00`. */
  dateGmt: string;
  content: string;
  /** `1` approved, `0` held, `spam`, `trash`, `post-trashed`. */
  approved: string;
  /** `comment` (or ''), `pingback`, `trackback`… */
  type: string;
  /** The parent comment's id, or `0`. */
  parent: string;
  userId: string;
}

export interface WxrItem {
  /** Line where the item starts. */
  line: number;
  title: string;
  link: string;
  pubDate: string;
  /** The author's login. */
  creator: string;
  guid: string;
  content: string;
  excerpt: string;
  postId: string;
  postDate: string;
  postDateGmt: string;
  postModified: string;
  postModifiedGmt: string;
  commentStatus: string;
  postName: string;
  status: string;
  postParent: string;
  menuOrder: string;
  postType: string;
  postPassword: string;
  attachmentUrl: string;
  terms: WxrItemTerm[];
  /** The custom fields asked for (ParserOptions.metaKeys), first value of each. */
  meta: Record<string, string>;
}

export type WxrRecord =
  | { type: 'channel'; channel: WxrChannel }
  | { type: 'author'; author: WxrAuthor; line: number }
  | { type: 'term'; term: WxrTerm; line: number }
  /** A comment; it comes before the item that holds it, with that item's ordinal. */
  | { type: 'comment'; comment: WxrComment; item: number; line: number }
  /** An item; `ordinal` counts items from 1 in file order. */
  | { type: 'item'; item: WxrItem; ordinal: number };

export interface ParserOptions {
  /** Custom fields (post meta keys) to keep on items; others are skipped. */
  metaKeys?: Iterable<string>;
  /** Largest text of one element, in characters (default 16 MiB). */
  maxField?: number;
  /** Largest number of category/tag links kept per item (default 1000). */
  maxTerms?: number;
}

/** Characters XML 1.0 forbids, which WordPress nevertheless writes when a post holds them. */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

type ItemTextField = Exclude<keyof WxrItem, 'line' | 'terms' | 'meta'>;

const ITEM_FIELDS: Readonly<Record<string, ItemTextField>> = {
  title: 'title',
  link: 'link',
  pubDate: 'pubDate',
  'dc:creator': 'creator',
  guid: 'guid',
  'content:encoded': 'content',
  'excerpt:encoded': 'excerpt',
  'wp:post_id': 'postId',
  'wp:post_date': 'postDate',
  'wp:post_date_gmt': 'postDateGmt',
  'wp:post_modified': 'postModified',
  'wp:post_modified_gmt': 'postModifiedGmt',
  'wp:comment_status': 'commentStatus',
  'wp:post_name': 'postName',
  'wp:status': 'status',
  'wp:post_parent': 'postParent',
  'wp:menu_order': 'menuOrder',
  'wp:post_type': 'postType',
  'wp:post_password': 'postPassword',
  'wp:attachment_url': 'attachmentUrl',
};

const COMMENT_FIELDS: Readonly<Record<string, keyof WxrComment>> = {
  'wp:comment_id': 'id',
  'wp:comment_author': 'author',
  'wp:comment_author_email': 'email',
  'wp:comment_author_url': 'url',
  'wp:comment_author_IP': 'ip',
  'wp:comment_date': 'date',
  'wp:comment_date_gmt': 'dateGmt',
  'wp:comment_content': 'content',
  'wp:comment_approved': 'approved',
  'wp:comment_type': 'type',
  'wp:comment_parent': 'parent',
  'wp:comment_user_id': 'userId',
};

const AUTHOR_FIELDS: Readonly<Record<string, keyof WxrAuthor>> = {
  'wp:author_id': 'id',
  'wp:author_login': 'login',
  'wp:author_email': 'email',
  'wp:author_display_name': 'displayName',
  'wp:author_first_name': 'firstName',
  'wp:author_last_name': 'lastName',
};

/** The fields of `<wp:category>`, `<wp:tag>` and `<wp:term>`, in one table. */
const TERM_FIELDS: Readonly<Record<string, Exclude<keyof WxrTerm, 'generic'>>> = {
  'wp:term_id': 'id',
  'wp:category_nicename': 'slug',
  'wp:tag_slug': 'slug',
  'wp:term_slug': 'slug',
  'wp:category_parent': 'parent',
  'wp:term_parent': 'parent',
  'wp:cat_name': 'name',
  'wp:tag_name': 'name',
  'wp:term_name': 'name',
  'wp:category_description': 'description',
  'wp:tag_description': 'description',
  'wp:term_description': 'description',
  'wp:term_taxonomy': 'taxonomy',
};

const CHANNEL_FIELDS: Readonly<Record<string, keyof WxrChannel>> = {
  title: 'title',
  link: 'link',
  language: 'language',
  'wp:wxr_version': 'wxrVersion',
  'wp:base_site_url': 'baseSiteUrl',
  'wp:base_blog_url': 'baseBlogUrl',
};

const emptyItem = (line: number): WxrItem => ({
  line,
  title: '',
  link: '',
  pubDate: '',
  creator: '',
  guid: '',
  content: '',
  excerpt: '',
  postId: '',
  postDate: '',
  postDateGmt: '',
  postModified: '',
  postModifiedGmt: '',
  commentStatus: '',
  postName: '',
  status: '',
  postParent: '',
  menuOrder: '',
  postType: '',
  postPassword: '',
  attachmentUrl: '',
  terms: [],
  meta: {},
});

const emptyComment = (): WxrComment => ({
  id: '',
  author: '',
  email: '',
  url: '',
  ip: '',
  date: '',
  dateGmt: '',
  content: '',
  approved: '',
  type: '',
  parent: '',
  userId: '',
});

interface Capture {
  /** Depth of the element whose text is collected. */
  depth: number;
  parts: string[];
  size: number;
  name: string;
  done(text: string): void;
}

/**
 * Push-style WXR reader: `write()` text as it arrives and take the records
 * that ended; `end()` when the text is over. Throws WxrError.
 */
export class WxrParser {
  private readonly sax = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  private readonly metaKeys: ReadonlySet<string>;
  private readonly maxField: number;
  private readonly maxTerms: number;
  private readonly out: WxrRecord[] = [];
  private readonly stack: string[] = [];
  private capture: Capture | undefined;
  private channel: WxrChannel = { title: '', link: '', baseSiteUrl: '', baseBlogUrl: '', wxrVersion: '', language: '' };
  private channelSent = false;
  private sawRoot = false;
  private item: WxrItem | undefined;
  private itemOrdinal = 0;
  private comment: { comment: WxrComment; line: number } | undefined;
  private author: { author: WxrAuthor; line: number } | undefined;
  private term: { term: WxrTerm; line: number } | undefined;
  private meta: { key: string; value: string } | undefined;
  private failed: WxrError | undefined;
  /** Whether the first character that is not white space has been seen (it must be "<"). */
  private started = false;
  /** The element closed last (named in the error for a close tag that matches nothing). */
  private lastClosed: string | undefined;
  /** Forbidden control characters dropped from the text so far. */
  controlCharacters = 0;

  constructor(options: ParserOptions = {}) {
    this.metaKeys = new Set(options.metaKeys ?? []);
    this.maxField = options.maxField ?? 16 * 1024 * 1024;
    this.maxTerms = options.maxTerms ?? 1000;
    this.sax.on('opentag', (tag) => this.open(tag));
    this.sax.on('closetag', () => this.close());
    this.sax.on('text', (text) => this.text(text));
    this.sax.on('cdata', (text) => this.text(text));
  }

  /** The line the parser has reached. */
  get line(): number {
    return this.sax.line;
  }

  private fail(message: string, reason: WxrErrorReason): never {
    throw new WxrError(message, reason, this.sax.line, this.sax.column);
  }

  private collect(name: string, done: (text: string) => void): void {
    this.capture = { depth: this.stack.length, parts: [], size: 0, name, done };
  }

  private text(text: string): void {
    const c = this.capture;
    if (!c) return;
    c.size += text.length;
    if (c.size > this.maxField) this.fail(`<${c.name}> holds more than ${this.maxField} characters`, 'too-large');
    c.parts.push(text);
  }

  private sendChannel(): void {
    if (this.channelSent) return;
    this.channelSent = true;
    this.out.push({ type: 'channel', channel: { ...this.channel } });
  }

  private open(tag: SaxesTagPlain): void {
    const name = tag.name;
    this.stack.push(name);
    const depth = this.stack.length;
    if (this.capture) return;
    if (depth === 1) {
      this.sawRoot = true;
      if (name !== 'rss') this.fail(`the root element is <${name}>, not <rss>: this is not a WordPress export (WXR)`, 'not-wxr');
      return;
    }
    const parent = this.stack[depth - 2];
    if (depth === 3 && parent === 'channel' && this.stack[0] === 'rss') {
      this.openInChannel(name);
      return;
    }
    if (depth === 4 && this.stack[1] === 'channel') {
      if (parent === 'item' && this.item) this.openInItem(name, tag);
      else if (parent === 'wp:author' && this.author) {
        const field = AUTHOR_FIELDS[name];
        const author = this.author.author;
        if (field) this.collect(name, (t) => (author[field] = t.trim()));
      } else if ((parent === 'wp:category' || parent === 'wp:tag' || parent === 'wp:term') && this.term) {
        const field = TERM_FIELDS[name];
        const term = this.term.term;
        if (field) this.collect(name, (t) => (term[field] = t.trim()));
      }
      return;
    }
    if (depth === 5 && this.stack[2] === 'item') {
      if (parent === 'wp:postmeta' && this.meta) {
        const meta = this.meta;
        if (name === 'wp:meta_key') this.collect(name, (t) => (meta.key = t.trim()));
        else if (name === 'wp:meta_value') this.collect(name, (t) => (meta.value = t));
      } else if (parent === 'wp:comment' && this.comment) {
        const field = COMMENT_FIELDS[name];
        const comment = this.comment.comment;
        if (field) this.collect(name, (t) => (comment[field] = field === 'content' ? t : t.trim()));
      }
    }
  }

  private openInChannel(name: string): void {
    const line = this.sax.line;
    switch (name) {
      case 'item':
        if (!this.channel.wxrVersion) this.fail('no <wp:wxr_version> before the first <item>: this is not a WordPress export (WXR)', 'not-wxr');
        this.sendChannel();
        this.item = emptyItem(line);
        this.itemOrdinal++;
        return;
      case 'wp:author':
        this.sendChannel();
        this.author = { author: { id: '', login: '', email: '', displayName: '', firstName: '', lastName: '' }, line };
        return;
      case 'wp:category':
      case 'wp:tag':
      case 'wp:term':
        this.sendChannel();
        this.term = {
          term: {
            id: '',
            taxonomy: name === 'wp:category' ? 'category' : name === 'wp:tag' ? 'post_tag' : '',
            slug: '',
            parent: '',
            name: '',
            description: '',
            generic: name === 'wp:term',
          },
          line,
        };
        return;
      default: {
        const field = CHANNEL_FIELDS[name];
        if (field && !this.channelSent) this.collect(name, (t) => (this.channel[field] = t.trim()));
      }
    }
  }

  private openInItem(name: string, tag: SaxesTagPlain): void {
    const item = this.item!;
    if (name === 'category') {
      const domain = tag.attributes.domain ?? '';
      const nicename = tag.attributes.nicename ?? '';
      this.collect(name, (t) => {
        if (item.terms.length < this.maxTerms) item.terms.push({ domain, nicename, name: t.trim() });
      });
    } else if (name === 'wp:postmeta') {
      this.meta = { key: '', value: '' };
    } else if (name === 'wp:comment') {
      this.comment = { comment: emptyComment(), line: this.sax.line };
    } else {
      const field = ITEM_FIELDS[name];
      if (field) this.collect(name, (t) => (item[field] = field === 'content' || field === 'excerpt' || field === 'title' ? t : t.trim()));
    }
  }

  private close(): void {
    const depth = this.stack.length;
    const name = this.stack.pop();
    this.lastClosed = name;
    const c = this.capture;
    if (c) {
      if (depth !== c.depth) return;
      this.capture = undefined;
      c.done(c.parts.join(''));
      return;
    }
    if (depth === 3 && this.stack[1] === 'channel') {
      if (name === 'item' && this.item) {
        this.out.push({ type: 'item', item: this.item, ordinal: this.itemOrdinal });
        this.item = undefined;
      } else if (name === 'wp:author' && this.author) {
        this.out.push({ type: 'author', ...this.author });
        this.author = undefined;
      } else if ((name === 'wp:category' || name === 'wp:tag' || name === 'wp:term') && this.term) {
        this.out.push({ type: 'term', ...this.term });
        this.term = undefined;
      }
    } else if (depth === 4 && this.stack[2] === 'item') {
      if (name === 'wp:postmeta' && this.meta && this.item) {
        const { key, value } = this.meta;
        if (this.metaKeys.has(key) && !(key in this.item.meta)) this.item.meta[key] = value;
        this.meta = undefined;
      } else if (name === 'wp:comment' && this.comment) {
        this.out.push({ type: 'comment', comment: this.comment.comment, item: this.itemOrdinal, line: this.comment.line });
        this.comment = undefined;
      }
    }
  }

  private drain(): WxrRecord[] {
    return this.out.splice(0, this.out.length);
  }

  /** Feeds more text; returns the records that ended in it. */
  write(chunk: string): WxrRecord[] {
    if (this.failed) throw this.failed;
    const clean = chunk.replace(FORBIDDEN, () => {
      this.controlCharacters++;
      return '';
    });
    if (!this.started) {
      const first = /[^\s\uFEFF]/.exec(clean);
      if (first) {
        this.started = true;
        if (first[0] !== '<') throw (this.failed = new WxrError('the file is not XML: this is not a WordPress export (WXR)', 'not-wxr', 1, 1));
      }
    }
    try {
      this.sax.write(clean);
    } catch (error) {
      throw this.asWxrError(error);
    }
    return this.drain();
  }

  /** Ends the text; checks that it was a whole WXR document. */
  end(): WxrRecord[] {
    if (this.failed) throw this.failed;
    if (!this.sawRoot) throw (this.failed = new WxrError('the file holds no XML element: this is not a WordPress export (WXR)', 'not-wxr'));
    try {
      this.sax.close();
    } catch (error) {
      throw this.asWxrError(error);
    }
    if (!this.channel.wxrVersion) throw (this.failed = new WxrError('no <wp:wxr_version> in <channel>: this is not a WordPress export (WXR)', 'not-wxr'));
    this.sendChannel();
    return this.drain();
  }

  private asWxrError(error: unknown): WxrError {
    if (error instanceof WxrError) return (this.failed = error);
    // saxes reports "line:column: message".
    const text = error instanceof Error ? error.message : String(error);
    const m = /^(?:.*?:)?(\d+):(\d+): ([\s\S]*)$/.exec(text);
    const line = m ? Number(m[1]) : this.sax.line;
    const column = m ? Number(m[2]) : this.sax.column;
    let reason = (m?.[3] ?? text).split('\n')[0]!.replace(/\.$/, '');
    // saxes closes the element that was open before it reports a close tag that does not match it.
    if (reason === 'unexpected close tag' && this.lastClosed) reason = `unexpected close tag: <${this.lastClosed}> was still open`;
    return (this.failed = new WxrError(reason, 'xml', line, column));
  }
}

/**
 * Reads a whole WXR text from chunks (bytes are decoded as UTF-8), yielding
 * records as they end. `onBytes` hears how many bytes each chunk held.
 */
export async function* readWxr(
  chunks: AsyncIterable<Uint8Array | string>,
  options: ParserOptions & { onBytes?: (n: number) => void; parser?: WxrParser } = {},
): AsyncGenerator<WxrRecord> {
  const parser = options.parser ?? new WxrParser(options);
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    options.onBytes?.(typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength);
    yield* parser.write(text);
  }
  const rest = decoder.decode();
  if (rest) yield* parser.write(rest);
  yield* parser.end();
}
