import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CLI, makeTempHome, type TempHome } from '../helpers/cli.js';
import { createModuleTracer, type ModuleTracer } from '../helpers/module-trace.js';
import { SECRETS } from '../helpers/secrets.js';

/**
 * Plain commands must not load React or Ink: they cost ~100 ms of start-up and belong to
 * `cuti claude tui` alone. The launcher (dist/cli.cjs) runs the CLI bundle (dist/cuti.cjs);
 * the UI lives in the ES module bundle under dist/tui/. Checked twice: statically (the
 * CLI files hold no UI code and reach dist/tui/ only through `import()`), and at run time,
 * by recording every module a command loads.
 */

// esbuild names the source of each bundled module in a comment: `// node_modules/ink/build/…`.
const UI_SOURCE = /\/\/ node_modules\/(react|react-reconciler|ink|ink-[\w-]+|yoga-layout)\//;
const UI_PACKAGE = /^(react|react-dom|react-reconciler|ink|ink-[\w-]+|yoga-layout)(\/|$)/;
// `import … from "x"`, `import "x"`, `export … from "x"`; never `import("x")`.
const STATIC_IMPORT = /(?:^|[;\s])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+)["']/g;

interface Reach {
  files: string[];
  uiFiles: string[];
  uiPackages: string[];
}

/** Files reachable from `entry` through static imports only, and which of them bundle UI code. */
export function staticReach(entry: string): Reach {
  const seen = new Set<string>();
  const uiPackages: string[] = [];
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const [, specifier] of code.matchAll(STATIC_IMPORT)) {
      if (specifier!.startsWith('.')) visit(resolve(dirname(file), specifier!));
      else if (UI_PACKAGE.test(specifier!)) uiPackages.push(specifier!);
    }
  };
  visit(entry);
  const files = [...seen];
  return { files, uiFiles: files.filter((f) => UI_SOURCE.test(readFileSync(f, 'utf8'))), uiPackages };
}

const DIST = dirname(CLI);
const TUI_DIST = join(DIST, 'tui');
const CLI_BUNDLE = join(DIST, 'cuti.cjs');
// `require("react")` or `require("ink")` left in a CommonJS file would load them at start-up.
const UI_REQUIRE = /\brequire\(["'](?:react|react-dom|react-reconciler|ink|ink-[\w-]+|yoga-layout)(?:\/[^"']*)?["']\)/;

describe('plain commands do not load React or Ink', () => {
  it('the TUI code exists in the build, reachable only through a dynamic import', () => {
    const tuiFiles = readdirSync(TUI_DIST)
      .filter((f) => f.endsWith('.js'))
      .map((f) => join(TUI_DIST, f));
    // Without this the checks below would pass for the wrong reason.
    expect(tuiFiles.filter((f) => UI_SOURCE.test(readFileSync(f, 'utf8'))).length).toBeGreaterThan(0);

    for (const file of [CLI, CLI_BUNDLE]) {
      const code = readFileSync(file, 'utf8');
      expect(UI_SOURCE.test(code), `${file} bundles UI code`).toBe(false);
      expect(UI_REQUIRE.test(code), `${file} requires a UI package`).toBe(false);
      // The one way in: `import("./tui/run.js")`, run by `cuti claude tui` only.
      expect([...code.matchAll(STATIC_IMPORT)].map((m) => m[1])).toEqual([]);
    }
    expect(readFileSync(CLI, 'utf8')).toContain('import("./tui/run.js")');
  });

  it('the static check does catch a top-level import of the TUI chunk or of ink', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cuti-reach-'));
    try {
      const built = readdirSync(TUI_DIST).filter((f) => f.endsWith('.js'));
      for (const file of built) copyFileSync(join(TUI_DIST, file), join(dir, file));
      const uiChunk = built.find((f) => UI_SOURCE.test(readFileSync(join(TUI_DIST, f), 'utf8')))!;
      writeFileSync(join(dir, 'entry.js'), `import { x } from "./middle.js";\nexport const y = await import("./lazy.js");\n`);
      writeFileSync(join(dir, 'middle.js'), `import {\n  render\n} from "./${uiChunk}";\nimport { Box } from "ink";\nexport const x = 1;\n`);
      writeFileSync(join(dir, 'lazy.js'), '');
      const reach = staticReach(join(dir, 'entry.js'));
      expect(reach.uiFiles).toContain(join(dir, uiChunk));
      expect(reach.uiPackages).toEqual(['ink']);
      expect(reach.files).not.toContain(join(dir, 'lazy.js'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('at run time', () => {
    let home: TempHome;
    let tracer: ModuleTracer;
    beforeAll(() => {
      home = makeTempHome();
      tracer = createModuleTracer();
    });
    afterAll(() => {
      home.cleanup();
      tracer.cleanup();
    });

    async function loadedBy(args: string[]): Promise<string[]> {
      const { urls, result } = await tracer.loadedBy(args, home.env);
      expect(result.stderr.split('\n').filter((l) => l.startsWith('✗'))).toEqual([]);
      return urls;
    }

    it.each([
      ['add-api-key', ['claude', 'add-api-key', 'prod', '-k', SECRETS.anthropicKey]],
      ['list', ['claude', 'list']],
      ['show-api-key', ['claude', 'show-api-key', 'prod']],
      ['list-api-keys', ['claude', 'list-api-keys', 'prod']],
      ['info', ['claude', 'info', 'prod']],
      ['delete-api-key', ['claude', 'delete-api-key', 'prod', '-p', 'anthropic', '--force']],
      ['--version', ['--version']],
    ])('%s loads no UI module', async (_label, args) => {
      const urls = await loadedBy(args);
      expect(urls).toContain(new URL(`file://${CLI}`).href);
      const files = urls.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
      expect(files.filter((f) => f.startsWith(TUI_DIST) || UI_SOURCE.test(readFileSync(f, 'utf8')))).toEqual([]);
      expect(urls.filter((u) => /node_modules\/(react|ink)/.test(u))).toEqual([]);
    });
  });
});
