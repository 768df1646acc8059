// Flat config: type-aware rules from typescript-eslint over all TypeScript sources.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const SAFE_OUTPUT = [
  {
    selector: 'ImportSpecifier[imported.name=/^(sanitizeForDisplay|sanitizeLines)$/]',
    message: 'Build output with safe`…` or shown() from domain/safe-text.ts: they sanitise every value.',
  },
  {
    selector: "CallExpression[callee.object.name='SafeText'][callee.property.name='wrap']",
    message: 'SafeText is made by safe`…`, safeLines() or joinSafe(), which sanitise what they are given.',
  },
];

export default defineConfig(
  { ignores: ['dist/', 'coverage/', 'node_modules/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A leading underscore marks a parameter that an interface requires but the body ignores.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Plain Node scripts (and this file) carry no type information.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly' },
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    // Output is safe by construction (src/domain/safe-text.ts): text for people is built
    // with safe`…`, which sanitises every interpolated value, and printers take only
    // SafeText. restrict-template-expressions (above) already refuses SafeText inside a raw
    // template; these keep the escape hatches where they belong.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/domain/safe-text.ts', 'src/domain/sanitize.ts'],
    rules: { 'no-restricted-syntax': ['error', ...SAFE_OUTPUT] },
  },
  {
    // Only styling and rendering may mark text as already safe (escape codes they chose, box drawing).
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/domain/safe-text.ts', 'src/domain/sanitize.ts', 'src/cli/style.ts', 'src/cli/render/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...SAFE_OUTPUT,
        {
          selector: "ImportSpecifier[imported.name='trustedStyling']",
          message: 'Only src/cli/style.ts and src/cli/render/ mark text as trusted; build output with safe`…`.',
        },
      ],
    },
  },
  {
    // `act(async () => { stdin.write(key); })` and async callbacks without await are normal in tests.
    // Tests also match control characters on purpose (escape sequences, NUL, DEL).
    files: ['test/**'],
    rules: { '@typescript-eslint/require-await': 'off', 'no-control-regex': 'off' },
  },
);
