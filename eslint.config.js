// Lint for the SDK, its tests, the collector and the scripts. Type-aware rules run on TypeScript only.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'collector/dist/', 'node_modules/', 'data/', 'test-results/', 'playwright-report/', '.tmp/', 'demo/vendor/'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.strict],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: {
        console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly',
        Buffer: 'readonly', fetch: 'readonly', window: 'readonly', document: 'readonly',
      },
    },
  },
);
