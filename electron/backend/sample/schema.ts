// The shape of the bundled sample file (resources/sample/*.json), checked before anything is
// written. Units, lists and members refer to each other by short keys local to the file; each
// reference must name an entry written earlier in the file, so the loader can create everything
// in one pass, parents before children and a list before the lists that add to it.
import { z } from 'zod';
import { CHANGES, NOT_RATED_REASONS, RANKS } from '../../../shared/domain/scales';
import { UNIT_KINDS, UNIT_SECTORS } from '../../../shared/domain/units';
import { MEASURE_KINDS, WATCH_REASONS } from '../../../shared/domain/watchlists';

const key = z.string().regex(/^[a-z0-9-]+$/, { error: 'khóa chỉ gồm chữ thường, số và "-"' });
const text = z.string().min(1);
const day = z.iso.date();
const year = z.number().int().min(2000).max(2100);

/** A level code of the year's scale ("HTTNV", "YK"), or the level with its details. */
const rating = z.union([
  text,
  z.strictObject({
    level: text,
    exemplary: z.boolean().optional(),
    rank: z.enum(RANKS).optional(),
    note: text.optional(),
  }),
  z.strictObject({ notRated: z.enum(NOT_RATED_REASONS), note: text.optional() }),
]);
export type SampleRating = z.output<typeof rating>;

const unit = z.strictObject({
  key,
  name: text,
  code: text.optional(),
  kind: z.enum(UNIT_KINDS),
  sector: z.enum(UNIT_SECTORS).optional(),
  parent: key.optional(),
  /** Absent: not known ("có từ trước"). */
  foundedYear: year.optional(),
  /** By year ("2016"). */
  ratings: z.record(z.string().regex(/^\d{4}$/), rating).default({}),
});
export type SampleUnit = z.output<typeof unit>;

const measure = z
  .strictObject({
    kind: z.enum(MEASURE_KINDS),
    title: text,
    responsible: text.optional(),
    startOn: day.optional(),
    dueOn: day.optional(),
    status: z.enum(['planned', 'in_progress', 'done']),
    /** Set exactly when the status is done. */
    doneOn: day.optional(),
    resultNote: text.optional(),
    documents: z.array(text).optional(),
  })
  .refine((m) => (m.status === 'done') === (m.doneOn !== undefined), {
    error: 'biện pháp đã hoàn thành cần ngày hoàn thành, và chỉ khi đó',
  });
export type SampleMeasure = z.output<typeof measure>;

/** A member's result in a year of its list; the level itself is the unit's rating of that year. */
const result = z.strictObject({
  year,
  change: z.enum(CHANGES).optional(),
  rank: z.enum(RANKS).optional(),
  remark: text.optional(),
});

const member = z.strictObject({
  unit: key,
  group: text.optional(),
  reasons: z.array(z.enum(WATCH_REASONS)).default([]),
  reasonOther: text.optional(),
  responsible: text.optional(),
  workingGroup: text.optional(),
  targetLevel: text.optional(),
  note: text.optional(),
  results: z.array(result).default([]),
  measures: z.array(measure).default([]),
  /** Set after the results: a member that left the list, or is no longer followed. */
  status: z
    .strictObject({ status: z.enum(['left', 'stopped']), date: day, reason: text.optional() })
    .optional(),
});
export type SampleMember = z.output<typeof member>;

const list = z.strictObject({
  key,
  title: text,
  number: text.optional(),
  decidedOn: day.optional(),
  issuer: key,
  year,
  toYear: year.optional(),
  purpose: text.optional(),
  note: text.optional(),
  /** The list this one adds to (a lower committee's own pilot units). */
  extends: key.optional(),
  members: z.array(member),
});
export type SampleList = z.output<typeof list>;

/**
 * Next year's list made by the app's own carry-over ("Lập danh sách năm sau"). `carried` names
 * the units the carry-over must keep (the load stops if the app's rule keeps others), with the
 * measures they get on the new list; `members` are the units added to it afterwards.
 */
const carryOver = z.strictObject({
  key,
  from: key,
  year,
  title: text,
  number: text.optional(),
  decidedOn: day.optional(),
  purpose: text.optional(),
  note: text.optional(),
  carried: z.array(z.strictObject({ unit: key, measures: z.array(measure).default([]) })),
  members: z.array(member).default([]),
});
export type SampleCarryOver = z.output<typeof carryOver>;

/** Adds an issue when `ref` is not among the keys defined so far. */
function requireKey(
  ctx: z.RefinementCtx,
  known: ReadonlySet<string>,
  ref: string,
  path: (string | number)[],
): void {
  if (!known.has(ref)) {
    ctx.addIssue({ code: 'custom', message: `"${ref}" chưa được khai báo trước đó`, path });
  }
}

/** Adds an issue when `k` was already defined. */
function addKey(
  ctx: z.RefinementCtx,
  known: Set<string>,
  k: string,
  path: (string | number)[],
): void {
  if (known.has(k)) ctx.addIssue({ code: 'custom', message: `khóa "${k}" bị trùng`, path });
  known.add(k);
}

export const sampleFile = z
  .strictObject({
    title: text,
    /** Says the data is illustrative; shown nowhere else but the file and its README. */
    description: text,
    /** The unit that becomes the installation's own unit when the file is not set up yet. */
    ownUnit: key,
    units: z.array(unit).min(1),
    watchlists: z.array(list),
    carryOvers: z.array(carryOver),
  })
  .superRefine((file, ctx) => {
    const units = new Set<string>();
    file.units.forEach((u, i) => {
      if (u.parent !== undefined) requireKey(ctx, units, u.parent, ['units', i, 'parent']);
      addKey(ctx, units, u.key, ['units', i, 'key']);
    });
    requireKey(ctx, units, file.ownUnit, ['ownUnit']);
    const lists = new Set<string>();
    const checkMembers = (members: SampleMember[], path: (string | number)[]) =>
      members.forEach((m, j) => requireKey(ctx, units, m.unit, [...path, j, 'unit']));
    file.watchlists.forEach((l, i) => {
      requireKey(ctx, units, l.issuer, ['watchlists', i, 'issuer']);
      if (l.extends !== undefined) requireKey(ctx, lists, l.extends, ['watchlists', i, 'extends']);
      checkMembers(l.members, ['watchlists', i, 'members']);
      addKey(ctx, lists, l.key, ['watchlists', i, 'key']);
    });
    file.carryOvers.forEach((c, i) => {
      requireKey(ctx, lists, c.from, ['carryOvers', i, 'from']);
      c.carried.forEach((m, j) => requireKey(ctx, units, m.unit, ['carryOvers', i, 'carried', j]));
      checkMembers(c.members, ['carryOvers', i, 'members']);
      addKey(ctx, lists, c.key, ['carryOvers', i, 'key']);
    });
  });
export type SampleFile = z.output<typeof sampleFile>;
