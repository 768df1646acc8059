import { describe, expect, it } from 'vitest';

import { maskAccessKeyId, maskApiKey, maskBearerToken, maskSecretAccessKey } from '../../src/domain/masking.js';

describe('masking (same rules as the original tool)', () => {
  it('keeps the first 8 and last 4 characters of an Anthropic key', () => {
    expect(maskApiKey('sk-ant-api03-your-key-here')).toBe('sk-ant-a...here');
  });
  it('hides short keys completely', () => {
    expect(maskApiKey('sk-ant-12345')).toBe('***');
    expect(maskApiKey('sk-ant-123456')).toBe('sk-ant-1...3456');
  });
  it('masks bearer tokens as 12 + 6', () => {
    expect(maskBearerToken('abcdefghijklmnopqrstuvwxyz')).toBe('abcdefghijkl...uvwxyz');
    expect(maskBearerToken('short-token-18chrs')).toBe('***');
  });
  it('shows only the first 8 characters of an access key id and nothing of the secret', () => {
    expect(maskAccessKeyId('AKIAIOSFODNN7EXAMPLE')).toBe('AKIAIOSF...');
    expect(maskAccessKeyId('AKIATEST')).toBe('***');
    expect(maskSecretAccessKey('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toBe('***');
  });
});
