// The Báo cáo screen's choices and the document being edited, kept while the user visits other
// screens: going to Diện củng cố to check a unit and coming back finds the report as it was left,
// with every typed line. Another data file (the store's `owner`) starts afresh.
import { create } from 'zustand';
import type { Route } from '../stores/app';
import type { DocumentDraft } from './document-draft';
import type { ReportQuery } from './query';
import { DEFAULT_QUERY } from './query';

interface ReportState {
  /** The data file the choices were made on. */
  owner: string | null;
  query: ReportQuery;
  draft: DocumentDraft | null;
  /** The route visit whose parameters (a watchlist) the screen last applied. */
  visit: number;
  /** Takes up the screen's route: a watchlist to report on, when one is named. */
  open: (owner: string | null, route: Route) => void;
  setQuery: (change: Partial<ReportQuery>) => void;
  setDraft: (draft: DocumentDraft | null) => void;
}

export const useReportStore = create<ReportState>((set) => ({
  owner: null,
  query: DEFAULT_QUERY,
  draft: null,
  visit: -1,
  open: (owner, route) =>
    set((s) => {
      const fresh = s.owner !== owner;
      const query = fresh ? DEFAULT_QUERY : s.query;
      const listId = route.screen === 'reports' ? route.params.listId : undefined;
      return {
        owner,
        visit: route.visit,
        draft: fresh ? null : s.draft,
        query: listId
          ? {
              ...query,
              scope: { type: 'watchlist', watchlistId: listId, withExtending: false },
              groupBy: null,
            }
          : query,
      };
    }),
  setQuery: (change) => set((s) => ({ query: { ...s.query, ...change } })),
  setDraft: (draft) => set({ draft }),
}));
