import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { runCli, type CliResult } from './cli.js';

/**
 * Runs the built CLI under a module-loader hook that writes down every module the process
 * loads, so a test can say which code a command pulls in (no React for plain commands, no
 * network code outside `cuti claude test`).
 */
export interface ModuleTracer {
  /** The URLs of every module `cuti <args>` loaded, in load order, and how the run ended. */
  loadedBy(args: string[], env: NodeJS.ProcessEnv): Promise<{ urls: string[]; result: CliResult }>;
  cleanup(): void;
}

export function createModuleTracer(): ModuleTracer {
  const dir = mkdtempSync(join(tmpdir(), 'cuti-trace-'));
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';\n` +
      `export async function load(url, context, next) {\n` +
      `  appendFileSync(process.env.CUTI_TRACE_FILE, url + '\\n');\n` +
      `  return next(url, context);\n}\n`,
  );
  const register = join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  let runs = 0;
  return {
    async loadedBy(args, env) {
      const traceFile = join(dir, `run-${++runs}.txt`);
      writeFileSync(traceFile, '');
      const result = await runCli(args, { env: { ...env, CUTI_TRACE_FILE: traceFile }, nodeArgs: ['--import', register] });
      return { urls: readFileSync(traceFile, 'utf8').split('\n').filter(Boolean), result };
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
