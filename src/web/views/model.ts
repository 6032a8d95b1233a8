/**
 * View models: everything a public page shows, and nothing else. The web layer maps
 * storage rows to these; the templates read only these. All text fields are plain text
 * (the views escape them) unless the name ends in `Html`, which marks markup that was
 * sanitized before it got here and is inserted as-is.
 *
 * URLs: fields named `url`, `prevUrl`, … may be site-relative (`/news/387228`) or absolute;
 * those documented as absolute must be. Images must be served by Dabir itself and given
 * as site-relative paths (`/media/…`): a page never makes a request to another host, and
 * the views drop an image whose address is not such a path.
 */

/** The site as a whole: shown in the header, footer and `<head>` of every page. */
export interface Site {
  /** The site's name, in the header and after every page title. Default «دبیر». */
  name: string;
  /**
   * The site's absolute origin, without a trailing slash: `https://dabir.example`. Used for
   * canonical links and Open Graph URLs; links between pages stay site-relative.
   */
  baseUrl: string;
  /** One sentence about the site: the meta description of pages that have none of their own. */
  description: string;
  /** The services (sections) in the header navigation, in display order. */
  services: ServiceRef[];
  /**
   * A short token that changes whenever `/static/site.css` or `/static/site.js` changes;
   * appended as `?v=…` so those files can be cached for a long time. Optional.
   */
  assetVersion?: string;
}

/** A service (newsroom section, سرویس). Its page is `/service/{slug}`. */
export interface ServiceRef {
  /** The URL segment: `politics`, `economy`, … */
  slug: string;
  /** Its Persian name: «سیاسی». */
  name: string;
}

/** A tag (برچسب) on an article. */
export interface TagRef {
  /** The URL segment. */
  slug: string;
  /** The tag as shown. */
  name: string;
  /** Its page, normally `/tag/{slug}`. */
  url: string;
}

/** An image Dabir serves itself. Width and height reserve its space before it loads. */
export interface ImageRef {
  /** Site-relative path, `/media/…` (anything else is not shown). */
  src: string;
  /** Intrinsic width in CSS pixels. */
  width: number;
  /** Intrinsic height in CSS pixels. */
  height: number;
  /** Text alternative; an empty string marks a purely decorative image. */
  alt: string;
}

/**
 * A picture for link previews and structured data (Open Graph, JSON-LD): an image this site
 * serves, its size when known. Not drawn on the page, so it needs no reserved space.
 */
export interface SocialImage {
  /** Site-relative path, `/media/…` (anything else is left out). */
  src: string;
  /** Text alternative. */
  alt?: string;
  /** Intrinsic width in pixels, when known. */
  width?: number;
  /** Intrinsic height in pixels, when known. */
  height?: number;
}

/** A story in a list: front page blocks, service and tag pages, related stories. */
export interface ArticleCard {
  /** The news code (کد خبر). */
  code: number;
  /** The title (تیتر). */
  title: string;
  /** The kicker (روتیتر), if any. */
  kicker?: string;
  /** The lead (لید), if the list shows it. */
  lead?: string;
  /** The story's page. */
  url: string;
  /** When it was published (an instant; shown in Tehran time). */
  publishedAt: Date;
  /** Its service, linked from the card. */
  service?: ServiceRef;
  /** A picture for the card. */
  image?: ImageRef;
}

/** A published comment and its published replies. */
export interface CommentView {
  /** Stable id: the anchor `#comment-{id}` and the `?replyTo={id}` value. */
  id: string;
  /** The name the commenter gave (plain text; escaped). */
  name: string;
  /** The comment (plain text as typed; escaped, line breaks kept). */
  body: string;
  /** When it was written. */
  createdAt: Date;
  /**
   * Published replies, oldest first, already shaped for the page: nested up to five levels;
   * replies deeper than that are siblings at the fifth level, in reading order.
   */
  children: CommentView[];
  /** For a reply shown flat below the fifth level: the comment it answers. */
  inReplyTo?: { id: string; name: string };
}

/** What the commenter typed, to fill the form again after an error. */
export interface CommentFormValues {
  /** Name field. */
  name?: string;
  /** Email field. */
  email?: string;
  /** Comment text. */
  body?: string;
  /**
   * The comment being answered. The page's `?replyTo=ID` link should arrive here; the form
   * sends it back as the hidden `parentId` field and names the comment's author.
   */
  parentId?: string;
}

/** A message shown above the comment form after a submission. */
export interface FormMessage {
  /** `ok` is announced politely; `error` with `role="alert"`. */
  kind: 'ok' | 'error';
  /** The message, in Persian. */
  text: string;
}

