/**
 * Markup, at the bottom of the layers: the `html` template tag and the one HTML escaper,
 * and a scanner for the `<img>` tags of a story body. Pure; imports nothing of Dabir's.
 */
export { escapeHtml, html, raw, SafeHtml, type HtmlValue } from './html.js';
export { imgAttribute, imgTags, replaceImgTags } from './img.js';
