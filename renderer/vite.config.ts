import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The renderer build, shared by browser mode (`npm run build:web` → out/web) and electron-vite (→ out/renderer). */
export const rendererConfig = {
  root,
  base: './',
  plugins: [react()],
  build: { outDir: fileURLToPath(new URL('../out/web', import.meta.url)), emptyOutDir: true, chunkSizeWarningLimit: 4000 },
};

export default defineConfig(rendererConfig);
