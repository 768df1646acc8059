import type { Command } from 'commander';

import { CutiError } from '../../domain/errors.js';
import { sanitizeForDisplay } from '../../domain/sanitize.js';
import type { NewCredential } from '../../domain/types.js';
import { parseProvider } from '../../domain/validation.js';
import { printWarnings, type CliContext } from '../context.js';

interface AddOptions {
  apiKey?: string;
  provider: string;
  region?: string;
  accessKey?: string;
  secretKey?: string;
}

export function registerAddApiKey(claude: Command, ctx: () => CliContext): void {
  claude
    .command('add-api-key')
    .description('Add API key credentials to an account')
    .argument('<account>', 'account name')
    .option('-k, --api-key <key>', 'API key (Anthropic) or model ID (Bedrock)')
    .option('-p, --provider <provider>', 'provider: anthropic or bedrock', 'anthropic')
    .option('-r, --region <region>', 'AWS region (Bedrock only)')
    .option('--access-key <id>', 'AWS access key ID (Bedrock only)')
    .option('--secret-key <secret>', 'AWS secret access key (Bedrock only)')
    .action(async (account: string, options: AddOptions) => {
      const c = ctx();
      const provider = parseProvider(options.provider);
      if (options.apiKey === undefined) {
        throw new CutiError('usage', "required option '-k, --api-key <key>' not specified", { exitCode: 2 });
      }
      const credential: NewCredential =
        provider === 'anthropic'
          ? { provider, apiKey: options.apiKey }
          : {
              provider,
              modelId: options.apiKey,
              region: options.region ?? '',
              accessKeyId: options.accessKey ?? '',
              secretAccessKey: options.secretKey ?? '',
            };
      const result = await c.service.addCredential(account, credential);
      printWarnings(c, result.warnings);
      const { style } = c.out;
      const name = sanitizeForDisplay(account);
      c.out.line(`${style.green('✓')} Added ${provider} API key to account: ${style.cyan(name)}`);
      if (result.replaced) c.out.line(style.dim(`  (replaced the ${provider} key this account held before)`));
      c.out.line();
      c.out.line(style.dim('API key stored securely with 600 permissions'));
      c.out.line(style.dim(`To use: ${style.cyan(`cuti claude env ${name}`)}`));
    });
}
