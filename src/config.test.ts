import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration from the environment', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', tickMs: 15_000, pageCacheMb: 32, demo: true, captcha: true });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.sqliteMaxPages).toBeUndefined();
  });

  it('reads whole numbers within their range', () => {
    expect(loadConfig({ DABIR_PAGE_CACHE_MB: '0' }).pageCacheMb).toBe(0);
    expect(loadConfig({ DABIR_PAGE_CACHE_MB: '128', DABIR_TICK_MS: '250', PORT: '8080' })).toMatchObject({ pageCacheMb: 128, tickMs: 250, port: 8080 });
    expect(loadConfig({ DABIR_SQLITE_MAX_PAGES: '40' }).sqliteMaxPages).toBe(40);
  });

  it('refuses a bad value with one line that names the variable and the value', () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ DABIR_PAGE_CACHE_MB: '-1' }, /^DABIR_PAGE_CACHE_MB must be a whole number from 0 to 16384, got "-1"$/],
      [{ DABIR_PAGE_CACHE_MB: '1.5' }, /DABIR_PAGE_CACHE_MB .* got "1.5"/],
      [{ DABIR_PAGE_CACHE_MB: 'lots' }, /DABIR_PAGE_CACHE_MB .* got "lots"/],
      [{ DABIR_TICK_MS: '5' }, /^DABIR_TICK_MS must be a whole number from 100 to 3600000, got "5"$/],
      [{ PORT: '70000' }, /^PORT must be a port number from 0 to 65535, got "70000"$/],
      [{ DABIR_SQLITE_MAX_PAGES: '0' }, /^DABIR_SQLITE_MAX_PAGES must be a whole number of pages/],
    ];
    for (const [env, message] of cases) {
      let error: unknown;
      try {
        loadConfig(env);
      } catch (e) {
        error = e;
      }
      expect(error, JSON.stringify(env)).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    }
  });
});
