import { readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/**
 * Loads a CommonJS bundle the way Node's own loader does, plus a V8 code cache.
 *
 * Compiling the CLI bundle (about 190 KB minified) was the largest single cost of a run
 * like `cuti claude list`: about 7 ms of 30. Node 20 has no compile cache of its own
 * (`module.enableCompileCache` arrived in Node 22), so the build writes one next to the
 * bundle (`<bundle>.cache`, see scripts/write-code-cache.mjs). V8 checks it against the
 * source and its own version and flags; a cache that does not fit is rejected and the
 * bundle compiles as usual, only slower.
 */
export function loadBundle<T>(file: string): T {
  const source = readFileSync(file, 'utf8');
  const cacheFile = `${file}.cache`;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  // Set only by the build, to write the cache after a representative run.
  if (process.env.CUTI_BUILD_CODE_CACHE === cacheFile) {
    process.once('exit', () => writeFileSync(cacheFile, script.createCachedData()));
  }
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  const module = { exports: {} as T };
  // This launcher's own `require`: the bundle requires only Node's built-in modules, and
  // creating another one would load node:module, which start-up does not otherwise need.
  wrapper.call(module.exports, module.exports, require, module, file, dirname(file));
  return module.exports;
}
