import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import geo from './scripts/geo-plugin.js';

// The API is served by `echelon serve` on the same origin; in development
// point ECHELON_API at a running server (default http://127.0.0.1:8080).
export default defineConfig({
  base: './',
  plugins: [vue(), geo()],
  server: {
    proxy: { '/api': process.env.ECHELON_API || 'http://127.0.0.1:8080' },
  },
  build: {
    outDir: 'dist',
    chunkSizeWarningLimit: 740,
    reportCompressedSize: true,
    rollupOptions: {
      output: {
        // Name the map chunks after what they hold: geo-china, geo-pref-44.
        chunkFileNames: (chunk) => {
          const m = /virtual:geo\/(?:pref\/)?(\w+)$/.exec(chunk.facadeModuleId || '');
          if (m) return `assets/geo-${/pref/.test(chunk.facadeModuleId) ? 'pref-' : ''}${m[1]}-[hash].js`;
          return 'assets/[name]-[hash].js';
        },
      },
    },
  },
  test: {
    include: ['test/**/*.test.js'],
    environment: 'node',
  },
});
