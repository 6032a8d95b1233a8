import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ENGINES, openTestStorage } from '../../test/support/storage.js';
import { openStorage, type Storage } from './index.js';

for (const engine of ENGINES) {
  // The suite's name stays the same whether or not the engine is here: the schema snapshot is
  // keyed by it, and a renamed key would count as obsolete in CI.
  if (!engine.available) it.skip(`storage on ${engine.name}${engine.note}`, () => {});
  describe.skipIf(!engine.available)(`storage on ${engine.name}`, () => {
    let ctx: Awaited<ReturnType<typeof openTestStorage>>;
    let storage: Storage;
    beforeAll(async () => {
      ctx = await openTestStorage(engine.name);
      storage = ctx.storage;
    });
    afterAll(async () => ctx?.cleanup());

    it('migrates a new database to the schema the code expects', async () => {
      const tables = await storage.db.introspection.getTables();
      const shape = Object.fromEntries(
        tables
          .filter((t) => !t.name.startsWith('kysely_'))
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((t) => [t.name, t.columns.map((c) => `${c.name}${c.isNullable ? '?' : ''}`).sort()]),
      );
      // A schema change without a migration changes this snapshot (one per engine).
      expect(shape).toMatchSnapshot();
    });

    it('migrates again on the next start without changing anything', async () => {
      const again = await openStorage({ dataDir: ctx.dataDir, databaseUrl: ctx.databaseUrl });
      try {
        const row = await again.db.selectFrom('counters').select('value').where('name', '=', 'news_code').executeTakeFirstOrThrow();
        expect(row.value).toBe(100000);
      } finally {
        await again.close();
      }
    });

    it('answers a ping', async () => {
      await expect(storage.engine.ping(storage.db)).resolves.toBeUndefined();
    });

    it('reads 64-bit times back as numbers', async () => {
      const t = Date.UTC(2026, 10, 28, 11, 0, 0);
      await storage.db.insertInto('users').values({ email: 'time@example.com', name: 't', role: 'editor', password_hash: null, created_at: t }).execute();
      const row = await storage.db.selectFrom('users').select('created_at').where('email', '=', 'time@example.com').executeTakeFirstOrThrow();
      expect(row.created_at).toBe(t);
      expect(typeof row.created_at).toBe('number');
    });

    it('runs a job under the named lock, and only one holder at a time on PostgreSQL', async () => {
      const first = await storage.engine.tryWithLock(storage.db, 'test-lock', async () => {
        const inner = await storage.engine.tryWithLock(storage.db, 'test-lock', async () => 'inner');
        return inner.ran;
      });
      expect(first.ran).toBe(true);
      // SQLite is one process per file: the lock is the process. PostgreSQL's advisory lock is per connection.
      expect(first.value).toBe(engine.name === 'sqlite');
    });

    it.skipIf(engine.name !== 'sqlite')('keeps the SQLite file in WAL mode (SQLite only)', async () => {
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(storage.db);
      expect(mode.rows[0]?.journal_mode).toBe('wal');
    });

    it('answers the same statement text the same way after the schema changes under it', async () => {
      // Statements are kept prepared on SQLite; a kept one must follow a changed table.
      await sql`create table kept_statement (a integer)`.execute(storage.db);
      await sql`insert into kept_statement (a) values (1)`.execute(storage.db);
      const read = () => sql<Record<string, unknown>>`select * from kept_statement`.execute(storage.db);
      expect((await read()).rows).toEqual([{ a: 1 }]);
      await sql`alter table kept_statement add column b text default 'x'`.execute(storage.db);
      expect((await read()).rows).toEqual([{ a: 1, b: 'x' }]);
      await sql`drop table kept_statement`.execute(storage.db);
      await expect(read()).rejects.toThrow(/kept_statement/);
      // More distinct statements than are kept: each still answers its own question.
      for (let n = 1; n <= 450; n++) expect((await sql<{ v: number }>`select ${sql.lit(n)} + 0 as v`.execute(storage.db)).rows[0]?.v).toBe(n);
    });
  });
}
