// The data the watchlist screens are tested on: the Lạng Sơn register of DOMAIN.md §1 with its
// 2016 and 2017 ratings (test/helpers/ratings.ts), set up as the province's own installation,
// and optionally Resolution 33-NQ/TU's list of 16 units in two groups with some measures.
import { fixedClock } from '../../electron/backend/context';
import type { WatchlistDetail } from '../../shared/contract';
import type { TestBackend } from '../helpers/backend';
import { addUnit } from '../helpers/backend';
import type { LangSon } from '../helpers/ratings';
import { buildLangSon } from '../helpers/ratings';
import { createList } from '../helpers/watchlists';

/** Early 2018, when the province compared 2017 with 2016. */
export const CLOCK = fixedClock('2018-01-20T12:00:00Z');

export const DISTRICT_GROUP = 'Đảng bộ huyện, thành phố';
export const KHOI_GROUP = 'Đảng bộ Khối các cơ quan tỉnh';

export interface Seeded {
  ls: LangSon;
  list: WatchlistDetail | null;
  /** A TCCSĐ registered without any rating (for "chưa có kết quả xếp loại"). */
  unrated: string;
}

/** The register only, set up as the province's installation. */
export function seedRegister(b: TestBackend): Seeded {
  const ls = buildLangSon(b);
  b.call('setup.complete', {
    operatorName: 'Dương Minh Phong',
    ownUnit: { mode: 'existing', unitId: ls.province },
  });
  const unrated = addUnit(b, 'Đảng bộ xã Quỳnh Sơn', 2008, {
    kind: 'base_committee',
    sector: 'commune',
    parentId: ls.districts.get('Đảng bộ huyện Bắc Sơn')!,
  }).id;
  return { ls, list: null, unrated };
}

/**
 * The register and Resolution 33-NQ/TU's list: 11 district pilots in one group, the 5 Khối
 * units in another; Đồng Ý has three measures, one done, one overdue on 20/01/2018.
 */
export function seedList(b: TestBackend): Seeded & { list: WatchlistDetail } {
  const seeded = seedRegister(b);
  const { ls } = seeded;
  const list = createList(b, ls.province, 2017, {
    title: 'Củng cố tổ chức cơ sở đảng yếu kém năm 2017',
    purpose: 'Tập trung lãnh đạo, chỉ đạo củng cố 16 tổ chức cơ sở đảng.',
  });
  for (const unitId of ls.districtPilotIds) {
    b.call('watchlists.addMember', {
      watchlistId: list.id,
      unitId,
      group: DISTRICT_GROUP,
      reasons: ['weak_rating'],
    });
  }
  for (const unitId of ls.khoiIds) {
    b.call('watchlists.addMember', { watchlistId: list.id, unitId, reasons: ['poor_meetings'] });
  }
  const members = b.call('watchlists.get', { id: list.id }).members;
  const dongY = members.find((m) => m.unitName === 'Đảng bộ xã Đồng Ý')!;
  b.call('watchlists.updateMember', {
    id: dongY.id,
    responsible: 'Đồng chí Lương Văn Dũng',
    workingGroup: 'Tổ công tác Ban Tổ chức Tỉnh ủy',
  });
  const assign = b.call('measures.add', {
    memberId: dongY.id,
    kind: 'assign_member',
    title: 'Phân công đồng chí Ủy viên Ban Thường vụ phụ trách',
    startOn: '2017-02-20',
    dueOn: '2017-03-01',
  });
  b.call('measures.complete', { id: assign.id, doneOn: '2017-02-25' });
  b.call('measures.add', {
    memberId: dongY.id,
    kind: 'inspection',
    title: 'Kiểm tra việc thực hiện quy chế làm việc',
    startOn: '2017-09-01',
    dueOn: '2017-12-31',
    responsible: 'Ủy ban Kiểm tra Huyện ủy',
  });
  b.call('measures.add', {
    memberId: dongY.id,
    kind: 'review',
    title: 'Sơ kết một năm củng cố',
    dueOn: '2018-02-28',
  });
  return { ...seeded, list: b.call('watchlists.get', { id: list.id }) };
}
