/**
 * Process entry for `npm start`: config → storage → app → listen, and a
 * graceful shutdown on SIGINT/SIGTERM (finish requests in flight, close the
 * database).
 */
import { ConfigError, loadConfig } from './config.js';
import { startServer } from './server.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`dabir: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const server = await startServer({ config, logger: { level: config.logLevel } });
  server.app.log.info(`Dabir is serving ${server.url} (${server.storage.describe})`);
  const stop = (signal: string) => {
    server.app.log.info(`${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`dabir: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
