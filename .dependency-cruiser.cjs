// The layering of src/ (see ARCHITECTURE.md), checked on every `npm run lint`.
// Imports run one way: launcher → cli | app → screens → ui → state → accounts → domain,
// with storage under accounts. Type-only imports count too: a type that points the wrong
// way is a design arrow that points the wrong way.

/** Node modules that reach outside the process: the file system, processes, the network. */
const IO_MODULES = '^(node:)?(fs|fs/promises|child_process|net|http|https|http2|tls|dgram|dns|dns/promises|readline|worker_threads|cluster|inspector)$';
/** The libraries that draw the full-screen UI. */
const UI_LIBRARIES = '^node_modules/(react|react-dom|react-reconciler|ink|ink-[^/]+|zustand)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles hide which module is the lower one; break the cycle by moving the shared part down.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'src/domain holds pure rules: no file system, processes or network, and nothing from the rooms above it.',
      from: { path: '^src/domain/' },
      to: { path: [IO_MODULES, '^src/(storage|accounts|platform|cli|launcher|app|screens|ui|state)/'] },
    },
    {
      name: 'domain-has-no-ui',
      severity: 'error',
      comment: 'src/domain is shared by the CLI and the TUI and must not load React or Ink.',
      from: { path: '^src/domain/' },
      to: { path: UI_LIBRARIES },
    },
    {
      name: 'storage-knows-no-ui',
      severity: 'error',
      comment: 'src/storage keeps documents; it knows nothing of commands, UI state, screens, React or Ink.',
      from: { path: '^src/storage/' },
      to: { path: ['^src/(accounts|cli|launcher|app|screens|ui|state)/', UI_LIBRARIES] },
    },
    {
      name: 'platform-knows-no-ui',
      severity: 'error',
      comment: 'src/platform talks to the operating system (the clipboard); it knows nothing of commands, UI state, React or Ink.',
      from: { path: '^src/platform/' },
      to: { path: ['^src/(accounts|storage|cli|launcher|app|screens|ui|state)/', UI_LIBRARIES] },
    },
    {
      name: 'tui-uses-platform-through-the-app',
      severity: 'error',
      comment: 'Screens, the UI kit and the state get OS services (copying) injected by src/app, never import them.',
      from: { path: '^src/(screens|ui|state)/' },
      to: { path: '^src/platform/' },
    },
    {
      name: 'services-know-no-front-end',
      severity: 'error',
      comment: 'src/accounts is the service layer both front ends call; it must not reach up into either.',
      from: { path: '^src/accounts/' },
      to: { path: ['^src/(cli|launcher|app|screens|ui|state)/', UI_LIBRARIES] },
    },
    {
      name: 'tui-touches-no-fs',
      severity: 'error',
      comment: 'Screens, the UI kit and the state reach data only through the services; no file system, processes or network.',
      from: { path: '^src/(screens|ui|state)/' },
      to: { path: IO_MODULES },
    },
    {
      name: 'tui-uses-storage-ports-only',
      severity: 'error',
      comment: 'Screens, the UI kit and the state may name a storage port as a type, never load a storage module.',
      from: { path: '^src/(screens|ui|state)/' },
      to: { path: '^src/storage/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'state-knows-no-view',
      severity: 'error',
      comment: 'src/state is plain TypeScript (zustand vanilla): no components, no React, no Ink.',
      from: { path: '^src/state/' },
      to: { path: ['^src/(app|screens|ui|cli|launcher)/', '^node_modules/(react|react-dom|react-reconciler|ink|ink-[^/]+)/'] },
    },
    {
      name: 'ui-kit-knows-no-screens',
      severity: 'error',
      comment: 'src/ui is the kit screens are built from; it must not import screens, the app root or the CLI.',
      from: { path: '^src/ui/' },
      to: { path: '^src/(app|screens|cli|launcher)/' },
    },
    {
      name: 'screens-know-no-app',
      severity: 'error',
      comment: 'Screens get what they show from state and props; the app root (navigation, keymap) imports them, not the other way.',
      from: { path: '^src/screens/' },
      to: { path: '^src/(app|cli|launcher)/' },
    },
    {
      name: 'cli-loads-no-tui',
      severity: 'error',
      comment:
        'Plain commands never load React or Ink: src/cli reaches the TUI only through the lazy import in src/cli/tui-loader.ts.',
      from: { path: '^src/(cli|launcher)/' },
      to: { path: ['^src/(app|screens|ui|state)/', UI_LIBRARIES], dependencyTypesNot: ['dynamic-import', 'type-only', 'type-import'] },
    },
    {
      name: 'cli-knows-no-launcher',
      severity: 'error',
      comment: 'The launcher sits above the commands and loads them; commands do not import it.',
      from: { path: '^src/cli/' },
      to: { path: '^src/launcher/' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing is a typo or a missing dependency.',
      from: {},
      to: { couldNotResolve: true },
    },
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
