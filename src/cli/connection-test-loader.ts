type ConnectionTestModule = typeof import('../accounts/connection-test/index.js');

let load: () => Promise<ConnectionTestModule> = () => import('../accounts/connection-test/index.js');

/**
 * How `cuti claude test` reaches the network code (HTTP with proxies, the SigV4 signer): a bundle of
 * its own (dist/net/), imported only when a test runs. The launcher (src/launcher/cli.ts) sets the
 * loader, as for the TUI: the CLI bundle runs as a precompiled script, where Node 20
 * allows `import()` only behind an experimental flag.
 */
export function setConnectionTestLoader(loader: () => Promise<ConnectionTestModule>): void {
  load = loader;
}

export function loadConnectionTest(): Promise<ConnectionTestModule> {
  return load();
}
