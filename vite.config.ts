import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Kiosks run offline: no CDN, no remote fonts, everything bundled.
    assetsInlineLimit: 0,
  },
  logLevel: 'warn',
});
