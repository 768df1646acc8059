// The layering of src/ (see ARCHITECTURE.md), checked on every `npm run lint`.
// Imports run one way: launcher → cli | app → screens → ui → state → accounts → domain,
// with storage under accounts. Type-only imports count too: a type that points the wrong
// way is a design arrow that points the wrong way.

/** Node modules that reach outside the process: the file system, processes, the network. */
const IO_MODULES = '^(node:)?(fs|fs/promises|child_process|net|http|https|http2|tls|dgram|dns|dns/promises|readline|worker_threads|cluster|inspector)$';
/** The libraries that draw the full-screen UI. */
const UI_LIBRARIES = '^node_modules/(react|react-dom|react-reconciler|ink|ink-[^/]+|zustand)/';

/** The rooms as path patterns. */
const room = (...names) => `^src/(${names.join('|')})/`;

/**
 * One forbidden import: `from` and `to` are path patterns (or a full dependency-cruiser
 * selector object when a rule needs more than a path, such as dependency types).
 */
function forbid(name, comment, from, to) {
  const selector = (value) => (typeof value === 'string' || Array.isArray(value) ? { path: value } : value);
  return { name, severity: 'error', comment, from: selector(from), to: selector(to) };
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    forbid('no-circular', 'Import cycles hide which module is the lower one; break the cycle by moving the shared part down.',
      '^src/', { circular: true }),
    forbid('domain-is-pure', 'src/domain holds pure rules: no file system, processes or network, and nothing from the rooms above it.',
      '^src/domain/', [IO_MODULES, room('storage', 'accounts', 'platform', 'cli', 'launcher', 'app', 'screens', 'ui', 'state')]),
    forbid('domain-has-no-ui', 'src/domain is shared by the CLI and the TUI and must not load React or Ink.',
      '^src/domain/', UI_LIBRARIES),
    forbid('storage-knows-no-ui', 'src/storage keeps documents; it knows nothing of commands, UI state, screens, React or Ink.',
      '^src/storage/', [room('accounts', 'cli', 'launcher', 'app', 'screens', 'ui', 'state'), UI_LIBRARIES]),
    forbid('platform-knows-no-ui', 'src/platform talks to the operating system (the clipboard); it knows nothing of commands, UI state, React or Ink.',
      '^src/platform/', [room('accounts', 'storage', 'cli', 'launcher', 'app', 'screens', 'ui', 'state'), UI_LIBRARIES]),
    forbid('tui-uses-platform-through-the-app', 'Screens, the UI kit and the state get OS services (copying) injected by src/app, never import them.',
      room('screens', 'ui', 'state'), '^src/platform/'),
    forbid('services-know-no-front-end', 'src/accounts is the service layer both front ends call; it must not reach up into either.',
      '^src/accounts/', [room('cli', 'launcher', 'app', 'screens', 'ui', 'state'), UI_LIBRARIES]),
    forbid('tui-touches-no-fs', 'Screens, the UI kit and the state reach data only through the services; no file system, processes or network.',
      room('screens', 'ui', 'state'), IO_MODULES),
    forbid('tui-uses-storage-ports-only', 'Screens, the UI kit and the state may name a storage port as a type, never load a storage module.',
      room('screens', 'ui', 'state'), { path: '^src/storage/', dependencyTypesNot: ['type-only'] }),
    forbid('state-knows-no-view', 'src/state is plain TypeScript (zustand vanilla): no components, no React, no Ink.',
      '^src/state/', [room('app', 'screens', 'ui', 'cli', 'launcher'), '^node_modules/(react|react-dom|react-reconciler|ink|ink-[^/]+)/']),
    forbid('ui-kit-knows-no-screens', 'src/ui is the kit screens are built from; it must not import screens, the app root or the CLI.',
      '^src/ui/', room('app', 'screens', 'cli', 'launcher')),
    forbid('screens-know-no-app', 'Screens get what they show from state and props; the app root (navigation, keymap) imports them, not the other way.',
      '^src/screens/', room('app', 'cli', 'launcher')),
    forbid('cli-loads-no-tui', 'Plain commands never load React or Ink: src/cli reaches the TUI only through the lazy import in src/cli/tui-loader.ts.',
      room('cli', 'launcher'), {
        path: [room('app', 'screens', 'ui', 'state'), UI_LIBRARIES],
        dependencyTypesNot: ['dynamic-import', 'type-only', 'type-import'],
      }),
    forbid('cli-knows-no-launcher', 'The launcher sits above the commands and loads them; commands do not import it.',
      '^src/cli/', '^src/launcher/'),
    forbid('no-unresolvable', 'An import that resolves to nothing is a typo or a missing dependency.',
      {}, { couldNotResolve: true }),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are part of the design, so they are checked too.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
    },
    moduleSystems: ['es6', 'cjs'],
  },
};
