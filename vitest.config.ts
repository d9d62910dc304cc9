import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The national-size data sets (≈55,000 units × 10 years): the ratings test asserts query times,
// and both build large files, so they run as their own project, alone, after the others
// (`npm run test:unit`), so no other test competes for the CPU.
const NATIONAL_SIZE = [
  'test/backend/ratings-scale.test.ts',
  'test/backend/national-reference.test.ts',
];

export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'test/shared/**/*.test.ts',
            'test/backend/**/*.test.ts',
            'test/electron/**/*.test.ts',
            'test/scripts/**/*.test.ts',
          ],
          exclude: NATIONAL_SIZE,
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'renderer',
          environment: 'jsdom',
          // The backend runs in-process behind the renderer tests: exceljs must be its Node build
          // (the jsdom environment would pick the browser build, which writes no file).
          alias: { exceljs: 'exceljs/excel.js' },
          include: ['test/renderer/**/*.test.tsx'],
          setupFiles: ['test/renderer/setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'national-size',
          environment: 'node',
          include: NATIONAL_SIZE,
          // One file after the other: the timed ratings test must not share the CPU.
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
