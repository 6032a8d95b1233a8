/** `dabir user add --email … --role …`: newsroom accounts from the shell. */
import type { Command } from 'commander';
import { createUser, findUserByEmail, generatePassword, isEmail, isRole, PASSWORD_MIN, ROLES } from '../auth/index.js';
import type { Config } from '../config.js';
import { openStorage } from '../storage/index.js';
import { CliError } from './errors.js';

export function registerUser(program: Command, loadConfig: () => Config): void {
  const user = program.command('user').description('newsroom accounts');
  user
    .command('add')
    .description('add an account; prints a generated password unless --password is given')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--role <role>', `one of: ${ROLES.join(', ')}`)
    .option('--name <name>', 'display name')
    .option('--password <password>', 'password (otherwise one is generated and printed once)')
    .action(async (opts: { email: string; role: string; name?: string; password?: string }) => {
      if (!isEmail(opts.email)) throw new CliError(`not an email address: "${opts.email}"`);
      if (!isRole(opts.role)) throw new CliError(`unknown role "${opts.role}"; roles: ${ROLES.join(', ')}`);
      if (opts.password !== undefined && opts.password.length < PASSWORD_MIN) throw new CliError(`the password must be at least ${PASSWORD_MIN} characters`);
      const storage = await openStorage({ dataDir: loadConfig().dataDir, databaseUrl: loadConfig().databaseUrl });
      try {
        if (await findUserByEmail(storage.db, opts.email)) throw new CliError(`a user with the email ${opts.email} already exists`);
        const password = opts.password ?? generatePassword();
        const created = await createUser(storage.db, { email: opts.email, name: opts.name, role: opts.role, password, now: new Date() });
        process.stdout.write(`added ${created.role} ${created.email} (id ${created.id})\n`);
        if (!opts.password) process.stdout.write(`password (shown once): ${password}\n`);
      } finally {
        await storage.close();
      }
    });
}
