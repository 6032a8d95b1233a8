/**
 * Distribution routes of /api/v1: the messenger channels stories are posted to
 * (administrators), each story's deliveries (editors), and what the feeds carry
 * (administrators). A channel's token goes in and never comes out: no answer
 * schema below has a field for it.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ApiApp } from './app.js';
import { requireCan } from '../access.js';
import { findArticleByCode } from '../../articles/index.js';
import {
  cancelStale,
  CHANNEL_KINDS,
  checkChannelUrl,
  deliveriesOf,
  findChannel,
  insertChannel,
  listChannels,
  updateChannel,
  type HostPolicy,
} from '../../channels/index.js';
import { AppError } from '../../errors/index.js';
import type { ChangeBus } from '../../events/index.js';
import type { ChannelRow, Db } from '../../storage/index.js';
import { readFeedContent, writeFeedContent } from '../feeds.js';
import { CodeParams, ErrorBody } from './schemas.js';

/**
 * `channelHosts` (DABIR_CHANNEL_HOSTS) names the hosts a base URL may name although they are
 * not public; `resolve` replaces the system's DNS lookup (tests).
 */
export interface ChannelApiDeps extends HostPolicy {
  db: Db;
  bus: ChangeBus;
  now: () => Date;
}

/** A base URL as stored, after the SSRF check of channels/hosts.ts (400 channel_url_refused). */
async function checkedBaseUrl(deps: ChannelApiDeps, baseUrl: string | null | undefined): Promise<string | null> {
  if (!baseUrl) return null;
  const trimmed = baseUrl.replace(/\/+$/, '');
  await checkChannelUrl(trimmed, deps);
  return trimmed;
}

const Kind = Type.Union([Type.Literal('telegram'), Type.Literal('bale'), Type.Literal('eitaa')]);
// A token goes into the request path: letters, digits and the few marks bot tokens use.
const Token = Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9:_\\-]+$', description: 'the bot token; stored, never returned' });
const BaseUrl = Type.String({ maxLength: 500, pattern: '^https?://[^\\s]+$', description: "the bot API's base URL; absent or null: the kind's default" });
const ChatId = Type.String({ minLength: 1, maxLength: 200, description: 'the channel: @username or numeric chat id' });

const ChannelJson = Type.Object({
  id: Type.Integer(),
  kind: Kind,
  name: Type.String(),
  baseUrl: Type.String({ description: 'the base URL in use (the default when none was set)' }),
  customBaseUrl: Type.Boolean({ description: 'whether the base URL was set for this channel' }),
  chatId: Type.String(),
  enabled: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

const DeliveryJson = Type.Object({
  id: Type.Integer(),
  channel: Type.Object({ id: Type.Integer(), kind: Kind, name: Type.String() }),
  status: Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('failed'), Type.Literal('cancelled')]),
  attempts: Type.Integer(),
  nextAttemptAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'when pending: the next try' }),
  lastError: Type.Union([Type.String(), Type.Null()]),
  messageId: Type.Union([Type.String(), Type.Null()], { description: "the messenger's id of the post" }),
  sentAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

const FeedSettings = Type.Object({
  content: Type.Union([Type.Literal('summary'), Type.Literal('full')], { description: 'summary: the lead only (default); full: the whole story' }),
});

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const iso = (ms: number) => new Date(ms).toISOString();
/** The options of the administrators' routes (`requireCan(request, 'admin')` in each handler). */
const admin = { config: { access: 'user' as const } };

function channelJson(c: ChannelRow) {
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    baseUrl: c.base_url ?? CHANNEL_KINDS[c.kind].baseUrl,
    customBaseUrl: c.base_url !== null,
    chatId: c.chat_id,
    enabled: c.enabled === 1,
    createdAt: iso(c.created_at),
    updatedAt: iso(c.updated_at),
  };
}

/** Listing and adding channels (admin). */
function channelListRoutes(app: ApiApp, deps: ChannelApiDeps): void {
  app.get(
    '/channels',
    {
      ...admin,
      schema: {
        tags: ['channels'],
        summary: 'Messenger channels stories are posted to (admin)',
        security: [{ bearer: [] }],
        response: { 200: Type.Object({ items: Type.Array(ChannelJson) }), ...errors },
      },
    },
    async (request) => {
      requireCan(request, 'admin');
      return { items: (await listChannels(deps.db)).map(channelJson) };
    },
  );

  app.post(
    '/channels',
    {
      ...admin,
      schema: {
        tags: ['channels'],
        summary: 'Add a channel: stories published from now on are posted to it (admin)',
        security: [{ bearer: [] }],
        body: Type.Object({
          kind: Kind,
          name: Type.Optional(Type.String({ maxLength: 100 })),
          baseUrl: Type.Optional(Type.Union([BaseUrl, Type.Null()])),
          token: Token,
          chatId: ChatId,
          enabled: Type.Optional(Type.Boolean()),
        }),
        response: { 201: ChannelJson, ...errors },
      },
    },
    async (request, reply) => {
      requireCan(request, 'admin');
      const b = request.body;
      const baseUrl = await checkedBaseUrl(deps, b.baseUrl);
      const channel = await insertChannel(
        deps.db,
        {
          kind: b.kind,
          name: b.name?.trim() || CHANNEL_KINDS[b.kind].name,
          baseUrl,
          token: b.token,
          chatId: b.chatId.trim(),
          enabled: b.enabled ?? true,
        },
        deps.now().getTime(),
      );
      return reply.code(201).header('location', `/api/v1/channels/${channel.id}`).send(channelJson(channel));
    },
  );
}

