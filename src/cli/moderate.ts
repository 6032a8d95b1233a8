/**
 * `dabir moderate`: JSON lines `{"id", "text", "name"?}` on stdin, one verdict
 * line per input, in order, on stdout (CONTRACT.md). When the site's database
 * exists, the words and exceptions its administrators added are used too.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { Moderator } from '../comments/index.js';
import type { Config } from '../config.js';
import { openStorage, SQLITE_FILE } from '../storage/index.js';
import { CliError } from './errors.js';

export function registerModerate(program: Command, loadConfig: () => Config): void {
  program
    .command('moderate')
    .description('judge comments: JSON lines {"id","text","name"?} on stdin → {"id","verdict","labels","reasons"} lines on stdout')
    .option('--builtin', "use only the built-in lexicons, not the site's added words")
    .action(async (opts: { builtin?: boolean }) => {
      const config = loadConfig();
      const moderator = new Moderator();
      const hasDatabase = config.databaseUrl !== undefined || existsSync(join(config.dataDir, SQLITE_FILE));
      if (!opts.builtin && hasDatabase) {
        const storage = await openStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
        try {
          await moderator.reloadLexicon(storage.db);
        } finally {
          await storage.close();
        }
      }
      const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
      let n = 0;
      let out: string[] = [];
      const flush = () => {
        if (out.length > 0) process.stdout.write(out.join(''));
        out = [];
      };
      for await (const line of lines) {
        n++;
        if (!line.trim()) continue;
        let item: unknown;
        try {
          item = JSON.parse(line);
        } catch {
          flush();
          throw new CliError(`line ${n} is not JSON`);
        }
        const { id, text, name } = (item ?? {}) as { id?: unknown; text?: unknown; name?: unknown };
        if (typeof item !== 'object' || item === null || typeof text !== 'string') {
          flush();
          throw new CliError(`line ${n} needs a "text" string`);
        }
        const result = moderator.moderate({ text, ...(typeof name === 'string' && { name }) });
        out.push(`${JSON.stringify({ id: id ?? null, verdict: result.verdict, labels: result.labels, reasons: result.reasons })}\n`);
        if (out.length >= 256) flush();
      }
      flush();
    });
}
