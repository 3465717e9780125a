import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./src/renderer', import.meta.url));

/**
 * The contestant renderer, built twice: `--mode web` for the host to serve at /app/
 * (dist/web), `--mode desktop` for Electron to load from disk (dist/renderer, relative base).
 * Everything is bundled, Monaco and its workers included (no CDN): the venue LAN has no internet.
 */
export default defineConfig(({ mode }) => {
  const desktop = mode === 'desktop';
  return {
    root,
    base: desktop ? './' : '/app/',
    plugins: [react()],
    worker: { format: 'es' },
    build: {
      outDir: fileURLToPath(new URL(desktop ? './dist/renderer' : './dist/web', import.meta.url)),
      emptyOutDir: true,
      assetsDir: 'assets',
      sourcemap: false,
      chunkSizeWarningLimit: 8000,
    },
  };
});
