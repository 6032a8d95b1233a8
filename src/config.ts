/**
 * The one typed view of the environment (CONTRACT.md, "Environment").
 *
 * Every setting is declared once in SETTINGS with its variable, default and
 * description; `loadConfig()` validates them at boot and nothing else in the
 * program reads `process.env`. `dabir --help` and the README's table are made
 * from the same list.
 */
import { isIP } from 'node:net';
import { resolve } from 'node:path';

export type ModerationMode = 'pre' | 'post';

export interface Config {
  /** HTTP port. */
  port: number;
  /** Bind address. */
  host: string;
  /** Data folder: the SQLite database, uploaded media, generated secrets. */
  dataDir: string;
  /** `postgres://…` switches storage to PostgreSQL; undefined means SQLite in dataDir. */
  databaseUrl: string | undefined;
  /** `redis://…` shares cache invalidation, rate limits and view counts between instances. */
  redisUrl: string | undefined;
  /** The first administrator's email, created on first start. */
  adminEmail: string | undefined;
  /** The first administrator's password; generated and printed once when unset. */
  adminPassword: string | undefined;
  /** Load the bundled demo newsroom on an empty database. */
  demo: boolean;
  /** The proof-of-work comment challenge; off only for tests. */
  captcha: boolean;
  /** `pre`: every comment waits for a moderator; `post`: allowed comments publish at once. */
  moderation: ModerationMode;
  /** Public base URL used in feeds, canonical links and share links. */
  publicUrl: string | undefined;
  /** Log level for the server. */
  logLevel: string;
  /** Which proxies' X-Forwarded-For is believed (proxy-addr names, addresses or CIDRs). */
  trustProxy: string;
  /** Bearer token that opens /metrics to other hosts; loopback and trusted proxies need none. */
  metricsToken: string | undefined;
  /** Milliseconds between runs of the scheduler (scheduled publishing, view counts). */
  tickMs: number;
  /** MiB for rendered public pages and their compressed forms; 0 keeps none. */
  pageCacheMb: number;
  /**
   * For tests only: caps the SQLite database at this many pages (SQLite's `max_page_count`,
   * which holds per connection), so that writes fail as on a full disk; undefined: no cap.
   */
  sqliteMaxPages: number | undefined;
  /**
   * Hosts (names or IP addresses, canonical: lower case, no brackets, no trailing dot) that
   * messenger channels may post to even when they are not globally routable, such as a
   * self-hosted Bale or Eitaa gateway on the local network; empty: only public addresses.
   */
  channelHosts: readonly string[];
}

interface Setting {
  key: keyof Config;
  env: string;
  default: string | undefined;
  description: string;
  parse(value: string | undefined): unknown;
}

class ConfigError extends Error {
  override name = 'ConfigError';
}

