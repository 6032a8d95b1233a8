/**
 * `dabir reindex`: rebuilds the search index from the stories, with a progress bar. With
 * `--synonyms <file>`, first stores the administrators' synonym groups (one group a line,
 * spellings separated by «|»; see search/synonyms.ts), which indexing and queries then use.
 */
import { readFileSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { parseSynonymGroups, rebuildSearchIndex, synonymsFromSetting, writeSynonymSetting, readSynonymSetting } from '../search/index.js';
import { openStorage } from '../storage/index.js';
import { CliError } from './errors.js';

function readSynonymsFile(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const { problems } = parseSynonymGroups(text);
  if (problems.length > 0) throw new CliError(`${file}: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`);
  return text;
}

export function registerReindex(program: Command, loadConfig: () => Config): void {
  program
    .command('reindex')
    .description('rebuild the search index (needed after the synonyms change)')
    .option('--synonyms <file>', 'store these synonym groups first (one group a line: «spelling | spelling»)')
    .option('--batch <n>', 'stories per transaction', '500')
    .action(async (opts: { synonyms?: string; batch: string }) => {
      const batchSize = Number(opts.batch);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000)
        throw new CliError(`--batch must be a whole number from 1 to 10000, got "${opts.batch}"`);
      const synonymsText = opts.synonyms === undefined ? undefined : readSynonymsFile(opts.synonyms);
      const config = loadConfig();
      const storage = await openStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
      const started = Date.now();
      const bar = new SingleBar({
        format: 'reindex [{bar}] {percentage}% | {value}/{total} stories | {duration}s',
        stream: process.stderr,
        hideCursor: true,
      });
      let barStarted = false;
      try {
        if (synonymsText !== undefined) await writeSynonymSetting(storage.db, synonymsText);
        const synonyms = synonymsFromSetting(await readSynonymSetting(storage.db));
        const result = await rebuildSearchIndex(storage.db, storage.engine, {
          now: Date.now(),
          synonyms,
          batchSize,
          onProgress: ({ done, total }) => {
            if (!barStarted) {
              bar.start(total, done);
              barStarted = true;
            } else {
              bar.setTotal(total);
              bar.update(done);
            }
          },
        });
        if (barStarted) bar.stop();
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        process.stdout.write(`reindexed ${result.stories} stories in ${seconds}s; ${result.indexed} are findable (${storage.describe})\n`);
      } finally {
        if (barStarted) bar.stop();
        await storage.close();
      }
    });
}
