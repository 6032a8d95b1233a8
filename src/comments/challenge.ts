/**
 * The comment challenge: a self-hosted proof of work (ALTCHA's open
 * protocol, altcha-lib on the server). The page carries a signed challenge;
 * the reader's browser finds the number whose SHA-256 with the salt matches,
 * which costs a second of a phone's time once and makes bulk posting
 * expensive. A solved challenge is accepted once.
 */
import { createChallenge, verifySolution } from 'altcha-lib';
import { AppError } from '../errors/index.js';
import type { SharedState } from '../storage/index.js';

export interface ChallengeService {
  /** A fresh challenge as JSON for the page or an API client. */
  create(now: Date): Promise<string>;
  /** True for a valid, unexpired solution not used before (base64 JSON payload). */
  verify(payload: string | undefined, now: Date): Promise<boolean>;
}

const LIFETIME_MS = 30 * 60_000;

/**
 * `state` remembers used solutions until their challenge expires, where every instance and a
 * restarted process see them (Redis, or the database): a solution is accepted once, anywhere.
 */
export function createChallengeService(hmacKey: string, options: { state: SharedState; maxNumber?: number }): ChallengeService {
  return {
    async create(now) {
      const challenge = await createChallenge({ hmacKey, maxnumber: options.maxNumber ?? 50_000, expires: new Date(now.getTime() + LIFETIME_MS) });
      return JSON.stringify(challenge);
    },
    async verify(payload, now) {
      if (!payload || payload.length > 2000) return false;
      const ok = await verifySolution(payload, hmacKey, true).catch(() => false);
      if (!ok) return false;
      // Replay: the signature identifies the challenge; remember it until it expires.
      let signature: string;
      try {
        signature = String((JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as { signature?: string }).signature ?? '');
      } catch {
        return false;
      }
      if (!signature) return false;
      return options.state.claim(`pow:${signature}`, '1', LIFETIME_MS, now.getTime());
    },
  };
}

/**
 * Applies the challenge to one submission: a wrong or reused solution is
 * refused; no solution at all (a reader without JavaScript) is accepted but
 * held for a moderator whatever the mode. Returns whether to hold.
 */
export async function checkChallenge(service: ChallengeService, required: boolean, payload: string | undefined, now: Date): Promise<boolean> {
  if (!required) return false;
  if (!payload) return true;
  if (!(await service.verify(payload, now))) throw new AppError('captcha_failed');
  return false;
}
