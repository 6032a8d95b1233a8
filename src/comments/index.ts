/** Comments: submission, threading, the moderation queue and decisions, and their store. */
export {
  COMMENT_LIMITS,
  duplicateKey,
  initialStatus,
  MAX_DEPTH,
  pageOfThreads,
  SHOWN_DEPTH,
  threadComments,
  THREADS_PER_PAGE,
  validateSubmission,
  type Comment,
  type CommentNode,
  type CommentSubmission,
  type PublicComment,
} from './model.js';
export { checkChallenge, createChallengeService, type ChallengeService } from './challenge.js';
export { Moderator } from './moderator.js';
export { createLocalRateLimiter, DEFAULT_LIMITS, type Limit, type RateLimiter } from './rate-limit.js';
export { banAuthor, clientHash, decideComment, submitComment, type CommentDeps, type DecisionAction } from './service.js';
export { addTerm, checkTerm, listTerms, removeTerm, TERM_MAX, type TermInput, type TermView } from './terms.js';
export { canonicalBanValue, canonicalEmail, canonicalName, type BanKind } from './canonical.js';
export {
  addBan,
  banCommentAuthor,
  countPublishedComments,
  isBanned,
  findComment,
  insertComment,
  insertCommentRow,
  moderationQueue,
  publishedComments,
  publishedCommentsPage,
  type CommentCursor,
  type NewComment,
  type QueueQuery,
} from './store.js';