/** Changing a channel (admin). */
function channelUpdateRoutes(app: ApiApp, deps: ChannelApiDeps): void {
  app.patch(
    '/channels/:id',
    {
      ...admin,
      schema: {
        tags: ['channels'],
        summary: 'Change a channel; disabling it cancels its pending posts (admin)',
        security: [{ bearer: [] }],
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        body: Type.Object({
          name: Type.Optional(Type.String({ maxLength: 100 })),
          baseUrl: Type.Optional(Type.Union([BaseUrl, Type.Null()])),
          token: Type.Optional(Token),
          chatId: Type.Optional(ChatId),
          enabled: Type.Optional(Type.Boolean()),
        }),
        response: { 200: ChannelJson, ...errors },
      },
    },
    async (request) => {
      requireCan(request, 'admin');
      if (!(await findChannel(deps.db, request.params.id))) throw new AppError('not_found', { message: 'کانالی با این شناسه پیدا نشد.' });
      const b = request.body;
      const baseUrl = b.baseUrl === undefined ? undefined : await checkedBaseUrl(deps, b.baseUrl);
      const now = deps.now().getTime();
      const channel = (await updateChannel(
        deps.db,
        request.params.id,
        {
          ...(b.name !== undefined && { name: b.name.trim() }),
          ...(baseUrl !== undefined && { baseUrl }),
          ...(b.token !== undefined && { token: b.token }),
          ...(b.chatId !== undefined && { chatId: b.chatId.trim() }),
          ...(b.enabled !== undefined && { enabled: b.enabled }),
        },
        now,
      ))!;
      if (b.enabled === false) await cancelStale(deps.db, now);
      return channelJson(channel);
    },
  );
}

/** A story's deliveries (editors). */
function deliveryRoutes(app: ApiApp, deps: ChannelApiDeps): void {
  app.get(
    '/articles/:code/deliveries',
    {
      config: { access: 'user' },
      schema: {
        tags: ['channels'],
        summary: "A story's posts to the messenger channels and their status (editors)",
        security: [{ bearer: [] }],
        params: CodeParams,
        response: { 200: Type.Object({ items: Type.Array(DeliveryJson) }), ...errors },
      },
    },
    async (request) => {
      requireCan(request, 'article.publish');
      const article = await findArticleByCode(deps.db, request.params.code);
      if (!article) throw new AppError('article_not_found');
      const rows = await deliveriesOf(deps.db, article.id);
      return {
        items: rows.map((d) => ({
          id: d.id,
          channel: { id: d.channel_id, kind: d.channel_kind, name: d.channel_name },
          status: d.status,
          attempts: d.attempts,
          nextAttemptAt: d.status === 'pending' ? iso(d.next_attempt_at) : null,
          lastError: d.last_error,
          messageId: d.message_id,
          sentAt: d.sent_at === null ? null : iso(d.sent_at),
          createdAt: iso(d.created_at),
          updatedAt: iso(d.updated_at),
        })),
      };
    },
  );
}

/** What the feeds carry (admin). */
function feedSettingsRoutes(app: ApiApp, deps: ChannelApiDeps): void {
  app.get(
    '/settings/feeds',
    {
      ...admin,
      schema: { tags: ['settings'], summary: 'What feed entries carry (admin)', security: [{ bearer: [] }], response: { 200: FeedSettings, ...errors } },
    },
    async (request) => {
      requireCan(request, 'admin');
      return { content: await readFeedContent(deps.db) };
    },
  );

  app.put(
    '/settings/feeds',
    {
      ...admin,
      schema: {
        tags: ['settings'],
        summary: 'Choose what feed entries carry: the lead or the whole story (admin)',
        security: [{ bearer: [] }],
        body: FeedSettings,
        response: { 200: FeedSettings, ...errors },
      },
    },
    async (request) => {
      requireCan(request, 'admin');
      await writeFeedContent(deps.db, request.body.content);
      await deps.bus.publish(['feeds']);
      return { content: request.body.content };
    },
  );
}

/** Registers the routes on the /api/v1 scope. */
export function channelRoutes(plain: FastifyInstance, deps: ChannelApiDeps): void {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  channelListRoutes(app, deps);
  channelUpdateRoutes(app, deps);
  deliveryRoutes(app, deps);
  feedSettingsRoutes(app, deps);
}
