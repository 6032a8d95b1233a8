/** Password hashing with argon2id (the argon2 package's defaults: m=64 MiB, t=3, p=4). */
import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/** Verifies without leaking timing; false for a missing or malformed hash. */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) {
    // Spend the same work as a real check so unknown accounts cannot be told apart by time.
    await argon2.hash(password, { type: argon2.argon2id }).catch(() => undefined);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A readable generated password (for the first administrator). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
