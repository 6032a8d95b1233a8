import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestStorage } from '../../test/support/storage.js';
import { buildServices } from '../boot.js';
import { loadConfig } from '../config.js';
import { createLocalBus } from '../events/index.js';
import { demoStories } from './demo-content.js';
import { ensureFirstAdmin, loadDemo } from './index.js';

for (const engine of ENGINES)
  describe.skipIf(!engine.available)(`the demo newsroom on ${engine.name}${engine.note}`, () => {
    let ctx: Awaited<ReturnType<typeof openTestStorage>>;
    beforeAll(async () => {
      ctx = await openTestStorage(engine.name);
    });
    afterAll(async () => ctx?.cleanup());

    it('loads its stories with their readers’ comments: most published, some waiting, replies under their parents', async () => {
      const config = loadConfig({ DABIR_DATA: ctx.dataDir, DABIR_PUBLIC_URL: 'http://news.test' });
      const services = await buildServices({ config, storage: ctx.storage, bus: createLocalBus() });
      const first = await ensureFirstAdmin(ctx.storage.db, { password: 'admin-password-1', now: new Date() });
      expect(await loadDemo(services.articles, first!.user, services.comments)).toBe(demoStories.length);
      const all = demoStories.flatMap((s) => s.comments);
      const rows = await ctx.storage.db.selectFrom('comments').select(['id', 'parent_id', 'status', 'verdict', 'created_at']).execute();
      expect(rows.length).toBe(all.length);
      expect(rows.filter((r) => r.status === 'published').length).toBe(all.filter((c) => c.status === 'published').length);
      const waiting = rows.filter((r) => r.status === 'pending');
      expect(waiting.length).toBeGreaterThan(0);
      // The engine read them as it reads any comment: the insult and the loan advert are not allowed.
      expect(waiting.some((r) => r.verdict !== 'allow')).toBe(true);
      expect(rows.filter((r) => r.parent_id !== null).length).toBe(all.filter((c) => c.replyTo !== undefined).length);
      expect(rows.every((r) => Number(r.created_at) <= Date.now())).toBe(true);
      // A second start on the same database adds nothing.
      expect(await loadDemo(services.articles, first!.user, services.comments)).toBe(0);
    });
  });
