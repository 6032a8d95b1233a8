/**
 * Accounts as the newsroom manages them: signing in (with lockout and
 * backoff), changing one's password, and the administrators' user list (add,
 * change role, disable). A disabled account loses its password hash, its API
 * tokens and its sessions at once, so it can sign in nowhere (API included);
 * enabling it again means giving it a new password.
 */
import {
  can,
  createUser,
  isEmail,
  isRole,
  normalizeEmail,
  PASSWORD_MAX,
  PASSWORD_MIN,
  revokeTokens,
  setPassword,
  verifyPassword,
  type User,
} from '../auth/index.js';
import { AppError } from '../errors/index.js';
import type { Db, Role } from '../storage/index.js';
import { endUserSessions } from './sessions.js';

export const ROLE_NAMES: Record<Role, string> = { admin: 'مدیر', editor: 'دبیر', reporter: 'خبرنگار', moderator: 'ناظر نظرات' };

function checkNewPassword(password: string): void {
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
    const message = `گذرواژه باید دست‌کم ${PASSWORD_MIN} نویسه باشد.`;
    throw new AppError('validation_failed', { message, fields: { password: message } });
  }
}

/**
 * Changes one's own password after checking the current one; every other session ends, and so
 * does every API token (a token made with the old password is as much a credential as it was).
 */
export async function changePassword(db: Db, input: { user: User; current: string; next: string; keepSession: string; now: Date }): Promise<void> {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', input.user.id).executeTakeFirst();
  if (!row || !(await verifyPassword(row.password_hash, input.current.slice(0, PASSWORD_MAX)))) {
    throw new AppError('validation_failed', { message: 'گذرواژهٔ کنونی درست نیست.', fields: { current: 'گذرواژهٔ کنونی درست نیست.' } });
  }
  checkNewPassword(input.next);
  await setPassword(db, input.user.id, input.next);
  await endUserSessions(db, input.user.id, input.keepSession);
  await revokeTokens(db, { userId: input.user.id, now: input.now });
}

/** «خروج از همهٔ دستگاه‌ها»: every session of the account ends, this one included, and every API token with them. */
export async function signOutEverywhere(db: Db, userId: number, now: Date): Promise<void> {
  await endUserSessions(db, userId);
  await revokeTokens(db, { userId, now });
}

export interface Account {
  id: number;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: Date;
}

function requireAdmin(actor: User): void {
  if (!can(actor.role, 'admin')) throw new AppError('forbidden');
}

export async function listAccounts(db: Db, actor: User): Promise<Account[]> {
  requireAdmin(actor);
  const rows = await db.selectFrom('users').select(['id', 'email', 'name', 'role', 'disabled_at', 'created_at']).orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    disabled: r.disabled_at !== null,
    createdAt: new Date(Number(r.created_at)),
  }));
}

export async function addAccount(db: Db, input: { email: string; name: string; role: string; password: string; now: Date }, actor: User): Promise<User> {
  requireAdmin(actor);
  const email = normalizeEmail(input.email);
  if (!isEmail(email)) throw new AppError('validation_failed', { message: 'نشانی ایمیل درست نیست.', fields: { email: 'نشانی ایمیل درست نیست.' } });
  if (!isRole(input.role)) throw new AppError('validation_failed', { message: 'نقش نامعتبر است.', fields: { role: 'نقش نامعتبر است.' } });
  checkNewPassword(input.password);
  const taken = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (taken) throw new AppError('conflict', { message: 'کاربری با این ایمیل پیش‌تر ساخته شده است.' });
  return createUser(db, { email, name: input.name.trim().slice(0, 100) || undefined, role: input.role, password: input.password, now: input.now });
}

async function activeAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function target(db: Db, id: number) {
  const row = await db.selectFrom('users').select(['id', 'role', 'disabled_at']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', { message: 'این کاربر پیدا نشد.' });
  return row;
}

const LAST_ADMIN = 'سایت دست‌کم یک مدیر فعال لازم دارد.';

export async function setRole(db: Db, id: number, role: string, actor: User): Promise<void> {
  requireAdmin(actor);
  if (!isRole(role)) throw new AppError('validation_failed', { message: 'نقش نامعتبر است.' });
  const row = await target(db, id);
  if (row.role === 'admin' && role !== 'admin' && row.disabled_at === null && (await activeAdmins(db)) <= 1)
    throw new AppError('conflict', { message: LAST_ADMIN });
  await db.updateTable('users').set({ role }).where('id', '=', id).execute();
}

/** Disables an account: no password, no API token, no session, until enabled with a new password. */
export async function disableAccount(db: Db, id: number, now: Date, actor: User): Promise<void> {
  requireAdmin(actor);
  const row = await target(db, id);
  if (id === actor.id) throw new AppError('conflict', { message: 'حساب خودتان را نمی‌توانید غیرفعال کنید.' });
  if (row.role === 'admin' && row.disabled_at === null && (await activeAdmins(db)) <= 1) throw new AppError('conflict', { message: LAST_ADMIN });
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ disabled_at: now.getTime(), password_hash: null }).where('id', '=', id).execute();
    await trx.updateTable('api_tokens').set({ revoked_at: now.getTime() }).where('user_id', '=', id).where('revoked_at', 'is', null).execute();
    await endUserSessions(trx, id);
  });
}

export async function enableAccount(db: Db, id: number, password: string, actor: User): Promise<void> {
  requireAdmin(actor);
  await target(db, id);
  checkNewPassword(password);
  await setPassword(db, id, password);
  await db.updateTable('users').set({ disabled_at: null }).where('id', '=', id).execute();
}
