// The sample's register: units (parents first, with their founding years) and their ratings,
// written by the register's and the ratings' own operations so every rule and the audit apply.
import type { MethodInput } from '../../../shared/contract';
import type { Actor, BackendContext } from '../context';
import { setRating } from '../ratings/writes';
import { createUnit } from '../units/operations';
import type { KeyMap } from './keys';
import { idOf } from './keys';
import { parsedInput } from './inputs';
import type { SampleRating, SampleUnit } from './schema';

/** Creates the units in file order; the answer maps each key to the new unit's id. */
export function loadUnits(
  ctx: BackendContext,
  actor: Actor,
  units: readonly SampleUnit[],
  tick: () => void,
): KeyMap {
  const ids: KeyMap = new Map();
  for (const unit of units) {
    const input = parsedInput(ctx, 'units.create', {
      name: unit.name,
      code: unit.code ?? null,
      kind: unit.kind,
      sector: unit.sector ?? null,
      parentId: unit.parent === undefined ? null : idOf(ids, unit.parent, 'tổ chức'),
      fromYear: unit.foundedYear ?? null,
    });
    ids.set(unit.key, createUnit(ctx.db, actor, input).id);
    tick();
  }
  return ids;
}

function ratingInput(
  unitId: string,
  year: number,
  rating: SampleRating,
): MethodInput<'ratings.set'> {
  if (typeof rating === 'string') return { unitId, year, levelCode: rating };
  if ('notRated' in rating) {
    return { unitId, year, notRatedReason: rating.notRated, note: rating.note ?? null };
  }
  return {
    unitId,
    year,
    levelCode: rating.level,
    exemplary: rating.exemplary,
    rank: rating.rank ?? null,
    note: rating.note ?? null,
  };
}

/** Writes every rating, year by year as committees would; the answer is how many. */
export function loadRatings(
  ctx: BackendContext,
  actor: Actor,
  units: readonly SampleUnit[],
  ids: KeyMap,
  tick: () => void,
): number {
  const entries = units
    .flatMap((unit) =>
      Object.entries(unit.ratings).map(([year, rating]) => ({
        unitId: idOf(ids, unit.key, 'tổ chức'),
        year: Number(year),
        rating,
      })),
    )
    .sort((a, b) => a.year - b.year);
  for (const { unitId, year, rating } of entries) {
    setRating(ctx.db, actor, parsedInput(ctx, 'ratings.set', ratingInput(unitId, year, rating)));
    tick();
  }
  return entries.length;
}
