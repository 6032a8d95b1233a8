import { describe, expect, it } from 'vitest';
import type { TableInfo } from '../storage/index.js';
import { backedUpTables, foreignKeyOrder } from './order.js';

const t = (name: string, references: string[] = []): TableInfo => ({ name, columns: ['id'], primaryKey: ['id'], references, identity: null });

describe('foreign-key order', () => {
  it('puts every table after the tables it references, whatever order the catalogue gives', () => {
    const order = foreignKeyOrder([
      t('moderation_log', ['comments', 'users']),
      t('comments', ['articles', 'comments', 'users']),
      t('articles', ['services', 'users']),
      t('users'),
      t('services'),
    ]).map((x) => x.name);
    expect(order).toEqual(['services', 'users', 'articles', 'comments', 'moderation_log']);
  });

  it('ignores a self-reference and refuses a cycle between tables', () => {
    expect(foreignKeyOrder([t('comments', ['comments'])]).map((x) => x.name)).toEqual(['comments']);
    expect(() => foreignKeyOrder([t('a', ['b']), t('b', ['a'])])).toThrow(/cycle/);
  });

  it('leaves out the derived search index and the migrator’s tables', () => {
    const names = backedUpTables([t('articles'), t('search_docs', ['articles']), t('search_terms'), t('kysely_migration')]).map((x) => x.name);
    expect(names).toEqual(['articles']);
  });
});
