import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/**
 * Multi-page build of the touch UI. The lane service serves `renderer/dist/` at `/`
 * (shopper), `/attendant/` and `/simulator/`; `base: './'` keeps every asset URL relative so
 * the same build also works from `file://` in the Electron shell.
 */
export default defineConfig({
  root: here('./renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: here('./renderer/dist'),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        shopper: here('./renderer/index.html'),
        attendant: here('./renderer/attendant/index.html'),
        simulator: here('./renderer/simulator/index.html'),
      },
    },
  },
});
