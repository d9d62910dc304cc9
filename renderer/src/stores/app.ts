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
  'audit',
  'settings',
] as const;
export type ScreenId = (typeof SCREENS)[number];

/**
 * What a screen can be opened at. `year` becomes the app's year; `unitId` on the register opens
 * that unit's page (selected in the list, its detail panel open); `listId` on Diện củng cố opens
 * that list's page, with `memberId` its member's panel; `listId` on Báo cáo reports on that list.
 */
export interface ScreenParams {
  units: { unitId?: string; year?: number };
  ratings: { year?: number };
  watchlists: { listId?: string; memberId?: string };
  dashboard: { year?: number };
  /** `listId`: report on that watchlist. */
  reports: { listId?: string; year?: number };
}
export type ParamsOf<S extends ScreenId> = S extends keyof ScreenParams ? ScreenParams[S] : never;

/** The last navigation: a screen reapplies `params` whenever `visit` changes, even if already open. */
export interface Route {
  screen: ScreenId;
  params: { unitId?: string; year?: number; listId?: string; memberId?: string };
  visit: number;
}

interface AppState {
  info: AppInfo | null;
  screen: ScreenId;
  year: number;
  /**
   * Set by a screen holding unsaved edits: asked before the user leaves it; resolves to
   * whether leaving is fine (the screen may ask the user first).
   */
  leaveGuard: (() => Promise<boolean>) | null;
  setLeaveGuard: (guard: (() => Promise<boolean>) | null) => void;
  route: Route;
  /**
   * Opens a screen, with parameters (e.g. a unit's page in a year), once the current screen
   * agrees to be left; resolves to whether it went.
   */
  navigate: <S extends ScreenId>(screen: S, params?: ParamsOf<S>) => Promise<boolean>;
  setInfo: (info: AppInfo) => void;
  setScreen: (screen: ScreenId) => void;
  setYear: (year: number) => void;
}

/** Where the app opens once set up: Tổng quan, what needs attention this year. */
export const HOME_SCREEN: ScreenId = 'dashboard';

export const useAppStore = create<AppState>((set, get) => ({
  info: null,
  screen: HOME_SCREEN,
  year: currentYear(),
  setInfo: (info) => set({ info }),
  setScreen: (screen) => set({ screen }),
  setYear: (year) => set({ year }),
  leaveGuard: null,
  setLeaveGuard: (leaveGuard) => set({ leaveGuard }),
  route: { screen: HOME_SCREEN, params: {}, visit: 0 },
  navigate: async (screen, params) => {
    const guard = get().leaveGuard;
    if (guard && !(await guard())) return false;
    const given: Route['params'] = params ?? {};
    set((s) => ({
      screen,
      year: given.year ?? s.year,
      leaveGuard: null,
      route: { screen, params: given, visit: s.route.visit + 1 },
    }));
    return true;
  },
}));
