/**
 * Starting and stopping a whole Dabir instance: the services (src/boot.ts),
 * the app over them, listening, and the background work. main.ts and
 * `dabir serve` use it; so do the tests that need a real server.
 */
import type { FastifyInstance } from 'fastify';
import { bootInstance, startBackground, type BootOptions } from './boot.js';
import type { Config } from './config.js';
import type { ChangeBus } from './events/index.js';
import type { Scheduler } from './jobs/index.js';
import type { Storage } from './storage/index.js';
import { buildApp, type LoggerSetting } from './web/app.js';

export interface RunningServer {
  app: FastifyInstance;
  storage: Storage;
  bus: ChangeBus;
  scheduler: Scheduler;
  /** The address it listens on, e.g. http://127.0.0.1:3000 */
  url: string;
  close(): Promise<void>;
}

export interface StartOptions extends BootOptions {
  logger?: LoggerSetting;
  /** How often the scheduler runs (tests shorten it). */
  schedulerIntervalMs?: number;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const instance = await bootInstance(options);
  let app: FastifyInstance | undefined;
  try {
    app = await buildApp(instance, { logger: options.logger ?? false });
    const url = await app.listen({ port: instance.config.port, host: instance.config.host });
    const background = startBackground(instance, app.log, { intervalMs: options.schedulerIntervalMs ?? instance.config.tickMs });
    const listening = app;
    let closing: Promise<void> | undefined;
    return {
      app: listening,
      storage: instance.storage,
      bus: instance.bus,
      scheduler: background.scheduler,
      url,
      close() {
        closing ??= (async () => {
          await background.stop();
          await listening.close();
          await instance.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await app?.close();
    await instance.close();
    throw error;
  }
}

/**
 * Serves until SIGINT or SIGTERM, then stops gracefully: requests in flight finish, the
 * scheduler ends its turn, the database closes. A stop that takes longer than `graceMs` ends
 * the process anyway. `npm start` (main.ts) and `dabir serve` both run this.
 */
export async function serveUntilSignalled(config: Config, graceMs = 10_000): Promise<void> {
  const server = await startServer({ config, logger: { level: config.logLevel } });
  server.app.log.info(`Dabir is serving ${server.url} (${server.storage.describe})`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      server.app.log.info(`${signal}: shutting down`);
      const force = setTimeout(() => process.exit(1), graceMs);
      force.unref();
      server.close().then(
        () => {
          clearTimeout(force);
          resolve();
        },
        () => process.exit(1),
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
