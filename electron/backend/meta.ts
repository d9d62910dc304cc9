// Settings of this installation, kept in the `meta` table of the data file itself.
import { newId } from '../../shared/domain/ids';
import { auditUpdate } from './audit';
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

/**
 * A setting a person changes (operator, own unit), audited as entity 'settings': the audit log
 * says who set the app up and who renamed its operator. `actor` is read after the change when
 * the setting is the operator's name, so the row names the new operator.
 */
export function setAuditedMeta(
  ctx: BackendContext,
  key: MetaKey,
  value: string,
  actor: () => Actor = () => actorOf(ctx),
): void {
  const before = getMeta(ctx.db, key);
  if (before === value) return;
  setMeta(ctx.db, key, value);
  auditUpdate(ctx.db, actor(), 'settings', key, { value: before }, { value });
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
    operator: ctx.actorOperator ?? getMeta(ctx.db, 'operator_name') ?? ctx.fallbackOperator,
    installationId: installationId(ctx.db),
    origin: ctx.origin,
    channel: ctx.channel,
    at: ctx.clock.now().toISOString(),
  };
}
