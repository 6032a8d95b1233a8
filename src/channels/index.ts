/**
 * Messenger channels: stories posted to Telegram, Bale and Eitaa channels through
 * their Telegram-style bot APIs, from an outbox that sends each story once per
 * channel, retries with backoff, and cancels what was unpublished before it went.
 */
export { CHANNEL_KINDS, KIND_NAMES, isChannelKind, methodUrl, type KindInfo } from './kinds.js';
export { composeMessage, readAnswer, retryDelayMs, MAX_ATTEMPTS, type SendOutcome } from './policy.js';
export {
  deliverDue,
  syncRecent,
  syncStory,
  watchOutbox,
  FRESH_MS,
  type DeliveryReport,
  type EnqueueDeps,
  type OutboxDeps,
  type OutboxWatcher,
} from './outbox.js';
export { deliveriesOf, findChannel, insertChannel, listChannels, updateChannel, cancelStale, type NewChannel } from './store.js';
export { checkChannelUrl, isGlobalAddress, type HostPolicy, type Resolver } from './hosts.js';
