import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, SETTINGS } from './config.js';

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

describe("the README's environment table", () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Environment'), readme.indexOf('\n## ', readme.indexOf('## Environment') + 1));
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .map(([, names, fallback]) => ({ names: [...names!.matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]!), fallback: fallback! }));

  it('names every setting of src/config.ts with its default, and nothing else', () => {
    const documented = new Map(rows.flatMap((r) => r.names.map((name) => [name, r.fallback] as const)));
    for (const setting of SETTINGS) {
      expect(documented.has(setting.env), `${setting.env} is missing from the README`).toBe(true);
      const shown = documented.get(setting.env)!;
      // A setting without a default reads "unset", or says what it falls back to (DABIR_PUBLIC_URL).
      if (setting.default === undefined) expect(shown === 'unset' || shown.startsWith('`'), `${setting.env}: ${shown}`).toBe(true);
      else expect(shown, setting.env).toBe(`\`${setting.default}\``);
    }
    expect([...documented.keys()].filter((name) => !SETTINGS.some((s) => s.env === name))).toEqual([]);
  });
});
