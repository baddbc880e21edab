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
  transport: ['electron', '**/renderer/**', '**/cli/**'],
};

/** Each domain's public face: what another domain may import at runtime (types may come from anywhere). */
const publicFaces = {
  app: 'handlers',
  library: 'library',
  providers: 'providers',
  jobs: 'engine',
  secrets: 'create-secret-store',
};

/** A domain reaches another only through its face; the layering test checks the same with the real paths. */
const domainRules = Object.keys(publicFaces).map((domain) => {
  const others = Object.entries(publicFaces).filter(([name]) => name !== domain);
  return {
    files: [`electron/core/${domain}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: forbidden.core,
              message: 'The core is plain Node: no Electron, no transports, no renderer or CLI.',
            },
            {
              group: others.flatMap(([name, face]) => [`../${name}/*`, `!../${name}/${face}`]),
              allowTypeImports: true,
              message: "Another domain's internals: import its public face (or only its types).",
            },
          ],
        },
      ],
    },
  };
});

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
  ...domainRules,
  {
    files: ['electron/core/db/**/*.ts', 'electron/core/http/**/*.ts'],
    rules: restrict([...forbidden.core, ...forbidden.db], 'db/ and http/ import no domain: domains import them.'),
  },
  {
    files: ['electron/harness/**/*.ts', 'electron/page/**/*.ts'],
    rules: restrict(forbidden.transport, 'The harness and the page files run without Electron, beside the core.'),
  },
  {
    // Tests read JSON the CLI and the core print, whose shape the assertions themselves check.
    files: ['test/**/*.{ts,tsx}', '**/*.test.{ts,tsx}'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
