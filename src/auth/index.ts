/** Accounts, credentials and the permission table. */
export { can, isRole, ROLES, type Action } from './permissions.js';
export { isEmail, PASSWORD_MIN } from './credentials.js';
export { Lockout } from './lockout.js';
export { PASSWORD_MAX, signIn, type SignInResult } from './sign-in.js';
export { isScope, permits, SCOPES, scopesForRole, type Scope } from './scopes.js';
export { hashPassword, verifyPassword, generatePassword } from './passwords.js';
export {
  authenticate,
  countUsers,
  createUser,
  createUserIfAbsent,
  findUserByEmail,
  issueToken,
  listTokens,
  normalizeEmail,
  revokeTokens,
  setPassword,
  userForToken,
  type NewUser,
  type TokenInfo,
  type User,
} from './users.js';
