import { readFileSync } from 'node:fs';

import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

// One bundle with code splitting: plain commands load only their own chunk, and the
// TUI chunk (react, ink) is pulled in lazily by `cuti claude tui`. Bundling
// tree-shakes ink's heavy dependencies, which roughly halves the TUI's start-up.
export default defineConfig({
  entry: { cli: 'src/cli.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  outDir: 'dist',
  clean: false, // several builds may run side by side during development
  splitting: true,
  sourcemap: false,
  noExternal: [/^(?!react-devtools-core$).*/],
  external: ['react-devtools-core'],
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __cutiCreateRequire } from 'node:module'; const require = __cutiCreateRequire(import.meta.url); import { fileURLToPath as __cutiToPath } from 'node:url'; const __filename = __cutiToPath(import.meta.url); const __dirname = __cutiToPath(new URL('.', import.meta.url));",
  },
  env: { NODE_ENV: 'production' },
  define: { __CUTI_VERSION__: JSON.stringify(version) },
});
