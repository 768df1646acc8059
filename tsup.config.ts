import { readFileSync } from 'node:fs';

import { defineConfig, type Options } from 'tsup';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

const shared: Options = {
  target: 'node20',
  platform: 'node',
  outDir: 'dist',
  clean: false, // several builds may run side by side during development
  sourcemap: false,
  // Bundle dependencies too: it tree-shakes Ink's heavy ones and saves module lookups.
  // The keychain's native binding stays a package loaded at run time, and only when a
  // secret in the keychain is needed.
  noExternal: [/^(?!react-devtools-core$|@napi-rs\/keyring).*/],
  external: ['react-devtools-core', '@napi-rs/keyring'],
  env: { NODE_ENV: 'production' },
  define: { __CUTI_VERSION__: JSON.stringify(version) },
};

/** The CLI reaches the TUI only through this import (src/cli/tui-loader.ts), which stays a real `import()`. */
const tuiStaysOutside = {
  name: 'tui-stays-outside',
  setup(build: { onResolve: (o: { filter: RegExp }, cb: () => { path: string; external: boolean }) => void }) {
    build.onResolve({ filter: /\/app\/run\.js$/ }, () => ({ path: './tui/run.js', external: true }));
    // `cuti claude test` alone loads the network code (HTTP with proxies, the SigV4 signer).
    build.onResolve({ filter: /\/accounts\/connection-test\/index\.js$/ }, () => ({ path: './net/connection-test.js', external: true }));
  },
};

export default defineConfig([
  // The plain commands: a small launcher (the `cuti` bin) and one CommonJS bundle it loads
  // with a code cache (src/launcher/load-bundle.ts). Commands are `import()`s inside the
  // bundle, so a run compiles only the command it runs.
  {
    ...shared,
    entry: { cli: 'src/launcher/cli.ts' },
    format: ['cjs'],
    outExtension: () => ({ js: '.cjs' }),
    banner: { js: '#!/usr/bin/env node' },
    esbuildPlugins: [tuiStaysOutside],
  },
  {
    ...shared,
    entry: { cuti: 'src/launcher/main.ts' },
    format: ['cjs'],
    outExtension: () => ({ js: '.cjs' }),
    splitting: false,
    minify: true,
    esbuildPlugins: [tuiStaysOutside],
  },
  // The connection test's network code, imported by the launcher only for `cuti claude test`.
  {
    ...shared,
    entry: { 'connection-test': 'src/accounts/connection-test/index.ts' },
    outDir: 'dist/net',
    format: ['esm'],
    splitting: false,
    minify: true,
    banner: { js: "import { createRequire as __cutiCreateRequire } from 'node:module'; const require = __cutiCreateRequire(import.meta.url);" },
  },
  // The full-screen UI: ES modules, since Ink uses top-level await.
  {
    ...shared,
    entry: { run: 'src/app/run.tsx' },
    outDir: 'dist/tui',
    format: ['esm'],
    splitting: true,
    banner: {
      js: "import { createRequire as __cutiCreateRequire } from 'node:module'; const require = __cutiCreateRequire(import.meta.url); import { fileURLToPath as __cutiToPath } from 'node:url'; const __filename = __cutiToPath(import.meta.url); const __dirname = __cutiToPath(new URL('.', import.meta.url));",
    },
  },
]);
