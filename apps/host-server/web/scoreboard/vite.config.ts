import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The projector scoreboard, served by the host under /scoreboard/ from dist/. Everything is
 * bundled (no CDN, no web fonts): the page must work on a venue LAN with no internet.
 */
export default defineConfig({
  base: '/scoreboard/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
  },
});
