// ESLint: the checks the compiler does not make. Type-aware (one TypeScript program over
// tsconfig.eslint.json), so a promise nobody awaits, an async callback where a void one is
// expected, or a switch that misses a member of its union are findings. Run by `npm test`.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { defineConfig } from 'eslint/config';

export default defineConfig(
  { ignores: ['build/', 'dist/', 'node_modules/', 'test/fixtures/', 'examples/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { project: './tsconfig.eslint.json', tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test's test()/describe() return promises the runner itself awaits.
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] },
          ],
        },
      ],
      // A switch over a union with no `default` must name every member; a `default` is the
      // author's explicit "the rest".
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // Off: `async` on a function without `await` is kept on purpose where it implements a
      // promise-returning port, so that a throw becomes a rejection rather than a sync throw.
      '@typescript-eslint/require-await': 'off',
      // As only-throw-error does by default: a value typed `any` (an AbortSignal's reason) may
      // be passed on; a known non-Error (a string, a number) may not.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingAny: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'all' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'No default exports: export a named binding.' },
        {
          selector: 'ExportSpecifier[exported.name="default"]',
          message: 'No default exports: export a named binding.',
        },
      ],
    },
  },
  {
    // Untyped JavaScript (scripts, bench): every value is `any`, so the no-unsafe-* family
    // would flag the language itself. The promise and unused-value rules still apply.
    files: ['**/*.mjs'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // ESLint's own config file must default-export its configuration.
    files: ['eslint.config.mjs'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
