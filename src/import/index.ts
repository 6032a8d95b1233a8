/** Importing from other systems: WordPress exports (WXR) for `dabir import-wxr`. */
export { importWxr, IMPORTER_VERSION, type ImportDeps, type ImportOptions, type ImportProgress, type ImportReport, type Tally } from './importer.js';
export { contentToHtml, hasBlocks, type ContentOptions } from './content.js';
export { wpautop } from './wpautop.js';
export { doShortcodes, type AttachmentRef, type ShortcodeContext } from './shortcodes.js';
export { readWxr, WxrError, WxrParser, type WxrErrorReason, type WxrRecord } from './wxr.js';
export { isTimeZone } from './dates.js';
export { legacyRedirectKeys } from './plan.js';
export { findRedirect } from './redirects.js';
