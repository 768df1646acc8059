type TuiModule = typeof import('../app/run.js');

let load: () => Promise<TuiModule> = () => import('../app/run.js');

/**
 * How the CLI reaches the TUI bundle. The launcher (src/launcher/cli.ts) sets it: the CLI bundle
 * runs as a precompiled script, where Node 20 allows `import()` only behind an
 * experimental flag, so the import happens in the launcher instead.
 */
export function setTuiLoader(loader: () => Promise<TuiModule>): void {
  load = loader;
}

export function loadTui(): Promise<TuiModule> {
  return load();
}
