/**
 * What a sign-in email and a new password must look like (pure), for every door that makes
 * an account: the newsroom's user list, the CLI, and the comment form's email field.
 */

/**
 * An email address: up to 64 characters, an @, then up to 189 (RFC 5321's 64 + 255 limits,
 * within a 254-character path), with no space, second @, or angle or round brackets (which
 * would let a display name or a comment pass for an address). No dot is required after the
 * @: the default account is `admin@localhost`.
 */
const EMAIL = /^[^\s@<>()]{1,64}@[^\s@<>()]{1,189}$/;

export function isEmail(text: string): boolean {
  return EMAIL.test(text);
}

/** The shortest password an account may be given (newsroom and CLI alike); the longest is PASSWORD_MAX. */
export const PASSWORD_MIN = 10;
