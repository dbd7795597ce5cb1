import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'release/**',
      'dist/**',
      'coverage/**',
      '.data/**',
      'test-results/**',
      'playwright-report/**',
      'node_modules/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='only']", message: 'No .only in committed tests.' },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  // Runtimes stay apart: each folder says where its code runs, and imports only what runs there too.
  {
    // The renderer must never reach Node, Electron, the main process or the server directly.
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'electron', 'electron/*'],
              message: 'The renderer runs sandboxed: no Node or Electron.',
            },
            {
              group: ['**/src-main/**', '**/src-server/**'],
              message: 'The renderer never imports main or the server.',
            },
          ],
        },
      ],
    },
  },
  {
    // Main (and preload) and the server run in Node: they never import the renderer, nor each other.
    files: ['src-main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/src-renderer/**'], message: 'Main never imports the renderer: share through src-shared.' },
            { group: ['**/src-server/**'], message: 'Main never imports the server: they are separate programs.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src-renderer/**'],
              message: 'The server never imports the renderer: share through src-shared.',
            },
            {
              group: ['**/src-main/**'],
              message: 'The server never imports Electron main: they are separate programs.',
            },
          ],
        },
      ],
    },
  },
  {
    // Shared code runs everywhere, so it imports nothing outside itself (packages are fine).
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/src-main/**',
                '**/src-renderer/**',
                '**/src-server/**',
                '**/test/**',
                '**/scripts/**',
                '@shared/*',
              ],
              message: 'src-shared imports only itself (relative paths) and packages.',
            },
            {
              group: ['node:*', 'electron', 'electron/*'],
              message: 'src-shared runs in the renderer too: no Node or Electron.',
            },
          ],
        },
      ],
    },
  },
);
