/**
 * The two cookies the newsroom sets, read and written by hand (RFC 6265): the
 * session (`dabir_session`) and the sign-in form's CSRF token. Both HttpOnly,
 * SameSite, limited to /newsroom, and Secure whenever the request came over
 * TLS (directly, or through a trusted proxy's X-Forwarded-Proto).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The value of one cookie of the request, if sent. */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
    }
  }
  return undefined;
}

export interface CookieOptions {
  path: string;
  /** Seconds; 0 deletes the cookie. */
  maxAge: number;
  sameSite: 'Lax' | 'Strict';
}

/** Adds a Set-Cookie header; the value must be cookie-safe (base64url tokens are). */
export function writeCookie(request: FastifyRequest, reply: FastifyReply, name: string, value: string, options: CookieOptions): void {
  const parts = [`${name}=${value}`, `Path=${options.path}`, `Max-Age=${Math.max(0, Math.floor(options.maxAge))}`, 'HttpOnly', `SameSite=${options.sameSite}`];
  if (options.maxAge <= 0) parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  if (request.protocol === 'https') parts.push('Secure');
  // Fastify appends to an existing set-cookie header instead of replacing it.
  reply.header('set-cookie', parts.join('; '));
}
