import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './precompress';

/**
 * The console is served by the API under /admin (SPA fallback server-side) and talks to
 * /graphql on the same origin. `npm run dev -w admin` proxies /graphql to a local API.
 * Built files carry a content hash in their names (assets/*-<hash>.*), which is what lets the API
 * cache them for a year, with brotli and gzip variants written next to them (precompress.ts).
 */
export default defineConfig(({ command }) => ({
  base: '/admin/',
  // Apollo Client's development checks and DevTools hook stay out of the production bundle.
  define: command === 'build' ? { 'globalThis.__DEV__': 'false' } : {},
  plugins: [react(), precompress()],
  resolve: {
    // One copy of each, whatever the nesting under node_modules.
    dedupe: ['graphql', 'react', 'react-dom'],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // The schema the console is generated from (schema/*.json), a chunk of its own: loaded
          // with the console after sign-in, and its hash moves only when the schema does.
          groups: [{ name: 'schema', test: /[\\/]schema[\\/][^\\/]+\.json$/ }],
        },
      },
    },
  },
  server: {
    proxy: { '/graphql': process.env.API_URL ?? 'http://127.0.0.1:4000' },
    fs: { allow: ['..'] },
  },
}));
