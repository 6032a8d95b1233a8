/**
 * Where a channel may send: a channel's base URL is chosen by an administrator, but the
 * request leaves from the server, inside its network. Without a check, a base URL on
 * 127.0.0.1, 10.x or 169.254.169.254 (cloud metadata) turns the outbox into a probe of the
 * server's own network. So every address a request would go to must be globally routable,
 * unless its host is named in DABIR_CHANNEL_HOSTS (a self-hosted Bale or Eitaa gateway).
 *
 * The check runs twice: when a channel is saved (literal addresses and names, for a clear
 * 400), and when a post is sent, after DNS: the name is resolved once, every address is
 * checked, and the connection goes to a checked address (the lookup is ours), so a name that
 * changes its answer between the check and the connection (DNS rebinding) gains nothing.
 * Redirects are never followed (node:http does not follow them).
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { AppError } from '../errors/index.js';

/** Resolves a host name to its addresses (IPv4 and IPv6); tests pass their own. */
export type Resolver = (host: string) => Promise<string[]>;

/** What the checks need: the administrator's allowance and, for tests, a resolver. */
export interface HostPolicy {
  /** Host names or addresses allowed even when not globally routable (config `channelHosts`). */
  channelHosts?: readonly string[] | undefined;
  resolve?: Resolver | undefined;
}

const systemResolver: Resolver = async (host) => (await dnsLookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** A host as compared: lower case, without IPv6 brackets or a trailing dot. */
export function canonicalHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.+$/, '');
}

// ---- address ranges -----------------------------------------------------------------------

/** An IPv4 address as 4 bytes, or undefined. */
function v4Bytes(address: string): number[] | undefined {
  if (isIP(address) !== 4) return undefined;
  return address.split('.').map(Number);
}

