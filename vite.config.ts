// One config, three builds:
//   vite build                  → the renderer (dist/renderer), served by app:// and the browser harness
//   vite build --mode electron  → electron/main.ts as CommonJS (dist-electron/main.cjs)
//   vite build --mode preload   → electron/preload.ts as one self-contained CommonJS file: a sandboxed
//                                 preload can require nothing but 'electron', so zod is bundled into it
// Native modules (better-sqlite3, keytar, sharp) and every runtime dependency stay external so they
// load from node_modules (unpacked from the asar by electron-builder).
import { builtinModules } from 'node:module';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import packageJson from './package.json' with { type: 'json' };

const external = [
  'electron',
  ...builtinModules,
  ...builtinModules.map((name) => `node:${name}`),
  ...Object.keys(packageJson.dependencies),
];

export default defineConfig(({ mode }) => {
  if (mode === 'electron' || mode === 'preload') {
    const preload = mode === 'preload';
    return {
      build: {
        outDir: 'dist-electron',
        emptyOutDir: !preload,
        target: 'node20',
        ssr: true,
        minify: false,
        sourcemap: true,
        rollupOptions: {
          input: (preload ? { preload: 'electron/preload.ts' } : { main: 'electron/main.ts' }) as Record<
            string,
            string
          >,
          external: preload ? ['electron'] : external,
          output: { format: 'cjs', entryFileNames: '[name].cjs' },
        },
      },
      ssr: { noExternal: true, external: preload ? ['electron'] : external },
    };
  }
  return {
    root: 'renderer',
    base: './',
    plugins: [react()],
    build: {
      outDir: '../dist/renderer',
      emptyOutDir: true,
      target: 'chrome130',
      sourcemap: true,
    },
    test: {
      root: '.',
      include: [
        'test/**/*.test.ts',
        'cli/**/*.test.ts',
        'test/**/*.test.tsx',
        'electron/**/*.test.ts',
        'renderer/**/*.test.ts',
        'renderer/**/*.test.tsx',
        'shared/**/*.test.ts',
      ],
      environment: 'node',
      pool: 'forks',
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  };
});
