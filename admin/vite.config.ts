import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The console is served by the API under /admin (SPA fallback server-side) and talks to
 * /graphql on the same origin. `npm run dev -w admin` proxies /graphql to a local API.
 */
export default defineConfig(({ command }) => ({
  base: '/admin/',
  // Apollo Client's development checks and DevTools hook stay out of the production bundle.
  define: command === 'build' ? { 'globalThis.__DEV__': 'false' } : {},
  plugins: [react()],
  resolve: {
    // One copy of each, whatever the nesting under node_modules.
    dedupe: ['graphql', 'react', 'react-dom'],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
  },
  server: {
    proxy: { '/graphql': process.env.API_URL ?? 'http://127.0.0.1:4000' },
    fs: { allow: ['..'] },
  },
}));
