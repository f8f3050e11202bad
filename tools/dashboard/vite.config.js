// Vite's build of the dashboard. The output folder comes from the command line
// (`vite build --outDir DIR`, as tools/dashboard/CMakeLists.txt runs it); assets are served
// by coopd from "/" (index.html also answers unknown paths, so asset URLs are absolute).
// No inline scripts or styles, so the page's Content-Security-Policy can forbid them.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  clearScreen: false,
  logLevel: 'warn',
  build: {
    target: 'es2020',
    emptyOutDir: true,
    assetsInlineLimit: 0,        // no data: URLs for assets
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    chunkSizeWarningLimit: 400,
  },
});
