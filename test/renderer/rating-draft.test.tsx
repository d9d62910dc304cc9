// The grid's unsaved edits as pure functions: the shared merge rule, pastes, live quota counts.
import { describe, expect, it } from 'vitest';
import type { RatingGrid, RatingGridRow } from '../../shared/contract';
import type { RatingScale } from '../../shared/domain/scales';
import { scaleForYear } from '../../shared/domain/scales';
import type { Draft } from '../../renderer/src/ratings/draft';
import {
  applyPaste,
  liveQuotaGroups,
  pasteMessageParts,
  valueOf,
  withChange,
} from '../../renderer/src/ratings/draft';

function scale(year: number): RatingScale {
  const s = scaleForYear(year);
  if (!s) throw new Error(`no scale for ${year}`);
  return s;
}

function row(
  name: string,
  saved: { levelCode: string | null; exemplary?: boolean } | null,
  extra: Partial<RatingGridRow> = {},
): RatingGridRow {
  return {
    unitId: `id:${name}`,
    code: null,
    name,
    kind: 'base_committee',
    parentId: 'district',
    parentName: 'Huyện ủy Bắc Sơn',
    current: saved
      ? {
          scaleId: 'hd20-2008',
          levelCode: saved.levelCode,
          notRatedReason: null,
          exemplary: saved.exemplary ?? false,
        }
      : null,
    previous: null,
    ...extra,
  };
}

const s2017 = scale(2017);
const NONE: Draft = new Map();
const rows = [
  row('Đảng bộ xã Đồng Ý', { levelCode: 'TSVM', exemplary: true }, { code: 'BS01' }),
  row('Đảng bộ xã Hòa Sơn', { levelCode: 'HTTNV' }),
  row('Chi bộ thôn Nà Lay', null, { parentId: 'commune-a' }),
  row('Chi bộ thôn Nà Lay', null, { parentId: 'commune-b', unitId: 'id:Nà Lay 2' }),
];
const shown = (draft: Draft, i: number) => valueOf(rows[i]!, draft);

describe('withChange', () => {
  it('the same level keeps "tiêu biểu" and leaves the draft empty; another level drops it', () => {
    expect(withChange(NONE, [rows[0]!], s2017, { levelCode: 'TSVM' }).size).toBe(0);
    const lower = withChange(NONE, [rows[0]!], s2017, { levelCode: 'HTTNV' });
    expect(shown(lower, 0)).toEqual({ levelCode: 'HTTNV', exemplary: false, notRatedReason: null });
  });

  it('applies to many rows, each merged with its own value', () => {
    const both = withChange(NONE, rows.slice(0, 2), s2017, { levelCode: 'TSVM' });
    expect(shown(both, 0).exemplary).toBe(true);
    expect(shown(both, 1)).toEqual({ levelCode: 'TSVM', exemplary: false, notRatedReason: null });
  });
});

describe('applyPaste', () => {
  it('a column: values down from the active row; whitespace-only is an empty cell', () => {
    const out = applyPaste(NONE, rows, 1, '  \nHTNV\nxyz\n', s2017);
    expect(out.cleared).toEqual(['Đảng bộ xã Hòa Sơn']);
    expect(shown(out.draft, 2).levelCode).toBe('HTNV');
    expect(out.invalidLines).toEqual([3]);
    expect(out.applied).toBe(2);
  });

  it('an empty cell on a row with nothing saved clears nothing to report', () => {
    const out = applyPaste(NONE, rows, 2, '\n', s2017);
    expect(out).toMatchObject({ applied: 1, cleared: [], invalidLines: [] });
    expect(out.draft.size).toBe(0);
  });

  it('a reason for not rating is pasted as such', () => {
    const out = applyPaste(NONE, rows, 1, 'Mới thành lập', s2017);
    expect(shown(out.draft, 1)).toEqual({
      levelCode: null,
      exemplary: false,
      notRatedReason: 'new',
    });
  });

  it('two levels side by side (two year columns) stay a column paste of the first', () => {
    const out = applyPaste(NONE, rows, 1, 'HTNV\tTSVM\nTSVM\tHTTNV', s2017);
    expect([shown(out.draft, 1).levelCode, shown(out.draft, 2).levelCode]).toEqual([
      'HTNV',
      'TSVM',
    ]);
  });

  it('names: matched by name or code, wherever the active row is; duplicates are reported', () => {
    const out = applyPaste(
      NONE,
      rows,
      3,
      'bs01\tHTNV\nChi bộ thôn Nà Lay\tTSVM\nHÒA SƠN\tHTNV\nĐảng bộ xã Hòa Sơn\t\n',
      s2017,
    );
    expect(shown(out.draft, 0).levelCode).toBe('HTNV');
    expect(out.ambiguous).toEqual(['Chi bộ thôn Nà Lay']);
    expect(out.unmatched).toEqual(['HÒA SƠN']);
    expect(out.cleared).toEqual(['Đảng bộ xã Hòa Sơn']);
    expect(shown(out.draft, 2).levelCode).toBeNull();
  });

  it('the message names what was cleared, not found, or ambiguous', () => {
    const out = applyPaste(NONE, rows, 0, 'x\tHTNV\nChi bộ thôn Nà Lay\tTSVM\nĐồng Ý\t', s2017);
    expect(pasteMessageParts(out, 2017)).toEqual([
      { key: 'ratings.pasted', values: { applied: 0 } },
      { key: 'ratings.pasteUnmatched', values: { count: 2, names: 'x, Đồng Ý' } },
      { key: 'ratings.pasteAmbiguous', values: { count: 1, names: 'Chi bộ thôn Nà Lay' } },
    ]);
  });
});

describe('liveQuotaGroups', () => {
  it('moves each edited row from its saved level to its new one within its committee', () => {
    const grid: RatingGrid = {
      year: 2025,
      scaleId: 'qd366-2025',
      previousScaleId: 'qd124-2023',
      rows: rows.slice(0, 3),
      quota: null,
      quotaGroups: [
        {
          committeeId: 'district',
          committeeName: 'Huyện ủy Bắc Sơn',
          kind: 'base_committee',
          counts: { TSVM: 1, HTTNV: 7 },
        },
      ],
    };
    const draft = withChange(NONE, rows.slice(1, 3), s2017, { levelCode: 'TSVM' });
    expect(liveQuotaGroups(grid, draft)).toEqual([
      expect.objectContaining({ committeeId: 'district', counts: { TSVM: 2, HTTNV: 6 } }),
    ]);
    // The row under another committee has no group here: nothing to move.
    expect(grid.quotaGroups[0]?.counts).toEqual({ TSVM: 1, HTTNV: 7 });
  });
});
