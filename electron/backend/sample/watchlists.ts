// The sample's consolidation: lists, members with their yearly results and measures, and next
// year's list made by the app's own carry-over, all through the watchlists' own operations.
import type { CarryOverResult } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Actor, BackendContext } from '../context';
import { clockDay } from '../context';
import { carryOver } from '../watchlists/carry-over';
import { addMeasure, completeMeasure } from '../watchlists/measures';
import {
  addMember,
  createWatchlist,
  setMemberStatus,
  setResult,
  updateWatchlist,
} from '../watchlists/operations';
import type { KeyMap } from './keys';
import { idOf } from './keys';
import { parsedInput } from './inputs';
import type { SampleCarryOver, SampleFile, SampleMeasure, SampleMember } from './schema';

export interface ListCounts {
  watchlists: number;
  members: number;
  measures: number;
}

/** What every step needs: where to write, as whom, today's date, and the ids made so far. */
interface Loader {
  ctx: BackendContext;
  actor: Actor;
  today: string;
  units: KeyMap;
  counts: ListCounts;
  tick: () => void;
}

/** A done measure is added, then completed on its date, as the user would record it. */
function loadMeasures(l: Loader, memberId: string, measures: readonly SampleMeasure[]): void {
  for (const m of measures) {
    const measure = addMeasure(
      l.ctx.db,
      l.actor,
      parsedInput(l.ctx, 'measures.add', {
        memberId,
        kind: m.kind,
        title: m.title,
        responsible: m.responsible ?? null,
        startOn: m.startOn ?? null,
        dueOn: m.dueOn ?? null,
        status: m.status === 'done' ? 'in_progress' : m.status,
        documents: m.documents ?? [],
      }),
      l.today,
    );
    if (m.doneOn !== undefined) {
      completeMeasure(
        l.ctx.db,
        l.actor,
        parsedInput(l.ctx, 'measures.complete', {
          id: measure.id,
          doneOn: m.doneOn,
          resultNote: m.resultNote ?? null,
        }),
        l.today,
      );
    }
    l.counts.measures++;
    l.tick();
  }
}

function loadMember(l: Loader, watchlistId: string, m: SampleMember): void {
  const member = addMember(
    l.ctx.db,
    l.actor,
    parsedInput(l.ctx, 'watchlists.addMember', {
      watchlistId,
      unitId: idOf(l.units, m.unit, 'tổ chức'),
      group: m.group ?? null,
      reasons: m.reasons,
      reasonOther: m.reasonOther ?? null,
      responsible: m.responsible ?? null,
      workingGroup: m.workingGroup ?? null,
      targetLevel: m.targetLevel ?? null,
      note: m.note ?? null,
    }),
    l.today,
  );
  l.counts.members++;
  l.tick();
  // The level is the unit's rating, already written; the result adds the change, the rank
  // within the level and the list's remark, by the ratings' merge rule.
  for (const r of m.results) {
    setResult(
      l.ctx.db,
      l.actor,
      parsedInput(l.ctx, 'watchlists.setResult', {
        memberId: member.id,
        year: r.year,
        ...(r.change === undefined ? {} : { change: r.change }),
        ...(r.rank === undefined ? {} : { rank: r.rank }),
        ...(r.remark === undefined ? {} : { remark: r.remark }),
      }),
      l.today,
    );
  }
  loadMeasures(l, member.id, m.measures);
  if (m.status) {
    setMemberStatus(
      l.ctx.db,
      l.actor,
      parsedInput(l.ctx, 'watchlists.setMemberStatus', {
        id: member.id,
        status: m.status.status,
        date: m.status.date,
        reason: m.status.reason ?? null,
      }),
      l.today,
    );
  }
}

/** The carry-over must keep exactly the units the file expects, or the sample is inconsistent. */
function assertCarried(l: Loader, c: SampleCarryOver, result: CarryOverResult): void {
  const expected = new Set(c.carried.map((m) => idOf(l.units, m.unit, 'tổ chức')));
  const actual = new Set(result.carried.map((m) => m.unitId));
  const same = expected.size === actual.size && [...expected].every((id) => actual.has(id));
  if (!same) {
    const names = result.carried.map((m) => m.unitName).join(', ') || 'không tổ chức nào';
    throw new AppError(
      'INTERNAL',
      `Dữ liệu mẫu không khớp với quy tắc lập danh sách năm ${c.year}: ` +
        `ứng dụng chuyển sang ${names}.`,
    );
  }
}

function loadCarryOver(l: Loader, lists: KeyMap, c: SampleCarryOver): string {
  const result = carryOver(
    l.ctx.db,
    l.actor,
    parsedInput(l.ctx, 'watchlists.carryOver', {
      id: idOf(lists, c.from, 'danh sách'),
      year: c.year,
      title: c.title,
      number: c.number ?? null,
      decidedOn: c.decidedOn ?? null,
    }),
    l.today,
  );
  assertCarried(l, c, result);
  const id = result.watchlist.id;
  // The carry-over copies the old list's purpose; next year's list says its own.
  updateWatchlist(
    l.ctx.db,
    l.actor,
    parsedInput(l.ctx, 'watchlists.update', {
      id,
      purpose: c.purpose ?? null,
      note: c.note ?? null,
    }),
    l.today,
  );
  l.counts.watchlists++;
  l.counts.members += result.carried.length;
  for (const entry of c.carried) {
    const unitId = idOf(l.units, entry.unit, 'tổ chức');
    const carried = result.carried.find((m) => m.unitId === unitId);
    if (carried) loadMeasures(l, carried.memberId, entry.measures);
    l.tick();
  }
  for (const m of c.members) loadMember(l, id, m);
  return id;
}

/** Writes the lists in file order, then next year's lists. */
export function loadLists(
  ctx: BackendContext,
  actor: Actor,
  file: SampleFile,
  units: KeyMap,
  tick: () => void,
): ListCounts {
  const l: Loader = {
    ctx,
    actor,
    today: clockDay(ctx),
    units,
    counts: { watchlists: 0, members: 0, measures: 0 },
    tick,
  };
  const lists: KeyMap = new Map();
  for (const list of file.watchlists) {
    const detail = createWatchlist(
      ctx.db,
      actor,
      parsedInput(ctx, 'watchlists.create', {
        title: list.title,
        number: list.number ?? null,
        decidedOn: list.decidedOn ?? null,
        issuerId: idOf(units, list.issuer, 'tổ chức'),
        year: list.year,
        toYear: list.toYear ?? null,
        purpose: list.purpose ?? null,
        note: list.note ?? null,
        extendsId: list.extends === undefined ? null : idOf(lists, list.extends, 'danh sách'),
      }),
      l.today,
    );
    lists.set(list.key, detail.id);
    l.counts.watchlists++;
    for (const m of list.members) loadMember(l, detail.id, m);
  }
  for (const c of file.carryOvers) lists.set(c.key, loadCarryOver(l, lists, c));
  return l.counts;
}

/** How many steps the load takes, for its progress bar. */
export function listSteps(file: SampleFile): number {
  const memberSteps = (m: SampleMember) => 1 + m.measures.length;
  const lists = file.watchlists.flatMap((l) => l.members).map(memberSteps);
  const carried = file.carryOvers.flatMap((c) => [
    ...c.carried.map((m) => 1 + m.measures.length),
    ...c.members.map(memberSteps),
  ]);
  return [...lists, ...carried].reduce((a, b) => a + b, 0);
}
