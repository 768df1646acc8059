import { describe, expect, it } from 'vitest';

import { pythonJsonDumps } from '../../src/storage/py-json.js';
import { pythonRewrite } from '../helpers/python.js';

/**
 * The bytes the original tool writes: Python's `json.dumps(obj, indent=2)`. The document
 * reaches Python as JSON on stdin, so both sides start from the same parsed value.
 */
const pythonDumps = (value: unknown) => pythonRewrite(JSON.stringify(value), 'pass');

const documents: Record<string, unknown> = {
  'the spec Anthropic file': {
    anthropic: { api_key: 'sk-ant-api03-your-key', provider: 'anthropic', created: '2025-10-01T00:31:34.953588' },
  },
  'the spec Bedrock file': {
    bedrock: {
      model_id: 'anthropic.claude-3-5-sonnet-20241022-v2:0',
      region: 'us-east-1',
      access_key_id: 'AKIAXXXXXXXXXXXXXXXX',
      secret_access_key: 'your-secret-key',
      provider: 'bedrock',
      created: '2025-10-01T00:31:55.556156',
    },
  },
  'accounts.json with an active account and null': {
    accounts: {
      default: { created: '2025-09-30T10:00:00.000001', last_used: '2025-10-01T07:24:00.5', type: 'Max' },
      'api-prod': { created: '2025-10-01T00:31:34.953588', last_used: 'never', type: 'API', credential_type: 'anthropic_api' },
    },
    active: 'default',
    nothing: null,
    last_updated: '2025-10-01T07:24:00.123456',
  },
  'non-ASCII text (Latin, CJK, emoji as surrogate pairs)': {
    name: 'Ünïcødé équipe 账户 🚀😀',
    'clé': 'valeur',
    '\u00a0nbsp': '\u2028\u2029\ufeff\uffff',
  },
  'escapes: quotes, backslashes, control characters': {
    quote: 'say "hi"',
    backslash: 'C:\\Users\\me',
    slash: 'a/b</script>',
    controls: '\u0000\u0001\b\f\n\r\t\u001b\u001f\u007f',
  },
  'nesting, empty containers and lists': {
    a: { b: { c: { d: [1, [2, [3, {}]], [], { e: [] }] } } },
    empty_object: {},
    empty_list: [],
    list_of_objects: [{ x: 1 }, { y: [true, false, null] }],
  },
  'numbers that print the same in both languages': {
    ints: [0, -1, 42, 9007199254740991],
    floats: [0.5, -2.25, 3.14159, 0.001, 123456.789],
  },
  'a top-level list and a bare string': [['nested', { k: 'v' }], 'text'],
};

describe('pythonJsonDumps is byte-identical to json.dumps(obj, indent=2)', () => {
  it.each(Object.entries(documents))('for %s', (_label, doc) => {
    expect(pythonJsonDumps(doc)).toBe(pythonDumps(doc));
  });

  it('writes no trailing newline and escapes non-ASCII as lower-case \\u', () => {
    const text = pythonJsonDumps({ name: 'É' });
    expect(text).toBe('{\n  "name": "\\u00c9"\n}');
    expect(pythonJsonDumps({})).toBe('{}');
  });

  it('round-trips: parsing the text gives the document back', () => {
    for (const doc of Object.values(documents)) expect(JSON.parse(pythonJsonDumps(doc))).toEqual(doc);
  });
});
