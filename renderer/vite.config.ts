import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Shared libraries in chunks of their own, so they are cached apart from the app's code, which changes more often:
 * React, and the charts (Recharts with d3 and its other dependencies, pulled in with it), which only the screens with
 * charts load. The rest is split by where it is used: each screen is loaded on first use (app/lazyScreen.tsx), with the
 * Ant Design components only it needs.
 */
const chunkGroups = [
  { name: 'vendor-react', test: /[\\/]node_modules[\\/](react|react-dom|react-is|scheduler|use-sync-external-store|clsx)[\\/]/, priority: 2 },
  { name: 'vendor-charts', test: /[\\/]node_modules[\\/](recharts|d3-[^\\/]+|victory-vendor)[\\/]/, priority: 1 },
];

/** The renderer build, shared by browser mode (`npm run build:web` → out/web) and electron-vite (→ out/renderer). */
export const rendererConfig = {
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../out/web', import.meta.url)),
    emptyOutDir: true,
    // the whole app loaded at once was 2.7 MB; no chunk should come near this again
    chunkSizeWarningLimit: 1000,
    rolldownOptions: { output: { codeSplitting: { groups: chunkGroups } } },
  },
};

export default defineConfig(rendererConfig);
