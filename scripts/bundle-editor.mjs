// Bundles the newsroom's story editor (Tiptap and ProseMirror, from node_modules) into one
// browser script, src/web/static/newsroom-editor.js, which the build then copies to dist/
// with the other static files. Runs in `npm run build` (so `npm ci` and `npm start` make it);
// the output is generated, so it is git-ignored. No request leaves the machine: everything
// comes from node_modules.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: ['src/web/static/newsroom-editor-entry.ts'],
  outfile: 'src/web/static/newsroom-editor.js',
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2020'],
  minify: true,
  legalComments: 'eof',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
});
