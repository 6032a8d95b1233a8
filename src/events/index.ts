/**
 * The change bus: every write that changes what a page shows announces the
 * keys it touched (`article:387228`, `service:politics`, `tag:…`, `front`,
 * `feeds`), and every listener on every instance drops what it cached for
 * them. In-process here; the Redis bus shares the same interface.
 */
import { EventEmitter } from 'node:events';

export interface ChangeBus {
  /** Announces changed keys to every listener (on every instance). */
  publish(keys: string[]): Promise<void>;
  /** Listens for changed keys; returns a function that stops listening. */
  subscribe(listener: (keys: string[]) => void): () => void;
  close(): Promise<void>;
}

/** Keys of the pages a story appears on. */
export function articleKeys(a: { code: number; service?: { slug: string } | null; tags?: Array<{ slug: string }> }): string[] {
  const keys = [`article:${a.code}`, 'front', 'feeds', 'sitemap'];
  if (a.service) keys.push(`service:${a.service.slug}`);
  for (const t of a.tags ?? []) keys.push(`tag:${t.slug}`);
  return keys;
}

export function createLocalBus(): ChangeBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(keys) {
      emitter.emit('change', keys);
    },
    subscribe(listener) {
      emitter.on('change', listener);
      return () => emitter.off('change', listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}
