// What a record is called in a preview ("Đảng bộ xã Đồng Ý — xếp loại năm 2017") and the names
// references show as. Only the listed changes are named (a few thousand at most), each name one
// indexed lookup here, else what the file itself says.
import type { ExchangeRecord } from '../format/records';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import { nameAt } from '../../units/queries';
import { LINEAGE_EVENT_LABELS } from '../../../../shared/domain/units';
import type { NameOf, RefKind } from './fields';
import type { UnitIds } from './identity';
import type { FileIndex } from './validate';

/** Names of units, lists and members (by local ids, or a file's own for records new here). */
export function namesFor(db: Db, index: FileIndex, units: UnitIds): NameOf {
  const unitName = (id: string): string | null =>
    nameAt(db, id, null) ?? index.units.get(id)?.name ?? null;
  const listTitle = (id: string): string | null =>
    stmt<[string], { title: string }>(db, 'SELECT title FROM watchlists WHERE id = ?').get(id)
      ?.title ??
    index.lists.get(id) ??
    null;
  const memberUnit = (id: string): string | null => {
    const local = stmt<[string], { unit_id: string }>(
      db,
      'SELECT unit_id FROM watchlist_members WHERE id = ?',
    ).get(id);
    if (local) return unitName(local.unit_id);
    const member = index.members.get(id);
    return member ? unitName(units.map(member.unitId)) : null;
  };
  return (kind: RefKind, id: string) => {
    if (kind === 'unit') return unitName(id);
    if (kind === 'watchlist') return listTitle(id);
    return memberUnit(id);
  };
}

const UNKNOWN = '(không rõ tên)';

/** A record (references in local ids) as people call it. */
export function recordLabel(record: ExchangeRecord, nameOf: NameOf): string {
  const unit = (id: string) => nameOf('unit', id) ?? UNKNOWN;
  switch (record.t) {
    case 'unit':
      return unit(record.id);
    case 'unit_version':
      return `${record.d.name} — thông tin từ năm ${record.d.validFrom}`;
    case 'lineage_event':
      return `${unit(record.d.unitId)} — ${LINEAGE_EVENT_LABELS[record.d.type].toLowerCase()} năm ${record.d.year}`;
    case 'rating':
      return `${unit(record.d.unitId)} — xếp loại năm ${record.d.year}`;
    case 'watchlist':
      return `Danh sách "${record.d.title}"${record.d.number ? ` (${record.d.number})` : ''}`;
    case 'member': {
      const list = nameOf('watchlist', record.d.watchlistId) ?? UNKNOWN;
      return `${unit(record.d.unitId)} — trong danh sách "${list}"`;
    }
    case 'measure':
      return `${nameOf('member', record.d.memberId) ?? UNKNOWN} — biện pháp "${record.d.title}"`;
    case 'result':
      return `${nameOf('member', record.d.memberId) ?? UNKNOWN} — nhận xét năm ${record.d.year}`;
  }
}
