// What a `data.changed` event names: screens refresh the reads of these entities only.
// Its own module, free of zod, because the renderer's first screen needs it (api/changes.ts).
export const CHANGED_ENTITIES = [
  'units',
  'ratings',
  'settings',
  'watchlists',
  'imports',
  /** The exchange's books: exports made, batches imported or undone (the ledger). */
  'exchange',
] as const;
export type ChangedEntity = (typeof CHANGED_ENTITIES)[number];
