/**
 * electron-vite: main (ESM, deps externalized), preload (ONE CommonJS file, everything bundled — a
 * sandboxed preload can only require `electron`), renderer (the shared renderer config → out/renderer).
 * `electron-vite build` works offline: it only reads electron/package.json for the version.
 */
import { defineConfig } from 'electron-vite';
import { fileURLToPath } from 'node:url';
import { METHOD_NAMES } from './electron/contract';
import { rendererConfig } from './renderer/vite.config';

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: r('out/main'),
      // package.json "dependencies" (better-sqlite3, kysely, exceljs, zod, uuid) stay in node_modules.
      externalizeDeps: true,
      sourcemap: true,
      // The worker threads (the dataset validator's, the risk import's read) are entries of their own, emitted next to
      // index.js under the names electron/core/datasets/validate/runner.ts and electron/core/risks/excel.ts look for.
      lib: {
        entry: {
          index: r('electron/main/index.ts'),
          'datasets-validate-worker': r('electron/core/datasets/validate/worker.ts'),
          'risks-read-worker': r('electron/core/risks/read-worker.ts'),
        },
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
      rolldownOptions: {
        external: ['better-sqlite3'],
      },
    },
  },
  preload: {
    // The preload needs only the method names, not zod: see electron/preload/index.ts.
    define: { __PLA_METHOD_NAMES__: JSON.stringify(METHOD_NAMES) },
    build: {
      outDir: r('out/preload'),
      externalizeDeps: false,
      sourcemap: false,
      rolldownOptions: {
        input: { index: r('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    root: r('renderer'),
    build: {
      ...rendererConfig.build,
      outDir: r('out/renderer'),
      emptyOutDir: true,
      // The app, and the desktop app's connection chooser (electron/main/connection-window.ts).
      rolldownOptions: { ...rendererConfig.build.rolldownOptions, input: { index: r('renderer/index.html'), connect: r('renderer/connect.html') } },
    },
  },
});
