/**
 * The layers of Dabir (docs/architecture.md), checked by `npm run lint`.
 * A module (a folder under src/) may import only modules of its own layer or
 * the layers below it, only through their index.ts, and nothing may form a
 * cycle. src/config.ts is the bottom; src/boot.ts, src/server.ts and
 * src/main.ts are the top, with the command line.
 */
const LAYERS = [
  ['persian', 'storage', 'events', 'errors', 'html', 'config\\.ts'],
  ['articles', 'auth', 'channels', 'media', 'moderation'],
  ['comments', 'search', 'jobs', 'setup'],
  ['newsroom', 'import', 'backup', 'redis'],
  ['web'],
  ['boot\\.ts', 'server\\.ts', 'main\\.ts', 'cli'],
];

const group = (names) => `^src/(${names.join('|')})(/|$)`;

const upwards = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${i}-imports-up`,
  comment: `${layer.join(', ')} may import only their own layer and those below it`,
  severity: 'error',
  // A test may reach across the layers to set up what it checks.
  from: { path: group(layer), pathNot: '\\.test\\.ts$' },
  to: { path: group(LAYERS.slice(i + 1).flat()) },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'no import cycles, within a module or between modules',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'through-index-only',
      comment: 'another module is imported through its index.ts, never a deep path (STYLE.md 1)',
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/[^/]+/.+', pathNot: ['^src/$1/', '^src/[^/]+/index\\.ts$'] },
    },
    {
      name: 'src-not-from-tests',
      comment: 'the program never imports tests, benchmarks or scripts',
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(test|bench|scripts)/' },
    },
    {
      name: 'tests-not-from-benchmarks',
      comment: 'a test never imports a benchmark',
      severity: 'error',
      from: { path: '(^test/|\\.test\\.ts$)' },
      to: { path: '^bench/' },
    },
    ...upwards,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|^node_modules/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs'] },
  },
};
