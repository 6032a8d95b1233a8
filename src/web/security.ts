/**
 * Security headers on every response (helmet), with one strict
 * Content-Security-Policy for the public pages and the API. helmet's
 * middleware is built once and applied in an onRequest hook: the Fastify
 * wrapper (@fastify/helmet) rebuilds it, parsing every directive, on each
 * request, which cost a cached page a tenth of its time.
 *
 * Why no nonces: public pages are cached and served to many readers, so a
 * per-response nonce would either break caching or be shared (and useless).
 * No page needs one: the templates have no inline script and no style
 * attribute by design, and JSON-LD blocks (`type="application/ld+json"`) are
 * data, which browsers never execute and CSP does not govern. So
 * `script-src 'self'` alone allows exactly the site's own files.
 *
 * The newsroom sends its own, looser policy (NEWSROOM_CSP: the Tiptap editor
 * writes inline styles, and images are previewed from blobs) in its onSend hook;
 * headers set on the reply override the ones helmet sets on the raw response, so
 * the newsroom's policy wins there.
 */
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/** The public pages' and API's policy, directive by directive (CSP Level 3). */
export const PUBLIC_CSP: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'object-src': ["'none'"],
};

/** The newsroom's policy (its HTML pages only): looser than the public one for inline styles, blob: images and a same-site base. */
export const NEWSROOM_CSP: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** The policy as one header value, in the order above. */
export function cspHeader(policy: Readonly<Record<string, readonly string[]>> = PUBLIC_CSP): string {
  return Object.entries(policy)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** HSTS for a year; sent only on requests that arrived over TLS (directly or through a trusted proxy). */
const HSTS = 'max-age=31536000; includeSubDomains';

export function securityHeaders(app: FastifyInstance): void {
  const applyHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: Object.fromEntries(Object.entries(PUBLIC_CSP).map(([k, v]) => [k, [...v]])),
    },
    // Sent below, and only over TLS: on plain HTTP (a test box, a LAN install) HSTS
    // is ignored by browsers at best and locks a host name to TLS it lacks at worst.
    strictTransportSecurity: false,
    // Public stories, images and feeds are meant to be read from other sites (feed
    // readers, messenger previews); nothing here is authenticated by a cross-site cookie
    // (the newsroom's cookie is SameSite and path-limited), so no resource needs hiding.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // Frames are refused by frame-ancestors; X-Frame-Options for older browsers.
    xFrameOptions: { action: 'deny' },
  });
  app.addHook('onRequest', (request, reply, done) => {
    applyHeaders(request.raw, reply.raw, (error?: unknown) => {
      if (error) return done(error as Error);
      if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
      done();
    });
  });
}
