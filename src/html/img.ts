/**
 * The `<img>` tags of a story body and their attributes, for the code that needs to know
 * which images a body shows (the feeds and sitemaps, the media library). Bodies are HTML
 * fragments Dabir sanitized or is about to, so a scan is enough: no parser, no DOM.
 */

/** From `<img` to the first `>`. */
const IMG_TAG = /<img\b[^>]*>/gi;

/**
 * One attribute, read the way the HTML tokenizer reads one (HTML Living Standard
 * §13.2.5.32–§13.2.5.39): what separates attributes (ASCII whitespace and `/`), a name, then
 * optionally `=` and a value in double quotes, in single quotes or bare (up to whitespace or
 * `>`). Read one after another from the tag's start, so text inside one attribute's value
 * (`alt="… src=x"`) is never taken for another attribute.
 */
const ATTRIBUTE = /[\t\n\f\r /]*([^\t\n\f\r />=][^\t\n\f\r />=]*|=[^\t\n\f\r />=]*)(?:[\t\n\f\r ]*=[\t\n\f\r ]*(?:"([^"]*)"|'([^']*)'|([^\t\n\f\r >]+)))?/y;

/** The `<img>` tags of `markup`, in order, as written. */
export function imgTags(markup: string): string[] {
  return markup.match(IMG_TAG) ?? [];
}

/** `markup` with every `<img>` tag replaced by what `replace` makes of it. */
export function replaceImgTags(markup: string, replace: (tag: string) => string): string {
  return markup.replace(IMG_TAG, (tag) => replace(tag));
}

/**
 * The value of attribute `name` (ASCII, any case) on an `<img>` tag, its character references
 * decoded; `''` for an attribute without a value, undefined when the tag has none. Of two
 * attributes with one name the first counts, as in a browser.
 */
export function imgAttribute(tag: string, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const attribute = new RegExp(ATTRIBUTE.source, 'y');
  attribute.lastIndex = 4; // past `<img`
  for (let m = attribute.exec(tag); m; m = attribute.exec(tag)) {
    if (m[1]!.toLowerCase() === wanted) return decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return undefined;
}

/** The references the sanitizer and the editor write in attribute values; anything else stays as written. */
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (whole, e: string) => ENTITIES[e] ?? whole);
}
