import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web app. `@doorbraak/domain` resolves to the TypeScript source (the api uses the CommonJS build),
 * so schemas, labels and reference data are the very ones the api validates with.
 */
export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^@\//, replacement: fileURLToPath(new URL('./src/', import.meta.url)) },
      {
        find: /^@doorbraak\/domain$/,
        replacement: fileURLToPath(new URL('../../libs/domain/src/index.ts', import.meta.url)),
      },
    ],
    dedupe: ['react', 'react-dom', 'zod'],
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    rolldownOptions: {
      treeshake: {
        // libs/domain is declarations only (lint bans frameworks and globals there), but its zod
        // schemas are built by top-level calls the bundler must otherwise assume to have effects:
        // declaring the domain's modules pure lets the ones a page does not use drop out.
        moduleSideEffects: (id) => !id.includes('/libs/domain/src/'),
      },
    },
  },
});
