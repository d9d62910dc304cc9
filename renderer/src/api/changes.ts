// What the backend changed, as one counter per entity. A read refreshes when the counter of an
// entity it shows moves (a rating saved reloads the ratings reads, not the whole register), and
// whoever wrote — this window, the import, another window or the CLI through the worker — the
// backend's `data.changed` event is the one signal.
import { create } from 'zustand';
import type { ChangedEntity } from '../../../shared/changed-entities';
import { CHANGED_ENTITIES } from '../../../shared/changed-entities';
import type { MethodName } from '../../../shared/contract';
import { getBridge } from './bridge';

type Versions = Record<ChangedEntity, number>;

interface ChangeState {
  versions: Versions;
  bump: (entities: readonly ChangedEntity[]) => void;
}

const zero = Object.fromEntries(CHANGED_ENTITIES.map((e) => [e, 0])) as Versions;

export const useChangeStore = create<ChangeState>((set) => ({
  versions: zero,
  bump: (entities) =>
    set((state) => {
      const versions = { ...state.versions };
      for (const entity of entities) if (entity in versions) versions[entity] += 1;
      return { versions };
    }),
}));

/** The entities whose changes a read method's answer depends on. */
export function readsOf(method: MethodName): readonly ChangedEntity[] {
  const domain = method.split('.')[0];
  switch (domain) {
    case 'units':
      return ['units'];
    case 'ratings':
      // Rating reads show unit names and the register's shape as of the year.
      return ['ratings', 'units', 'settings'];
    case 'watchlists':
    case 'overview':
      // Members show the ratings and the register's names as of the list's year.
      return ['watchlists', 'ratings', 'units'];
    case 'measures':
      return ['watchlists'];
    case 'app':
    case 'settings':
      return ['settings', 'units'];
    default:
      return CHANGED_ENTITIES;
  }
}

/** Starts following the backend's data.changed events; returns the unsubscribe. */
export function followChanges(): () => void {
  return getBridge().on('data.changed', (payload) => {
    useChangeStore.getState().bump(payload.entities);
  });
}

export function resetChanges(): void {
  useChangeStore.setState({ versions: zero });
}
