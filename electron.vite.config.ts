import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The app icon (resources/icon.png) is served with the page — window icon and favicon — without
 * making all of resources/ public (the sample data and installer files stay out of the page).
 */
function appIcon(): Plugin {
  return {
    name: 'tccsd-app-icon',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'icon.png',
        source: readFileSync(resolve('resources/icon.png')),
      });
    },
  };
}

// One build for the three Electron parts. The backend is bundled into main's folder as its own
// worker entry (out/main/backend-worker.js, run in a worker thread by main); better-sqlite3
// stays external because it loads a native binary.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          'backend-worker': resolve('electron/backend/worker/entry.ts'),
        },
        external: ['better-sqlite3', 'electron'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    publicDir: false,
    plugins: [react(), appIcon()],
    build: {
      outDir: resolve('out/renderer'),
      // electron-vite leaves the renderer unminified; minified, its JavaScript is about half as
      // large gzip (issue 10). Main, preload and the backend worker stay readable: their stack
      // traces go to the log.
      minify: true,
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
