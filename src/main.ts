/**
 * Process entry for `npm start`: config → services → app → listen, and a
 * graceful shutdown on SIGINT/SIGTERM (finish requests in flight, close the
 * database), the same as `dabir serve`.
 */
import { ConfigError, loadConfig } from './config.js';
import { serveUntilSignalled } from './server.js';

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
  await serveUntilSignalled(config);
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`dabir: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
