/**
 * `dabir reindex` as an operator runs it: a real process on a data folder, progress, the
 * one-line answer, and a one-line reason with exit status 2 on bad input.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle } from '../src/articles/index.js';
import { createUser } from '../src/auth/index.js';
import { createLocalBus } from '../src/events/index.js';
import { ensureSearchIndex, searchArticles, synonymsFromSetting, readSynonymSetting } from '../src/search/index.js';
import { openStorage } from '../src/storage/index.js';
import { runCli } from './support/process.js';
import { tempDir } from './support/storage.js';

/** Runs `dabir …` on the SQLite site in `dataDir`. */
const dabir = (args: string[], dataDir: string) => runCli(args, { DABIR_DATA: dataDir }, { timeoutMs: 60_000 });

describe('dabir reindex', () => {
  const dir = tempDir('dabir-reindex-');
  beforeAll(async () => {
    const storage = await openStorage({ dataDir: dir.path });
    const now = () => new Date();
    const admin = await createUser(storage.db, { email: 'cli@example.com', role: 'admin', password: 'cli-password-1', now: now() });
    // written without the index hook, as stories from before the search index were
    for (const title of ['سرود عشق به میهن', 'برداشت خرما در بوشهر']) {
      await createArticle({ db: storage.db, bus: createLocalBus(), now }, { title, body: '', status: 'published' }, admin);
    }
    await storage.close();
  });
  afterAll(() => dir.remove());

  it('is not needed on the first start after search arrived: the server builds the empty index once', async () => {
    const storage = await openStorage({ dataDir: dir.path });
    try {
      const options = { now: Date.now(), synonyms: synonymsFromSetting('') };
      expect(await ensureSearchIndex(storage.db, storage.engine, options)).toBe(2);
      expect(await ensureSearchIndex(storage.db, storage.engine, options)).toBeNull();
    } finally {
      await storage.close();
    }
  });

  it('indexes every story, stores the synonyms it is given, and says so in one line', async () => {
    const file = join(dir.path, 'synonyms.txt');
    writeFileSync(file, '# our words\nوطن | میهن\n');
    const run = await dabir(['reindex', '--synonyms', file], dir.path);
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^reindexed 2 stories in [0-9.]+s; 2 are findable \(SQLite .*\)\n$/);
    const storage = await openStorage({ dataDir: dir.path });
    try {
      const synonyms = synonymsFromSetting(await readSynonymSetting(storage.db));
      const outcome = await searchArticles(storage.db, storage.engine, { q: 'وطن', now: new Date(), synonyms });
      expect(outcome.hits.map((h) => h.title)).toEqual(['سرود عشق به میهن']);
    } finally {
      await storage.close();
    }
  }, 60_000);

  it('refuses bad input with a one-line reason and exit status 2, changing nothing', async () => {
    const bad = join(dir.path, 'bad.txt');
    writeFileSync(bad, 'تنها یک واژه\n');
    for (const args of [
      ['reindex', '--batch', '0'],
      ['reindex', '--synonyms', join(dir.path, 'missing.txt')],
      ['reindex', '--synonyms', bad],
    ]) {
      const run = await dabir(args, dir.path);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(run.stderr).toMatch(/^dabir: /);
    }
  }, 60_000);
});
