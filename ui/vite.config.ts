// Builds the admin GUI into dist/ui, which `pitstop serve` serves at /ui.
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: path.resolve(import.meta.dirname),
  base: '/ui/',
  plugins: [react()],
  // ECharts (its own chunk, loaded with the first chart) is ~620 kB minified even with only the charts the GUI draws.
  build: { outDir: path.resolve(import.meta.dirname, '../dist/ui'), emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 700 },
});
