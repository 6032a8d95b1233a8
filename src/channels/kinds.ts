/**
 * The messengers Dabir posts to, as data: each speaks the Telegram Bot API's
 * `sendMessage` (Bale and Eitaa offer compatible bot APIs). A channel row may
 * name its own base URL (a proxy, a self-hosted gateway, a test server); when it
 * does not, the kind's default below is used.
 */
import type { ChannelKind } from '../storage/index.js';

export interface KindInfo {
  /** The messenger's Persian name, for editors. */
  name: string;
  /** The default base URL of its bot API, without a trailing slash. */
  baseUrl: string;
  /**
   * What stands before the token in the method path: Telegram and Bale use
   * `{base}/bot{token}/sendMessage`; Eitaa's gateway (eitaayar) uses `{base}/{token}/sendMessage`.
   */
  tokenPrefix: string;
}

export const CHANNEL_KINDS: Readonly<Record<ChannelKind, KindInfo>> = {
  // https://core.telegram.org/bots/api#making-requests
  telegram: { name: 'تلگرام', baseUrl: 'https://api.telegram.org', tokenPrefix: 'bot' },
  // https://docs.bale.ai: "https://tapi.bale.ai/bot<token>/METHOD_NAME"
  bale: { name: 'بله', baseUrl: 'https://tapi.bale.ai', tokenPrefix: 'bot' },
  // Eitaa's bot gateway: "https://eitaayar.ir/api/<token>/METHOD_NAME"
  eitaa: { name: 'ایتا', baseUrl: 'https://eitaayar.ir/api', tokenPrefix: '' },
};

export const KIND_NAMES = Object.keys(CHANNEL_KINDS) as ChannelKind[];

export function isChannelKind(value: string): value is ChannelKind {
  return Object.hasOwn(CHANNEL_KINDS, value);
}

/** The address of a bot API method for a channel. */
export function methodUrl(channel: { kind: ChannelKind; base_url: string | null; token: string }, method: string): string {
  const info = CHANNEL_KINDS[channel.kind];
  const base = (channel.base_url ?? info.baseUrl).replace(/\/+$/, '');
  return `${base}/${info.tokenPrefix}${channel.token}/${method}`;
}
