// Contract method → backend function. Inputs arrive already parsed by the dispatcher.
import type { MethodName, MethodOutput, ParsedInput } from '../../shared/contract';
import { contract, isMethodName } from '../../shared/contract';
import { checkChosen, createBackup, listBackups, restoreChosen, withBackups } from './backup/index';
import { applyHashed, previewHashed } from './audit/import-files';
import { auditOperators, listAudit } from './audit/list';
import { verifyAuditChain } from './audit/verify';
import { recordChange } from './changes';
import type { BackendContext } from './context';
import { clockDay } from './context';
import { actorOf } from './meta';
import { ratingGrid } from './ratings/grid';
import { levelCounts, listRatings, ratingHistory } from './ratings/queries';
import { listQuotaSettings, setQuota } from './ratings/quota';
import { transitionUnits, transitions } from './ratings/transitions';
import { removeRating, saveYear, setRating } from './ratings/writes';
import { applyExchange } from './exchange/apply';
import { exportExchange } from './exchange/export';
import { exchangeLedger } from './exchange/ledger';
import { previewExchange } from './exchange/preview';
import { undoBatch } from './exchange/undo';
import { exportReport } from './reports/export';
import { progressReport, reportCarryOver } from './reports/progress';
import { loadSample } from './sample/load';
import { appInfo, completeSetup, setOperator } from './setup';
import { dissolveUnit, mergeUnits, removeUnit, splitUnit } from './units/lineage';
import { changeUnitFrom, correctUnit, createUnit, moveUnit, renameUnit } from './units/operations';
import { getUnit } from './units/queries';
import { listUnits, unitChildren } from './units/register';
import { carryOver } from './watchlists/carry-over';
import {
  addMeasure,
  completeMeasure,
  listMeasures,
  removeMeasure,
  updateMeasure,
} from './watchlists/measures';
import {
  addMember,
  createWatchlist,
  removeMember,
  removeWatchlist,
  setMemberStatus,
  setResult,
  updateMember,
  updateWatchlist,
} from './watchlists/operations';
import { overview } from './watchlists/overview';
import { getWatchlist, listWatchlists, unitWatchEntries } from './watchlists/queries';

/**
 * An exchange write changes the exchange's own books (exports made, batches imported or undone)
 * even when it changes no record: announced as 'exchange', so the ledger refreshes in every
 * window. Nothing is announced when the write fails (dispatch discards what was collected).
 */
function announcingExchange<I, O>(
  handler: (ctx: BackendContext, input: I) => O,
): (ctx: BackendContext, input: I) => O {
  return (ctx, input) => {
    recordChange(ctx.db, 'exchange');
    return handler(ctx, input);
  };
}

/**
 * Most handlers answer synchronously (better-sqlite3 is synchronous). A handler that must read
 * a file's contents first (spreadsheets) returns a promise, and does its database work in one
 * synchronous transaction after the await.
 */
