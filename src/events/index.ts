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

/**
 * Keys that are not pages: what listeners other than the page cache wait for. Named here once,
 * so the one who publishes a key and the one who reads it cannot drift apart.
 */
export const changeKeys = {
  /** The moderation lexicon (added words, innocent exceptions) changed: every instance reloads it. */
  lexicon: 'moderation:lexicon',
  /** A moderator decided on this comment: every instance's learned model learns from it. */
  decision: (commentId: number) => `decision:${commentId}`,
  /** The comment id a `decision:` key names, or undefined for another key. */
  decisionOf(key: string): number | undefined {
    const m = /^decision:(\d+)$/.exec(key);
    return m ? Number(m[1]) : undefined;
  },
  /** The story page (and the pages listing it) of this news code. */
  article: (code: number) => `article:${code}`,
  /** The comments shown under the story of this news code. */
  comments: (code: number) => `comments:${code}`,
} as const;

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
