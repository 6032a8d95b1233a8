// Copies the non-TypeScript files that live beside the code (lexicons, word lists,
// static assets) into dist/, keeping their paths, so the built program finds them
// next to the modules that read them.
import { cpSync, readdirSync, statSync, mkdirSync } from 'node:fs';
import { join, dirname, extname } from 'node:path';

const COPIED = new Set(['.txt', '.css', '.svg', '.ico', '.js', '.woff2', '.json', '.sql']);
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (COPIED.has(extname(name)) && !name.endsWith('.test.ts')) {
      const target = join('dist', path.slice('src/'.length));
      mkdirSync(dirname(target), { recursive: true });
      cpSync(path, target);
    }
  }
}
walk('src');
