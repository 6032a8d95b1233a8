/**
 * The public pages as pure functions: a view model in, a complete HTML document out.
 * The web layer maps storage to the models in `model.ts` and caches the strings.
 */
export { html, raw, escapeHtml, SafeHtml } from '../../html/index.js';
export type { HtmlValue } from '../../html/index.js';
export { renderFrontPage } from './front.js';
export { renderArticlePage, COMMENT_POLICY, COMMENTS_CLOSED } from './article.js';
export { renderListPage } from './list.js';
export { renderSearchPage, NO_RESULTS } from './search.js';
export { renderNotFoundPage, renderErrorPage, defaultSite, NOT_FOUND_TEXT } from './errors.js';
export { breadcrumbData, jsonLd, newsArticleData, scriptJson, SITE_LOGO, socialTags, webSiteData } from './structured-data.js';
export type {
  Site,
  ServiceRef,
  TagRef,
  ImageRef,
  SocialImage,
  ArticleCard,
  CommentView,
  CommentFormValues,
  FormMessage,
  CommentFormState,
  ArticlePage,
  ServiceBlock,
  FrontPage,
  Pagination,
  ListPage,
  SearchResult,
  SearchPage,
} from './model.js';
