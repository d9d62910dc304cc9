// App-wide UI state: who is using the app, which screen is open, which year is shown.
import { create } from 'zustand';
import type { AppInfo } from '../../../shared/contract';
import { currentYear } from '../../../shared/domain/years';

export const SCREENS = [
  'dashboard',
  'units',
  'ratings',
  'watchlists',
  'reports',
  'exchange',
  'settings',
] as const;
export type ScreenId = (typeof SCREENS)[number];

interface AppState {
  info: AppInfo | null;
  screen: ScreenId;
  year: number;
  /** Bumped after every write so lists reload. */
  dataVersion: number;
  /**
   * Set by a screen holding unsaved edits: asked before the user leaves it; resolves to
   * whether leaving is fine (the screen may ask the user first).
   */
  leaveGuard: (() => Promise<boolean>) | null;
  setLeaveGuard: (guard: (() => Promise<boolean>) | null) => void;
  /** Switches screen once the current screen agrees. */
  navigate: (screen: ScreenId) => Promise<void>;
  setInfo: (info: AppInfo) => void;
  setScreen: (screen: ScreenId) => void;
  setYear: (year: number) => void;
  dataChanged: () => void;
}

export const useAppStore = create<AppState>((set, get) => ({
  info: null,
  screen: 'units',
  year: currentYear(),
  dataVersion: 0,
  setInfo: (info) => set({ info }),
  setScreen: (screen) => set({ screen }),
  setYear: (year) => set({ year }),
  dataChanged: () => set((s) => ({ dataVersion: s.dataVersion + 1 })),
  leaveGuard: null,
  setLeaveGuard: (leaveGuard) => set({ leaveGuard }),
  navigate: async (screen) => {
    const guard = get().leaveGuard;
    if (guard && !(await guard())) return;
    set({ screen, leaveGuard: null });
  },
}));
