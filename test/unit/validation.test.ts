import { describe, expect, it } from 'vitest';

import { ValidationError } from '../../src/domain/errors.js';
import { anthropicKeyWarnings } from '../../src/domain/providers/anthropic.js';
import { BEDROCK_MISSING_FIELDS, bedrockWarnings, validateAwsRegion, validateBedrock } from '../../src/domain/providers/bedrock.js';
import { parseProvider } from '../../src/domain/providers/index.js';
import { MAX_ACCOUNT_NAME_LENGTH, validateAccountName, validateValue } from '../../src/domain/validation.js';
import { SECRETS } from '../helpers/secrets.js';

function errorOf(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError, nothing was thrown');
}

describe('validateAccountName', () => {
  const bad: Array<[string, string, RegExp]> = [
    ['empty', '', /cannot be empty/],
    ['blank', '   ', /cannot be empty/],
    ['a slash', 'team/prod', /cannot contain '\/'/],
    ['a leading slash', '/etc', /cannot contain '\/'/],
    ['a backslash', 'team\\prod', /cannot contain '\/' or '\\'/],
    ['dot-dot alone', '..', /'\.\.'/],
    ['dot-dot inside', 'a..b', /'\.\.'/],
    ['a NUL byte', 'prod\u0000api', /control characters/],
    ['a tab', 'prod\tapi', /control characters/],
    ['a newline', 'prod\napi', /control characters/],
    ['DEL', 'prod\u007fapi', /control characters/],
    ['a C1 control', 'prod\u009bapi', /control characters/],
    ['an ESC colour sequence', '\u001b[31mred\u001b[0m', /control characters/],
    ['an OSC title sequence', '\u001b]0;pwned\u0007', /control characters/],
    ['a bidi override', 'abc\u202edcba', /control characters/],
    [`${MAX_ACCOUNT_NAME_LENGTH + 1} characters`, 'a'.repeat(MAX_ACCOUNT_NAME_LENGTH + 1), /longer than 64/],
    ['a leading dot', '.hidden', /start with '\.'/],
    ['a leading dash (would read as an option)', '-rf', /start with '-'/],
    ['surrounding whitespace', ' prod ', /whitespace/],
    ['the metadata file name', 'accounts.json', /reserved/],
    ['a lock directory name', 'prod.lock', /reserved/],
  ];

  it.each(bad)('refuses a name with %s', (_what, name, message) => {
    const error = errorOf(() => validateAccountName(name));
    expect(error.message).toMatch(message);
    expect(error.exitCode).toBe(1);
    expect(error.code).toBe('invalid_input');
  });

  it('never echoes a raw control character in its message', () => {
    for (const name of ['x\u001b[2Jy', 'x\u0000y', 'x\u009by', 'x\u202ey']) {
      const { message } = errorOf(() => validateAccountName(name));
      expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
    }
    expect(errorOf(() => validateAccountName('x\u001b[2Jy')).message).toContain('x\\x1b[2Jy');
  });

  it.each([
    ['an Anthropic key', SECRETS.anthropicKey],
    ['an OAuth token', SECRETS.oauthAccessToken],
    ['an AWS access key id', SECRETS.accessKeyId],
    ['an AWS secret access key', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    ['a Bedrock API key', SECRETS.bearerToken],
  ])('refuses %s pasted as the name, without echoing it', (_what, name) => {
    const { message } = errorOf(() => validateAccountName(name));
    expect(message).toMatch(/looks like an API key or AWS credential/);
    expect(message).not.toContain(name.slice(0, 12));
  });

  const good = [
    'prod-api',
    'sk-ant',
    'productionanthropickeyforteamalphabravo1',
    'my api account',
    'backup_20250101_120000',
    'default',
    'a',
    'v1.2',
    'Ünïcødé-账户',
    'équipe',
    '🚀-launch',
    'a'.repeat(MAX_ACCOUNT_NAME_LENGTH),
    // 64 characters that are each two UTF-16 code units: the limit counts characters.
    '😀'.repeat(MAX_ACCOUNT_NAME_LENGTH),
  ];

  it.each(good)('accepts %j', (name) => {
    expect(() => validateAccountName(name)).not.toThrow();
  });
});

describe('parseProvider', () => {
  it('accepts the two providers', () => {
    expect(parseProvider('anthropic')).toBe('anthropic');
    expect(parseProvider('bedrock')).toBe('bedrock');
  });

  it.each(['openai', 'Anthropic', '', 'bedrock '])('refuses %j with the valid list as a hint', (value) => {
    const error = errorOf(() => parseProvider(value));
    expect(error.message).toBe(`Invalid provider: ${value}`);
    expect(error.hint).toBe('Valid providers: anthropic, bedrock, vertex, foundry');
  });

  it('shows a hostile provider value escaped', () => {
    expect(errorOf(() => parseProvider('x\u001b]0;t\u0007')).message).toBe('Invalid provider: x\\x1b]0;t\\x07');
  });
});

describe('validateValue', () => {
  it('returns a good value unchanged', () => {
    expect(validateValue('API key', SECRETS.anthropicKey)).toBe(SECRETS.anthropicKey);
  });

  it.each([
    ['missing', undefined, 'API key cannot be empty'],
    ['empty', '', 'API key cannot be empty'],
    ['blank', ' \t ', 'API key cannot be empty'],
    ['multi-line', `${SECRETS.anthropicKey}\nmore`, 'API key contains control characters or line breaks'],
    ['with ESC', `${SECRETS.anthropicKey}\u001b[0m`, 'API key contains control characters or line breaks'],
    ['padded', ` ${SECRETS.anthropicKey} `, 'API key has leading or trailing whitespace'],
  ])('refuses a %s value without echoing it', (_what, value, message) => {
    const error = errorOf(() => validateValue('API key', value));
    expect(error.message).toBe(message);
    expect(error.message).not.toContain('FAKEsecret');
  });
});

describe('validateBedrock', () => {
  const full = {
    modelId: 'anthropic.claude-3-5-sonnet-20241022-v2:0',
    region: 'us-east-1',
    accessKeyId: SECRETS.accessKeyId,
    secretAccessKey: SECRETS.secretAccessKey,
  };

  it('returns all four fields', () => {
    expect(validateBedrock(full)).toEqual(full);
  });

  it.each(['region', 'accessKeyId', 'secretAccessKey'] as const)(
    'gives the spec message when %s is missing or blank',
    (field) => {
      expect(errorOf(() => validateBedrock({ ...full, [field]: undefined })).message).toBe(BEDROCK_MISSING_FIELDS);
      expect(errorOf(() => validateBedrock({ ...full, [field]: '  ' })).message).toBe(BEDROCK_MISSING_FIELDS);
    },
  );

  it('uses the exact wording of the spec', () => {
    expect(BEDROCK_MISSING_FIELDS).toBe('Bedrock requires --region, --access-key, and --secret-key');
  });

  it('refuses an empty model id (the --api-key of a Bedrock entry)', () => {
    expect(errorOf(() => validateBedrock({ ...full, modelId: '' })).message).toMatch(/Model ID.*cannot be empty/);
  });

  it('refuses a secret access key with a line break, without echoing it', () => {
    const error = errorOf(() => validateBedrock({ ...full, secretAccessKey: `${SECRETS.secretAccessKey}\r` }));
    expect(error.message).toBe('Secret access key contains control characters or line breaks');
  });
});

describe('shape warnings (stored anyway)', () => {
  it('is silent for an sk-ant- key', () => {
    expect(anthropicKeyWarnings(SECRETS.anthropicKey)).toEqual([]);
    expect(anthropicKeyWarnings('sk-ant-api03-your-key-here')).toEqual([]);
  });

  it.each(['sk-proj-abc123456789', 'ant-sk-xyz', 'SK-ANT-API03-UPPER'])('warns about %j', (key) => {
    const warnings = anthropicKeyWarnings(key);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("does not start with 'sk-ant-'");
    expect(warnings[0]).not.toContain(key);
  });

  const bedrock = (region: string, accessKeyId: string) => ({
    modelId: 'anthropic.claude-3-5-sonnet-20241022-v2:0',
    region,
    accessKeyId,
    secretAccessKey: SECRETS.secretAccessKey,
  });

  it.each(['us-east-1', 'eu-west-1', 'ap-southeast-2', 'us-gov-west-1', 'eu-central-2', 'us-isob-east-1', 'ap-southeast-12'])(
    'accepts region %s',
    (region) => {
      expect(validateAwsRegion(region)).toBe(region);
      expect(bedrockWarnings(bedrock(region, 'AKIAIOSFODNN7EXAMPLE'))).toEqual([]);
    },
  );

  it.each(['useast1', 'US-EAST-1', 'us-east', 'us-east-1a', 'moon', 'mars-1'])('refuses region %j, naming it', (region) => {
    expect(() => validateAwsRegion(region)).toThrow(`Region '${region}' is not an AWS region name (e.g. us-east-1, eu-west-1, ap-southeast-2)`);
  });

  it.each(['us_east_1', 'us east 1', 'us-east-1/', 'us.east.1'])('refuses region %j, which Claude Code would ignore', (region) => {
    expect(() => validateAwsRegion(region)).toThrow("is not a region name (letters, digits and '-', e.g. us-east-1)");
  });

  it.each(['AKIAIOSFODNN7EXAMPLE', 'ASIAIOSFODNN7EXAMPLE', SECRETS.accessKeyId])('accepts access key id %s', (id) => {
    expect(bedrockWarnings(bedrock('us-east-1', id))).toEqual([]);
  });

  it.each([
    ['too short (spec example)', 'AKIATEST'],
    ['21 characters', 'AKIAIOSFODNN7EXAMPLEX'],
    ['19 characters', 'AKIAIOSFODNN7EXAMPL'],
    ['lower case', 'akiaiosfodnn7example'],
    ['another prefix', 'AIDAIOSFODNN7EXAMPLE'],
    ['a placeholder', 'AKIAXXXXXXXXXXXXXXX-'],
  ])('warns about an access key id that is %s, without echoing it', (_what, id) => {
    const warnings = bedrockWarnings(bedrock('us-east-1', id));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Access key ID does not look like an AWS key/);
    expect(warnings[0]).not.toContain(id);
  });

});
