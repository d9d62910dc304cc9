// Settings of this installation, kept in the `meta` table of the data file itself.
import { newId } from '../../shared/domain/ids';
import { recordChange } from './changes';
import type { Actor, BackendContext } from './context';
import type { Db } from './db/open';
import { stmt } from './db/statements';

/** `rating_quota:<scale id>`: the quota setting of one rating scale (ratings/quota.ts). */
export type MetaKey =
  'installation_id' | 'operator_name' | 'own_unit_id' | `rating_quota:${string}`;

export function getMeta(db: Db, key: MetaKey): string | null {
  const row = stmt<[string], { value: string }>(db, 'SELECT value FROM meta WHERE key = ?').get(
    key,
  );
  return row?.value ?? null;
}

export function setMeta(db: Db, key: MetaKey, value: string): void {
  recordChange(db, 'settings', key);
  stmt(
    db,
    'INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}

/** The installation id is born with the data file and never changes. */
export function installationId(db: Db): string {
  let id = getMeta(db, 'installation_id');
  if (!id) {
    id = newId();
    setMeta(db, 'installation_id', id);
  }
  return id;
}

export function actorOf(ctx: BackendContext): Actor {
  return {
    operator: getMeta(ctx.db, 'operator_name') ?? ctx.fallbackOperator,
    installationId: installationId(ctx.db),
    origin: ctx.origin,
    at: ctx.clock.now().toISOString(),
  };
}
