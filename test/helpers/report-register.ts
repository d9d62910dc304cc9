// The generated register the register report's tests compare old and new code on, made harder
// than the generator makes it: two districts of different provinces with one name (their groups
// sort by their first unit), six units with an official order (they come first in their group),
// and a subordinate cell in 2023 that became a grassroots cell in 2024 (not comparable; read
// apart). Each test then adds its own weak units and lists.
import { randomUUID } from 'node:crypto';
import { fixedClock } from '../../electron/backend/context';
import type { TestBackend } from './backend';
import { makeBackend } from './backend';
import type { NationalData } from './national';
import { generateNational } from './national';

export interface ReportRegister {
  b: TestBackend;
  data: NationalData;
  /** Units valid from 2008 on, never ended: safe to order, move or list. */
  movable: string[];
  kindChanged: string;
}

export function reportRegister(options: {
  seed: number;
  /** Where in `movable` the six units given an official order start. */
  orderedFrom: number;
  /** Which unit of `movable` changes kind in 2024. */
  kindChangedAt: number;
}): ReportRegister {
  const b = makeBackend({ clock: fixedClock('2025-03-10T08:00:00Z') });
  const db = b.ctx.db;
  const data = generateNational(db, {
    root: 'Đảng bộ toàn quốc Mẫu',
    provinces: 3,
    districts: 12,
    units: 1200,
    firstYear: 2015,
    years: 10,
    seed: options.seed,
    renameEvery: 9,
  });
  const [d0, , , , d4] = data.districtIds;
  for (const id of [d0, d4]) {
    b.call('units.rename', {
      id: id ?? '',
      year: 2024,
      name: 'Đảng bộ huyện Trùng Tên',
      allowDuplicateName: true,
    });
  }
  const movable = data.baseIds.filter(
    (_, i) => data.validFrom[i] === 2008 && data.validTo[i] === 9999,
  );
  const ordered = db.prepare('UPDATE units SET official_order = ? WHERE id = ?');
  for (const [k, id] of movable.slice(options.orderedFrom, options.orderedFrom + 6).entries()) {
    ordered.run(10 - k, id);
  }
  const kindChanged = movable[options.kindChangedAt] ?? '';
  const version = db
    .prepare('SELECT * FROM unit_versions WHERE unit_id = ? AND deleted_at IS NULL')
    .get(kindChanged) as Record<string, unknown>;
  db.prepare(
    `UPDATE unit_versions SET valid_to = 2023, kind = 'subordinate_cell' WHERE id = ?`,
  ).run(version.id);
  const { seq: _seq, ...copy } = version;
  const later = { ...copy, id: randomUUID(), valid_from: 2024, valid_to: null };
  const columns = Object.keys(later);
  db.prepare(
    `INSERT INTO unit_versions (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
  ).run(later);
  return { b, data, movable, kindChanged };
}
