// Measures of a member: time order, "quá hạn" from the backend's clock (never the machine's),
// completion and reopening, the counts a list shows.
import { afterEach, describe, expect, test } from 'vitest';
import { fixedClock } from '../../electron/backend/context';
import type { Clock } from '../../electron/backend/context';
import { addUnit, cleanupTemp, makeBackend, tempDbPath } from '../helpers/backend';
import { createList } from '../helpers/watchlists';

afterEach(cleanupTemp);

function setUp(clock: Clock, dbPath?: string) {
  const b = makeBackend({ clock, ...(dbPath ? { dbPath } : {}) });
  const province = addUnit(b, 'Đảng bộ tỉnh Lạng Sơn', 2008, { kind: 'province' }).id;
  const unit = addUnit(b, 'Đảng bộ xã Hòa Sơn', 2008, {
    kind: 'base_committee',
    parentId: province,
  }).id;
  const list = createList(b, province, 2017);
  const member = b.call('watchlists.addMember', { watchlistId: list.id, unitId: unit });
  return { b, list, member };
}

describe('overdue follows the backend clock', () => {
  test('a measure is overdue the day after its due date, not on it, and not once done', () => {
    const path = tempDbPath();
    const onDueDay = setUp(fixedClock('2017-06-30T12:00:00Z'), path);
    const measure = onDueDay.b.call('measures.add', {
      memberId: onDueDay.member.id,
      kind: 'inspection',
      title: 'Kiểm tra việc thực hiện quy chế làm việc',
      startOn: '01/03/2017',
      dueOn: '30/06/2017',
      responsible: 'Ủy ban Kiểm tra Huyện ủy',
    });
    expect(measure).toMatchObject({ status: 'planned', overdue: false, dueOn: '2017-06-30' });
    onDueDay.b.close();

    const nextDay = makeBackend({ dbPath: path, clock: fixedClock('2017-07-01T12:00:00Z') });
    const [listed] = nextDay.call('measures.list', { memberId: onDueDay.member.id });
    expect(listed).toMatchObject({ id: measure.id, overdue: true });
    const member = nextDay.call('watchlists.get', { id: onDueDay.list.id }).members[0];
    expect(member?.measures).toEqual({ total: 1, done: 0, overdue: 1 });
    expect(nextDay.call('watchlists.list', { year: 2017 })[0]?.measures.overdue).toBe(1);

    const done = nextDay.call('measures.complete', {
      id: measure.id,
      doneOn: '01/07/2017',
      resultNote: 'Đã kiểm tra, kết luận',
    });
    expect(done).toMatchObject({ status: 'done', doneOn: '2017-07-01', overdue: false });
    expect(nextDay.call('watchlists.get', { id: onDueDay.list.id }).measures).toEqual({
      total: 1,
      done: 1,
      overdue: 0,
    });
  });

  test('reopening a done measure clears its done date and makes it overdue again', () => {
    const { b, member } = setUp(fixedClock('2017-09-01T12:00:00Z'));
    const measure = b.call('measures.add', {
      memberId: member.id,
      kind: 'themed_meeting',
      title: 'Sinh hoạt chuyên đề về Kết luận 18-KL/TW',
      dueOn: '31/07/2017',
      documents: ['18-kl/tw', '18-KL/TW'],
    });
    expect(measure.documents).toEqual(['18-KL/TW']);
    b.call('measures.complete', { id: measure.id, doneOn: '15/07/2017' });
    const reopened = b.call('measures.update', { id: measure.id, status: 'in_progress' });
    expect(reopened).toMatchObject({ status: 'in_progress', doneOn: null, overdue: true });
  });
});

describe("a member's measures", () => {
  test('are listed in time order, undated last, and removed ones are gone', () => {
    const { b, member } = setUp(fixedClock('2017-09-01T12:00:00Z'));
    const add = (title: string, startOn?: string, dueOn?: string) =>
      b.call('measures.add', {
        memberId: member.id,
        kind: 'other',
        title,
        ...(startOn ? { startOn } : {}),
        ...(dueOn ? { dueOn } : {}),
      });
    add('Không ngày');
    const second = add('Tháng 5', '01/05/2017');
    add('Tháng 3', undefined, '31/03/2017');
    expect(b.call('measures.list', { memberId: member.id }).map((m) => m.title)).toEqual([
      'Tháng 3',
      'Tháng 5',
      'Không ngày',
    ]);
    b.call('measures.remove', { id: second.id });
    expect(b.call('measures.list', { memberId: member.id }).map((m) => m.title)).toEqual([
      'Tháng 3',
      'Không ngày',
    ]);
  });

  test('go with their member when it is removed from the list', () => {
    const { b, list, member } = setUp(fixedClock('2017-09-01T12:00:00Z'));
    const measure = b.call('measures.add', {
      memberId: member.id,
      kind: 'committee',
      title: 'Kiện toàn Ban Chấp hành',
    });
    b.call('watchlists.removeMember', { id: member.id });
    const row = b.ctx.db.prepare('SELECT deleted_at FROM measures WHERE id = ?').get(measure.id);
    expect(row).toEqual({ deleted_at: '2017-09-01T12:00:00.000Z' });
    expect(b.call('watchlists.get', { id: list.id }).measures.total).toBe(0);
  });
});
