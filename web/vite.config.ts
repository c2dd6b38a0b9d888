// `npm run dev` serves the app with hot reload and forwards /api and /ws to a
// running server (CC_API, default http://127.0.0.1:8080). `npm run build`
// writes dist/, which `callcenter serve` serves (hashed files under assets/).
import { defineConfig } from 'vite';

const api = process.env.CC_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/ws': { target: api.replace(/^http/, 'ws'), ws: true },
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 800 },
  test: { environment: 'node', include: ['src/**/*.test.ts'] },
} as any);