/** The comment form under an article. */
export interface CommentFormState {
  /** `false` shows «ارسال نظر برای این خبر بسته است.» instead of the form. */
  open: boolean;
  /** Where the form POSTs (`application/x-www-form-urlencoded`). */
  action: string;
  /** The outcome of the last submission, if any. */
  message?: FormMessage;
  /** Values to fill in again (after an error), and the comment being answered. */
  values?: CommentFormValues;
  /**
   * The proof-of-work challenge, when comments need one. `challengeJson` is put as-is in
   * the `data-challenge` attribute of the hidden `captcha` input; `/static/site.js` solves
   * it and writes the answer into that input (see site.js for the accepted format).
   */
  captcha?: {
    /** A challenge to solve, as JSON (may be empty when `challengeUrl` is given). */
    challengeJson: string;
    /** Where the script fetches a fresh challenge (cached pages must not share one). */
    challengeUrl?: string;
  };
}

/** The article page, `/news/{code}/{slug}`. */
export interface ArticlePage {
  /** The site. */
  site: Site;
  /** The news code (کد خبر), shown as «کد خبر: ۳۸۷۲۲۸». */
  code: number;
  /** The URL slug. */
  slug: string;
  /** The title (تیتر): the page's only h1. */
  title: string;
  /** The kicker (روتیتر), above the title. Empty or absent: not shown. */
  kicker?: string;
  /** The lead (لید), shown apart from the body; also the meta description. */
  lead?: string;
  /** The body, sanitized when it was written. Inserted as-is. */
  bodyHtml: string;
  /** The source (منبع), e.g. «خبرگزاری مهر». Empty or absent: not shown. */
  source?: string;
  /** The service the story belongs to. */
  service?: ServiceRef;
  /** Its tags, in display order. */
  tags: TagRef[];
  /** First publication. */
  publishedAt: Date;
  /** Last change; shown when it differs from `publishedAt`. */
  updatedAt?: Date;
  /** Who wrote it (structured data); absent: the site is named as author. */
  authorName?: string;
  /** The story's lead picture (link previews, structured data): the first image of its body. */
  image?: SocialImage;
  /** Absolute short link, `{baseUrl}/news/{code}`: copied and shared. */
  shortUrl: string;
  /** Absolute canonical URL of this page. */
  canonicalUrl: string;
  /** Related stories, best first. */
  related: ArticleCard[];
  /** Number of published comments. */
  commentCount: number;
  /** This page of published top-level comments, oldest first, with their replies. */
  comments: CommentView[];
  /** Which page of comment threads this is, of how many (1 of 1 for most stories). */
  commentPage?: { page: number; pages: number };
  /** The comment form. */
  commentForm: CommentFormState;
}

/** A service's stories on the front page. */
export interface ServiceBlock {
  /** The service (its heading links to `/service/{slug}`). */
  service: ServiceRef;
  /** Its latest stories. */
  cards: ArticleCard[];
}

/** The front page, `/`. */
export interface FrontPage {
  /** The site. */
  site: Site;
  /** The lead story, shown big with its image loaded eagerly. */
  lead?: ArticleCard;
  /** The latest stories, newest first. */
  latest: ArticleCard[];
  /** One block per service, in display order; blocks without cards are not shown. */
  services: ServiceBlock[];
  /** The most viewed stories, most first. */
  mostViewed: ArticleCard[];
}

/** Position in a paged list. */
export interface Pagination {
  /** The current page, from 1. */
  page: number;
  /** How many pages there are (at least 1); absent when more than were counted (a long archive). */
  totalPages?: number;
  /** The previous page, absent on the first. */
  prevUrl?: string;
  /** The next page, absent on the last. */
  nextUrl?: string;
}

/** A service page (`/service/{slug}`) or a tag page (`/tag/{slug}`). */
export interface ListPage {
  /** The site. */
  site: Site;
  /** Which kind of list, for the page's wording and its feed. */
  kind: 'service' | 'tag';
  /** The service or tag; its name is the page's h1. */
  slug: string;
  /** The heading: the service's or tag's name. */
  heading: string;
  /** A sentence under the heading, if there is one. */
  description?: string;
  /** Absolute canonical URL of this page (including its page number past the first). */
  canonicalUrl: string;
  /** The stories on this page, newest first. */
  cards: ArticleCard[];
  /** Where this page sits in the list. */
  pagination: Pagination;
}

/** One search hit. */
export interface SearchResult {
  /** The story's title. */
  title: string;
  /** The story's page. */
  url: string;
  /** A short excerpt with matches in `<mark>`; made by Dabir from escaped text, inserted as-is. */
  snippetHtml: string;
  /** When it was published, if shown. */
  publishedAt?: Date;
  /** Its service, if shown. */
  service?: ServiceRef;
}

/** The search page, `/search?q=…`. */
export interface SearchPage {
  /** The site. */
  site: Site;
  /** The query as the reader typed it (empty: only the form is shown). */
  query: string;
  /** This page of results, best first. */
  results: SearchResult[];
  /** How many results there are in all. */
  total: number;
  /** Where this page sits, when there is more than one. */
  pagination?: Pagination;
  /** A corrected query to offer: «منظورتان … بود؟». */
  suggestion?: string;
}
