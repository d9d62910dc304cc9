// The Trao đổi dữ liệu screen's state that must survive a visit to another screen: the open tab,
// the files chosen for import with their preview and the user's decisions, and a file written
// whose saving was cancelled (so it can still be saved: it was numbered and recorded). Another data file starts afresh.
import { create } from 'zustand';
import type { ExchangePreview, ExportResult, FileRef } from '../../../shared/contract';
import type { Decisions } from './choices';
import { NO_DECISIONS } from './choices';

export const EXCHANGE_TABS = ['send', 'receive', 'ledger'] as const;
export type ExchangeTab = (typeof EXCHANGE_TABS)[number];

export interface Outcome {
  kind: 'success' | 'muted' | 'error';
  text: string;
}

interface ExchangeState {
  /** The data file this state belongs to. */
  owner: string | null;
  tab: ExchangeTab;
  /** Files chosen for import, in the order chosen. */
  files: FileRef[];
  preview: ExchangePreview | null;
  decisions: Decisions;
  /** What the last apply (or a refusal) said, shown until the next step. */
  receiveOutcome: Outcome | null;
  /** The last file written here while it has not been saved (its save was cancelled or failed). */
  unsavedExport: ExportResult | null;
  /**
   * The ledger's year as the user chose it; null: the year before the app's year, whose ratings
   * are reported in January (see ledgerYearOf).
   */
  ledgerYear: number | null;
  open: (owner: string | null) => void;
  setTab: (tab: ExchangeTab) => void;
  setFiles: (files: FileRef[]) => void;
  setPreview: (preview: ExchangePreview | null) => void;
  setDecisions: (change: (d: Decisions) => Decisions) => void;
  setReceiveOutcome: (outcome: Outcome | null) => void;
  setUnsavedExport: (result: ExportResult | null) => void;
  setLedgerYear: (year: number) => void;
}

const FRESH = {
  tab: 'send' as ExchangeTab,
  files: [],
  preview: null,
  decisions: NO_DECISIONS,
  receiveOutcome: null,
  unsavedExport: null,
  ledgerYear: null,
};

/** The year the ledger shows: the one chosen, else the year before the app's year. */
export function ledgerYearOf(chosen: number | null, appYear: number): number {
  return chosen ?? appYear - 1;
}

export const useExchangeStore = create<ExchangeState>((set) => ({
  owner: null,
  ...FRESH,
  open: (owner) => set((s) => (s.owner === owner ? s : { owner, ...FRESH })),
  setTab: (tab) => set({ tab }),
  setFiles: (files) => set({ files }),
  // A new preview is a new plan: decisions made for the previous one no longer apply.
  setPreview: (preview) => set({ preview, decisions: NO_DECISIONS }),
  setDecisions: (change) => set((s) => ({ decisions: change(s.decisions) })),
  setReceiveOutcome: (receiveOutcome) => set({ receiveOutcome }),
  setUnsavedExport: (unsavedExport) => set({ unsavedExport }),
  setLedgerYear: (ledgerYear) => set({ ledgerYear }),
}));
