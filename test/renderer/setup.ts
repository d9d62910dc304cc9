import '../../renderer/src/i18n';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
// The app's modules, which declare the screens the app loads when first shown.
import '../../renderer/src/app/App';
import { preloadAllParts } from '../../renderer/src/app/lazy';
import { cleanupTemp } from '../helpers/backend';

// Those screens and the charts they declare (renderer/src/app/lazy.tsx) are loaded here, before
// any test: a test's timeouts never include compiling a screen, and a screen shows at once, as
// in the app once loaded. test/renderer/lazy-parts.test.tsx covers the loading itself.
await preloadAllParts();

afterEach(() => {
  cleanup();
  cleanupTemp();
});

// jsdom does no layout: give elements a window-sized box so the virtualised table renders rows.
Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
  configurable: true,
  get: () => 600,
});
Object.defineProperty(HTMLElement.prototype, 'offsetWidth', {
  configurable: true,
  get: () => 1000,
});
Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
  configurable: true,
  get: () => 600,
});
Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
  configurable: true,
  get: () => 1000,
});
HTMLElement.prototype.getBoundingClientRect = function () {
  return DOMRect.fromRect({ x: 0, y: 0, width: 1000, height: 600 });
};
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};
