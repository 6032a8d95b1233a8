/** Articles: the model, the newsroom's rules, sanitizing, publishing and the store. */
export { articlePath, codePoints, effectiveStatus, LIMITS, validateArticleInput, type Article, type ArticleInput, type ArticleSummary } from './model.js';
export { htmlToText, sanitizeBody } from './sanitize.js';
export { ViewCounter, viewDay, writeViews } from './views.js';
export { createArticle, publishDueArticles, updateArticle, type ArticleDeps } from './service.js';
export {
  addViews,
  countArticles,
  countPublished,
  findArticleByCode,
  findServiceBySlug,
  findTagBySlug,
  latestPublished,
  latestSummaries,
  listArticles,
  listServices,
  mostViewed,
  relatedSummaries,
  type ListQuery,
} from './store.js';
