// Lint enforces the layer boundaries of docs/architecture.md (DESIGN.md "Layout").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeModules = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'http',
  'crypto',
  'better-sqlite3',
];

export default tseslint.config(
  {
    ignores: ['node_modules', 'out', 'dist', 'test-results', 'playwright-report', '.tmp', '.bench'],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...nodeModules, 'electron', 'react', '**/electron/**', '**/renderer/**'] },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // react-hook-form and TanStack are fine without the React Compiler.
      'react-hooks/incompatible-library': 'off',
      'no-restricted-imports': [
        'error',
        { patterns: [...nodeModules, 'electron', '**/electron/**'] },
      ],
    },
  },
  {
    files: ['electron/backend/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['electron', '**/renderer/**', '**/main/**', '**/ipc/**'] },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...nodeModules, '**/backend/**'] }],
    },
  },
);
