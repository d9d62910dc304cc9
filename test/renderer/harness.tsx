// Renders the real app against the real backend in the same process (no hand-written fake):
// the bridge hands each call to the dispatcher, cloning like a real transport would, and passes
// the backend's events to the page as the real transports do.
import { join } from 'node:path';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AppEvents, EventName, FileRef } from '../../shared/contract';
import { App } from '../../renderer/src/app/App';
import { setBridge } from '../../renderer/src/api/bridge';
import type { ScreenId } from '../../renderer/src/stores/app';
import { useAppStore } from '../../renderer/src/stores/app';
import { AppError } from '../../shared/errors';
import { dispatch } from '../../electron/backend/dispatch';
import { printHtmlFileToPdf } from '../../electron/pdf/chromium';
import { pdfFileName } from '../../electron/pdf/name';
import type { BackendSetup, TestBackend } from '../helpers/backend';
import { makeBackend, makeTempDir } from '../helpers/backend';

type Listener = (payload: unknown) => void;

export interface Harness {
  backend: TestBackend;
  /** The path the next "choose a file" gives (as if the user picked it); null = cancelled. */
  pickNext(path: string | null): void;
  /** The paths the next "choose files" (several at once) gives; [] = cancelled. */
  pickNextFiles(paths: string[]): void;
  /** Files the page asked to save, with the name it suggested. */
  saved: { file: FileRef; suggestedName: string }[];
  /** Report pages the page asked to print to PDF (printed for real by headless Chromium). */
  printed: FileRef[];
}

export function renderApp(
  setup: BackendSetup & {
    year?: number;
    /** The screen the app shows first (the register unless told). */
    screen?: ScreenId;
    prepare?: (backend: TestBackend) => void;
  } = {},
) {
  const listeners = new Map<EventName, Set<Listener>>();
  const backend: TestBackend = makeBackend({
    ...setup,
    emit: (event, payload) => {
      for (const listener of listeners.get(event) ?? []) listener(structuredClone(payload));
    },
  });
  setup.prepare?.(backend);
  let nextPick: string | null = null;
  let nextPicks: string[] = [];
  const saved: Harness['saved'] = [];
  const printed: Harness['printed'] = [];
  setBridge({
    invoke: async (method, input) =>
      structuredClone(await dispatch(backend.ctx, method, structuredClone(input))),
    on<E extends EventName>(event: E, listener: (payload: AppEvents[E]) => void) {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      const wrapped = listener as Listener;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    pickFile: () => {
      const path = nextPick;
      nextPick = null;
      return Promise.resolve({
        ok: true as const,
        value: path === null ? null : backend.ctx.files.register(path),
      });
    },
    pickFiles: () => {
      const paths = nextPicks;
      nextPicks = [];
      return Promise.resolve({
        ok: true as const,
        value: paths.map((path) => backend.ctx.files.register(path)),
      });
    },
    saveFile: (file, suggestedName) => {
      saved.push({ file, suggestedName });
      return Promise.resolve({ ok: true as const, value: true });
    },
    // As the preview host does it: the page printed by headless Chromium, the PDF by handle.
    printPdf: async (file) => {
      printed.push(file);
      try {
        const pdf = join(makeTempDir(), pdfFileName(file.name));
        await printHtmlFileToPdf(backend.ctx.files.pathOf(file.handle), pdf);
        return { ok: true as const, value: backend.ctx.files.register(pdf) };
      } catch (error) {
        if (error instanceof AppError) return { ok: false as const, error: error.toJSON() };
        throw error;
      }
    },
  });
  const screen = setup.screen ?? 'units';
  useAppStore.setState({
    info: null,
    screen,
    year: setup.year ?? 2017,
    route: { screen, params: {}, visit: 0 },
  });
  const user = userEvent.setup();
  const view = render(<App />);
  const harness: Harness = {
    backend,
    pickNext: (path) => {
      nextPick = path;
    },
    pickNextFiles: (paths) => {
      nextPicks = paths;
    },
    saved,
    printed,
  };
  return { ...harness, user, ...view };
}
