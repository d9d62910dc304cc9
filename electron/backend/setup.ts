// First run and settings: the operator's name and the installation's own unit.
import type { AppInfo, ParsedInput } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { BackendContext } from './context';
import { clockYear } from './context';
import { LATEST_SCHEMA_VERSION } from './db/migrations';
import { actorOf, getMeta, installationId, setAuditedMeta } from './meta';
import { createUnit } from './units/operations';
import { loadUnit, nameAt } from './units/queries';
import { writeTransaction } from './db/write';

export function appInfo(ctx: BackendContext): AppInfo {
  const operatorName = getMeta(ctx.db, 'operator_name');
  const ownUnitId = getMeta(ctx.db, 'own_unit_id');
  return {
    appVersion: ctx.appVersion,
    schemaVersion: LATEST_SCHEMA_VERSION,
    needsSetup: !operatorName || !ownUnitId,
    operatorName,
    ownUnitId,
    ownUnitName: ownUnitId ? nameAt(ctx.db, ownUnitId, clockYear(ctx)) : null,
    installationId: installationId(ctx.db),
    dataDir: ctx.dataDir,
    dbPath: ctx.dbPath,
    readOnly: ctx.access.refusal?.toJSON() ?? null,
  };
}

export function completeSetup(ctx: BackendContext, input: ParsedInput<'setup.complete'>): AppInfo {
  const { db } = ctx;
  writeTransaction(db, () => {
    setAuditedMeta(ctx, 'operator_name', input.operatorName);
    const actor = actorOf(ctx);
    let unitId: string;
    if (input.ownUnit.mode === 'existing') {
      unitId = loadUnit(db, input.ownUnit.unitId).id;
    } else {
      // The own unit starts at the top; its superior (a district, the province) may be added
      // later and set as its parent by correction, which records no move that never happened.
      const { mode: _mode, ...fields } = input.ownUnit;
      unitId = createUnit(db, actor, { ...fields, parentId: null }).id;
    }
    setAuditedMeta(ctx, 'own_unit_id', unitId, () => actor);
  });
  return appInfo(ctx);
}

export function setOperator(
  ctx: BackendContext,
  input: ParsedInput<'settings.setOperator'>,
): AppInfo {
  writeTransaction(ctx.db, () => setAuditedMeta(ctx, 'operator_name', input.operatorName));
  return appInfo(ctx);
}

/** Writes need a named operator: the audit log must say who changed what. */
export function assertSetUp(ctx: BackendContext): void {
  if (ctx.origin === 'app' && !getMeta(ctx.db, 'operator_name')) {
    throw new AppError('SETUP_REQUIRED', 'Hãy nhập tên người sử dụng trước khi thay đổi dữ liệu.');
  }
}
