import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  // Absolute asset paths, so deep links that fall back to index.html still load the bundle.
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Kiosks run offline: no CDN, no remote fonts, everything bundled.
    assetsInlineLimit: 0,
  },
  logLevel: 'warn',
});
