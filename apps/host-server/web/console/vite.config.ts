import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The proctor console, served by the host under /console/ from dist/. Everything is bundled (no
 * CDN, no web fonts, no audio files): it must work on a venue LAN with no internet.
 */
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
  },
});
