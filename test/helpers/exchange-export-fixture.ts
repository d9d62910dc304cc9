// A province installation with a bit of everything an exchange file carries: units with known
// and unknown founding years, a renamed unit (two versions and a lineage event), ratings with
// every field filled, a removed rating (a tombstone), a list with members (reasons, a status and
// its date), measures with documents, and a year's remark. Built through the contract, at a
// fixed clock.
import { fixedClock } from '../../electron/backend/context';
import type { BackendSetup } from './backend';
import type { Province } from './exchange-sites';
import { idOf, makeProvince } from './exchange-sites';

export const FIXTURE_CLOCK = '2018-03-01T03:00:00.000Z';

export interface RichProvince extends Province {
  memberIds: string[];
}

export function makeRichProvince(setup: BackendSetup = {}): RichProvince {
  const province = makeProvince({ clock: fixedClock(FIXTURE_CLOCK), ...setup });
  const { backend: b, ids, watchlistId } = province;
  const dongY = idOf(ids, 'BS01');
  const hoaSon = idOf(ids, 'HL01');
  // A unit founded in a known year, on a known day.
  const founded = b.call('units.create', {
    name: 'Chi bộ Công ty Cổ phần Xi măng Đồng Bành',
    code: 'CL04',
    kind: 'base_cell',
    sector: 'enterprise',
    parentId: idOf(ids, 'CL'),
    fromYear: 2012,
    foundedOn: '15/05/2012',
    basis: '125-QĐ/HU',
  });
  ids.set('CL04', founded.id);
  b.call('units.rename', {
    id: idOf(ids, 'BS02'),
    name: 'Đảng bộ xã Vũ Sơn (mới)',
    year: 2017,
    eventDate: '01/07/2017',
    basis: '45-QĐ/HU',
  });
  b.call('ratings.set', { unitId: dongY, year: 2016, levelCode: 'YK', rank: 'bottom' });
  b.call('ratings.set', {
    unitId: dongY,
    year: 2017,
    levelCode: 'TSVM',
    exemplary: true,
    change: 'clear',
    memberCount: 87,
    ratedBy: 'upper',
    decisionNumber: '112-QĐ/HU',
    decisionDate: '15/01/2018',
    note: 'Chuyển biến rõ nét sau một năm củng cố',
  });
  b.call('ratings.set', { unitId: hoaSon, year: 2016, levelCode: 'HTTNV' });
  b.call('ratings.set', { unitId: hoaSon, year: 2017, levelCode: 'HTTNV', change: 'some' });
  b.call('ratings.set', { unitId: idOf(ids, 'CL02'), year: 2017, notRatedReason: 'exempt' });
  b.call('ratings.set', { unitId: idOf(ids, 'HL02'), year: 2016, levelCode: 'HTNV' });
  b.call('ratings.remove', { unitId: idOf(ids, 'HL02'), year: 2016 });
  const members = b.call('watchlists.get', { id: watchlistId }).members;
  const memberIds = members.map((m) => m.id);
  const first = members.find((m) => m.unitId === dongY);
  if (!first) throw new Error('Đồng Ý is not on the list');
  b.call('watchlists.updateMember', {
    id: first.id,
    reasons: ['weak_rating', 'other'],
    reasonOther: 'Nội bộ mất đoàn kết kéo dài',
    workingGroup: 'Tổ công tác số 1',
    targetLevel: 'HTTNV',
    note: 'Theo dõi hằng tháng',
  });
  const measure = b.call('measures.add', {
    memberId: first.id,
    kind: 'inspection',
    title: 'Kiểm tra việc thực hiện quy chế làm việc',
    responsible: 'Ủy ban Kiểm tra Huyện ủy',
    startOn: '01/03/2017',
    dueOn: '30/11/2017',
    documents: ['33-NQ/TU', '18-KL/TW'],
  });
  b.call('measures.complete', { id: measure.id, doneOn: '20/11/2017', resultNote: 'Đã xong' });
  b.call('measures.add', {
    memberId: first.id,
    kind: 'resolution',
    title: 'Ra nghị quyết chuyên đề',
  });
  b.call('watchlists.setResult', {
    memberId: first.id,
    year: 2017,
    remark: 'Có chuyển biến tích cực, rõ nét',
  });
  const other = members.find((m) => m.unitId === hoaSon);
  if (!other) throw new Error('Hòa Sơn is not on the list');
  b.call('watchlists.setMemberStatus', {
    id: other.id,
    status: 'left',
    date: '31/12/2017',
    reason: 'Đã ra khỏi diện củng cố',
  });
  return { ...province, memberIds };
}
