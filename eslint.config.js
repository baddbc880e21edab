// ESLint, run by `npm test` (scripts/test.mjs) and failing it. Style is Prettier's job (.prettierrc.json);
// this catches what a reviewer would otherwise have to: promises nobody awaits, hooks used wrongly, and
// imports that point the wrong way (the same directions test/core/layering.test.ts enforces).
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Import patterns a layer must not use, by layer (mirrors test/core/layering.test.ts). */
const forbidden = {
  shared: ['electron', 'node:*', '**/electron/**', '**/renderer/**', '**/cli/**'],
  renderer: ['electron', 'node:*', 'fs', 'path', 'os', 'child_process', '**/electron/**', '**/cli/**'],
  core: ['electron', '**/harness/**', '**/renderer/**', '**/cli/**', '../ipc', '../main', '../preload'],
  db: ['**/library/**', '**/providers/**', '**/jobs/**', '**/secrets/**', '**/app/**'],
};

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'dist-electron/',
      'release/',
      '.tmp/',
      'test-results/',
      'playwright-report/',
      'bench/.work/',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(forbidden.renderer, 'The renderer knows nothing of Node, Electron or the main process.'),
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(forbidden.shared, 'shared/ imports only zod and itself.'),
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: restrict(forbidden.core, 'The core is plain Node: no Electron, no transports, no renderer or CLI.'),
  },
  {
    files: ['electron/core/db/**/*.ts'],
    rules: restrict([...forbidden.core, ...forbidden.db], 'db/ imports no domain: domains import db/.'),
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