/** A whole number from `min` to `max`; `what` names it in the error («a port number», «a whole number»). */
function parseWhole(env: string, min: number, max: number, what = 'a whole number') {
  return (v: string | undefined) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${env} must be ${what} from ${min} to ${max}, got "${v}"`);
    return n;
  };
}

function parseSwitch(env: string, on: string, off: string) {
  return (v: string | undefined) => {
    if (v === on) return true;
    if (v === off) return false;
    throw new ConfigError(`${env} must be "${on}" or "${off}", got "${v}"`);
  };
}

function parseUrl(env: string, protocols: string[]) {
  return (v: string | undefined) => {
    if (v === undefined || v === '') return undefined;
    let url: URL;
    try {
      url = new URL(v);
    } catch {
      throw new ConfigError(`${env} is not a URL: "${v}"`);
    }
    if (!protocols.includes(url.protocol)) throw new ConfigError(`${env} must start with ${protocols.join(' or ')}, got "${url.protocol}"`);
    return v;
  };
}

const optional = (v: string | undefined) => (v === '' ? undefined : v);

/** A comma-separated list of host names or IP addresses, in canonical form. */
function parseHosts(env: string) {
  return (v: string | undefined) =>
    (v ?? '')
      .split(',')
      .map((h) =>
        h
          .trim()
          .toLowerCase()
          .replace(/^\[(.*)\]$/, '$1')
          .replace(/\.+$/, ''),
      )
      .filter(Boolean)
      .map((h) => {
        if (isIP(h) === 0 && !/^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/.test(h)) {
          throw new ConfigError(`${env} must be host names or IP addresses separated by commas, got "${h}"`);
        }
        return h;
      });
}

export const SETTINGS: readonly Setting[] = [
  { key: 'port', env: 'PORT', default: '3000', description: 'HTTP port', parse: parseWhole('PORT', 0, 65535, 'a port number') },
  { key: 'host', env: 'HOST', default: '127.0.0.1', description: 'bind address', parse: (v) => v },
  {
    key: 'dataDir',
    env: 'DABIR_DATA',
    default: './data',
    description: 'data folder: the SQLite database, uploaded media, generated secrets',
    parse: (v) => resolve(v ?? './data'),
  },
  {
    key: 'databaseUrl',
    env: 'DATABASE_URL',
    default: undefined,
    description: '`postgres://…` switches storage to PostgreSQL; unset means SQLite in `DABIR_DATA`',
    parse: parseUrl('DATABASE_URL', ['postgres:', 'postgresql:']),
  },
  {
    key: 'redisUrl',
    env: 'REDIS_URL',
    default: undefined,
    description: '`redis://…` shares cache invalidation, rate limits and view counts between instances',
    parse: parseUrl('REDIS_URL', ['redis:', 'rediss:']),
  },
  { key: 'adminEmail', env: 'DABIR_ADMIN_EMAIL', default: undefined, description: 'the first administrator, created on first start', parse: optional },
  {
    key: 'adminPassword',
    env: 'DABIR_ADMIN_PASSWORD',
    default: undefined,
    description: 'its password; when unset, a password is generated and printed once',
    parse: optional,
  },
  {
    key: 'demo',
    env: 'DABIR_DEMO',
    default: '1',
    description: 'on an empty database, load the bundled demo newsroom; `0` starts empty',
    parse: parseSwitch('DABIR_DEMO', '1', '0'),
  },
  {
    key: 'captcha',
    env: 'DABIR_CAPTCHA',
    default: 'on',
    description: '`off` disables the comment challenge, for tests only',
    parse: parseSwitch('DABIR_CAPTCHA', 'on', 'off'),
  },
  {
    key: 'moderation',
    env: 'DABIR_MODERATION',
    default: 'pre',
    description: '`pre`: every comment waits for a moderator; `post`: comments the engine allows are published at once',
    parse: (v) => {
      if (v === 'pre' || v === 'post') return v;
      throw new ConfigError(`DABIR_MODERATION must be "pre" or "post", got "${v}"`);
    },
  },
  {
    key: 'publicUrl',
    env: 'DABIR_PUBLIC_URL',
    default: undefined,
    description: 'public base URL for feeds and share links (default: http://HOST:PORT)',
    parse: parseUrl('DABIR_PUBLIC_URL', ['http:', 'https:']),
  },
  {
    key: 'trustProxy',
    env: 'DABIR_TRUST_PROXY',
    default: 'loopback',
    description: 'proxies whose X-Forwarded-For gives the client address (names, IPs or CIDRs); private ranges only when named',
    parse: (v) => v ?? '',
  },
  {
    key: 'metricsToken',
    env: 'DABIR_METRICS_TOKEN',
    default: undefined,
    description: 'bearer token for `/metrics` from other hosts (loopback and trusted proxies need none)',
    parse: (v) => {
      if (v === undefined || v === '') return undefined;
      if (v.length < 16) throw new ConfigError('DABIR_METRICS_TOKEN must be at least 16 characters long');
      return v;
    },
  },
  {
    key: 'tickMs',
    env: 'DABIR_TICK_MS',
    default: '15000',
    description: 'milliseconds between scheduler runs (scheduled publishing, view counts)',
    parse: parseWhole('DABIR_TICK_MS', 100, 3_600_000),
  },
  {
    key: 'pageCacheMb',
    env: 'DABIR_PAGE_CACHE_MB',
    default: '32',
    description: 'memory for rendered public pages and their compressed forms, in MiB (0 turns the cache off)',
    parse: parseWhole('DABIR_PAGE_CACHE_MB', 0, 16_384),
  },
  {
    key: 'sqliteMaxPages',
    env: 'DABIR_SQLITE_MAX_PAGES',
    default: undefined,
    description: 'for tests only: caps the SQLite file at this many pages, so writes fail as on a full disk',
    parse: (v) => (v === undefined || v === '' ? undefined : parseWhole('DABIR_SQLITE_MAX_PAGES', 1, 2 ** 31 - 1, 'a whole number of pages')(v)),
  },
  {
    key: 'channelHosts',
    env: 'DABIR_CHANNEL_HOSTS',
    default: undefined,
    description: 'host names or IPs (comma-separated) messenger channels may post to although private or local, e.g. a self-hosted Bale or Eitaa gateway',
    parse: parseHosts('DABIR_CHANNEL_HOSTS'),
  },
  { key: 'logLevel', env: 'DABIR_LOG_LEVEL', default: 'info', description: 'log level: fatal, error, warn, info, debug', parse: (v) => v },
];

/** Reads and validates the settings; throws a ConfigError with a one-line reason. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const config: Record<string, unknown> = {};
  for (const setting of SETTINGS) {
    const value = env[setting.env] ?? setting.default;
    config[setting.key] = setting.parse(value);
  }
  return config as unknown as Config;
}

/** The base URL pages and feeds use for absolute links. */
export function publicBaseUrl(config: Pick<Config, 'publicUrl' | 'host' | 'port'>): string {
  if (config.publicUrl) return config.publicUrl.replace(/\/+$/, '');
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
}

/** The environment table for `dabir --help` and the README. */
export function describeSettings(): string {
  return SETTINGS.map((s) => `  ${s.env.padEnd(22)} ${s.description}${s.default !== undefined ? ` (default: ${s.default})` : ''}`).join('\n');
}

export { ConfigError };