export type Handlers = {
  [M in MethodName]: (
    ctx: BackendContext,
    input: ParsedInput<M>,
  ) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

const table: Handlers = {
  'app.info': (ctx) => appInfo(ctx),
  'setup.complete': completeSetup,
  'settings.setOperator': setOperator,
  'units.list': (ctx, input) => listUnits(ctx.db, input),
  'units.children': (ctx, input) => unitChildren(ctx.db, input),
  'units.get': (ctx, input) => getUnit(ctx.db, input.id, input.year),
  'units.create': (ctx, input) => createUnit(ctx.db, actorOf(ctx), input),
  'units.correct': (ctx, input) => correctUnit(ctx.db, actorOf(ctx), input),
  'units.changeFrom': (ctx, input) => changeUnitFrom(ctx.db, actorOf(ctx), input),
  'units.rename': (ctx, input) => renameUnit(ctx.db, actorOf(ctx), input),
  'units.move': (ctx, input) => moveUnit(ctx.db, actorOf(ctx), input),
  'units.merge': (ctx, input) => mergeUnits(ctx.db, actorOf(ctx), input),
  'units.split': (ctx, input) => splitUnit(ctx.db, actorOf(ctx), input),
  'units.dissolve': (ctx, input) => dissolveUnit(ctx.db, actorOf(ctx), input),
  'units.remove': (ctx, input) => removeUnit(ctx.db, actorOf(ctx), input),
  'ratings.set': (ctx, input) => setRating(ctx.db, actorOf(ctx), input),
  'ratings.remove': (ctx, input) => removeRating(ctx.db, actorOf(ctx), input),
  'ratings.saveYear': (ctx, input) => saveYear(ctx.db, actorOf(ctx), input),
  'ratings.grid': (ctx, input) => ratingGrid(ctx.db, input),
  'ratings.history': (ctx, input) => ratingHistory(ctx.db, input.unitId),
  'ratings.list': (ctx, input) => listRatings(ctx.db, input),
  'ratings.counts': (ctx, input) => levelCounts(ctx.db, input),
  'ratings.transitions': (ctx, input) => transitions(ctx.db, input),
  'ratings.transitionUnits': (ctx, input) => transitionUnits(ctx.db, input),
  'ratings.quotas': (ctx) => listQuotaSettings(ctx.db),
  'ratings.setQuota': (ctx, input) => setQuota(ctx.db, actorOf(ctx), input),
  // The file's SHA-256 goes on every audit row the import writes (audit/import-files.ts).
  'ratings.importPreview': previewHashed,
  'ratings.importApply': applyHashed,
  'watchlists.list': (ctx, input) => listWatchlists(ctx.db, input.year, clockDay(ctx)),
  'watchlists.get': (ctx, input) => getWatchlist(ctx.db, input.id, clockDay(ctx)),
  'watchlists.create': (ctx, input) => createWatchlist(ctx.db, actorOf(ctx), input, clockDay(ctx)),
  'watchlists.update': (ctx, input) => updateWatchlist(ctx.db, actorOf(ctx), input, clockDay(ctx)),
  'watchlists.remove': (ctx, input) => removeWatchlist(ctx.db, actorOf(ctx), input),
  'watchlists.addMember': (ctx, input) => addMember(ctx.db, actorOf(ctx), input, clockDay(ctx)),
  'watchlists.updateMember': (ctx, input) =>
    updateMember(ctx.db, actorOf(ctx), input, clockDay(ctx)),
  'watchlists.removeMember': (ctx, input) => removeMember(ctx.db, actorOf(ctx), input),
  'watchlists.setMemberStatus': (ctx, input) =>
    setMemberStatus(ctx.db, actorOf(ctx), input, clockDay(ctx)),
  'watchlists.setResult': (ctx, input) => setResult(ctx.db, actorOf(ctx), input, clockDay(ctx)),
  'watchlists.carryOver': (ctx, input) => carryOver(ctx.db, actorOf(ctx), input, clockDay(ctx)),
  'watchlists.ofUnit': (ctx, input) => unitWatchEntries(ctx.db, input.unitId),
  'measures.list': (ctx, input) => listMeasures(ctx.db, input.memberId, clockDay(ctx)),
  'measures.add': (ctx, input) => addMeasure(ctx.db, actorOf(ctx), input, clockDay(ctx)),
  'measures.update': (ctx, input) => updateMeasure(ctx.db, actorOf(ctx), input, clockDay(ctx)),
  'measures.complete': (ctx, input) => completeMeasure(ctx.db, actorOf(ctx), input, clockDay(ctx)),
  'measures.remove': (ctx, input) => removeMeasure(ctx.db, actorOf(ctx), input),
  'overview.get': (ctx, input) => overview(ctx.db, input, clockDay(ctx)),
  'reports.progress': progressReport,
  'reports.carryOver': reportCarryOver,
  'reports.export': exportReport,
  'sample.load': loadSample,
  'exchange.export': announcingExchange(exportExchange),
  'exchange.preview': previewExchange,
  'exchange.apply': announcingExchange(applyExchange),
  'exchange.undo': announcingExchange(undoBatch),
  'exchange.ledger': exchangeLedger,
  'backups.list': (ctx) => listBackups(ctx),
  'backups.create': (ctx) => createBackup(ctx, 'manual'),
  'backups.check': checkChosen,
  'backups.restore': restoreChosen,
  'audit.list': listAudit,
  'audit.operators': (ctx) => auditOperators(ctx.db),
  'audit.verify': (ctx) => verifyAuditChain(ctx.db),
};

/** Every handler behind the automatic backups (the day's first write, before imports). */
export const handlers: Handlers = withBackups(
  table,
  (method) => isMethodName(method) && contract[method].writes,
);
