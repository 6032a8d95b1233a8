/** Accounts, credentials and the permission table. */
export { can, isRole, ROLES, type Action } from './permissions.js';
export { Lockout } from './lockout.js';
export { hashPassword, verifyPassword, generatePassword } from './passwords.js';
export {
  authenticate,
  countUsers,
  createUser,
  createUserIfAbsent,
  findUserByEmail,
  issueToken,
  normalizeEmail,
  setPassword,
  userForToken,
  type NewUser,
  type User,
} from './users.js';
