/** `dabir serve`: the same server as `npm start`. */
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { startServer } from '../server.js';

export function registerServe(program: Command, loadConfig: () => Config): void {
  program
    .command('serve')
    .description('serve the site and the API (the same as npm start)')
    .action(async () => {
      const config = loadConfig();
      const server = await startServer({ config, logger: { level: config.logLevel } });
      server.app.log.info(`Dabir is serving ${server.url} (${server.storage.describe})`);
      await new Promise<void>((resolve) => {
        const stop = () => void server.close().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