/** An IPv6 address as 16 bytes (an embedded dotted quad and a zone allowed), or undefined. */
function v6Bytes(address: string): number[] | undefined {
  const bare = address.replace(/%.*$/, '');
  if (isIP(bare) !== 6) return undefined;
  let text = bare;
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    tail.push(...dotted[1]!.split('.').map(Number));
    text = text.slice(0, -dotted[1]!.length) + '0:0';
  }
  const [head, rest] = text.split('::') as [string, string | undefined];
  const groups = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const left = groups(head);
  const right = rest === undefined ? [] : groups(rest);
  const words = rest === undefined ? left : [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  const bytes = words.flatMap((w) => [w >> 8, w & 0xff]);
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

/** Does `bytes` start with the first `bits` bits of `prefix`? */
function inPrefix(bytes: number[], prefix: number[], bits: number): boolean {
  for (let i = 0; i < bits; i += 8) {
    const take = Math.min(8, bits - i);
    const mask = (0xff << (8 - take)) & 0xff;
    if (((bytes[i / 8] ?? 0) & mask) !== ((prefix[i / 8] ?? 0) & mask)) return false;
  }
  return true;
}

// Not globally routable (IANA special-purpose registries, RFC 6890 and successors).
const V4_SPECIAL: Array<[number[], number]> = [
  [[0, 0, 0, 0], 8], // "this network", 0.0.0.0
  [[10, 0, 0, 0], 8], // private
  [[100, 64, 0, 0], 10], // carrier-grade NAT
  [[127, 0, 0, 0], 8], // loopback
  [[169, 254, 0, 0], 16], // link-local (cloud metadata at 169.254.169.254)
  [[172, 16, 0, 0], 12], // private
  [[192, 0, 0, 0], 24], // IETF protocol assignments
  [[192, 0, 2, 0], 24], // documentation
  [[192, 88, 99, 0], 24], // 6to4 relay anycast (deprecated)
  [[192, 168, 0, 0], 16], // private
  [[198, 18, 0, 0], 15], // benchmarking
  [[198, 51, 100, 0], 24], // documentation
  [[203, 0, 113, 0], 24], // documentation
  [[224, 0, 0, 0], 4], // multicast
  [[240, 0, 0, 0], 4], // reserved, and 255.255.255.255 broadcast
];

function isGlobalV4(bytes: number[]): boolean {
  return !V4_SPECIAL.some(([prefix, bits]) => inPrefix(bytes, prefix, bits));
}

const V6_SPECIAL: Array<[number[], number]> = [
  [[0x20, 0x01, 0x0d, 0xb8], 32], // documentation
  [[0x20, 0x01, 0x00, 0x00], 23], // IETF protocol assignments (Teredo, ORCHID, benchmarking…)
];

function isGlobalV6(bytes: number[]): boolean {
  const zero = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d, which includes :: and ::1):
  // the embedded IPv4 address decides, and :: and ::1 are neither.
  if (zero(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return isGlobalV4(bytes.slice(12));
  if (zero(0, 12)) return false;
  // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address that a gateway would reach.
  if (inPrefix(bytes, [0x00, 0x64, 0xff, 0x9b], 32) && zero(4, 12)) return isGlobalV4(bytes.slice(12));
  if (inPrefix(bytes, [0x00, 0x64, 0xff, 0x9b, 0x00, 0x01], 48)) return false; // local-use NAT64
  if (inPrefix(bytes, [0x20, 0x02], 16)) return isGlobalV4(bytes.slice(2, 6));
  // Only global unicast (2000::/3) is routable: this leaves out unique-local fc00::/7,
  // link-local fe80::/10, site-local fec0::/10, multicast ff00::/8 and the rest.
  if (!inPrefix(bytes, [0x20], 3)) return false;
  return !V6_SPECIAL.some(([prefix, bits]) => inPrefix(bytes, prefix, bits));
}

/**
 * Whether an IP address is globally routable: false for loopback, private, CGNAT, link-local,
 * multicast, unspecified, documentation and reserved ranges, their IPv4-mapped IPv6 forms,
 * and anything that is not an IP address.
 */
export function isGlobalAddress(address: string): boolean {
  const v4 = v4Bytes(address);
  if (v4) return isGlobalV4(v4);
  const v6 = v6Bytes(address);
  return v6 ? isGlobalV6(v6) : false;
}

// ---- the checks -----------------------------------------------------------------------------

/** Names that are loopback by definition (RFC 6761), whatever a resolver says. */
const LOOPBACK_NAME = /(^|\.)localhost$/;

function allowed(policy: HostPolicy, host: string): boolean {
  const h = canonicalHost(host);
  return (policy.channelHosts ?? []).some((entry) => canonicalHost(entry) === h);
}

/** Whether one resolved (or literal) address of `host` may be connected to. */
function addressAllowed(policy: HostPolicy, host: string, address: string): boolean {
  return isGlobalAddress(address) || allowed(policy, host) || allowed(policy, address);
}

const REFUSED_MESSAGE =
  'نشانی پایهٔ کانال پذیرفته نیست: باید نشانی http یا https در اینترنت باشد، نه نشانی محلی، خصوصی یا درونی. درگاه خودمیزبان را در DABIR_CHANNEL_HOSTS نام ببرید.';

function refuse(detail: string): never {
  throw new AppError('channel_url_refused', { message: REFUSED_MESSAGE, detail, fields: { baseUrl: REFUSED_MESSAGE } });
}

/**
 * Checks a base URL when a channel is saved; throws `channel_url_refused` (400). A literal
 * address must be globally routable; a name must not be `localhost` and must not resolve to
 * an address that is not (a name that does not resolve now passes: it is checked again, after
 * DNS, at every delivery). A host in the allowance passes as it is.
 */
export async function checkChannelUrl(raw: string, policy: HostPolicy): Promise<void> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse(`not a URL: ${raw}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return refuse(`protocol ${url.protocol}`);
  if (url.username || url.password) return refuse('credentials in the URL');
  // The WHATWG parser has already turned 2130706433, 0x7f.1 and 127.1 into 127.0.0.1.
  const host = canonicalHost(url.hostname);
  if (!host) return refuse('no host');
  if (allowed(policy, host)) return;
  if (isIP(host)) {
    if (!isGlobalAddress(host)) refuse(`address ${host} is not globally routable`);
    return;
  }
  if (LOOPBACK_NAME.test(host)) return refuse(`${host} is loopback`);
  let addresses: string[];
  try {
    addresses = await (policy.resolve ?? systemResolver)(host);
  } catch {
    return;
  }
  const bad = addresses.find((a) => !addressAllowed(policy, host, a));
  if (bad) refuse(`${host} resolves to ${bad}`);
}

// ---- the guarded request ------------------------------------------------------------------------

/** A request refused before it was made. */
export class BlockedAddressError extends Error {
  override name = 'BlockedAddressError';
  readonly code = 'EDABIRBLOCKED';
}

/** Our DNS lookup for node:http: resolve, check every address, answer only checked ones. */
function guardedLookup(policy: HostPolicy): LookupFunction {
  return (hostname, options, callback) => {
    const host = canonicalHost(hostname);
    const resolve = policy.resolve ?? systemResolver;
    const done = callback;
    const refuseLookup = (error: NodeJS.ErrnoException) => done(error, '', 4);
    resolve(host).then(
      (addresses) => {
        const family = typeof options === 'object' ? options.family : undefined;
        const wanted = addresses.filter((a) => isIP(a) !== 0 && (!family || isIP(a) === family));
        if (wanted.length === 0) return refuseLookup(Object.assign(new Error(`no address for ${host}`), { code: 'ENOTFOUND' }));
        // Every address must pass, not only the one tried first.
        if (wanted.some((a) => !addressAllowed(policy, host, a))) return refuseLookup(new BlockedAddressError(`${host}: address not allowed`));
        const all = wanted.map((address) => ({ address, family: isIP(address) }));
        if (typeof options === 'object' && options.all) return done(null, all);
        return done(null, all[0]!.address, all[0]!.family);
      },
      (error: NodeJS.ErrnoException) => refuseLookup(error),
    );
  };
}

/** What came back: the status and the parsed JSON body (undefined when it was not JSON). */
export interface GuardedAnswer {
  status: number;
  body: unknown;
}

/** The most of an answer read: bot API answers are small. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * POSTs JSON to a URL under the policy: literal addresses are checked here, names by our
 * lookup (so the socket connects to the address that was checked), redirects are not
 * followed, and at most 64 KiB of the answer is read.
 */
export function guardedPostJson(rawUrl: string, payload: unknown, options: HostPolicy & { timeoutMs: number }): Promise<GuardedAnswer> {
  return new Promise((resolve, reject) => {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch (error) {
      return reject(error instanceof Error ? error : new Error(String(error)));
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return reject(new BlockedAddressError(`protocol ${url.protocol}`));
    const host = canonicalHost(url.hostname);
    if (isIP(host) && !addressAllowed(options, host, host)) return reject(new BlockedAddressError(`${host}: address not allowed`));
    const body = Buffer.from(JSON.stringify(payload));
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = request(
      {
        protocol: url.protocol,
        hostname: host,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'content-length': body.length },
        lookup: guardedLookup(options),
        agent: false,
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_ANSWER_BYTES) return res.destroy();
          chunks.push(chunk);
        });
        res.on('close', () => {
          clearTimeout(timer);
          let parsed: unknown;
          try {
            parsed = size > MAX_ANSWER_BYTES ? undefined : JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            parsed = undefined;
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    const timer = setTimeout(() => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })), options.timeoutMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end(body);
  });
}

/**
 * A fixed, short description of a failed request: never the text of a foreign answer or of
 * a system message, so that lastError cannot be read as an oracle of what answers where.
 */
export function describeNetworkError(error: unknown): string {
  const code = (error as { code?: unknown; cause?: { code?: unknown } })?.code ?? (error as { cause?: { code?: unknown } })?.cause?.code;
  switch (code) {
    case 'EDABIRBLOCKED':
      return 'address not allowed';
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
      return 'timed out';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NODATA':
    case 'EAI_NONAME':
      return 'host not found';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'connection reset';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'unreachable';
    default:
      return typeof code === 'string' && /^(ERR_TLS|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED|ERR_SSL)/.test(code) ? 'TLS error' : 'network error';
  }
}
