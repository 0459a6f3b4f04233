import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  plugins: [svelte()],
  // Tauri serves the built files from its own protocol; relative paths keep them independent of the origin.
  base: './',
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: {
    target: 'safari16',
    // Inlined assets would become data: URLs, which the CSP does not allow.
    assetsInlineLimit: 0,
  },
  test: { environment: 'node', include: ['src/**/*.test.ts'] },
});
