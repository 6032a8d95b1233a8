/** The newsroom's use cases: sessions and CSRF, accounts, the story workflow and revisions, the desk, the dashboard. */
export {
  countUserSessions,
  csrfMatches,
  endSession,
  endUserSessions,
  findSession,
  newFormToken,
  SESSION_COOKIE,
  SESSION_LIMITS,
  sessionAlive,
  sessionKey,
  startSession,
  type Session,
} from './sessions.js';
export { diffWords, tokenize, type DiffPart } from './diff.js';
export { ACTION_LABELS, allowedActions, canEditStory, isWorkflowAction, STATUS_LABELS, statusFor, type StoryState, type WorkflowAction } from './workflow.js';
export {
  diffStory,
  DIFF_FIELDS,
  findRevision,
  listRevisions,
  parseTags,
  previousRevision,
  restoreRevision,
  saveStory,
  tagSuggestions,
  type Revision,
  type SaveRequest,
  type StoryFields,
} from './stories.js';
export {
  BAN_KIND_NAMES,
  COMMENT_STATUS_NAMES,
  DECISION_NAMES,
  decisionHistory,
  deskQueue,
  deskTerms,
  highlightSegments,
  LABEL_NAMES,
  listBans,
  removeBan,
  storiesWithComments,
  VERDICT_NAMES,
  type BanKind,
  type BanView,
  type DeskQuery,
  type LogEntry,
  type Segment,
} from './desk.js';
export { dayStart, loadDashboard, type DailySeries, type Dashboard } from './dashboard.js';
export { addAccount, changePassword, disableAccount, enableAccount, listAccounts, ROLE_NAMES, setRole, signOutEverywhere, type Account } from './accounts.js';
