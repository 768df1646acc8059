import { describe, expect, it } from 'vitest';

import { isCutiAwsExport } from '../../src/domain/auth-precedence.js';
import { planSettingsHandOver } from '../../src/domain/claude-code-settings-plan.js';

const none = { env: {}, apiKeyHelper: null, awsCredentialExport: null };
const CUTI_AWS = "'/usr/bin/node' '/opt/cuti/dist/cli.cjs' claude print-aws";
const CUTI_KEY = "CUTI_KEY_HELPER=1 '/usr/bin/node' '/opt/cuti/dist/cli.cjs' claude print-key";

describe('planSettingsHandOver', () => {
  it('writes non-secret variables, never a secret; a secret no helper covers is withheld', () => {
    const plan = planSettingsHandOver(
      [['CLAUDE_CODE_USE_FOUNDRY', '1'], ['ANTHROPIC_FOUNDRY_RESOURCE', 'r'], ['ANTHROPIC_FOUNDRY_API_KEY', 'secret-value']],
      null,
      none,
    );
    expect(plan.edits).toEqual([
      { path: ['env', 'CLAUDE_CODE_USE_FOUNDRY'], value: '1' },
      { path: ['env', 'ANTHROPIC_FOUNDRY_RESOURCE'], value: 'r' },
    ]);
    expect(JSON.stringify(plan)).not.toContain('secret-value');
    expect(plan.withheld).toEqual(['ANTHROPIC_FOUNDRY_API_KEY']);
  });

  it('a helper covers its secrets; cuti’s other helper and other providers’ variables are removed, unrelated ones kept', () => {
    const plan = planSettingsHandOver(
      [['CLAUDE_CODE_USE_BEDROCK', '1'], ['AWS_REGION', 'eu-west-1'], ['AWS_ACCESS_KEY_ID', 'AKIA'], ['AWS_SECRET_ACCESS_KEY', 's']],
      { key: 'awsCredentialExport', command: CUTI_AWS, covers: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] },
      { env: { CLAUDE_CODE_USE_VERTEX: '1', CLOUD_ML_REGION: 'global', KEEP: 'x', AWS_REGION: 'eu-west-1' }, apiKeyHelper: CUTI_KEY, awsCredentialExport: null },
    );
    expect(plan.withheld).toEqual([]);
    expect(plan.removed).toEqual(['CLAUDE_CODE_USE_VERTEX', 'CLOUD_ML_REGION']);
    expect(plan.edits).toEqual([
      { path: ['awsCredentialExport'], value: CUTI_AWS },
      { path: ['apiKeyHelper'], value: undefined },
      { path: ['env', 'CLAUDE_CODE_USE_BEDROCK'], value: '1' },
      { path: ['env', 'CLAUDE_CODE_USE_VERTEX'], value: undefined },
      { path: ['env', 'CLOUD_ML_REGION'], value: undefined },
    ]);
  });

  it('leaves another program’s helpers alone, and has nothing to do when all is in place', () => {
    const current = { env: { CLAUDE_CODE_USE_VERTEX: '1' }, apiKeyHelper: '/bin/vault-key', awsCredentialExport: 'aws-vault export team' };
    expect(planSettingsHandOver([['CLAUDE_CODE_USE_VERTEX', '1']], null, current).edits).toEqual([]);
    expect(isCutiAwsExport('aws-vault export team')).toBe(false);
    expect(isCutiAwsExport(CUTI_AWS)).toBe(true);
  });
});
