import { resolve } from 'node:path';

import type { Command } from 'commander';

import { CutiError, ValidationError } from '../../domain/errors.js';
import {
  parseProvider,
  PROVIDER_MODULES,
  providerCliOptions,
  providerModule,
  PROVIDERS,
  type CliInput,
  type CredentialValues,
  type NewCredential,
  type ProviderModule,
} from '../../domain/providers/index.js';
import { suggestedName } from '../../domain/shell-quote.js';
import { printWarnings, type CliContext } from '../context.js';
import { argvSecretWarning, assertSingleStdinReader, resolveSecret, type SecretRequest } from '../secret-input.js';
import { safe, shown } from '../../domain/safe-text.js';

type AddOptions = Record<string, unknown> & { provider: string };

/** `--session-token-env` → `sessionTokenEnv`: the key commander stores an option under. */
export function optionKey(flag: string): string {
  return flag.replace(/^--/, '').replace(/-([a-z])/g, (_m, ch: string) => ch.toUpperCase());
}

/** The long flag of an option spec (`--secret-key [secret]` → `--secret-key`). */
const longFlag = (flags: string) => /--[a-z-]+/.exec(flags)?.[0] ?? flags;

/**
 * Options some provider declares but this one does not take: refused rather than
 * ignored, so `-p anthropic --profile work` cannot store something other than meant.
 */
function refuseForeignOptions(module: ProviderModule, options: AddOptions): void {
  const own = new Set(module.cliOptions.map((o) => longFlag(o.flags)));
  for (const other of PROVIDER_MODULES) {
    for (const option of other.cliOptions) {
      const flag = longFlag(option.flags);
      if (!own.has(flag) && options[optionKey(flag)] !== undefined) {
        throw new ValidationError(`${flag} does not apply to provider ${module.id}`);
      }
    }
  }
}

function requestOf(input: CliInput, options: AddOptions): SecretRequest {
  const value = options[optionKey(input.flag)];
  const envName = input.envFlag ? options[optionKey(input.envFlag)] : undefined;
  return {
    flag: input.flag,
    label: input.label,
    value: typeof value === 'string' || typeof value === 'boolean' ? value : undefined,
    envName: typeof envName === 'string' ? envName : undefined,
    promptWhenAbsent: input.promptWhenAbsent ?? false,
  };
}

export function registerAddApiKey(claude: Command, ctx: () => CliContext): void {
  const command = claude
    .command('add-api-key')
    .description('Add API key credentials to an account')
    .argument('<account>', 'account name')
    .option('-k, --api-key [key]', "API key (Anthropic) or model ID (Bedrock); '-' reads stdin, no value prompts")
    .option('--api-key-env <name>', 'read the API key from this environment variable')
    .option('-p, --provider <provider>', `provider: ${PROVIDERS.join(', ')}`, 'anthropic')
    .option('-r, --region <region>', 'region (Bedrock: AWS region; Vertex AI: its region)');
  // Each provider's own options, from its module.
  for (const option of providerCliOptions()) command.option(option.flags, option.description);
  command.action(async (account: string, options: AddOptions) => {
    const c = ctx();
    const provider = parseProvider(options.provider);
    const module = providerModule(provider);
    // Refuse a bad name, or options that do not fit, before anyone types a secret for them.
    await c.service.checkNameForAdd(account);
    refuseForeignOptions(module, options);
    const inputs = module.cliInputs(options);
    const requests = inputs.map((input) => requestOf(input, options));
    assertSingleStdinReader(requests);
    const values: CredentialValues = {};
    const fromArgv: string[] = [];
    for (const [i, input] of inputs.entries()) {
      const resolved = await resolveSecret(requests[i] as SecretRequest, c);
      if (resolved === undefined && input.required) {
        throw new CutiError('usage', "required option '-k, --api-key <key>' not specified", { exitCode: 2 });
      }
      values[input.name] = resolved?.value;
      if (resolved?.origin === 'argv' && input.secret) fromArgv.push(input.flag);
    }
    const credential: NewCredential = { ...module.fromCli(options, values), provider };
    // Files Claude Code will read are stored by absolute path, as this shell names them.
    for (const name of module.fileInputs ?? []) {
      const path = credential[name];
      if (path !== undefined && path !== '') credential[name] = resolve(path);
    }
    // Bad input gets its one error line, not a shell-history warning ahead of it.
    c.service.validateCredential(account, credential);
    printWarnings(c, fromArgv.map(argvSecretWarning));
    const result = await c.service.addCredential(account, credential);
    printWarnings(c, result.warnings);
    const { style } = c.out;
    const name = shown(account);
    c.out.line(safe`${style.green('✓')} Added ${provider} API key to account: ${style.cyan(name)}`);
    if (result.replaced) c.out.line(style.dim(safe`  (replaced the ${provider} key this account held before)`));
    c.out.line();
    c.out.line(style.dim('API key stored securely with 600 permissions'));
    c.out.line(style.dim(safe`To use: ${style.cyan(safe`cuti claude env ${suggestedName(account)}`)}`));
  });
}
