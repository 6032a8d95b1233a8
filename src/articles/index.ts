/** Articles: the model, the newsroom's rules, sanitizing, publishing and the store. */
export {
  articlePath,
  codePoints,
  effectiveStatus,
  isNewsCode,
  LIMITS,
  NEWS_CODE_MAX,
  NEWS_CODE_MESSAGE,
  NEWS_CODE_MIN,
  parseNewsCode,
  validateArticleInput,
  type Article,
  type ArticleInput,
  type ArticleSummary,
} from './model.js';
export { canReadArticle, isPublic, unpublishedReach, type Reader, type UnpublishedReach } from './access.js';
export { htmlToText, sanitizeBody } from './sanitize.js';
export { ViewCounter, viewDay, writeViews } from './view-counter.js';
export { createArticle, publishDueArticles, updateArticle, type ArticleDeps } from './service.js';
export {
  addViews,
  countArticles,
  countPublished,
  FEED_CONTENT_SETTING,
  findArticleByCode,
  findServiceBySlug,
  findTagBySlug,
  latestPublished,
  latestSummaries,
  listArticles,
  listServices,
  mostViewed,
  publishedChanges,
  publishedIdAt,
  publishedTagSlugs,
  readFeedContent,
  recentSitemapStories,
  relatedSummaries,
  sitemapStories,
  tagNamesOf,
  writeFeedContent,
  type FeedContent,
  type ListQuery,
  type SitemapStory,
} from './store.js';
