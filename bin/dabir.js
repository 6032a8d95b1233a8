#!/usr/bin/env node
// The `dabir` command. The TypeScript is compiled to dist/ by `npm ci`
// (the prepare script) and by `npm start`.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('dabir: not built yet; run `npm run build` (npm ci does it too)\n');
  process.exit(2);
}
await import(entry.href);
