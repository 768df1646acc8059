import type { Command } from 'commander';

import type { TestResult } from '../../domain/connection-test/verdict.js';
import { formatDuration } from '../../domain/connection-test/verdict.js';
import { CutiError, errorMessage, ValidationError } from '../../domain/errors.js';
import { PROVIDERS } from '../../domain/providers/index.js';
import { loadConnectionTest } from '../connection-test-loader.js';
import { printWarnings, type CliContext } from '../context.js';
import { printJson } from '../json-output.js';
import { renderTable } from '../render/table.js';
import { joinSafe, safe, shown } from '../../domain/safe-text.js';

interface TestOptions {
  provider?: string;
  all: boolean;
  json: boolean;
  timeout?: string;
}

const LOGIN_PROVIDER = 'claude-code';
/** What `test -p` takes: a provider, or a saved Claude Code login. */
export const TESTABLE_PROVIDERS: readonly string[] = [...PROVIDERS, LOGIN_PROVIDER];
/** Longer than anyone waits for one answer; also keeps the timer within setTimeout's range. */
const MAX_TIMEOUT_SECONDS = 600;

export function parseTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_TIMEOUT_SECONDS) {
    throw new CutiError('usage', `--timeout takes seconds between 0 and ${MAX_TIMEOUT_SECONDS}, e.g. --timeout 5`, { exitCode: 2 });
  }
  return Math.round(seconds * 1000);
}

function checkProvider(provider: string | undefined): void {
  if (provider === undefined) return;
  if (!TESTABLE_PROVIDERS.includes(provider)) {
    throw new ValidationError(`Unknown provider: ${shown(provider)} (valid: ${TESTABLE_PROVIDERS.join(', ')})`);
  }
}

export function registerTest(claude: Command, ctx: () => CliContext): void {
  claude
    .command('test')
    .description('Check that credentials work, spending no tokens (default: the active account)')
    .argument('[account]', 'the account to test (default: the active one)')
    .option('-p, --provider <provider>', `test only this provider (${TESTABLE_PROVIDERS.join(', ')})`)
    .option('--all', 'test every account and provider', false)
    .option('--json', 'print JSON for scripts', false)
    .option('--timeout <seconds>', 'give up on one request after this long (default: 10)')
    .addHelpText(
      'after',
      '\nVerdicts: works, rejected (invalid, revoked or expired), denied (valid, no access),\n' +
        'not found (model, profile or deployment), limited (rate-limited or overloaded),\n' +
        'unreachable (DNS, connect, TLS, timeout or proxy), unknown, untested (cuti cannot\n' +
        'test it: an SSO profile, workload identity federation, a keychain out of reach);\n' +
        'a Claude Code login is checked locally only (login ok, login expired, login\n' +
        'unusable). Exit 0 only when every tested credential works (an expired login\n' +
        'counts: Claude Code renews it). HTTPS_PROXY, HTTP_PROXY and NO_PROXY are honoured;\n' +
        'ANTHROPIC_BASE_URL, AWS_ENDPOINT_URL_BEDROCK, AWS_ENDPOINT_URL,\n' +
        'ANTHROPIC_FOUNDRY_BASE_URL and ANTHROPIC_VERTEX_BASE_URL choose the endpoints.',
    )
    .action(async (account: string | undefined, options: TestOptions) => {
      if (options.all && account !== undefined) {
        throw new CutiError('usage', 'Give an account or --all, not both', { exitCode: 2 });
      }
      const timeoutMs = parseTimeout(options.timeout);
      checkProvider(options.provider);
      const c = ctx();
      const tester = await loadConnectionTest();
      const { targets, skipped, warnings } = await tester.resolveTargets(c.service, {
        ...(account === undefined ? {} : { account }),
        ...(options.provider === undefined ? {} : { provider: options.provider }),
        all: options.all,
      });
      const results = await tester.runTests(targets, { env: c.env, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
      try {
        await tester.recordResults(c.service, results);
      } catch (error) {
        warnings.push(`could not record the results in accounts.json: ${errorMessage(error)}`);
      }
      const failed = results.filter((r) => !r.ok).length;
      if (options.json) {
        printJson(c, {
          results: results.map((r) => ({ ...r })),
          summary: { tested: results.length, ok: results.length - failed, failed },
          skipped,
          warnings,
        });
      } else {
        printWarnings(c, warnings);
        await printResults(c, results, skipped);
      }
      if (failed > 0 || results.length === 0) c.exitCode = 1;
    });
}

async function printResults(c: CliContext, results: TestResult[], skipped: string[]): Promise<void> {
  const { style } = c.out;
  if (results.length === 0) {
    c.out.line(style.yellow('Nothing to test: no account holds credentials'));
    return;
  }
  const rows = results.map((r) => [
    r.account,
    r.provider,
    r.verdict,
    r.detail,
    formatDuration(r.ms),
  ]);
  c.out.line(await renderTable('', ['Account', 'Provider', 'Verdict', 'Detail', 'Time'], rows, c.out.width));
  const failed = results.filter((r) => !r.ok).length;
  const summary = failed === 0 ? style.green(safe`✓ ${results.length} tested, all work`) : style.red(safe`✗ ${failed} of ${results.length} do not work`);
  c.out.line(summary);
  if (skipped.length > 0) c.out.line(style.dim(safe`${skipped.length} account(s) hold no credentials: ${joinSafe(skipped, ', ')}`));
}
