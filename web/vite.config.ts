import { defineConfig } from 'vite';

// Static assets for `ansvar serve --static-dir web/dist`: no CDN, nothing fetched at run time.
export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8090' },
  },
});
