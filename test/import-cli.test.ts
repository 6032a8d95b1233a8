/**
 * `dabir import-wxr` as a person runs it: a process with DABIR_DATA (and
 * DATABASE_URL), a summary on stdout, no progress bar when stderr is not a
 * terminal, and a one-line reason with status 2 on bad input.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage } from '../src/storage/index.js';
import { runCli } from './support/process.js';
import { createPgDatabase, PG_SKIP_NOTE, PG_URL, tempDir } from './support/storage.js';

const OWN = fileURLToPath(new URL('./fixtures/wxr/', import.meta.url));

const ADMIN = { DABIR_ADMIN_EMAIL: 'admin@example.com', DABIR_ADMIN_PASSWORD: 'admin-password-1' };
/** Runs `dabir …` on SQLite unless `env` names DATABASE_URL, with the first administrator named. */
const dabir = (args: string[], env: Record<string, string | undefined>) => runCli(args, { ...ADMIN, ...env });

describe('dabir import-wxr, the command', () => {
  const data = tempDir('dabir-cli-import-');
  afterAll(() => data.remove());

  it('imports into DABIR_DATA, prints a summary and no progress bar when stderr is not a terminal', async () => {
    const run = await dabir(['import-wxr', `${OWN}small.xml`, '--code-field', 'kod_khabar', '--uploads', `${OWN}uploads`], { DABIR_DATA: data.path });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^imported: .*small\.xml → SQLite /m);
    expect(run.stdout).toMatch(/stories: +8 new, 0 updated, 0 unchanged/);
    expect(run.stdout).toMatch(/comments: +9 new, 0 updated, 0 unchanged \(6 published, 2 pending, 1 spam\)/);
    expect(run.stdout).toMatch(/1 files copied to the media folder/);
    expect(existsSync(join(data.path, 'dabir.sqlite'))).toBe(true);
    expect(existsSync(join(data.path, 'media', '2024', '05', 'bourse.png'))).toBe(true);
    const storage = await openStorage({ dataDir: data.path });
    try {
      const codes = await storage.db.selectFrom('articles').select('code').orderBy('code').execute();
      expect(codes.map((c) => c.code)).toContain(482015);
      // The site keeps an administrator although the import made the first users.
      const admin = await storage.db.selectFrom('users').select('role').where('email', '=', 'admin@example.com').executeTakeFirst();
      expect(admin?.role).toBe('admin');
    } finally {
      await storage.close();
    }
    const again = await dabir(['import-wxr', `${OWN}small.xml`, '--code-field', 'kod_khabar', '--uploads', `${OWN}uploads`], { DABIR_DATA: data.path });
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/stories: +0 new, 0 updated, 8 unchanged/);
  }, 60_000);

  it('answers bad input with status 2 and one line: a missing file, a folder, not WXR, broken XML, a bad option', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['import-wxr', `${OWN}nothing-here.xml`], /^dabir: no such file: .*nothing-here\.xml\n$/],
      [['import-wxr', OWN], /^dabir: not a file: /],
      [
        ['import-wxr', `${OWN}not-wxr.xml`],
        /^dabir: .*not-wxr\.xml \(line 8, column \d+\): no <wp:wxr_version> before the first <item>: this is not a WordPress export \(WXR\); nothing was imported\n$/,
      ],
      [
        ['import-wxr', `${OWN}README.md`],
        /^dabir: .*README\.md \(line 1, column 1\): the file is not XML: this is not a WordPress export \(WXR\); nothing was imported\n$/,
      ],
      [
        ['import-wxr', `${OWN}invalid.xml`],
        /^dabir: .*invalid\.xml is not well-formed XML \(line 357, column \d+\): unexpected close tag: <content:encoded> was still open; nothing was imported\n$/,
      ],
      [['import-wxr', `${OWN}small.xml`, '--uploads', `${OWN}no-such-folder`], /^dabir: no such folder: .*no-such-folder \(--uploads\)\n$/],
      [['import-wxr', `${OWN}small.xml`, '--timezone', 'Mars/Olympus'], /^dabir: unknown time zone "Mars\/Olympus"/],
    ];
    const fresh = tempDir('dabir-cli-bad-');
    try {
      for (const [args, message] of cases) {
        const run = await dabir(args, { DABIR_DATA: fresh.path });
        expect(run.status, args.join(' ')).toBe(2);
        expect(run.stderr, args.join(' ')).toMatch(message);
        expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
        expect(run.stdout, args.join(' ')).toBe('');
      }
    } finally {
      fresh.remove();
    }
  }, 120_000);

  it('with --dry-run, says what would change and creates nothing, not even the database', async () => {
    const fresh = tempDir('dabir-cli-dry-');
    try {
      const run = await dabir(['import-wxr', `${OWN}small.xml`, '--dry-run', '--uploads', `${OWN}uploads`], { DABIR_DATA: fresh.path });
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/^dry run \(nothing was written\)/);
      expect(run.stdout).toMatch(/stories: +8 to create, 0 to update, 0 unchanged/);
      expect(run.stdout).toMatch(/1 files to copy/);
      expect(existsSync(join(fresh.path, 'dabir.sqlite'))).toBe(false);
      expect(existsSync(join(fresh.path, 'media'))).toBe(false);
    } finally {
      fresh.remove();
    }
  }, 60_000);

  describe.skipIf(!PG_URL)(`on PostgreSQL${PG_URL ? '' : ` (${PG_SKIP_NOTE})`}`, () => {
    let database: Awaited<ReturnType<typeof createPgDatabase>>;
    const dir = tempDir('dabir-cli-pg-');
    beforeAll(async () => {
      database = await createPgDatabase();
    });
    afterAll(async () => {
      await database?.drop();
      dir.remove();
    });

    it('honours DATABASE_URL', async () => {
      const run = await dabir(['import-wxr', `${OWN}small.xml`], { DABIR_DATA: dir.path, DATABASE_URL: database.url });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/→ PostgreSQL /);
      expect(existsSync(join(dir.path, 'dabir.sqlite'))).toBe(false);
      const storage = await openStorage({ dataDir: dir.path, databaseUrl: database.url });
      try {
        const n = await storage.db
          .selectFrom('import_map')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('kind', '=', 'post')
          .executeTakeFirstOrThrow();
        expect(Number(n.n)).toBe(8);
      } finally {
        await storage.close();
      }
    }, 60_000);
  });
});
