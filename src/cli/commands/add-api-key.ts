import type { Command } from 'commander';

import { CutiError } from '../../domain/errors.js';
import { sanitizeForDisplay } from '../../domain/sanitize.js';
import { suggestedName } from '../../domain/shell-quote.js';
import type { NewCredential } from '../../domain/types.js';
import { parseProvider, validateAccountName } from '../../domain/validation.js';
import { printWarnings, type CliContext } from '../context.js';
import { argvSecretWarning, assertSingleStdinReader, resolveSecret, type SecretRequest } from '../secret-input.js';

interface AddOptions {
  apiKey?: string | boolean;
  apiKeyEnv?: string;
  provider: string;
  region?: string;
  accessKey?: string;
  secretKey?: string | boolean;
  secretKeyEnv?: string;
}

export function registerAddApiKey(claude: Command, ctx: () => CliContext): void {
  claude
    .command('add-api-key')
    .description('Add API key credentials to an account')
    .argument('<account>', 'account name')
    .option('-k, --api-key [key]', "API key (Anthropic) or model ID (Bedrock); '-' reads stdin, no value prompts")
    .option('--api-key-env <name>', 'read the API key from this environment variable')
    .option('-p, --provider <provider>', 'provider: anthropic or bedrock', 'anthropic')
    .option('-r, --region <region>', 'AWS region (Bedrock only)')
    .option('--access-key <id>', 'AWS access key ID (Bedrock only)')
    .option('--secret-key [secret]', "AWS secret access key (Bedrock only); '-' reads stdin, no value prompts")
    .option('--secret-key-env <name>', 'read the AWS secret access key from this environment variable')
    .action(async (account: string, options: AddOptions) => {
      const c = ctx();
      const provider = parseProvider(options.provider);
      // Refuse a bad name before anyone types a secret for it.
      validateAccountName(account);
      const apiKeyRequest: SecretRequest = {
        flag: '--api-key',
        label: provider === 'anthropic' ? 'Anthropic API key' : 'Bedrock model ID',
        value: options.apiKey,
        envName: options.apiKeyEnv,
        promptWhenAbsent: provider === 'anthropic',
      };
      const secretKeyRequest: SecretRequest = {
        flag: '--secret-key',
        label: 'AWS secret access key',
        value: options.secretKey,
        envName: options.secretKeyEnv,
        // Prompt only once the other Bedrock fields are there, so nobody types a secret for nothing.
        promptWhenAbsent: provider === 'bedrock' && Boolean(options.region) && Boolean(options.accessKey),
      };
      assertSingleStdinReader([apiKeyRequest, secretKeyRequest]);
      const apiKey = await resolveSecret(apiKeyRequest, c);
      if (apiKey === undefined) {
        throw new CutiError('usage', "required option '-k, --api-key <key>' not specified", { exitCode: 2 });
      }
      const secretKey = provider === 'bedrock' ? await resolveSecret(secretKeyRequest, c) : undefined;
      const credential: NewCredential =
        provider === 'anthropic'
          ? { provider, apiKey: apiKey.value }
          : {
              provider,
              modelId: apiKey.value,
              region: options.region ?? '',
              accessKeyId: options.accessKey ?? '',
              secretAccessKey: secretKey?.value ?? '',
            };
      // Bad input gets its one error line, not a shell-history warning ahead of it.
      c.service.validateCredential(account, credential);
      // The model ID is not a secret; a key or secret typed into argv is.
      if (provider === 'anthropic' && apiKey.origin === 'argv') printWarnings(c, [argvSecretWarning('--api-key')]);
      if (secretKey?.origin === 'argv') printWarnings(c, [argvSecretWarning('--secret-key')]);
      const result = await c.service.addCredential(account, credential);
      printWarnings(c, result.warnings);
      const { style } = c.out;
      const name = sanitizeForDisplay(account);
      c.out.line(`${style.green('✓')} Added ${provider} API key to account: ${style.cyan(name)}`);
      if (result.replaced) c.out.line(style.dim(`  (replaced the ${provider} key this account held before)`));
      c.out.line();
      c.out.line(style.dim('API key stored securely with 600 permissions'));
      c.out.line(style.dim(`To use: ${style.cyan(`cuti claude env ${suggestedName(account)}`)}`));
    });
}
