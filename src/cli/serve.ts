/** `dabir serve`: the same server as `npm start`, with the same graceful stop. */
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { serveUntilSignalled } from '../server.js';

export function registerServe(program: Command, loadConfig: () => Config): void {
  program
    .command('serve')
    .description('serve the site and the API (the same as npm start)')
    .action(async () => {
      await serveUntilSignalled(loadConfig());
      process.exit(0);
    });
}
