/**
 * The `dabir` command (CONTRACT.md, "Command-line tool"). Every command
 * honours DABIR_DATA and DATABASE_URL and exits non-zero with a one-line
 * reason on bad input.
 */
import { Command, CommanderError } from 'commander';
import { ConfigError, describeSettings, loadConfig } from '../config.js';
import { AppError } from '../errors/index.js';
import { registerBackup } from './backup.js';
import { CliError } from './errors.js';
import { registerImportWxr } from './import-wxr.js';
import { registerModerate } from './moderate.js';
import { registerReindex } from './reindex.js';
import { registerServe } from './serve.js';
import { registerUser } from './user.js';

const program = new Command('dabir')
  .description('Dabir (دبیر): a self-hosted, Persian-first newsroom and news site')
  .addHelpText('after', `\nEnvironment:\n${describeSettings()}\n`)
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

registerServe(program, loadConfig);
registerUser(program, loadConfig);
registerModerate(program, loadConfig);
registerImportWxr(program, loadConfig);
registerReindex(program, loadConfig);
registerBackup(program, loadConfig);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
  const message =
    error instanceof CliError || error instanceof ConfigError
      ? error.message
      : error instanceof AppError
        ? `${error.publicMessage} (${error.code})`
        : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`dabir: ${message}\n`);
  process.exit(error instanceof CliError || error instanceof ConfigError || error instanceof AppError ? 2 : 1);
}
