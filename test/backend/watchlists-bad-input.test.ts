// Every refused watchlist input: a clear Vietnamese message, its error code, nothing written.
import { afterEach, describe, expect, test } from 'vitest';
import { fixedClock } from '../../electron/backend/context';
import { addUnit, cleanupTemp, makeBackend } from '../helpers/backend';
import { createList, expectRefused } from '../helpers/watchlists';

afterEach(cleanupTemp);

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

function setUp() {
  const b = makeBackend({ clock: fixedClock('2018-03-01T12:00:00Z') });
  const province = addUnit(b, 'Đảng bộ tỉnh Lạng Sơn', 2008, { kind: 'province' }).id;
  const district = addUnit(b, 'Đảng bộ huyện Bắc Sơn', 2008, {
    kind: 'upper_committee',
    parentId: province,
  }).id;
  const dongY = addUnit(b, 'Đảng bộ xã Đồng Ý', 2008, {
    kind: 'base_committee',
    parentId: district,
  }).id;
  const list = createList(b, province, 2017);
  const member = b.call('watchlists.addMember', { watchlistId: list.id, unitId: dongY });
  const measure = b.call('measures.add', {
    memberId: member.id,
    kind: 'inspection',
    title: 'Kiểm tra việc thực hiện quy chế làm việc',
    startOn: '01/03/2017',
    dueOn: '30/06/2017',
  });
  return { b, province, district, dongY, list, member, measure };
}

describe('members', () => {
  test('the same unit twice in one list', () => {
    const { b, list, dongY } = setUp();
    expectRefused(
      b,
      'watchlists.addMember',
      { watchlistId: list.id, unitId: dongY },
      'DUPLICATE_MEMBER',
      /"Đảng bộ xã Đồng Ý" đã có trong danh sách này/,
    );
  });

  test('a unit dissolved before the list year, or in it', () => {
    const { b, list, district } = setUp();
    const gone = addUnit(b, 'Chi bộ Thôn Nà Hin', 2008, { parentId: district }).id;
    b.call('units.dissolve', { id: gone, year: 2016 });
    expectRefused(
      b,
      'watchlists.addMember',
      { watchlistId: list.id, unitId: gone },
      'UNIT_ENDED',
      /kết thúc hoạt động năm 2016/,
    );
    const dissolvedThatYear = addUnit(b, 'Chi bộ Thôn Khuổi Cáp', 2008, { parentId: district }).id;
    b.call('units.dissolve', { id: dissolvedThatYear, year: 2017 });
    expectRefused(
      b,
      'watchlists.addMember',
      { watchlistId: list.id, unitId: dissolvedThatYear },
      'UNIT_ENDED',
      /giải thể năm 2017/,
    );
  });

  test('a unit not yet founded in the list year', () => {
    const { b, list, district } = setUp();
    const later = addUnit(b, 'Chi bộ Trường THCS Đồng Ý', 2018, { parentId: district }).id;
    expectRefused(
      b,
      'watchlists.addMember',
      { watchlistId: list.id, unitId: later },
      'UNIT_NOT_IN_YEAR',
      /thành lập năm 2018, chưa có trong năm 2017/,
    );
  });

  test('a committee above the grassroots', () => {
    const { b, list, district } = setUp();
    expectRefused(
      b,
      'watchlists.addMember',
      { watchlistId: list.id, unitId: district },
      'INVALID_INPUT',
      /đảng bộ cấp trên cơ sở/,
    );
  });

  test('an unknown list, unit or member', () => {
    const { b, list, dongY } = setUp();
    expectRefused(
      b,
      'watchlists.addMember',
      { watchlistId: UNKNOWN, unitId: dongY },
      'NOT_FOUND',
      /Không tìm thấy danh sách/,
    );
    expectRefused(
      b,
      'watchlists.addMember',
      { watchlistId: list.id, unitId: UNKNOWN },
      'NOT_FOUND',
      /Không tìm thấy tổ chức đảng/,
    );
    expectRefused(
      b,
      'watchlists.updateMember',
      { id: UNKNOWN, note: 'x' },
      'NOT_FOUND',
      /Không tìm thấy tổ chức này trong danh sách/,
    );
    expectRefused(b, 'watchlists.get', { id: UNKNOWN }, 'NOT_FOUND', /Không tìm thấy danh sách/);
    expectRefused(b, 'watchlists.get', { id: 'abc' }, 'INVALID_INPUT', /danh sách không hợp lệ/);
  });

  test('the reason "Khác" without its text', () => {
    const { b, list, district } = setUp();
    const unit = addUnit(b, 'Chi bộ Thôn Nà Hin', 2008, { parentId: district }).id;
    expectRefused(
      b,
      'watchlists.addMember',
      { watchlistId: list.id, unitId: unit, reasons: ['other'] },
      'INVALID_INPUT',
      /Lý do "Khác" cần ghi rõ nội dung/,
    );
    expectRefused(
      b,
      'watchlists.addMember',
      { watchlistId: list.id, unitId: unit, reasons: ['disunity', 'disunity'] },
      'INVALID_INPUT',
      /hai lần/,
    );
    expectRefused(
      b,
      'watchlists.addMember',
      { watchlistId: list.id, unitId: unit, reasons: ['weak'] },
      'INVALID_INPUT',
      /Lý do đưa vào diện củng cố không hợp lệ; chọn một trong: Xếp loại yếu kém/,
    );
  });

  test('a target level the list year does not have', () => {
    const { b, list, district } = setUp();
    const unit = addUnit(b, 'Chi bộ Thôn Nà Hin', 2008, { parentId: district }).id;
    expectRefused(
      b,
      'watchlists.addMember',
      { watchlistId: list.id, unitId: unit, targetLevel: 'HTXSNV' },
      'INVALID_LEVEL',
      /không có trong thang xếp loại năm 2017/,
    );
  });

  test('a status change without its date', () => {
    const { b, member } = setUp();
    expectRefused(
      b,
      'watchlists.setMemberStatus',
      { id: member.id, status: 'left' },
      'INVALID_INPUT',
      /Hãy ghi ngày thay đổi tình trạng theo dõi/,
    );
  });

  test('a result outside the list years, or a change before any rating', () => {
    const { b, member } = setUp();
    expectRefused(
      b,
      'watchlists.setResult',
      { memberId: member.id, year: 2018, change: 'slow' },
      'INVALID_INPUT',
      /Năm 2018 nằm ngoài danh sách; danh sách này theo dõi năm 2017/,
    );
    expectRefused(
      b,
      'watchlists.setResult',
      { memberId: member.id, year: 2017, change: 'slow' },
      'NO_RATING',
      /Chưa có kết quả xếp loại năm 2017 của "Đảng bộ xã Đồng Ý"/,
    );
    expectRefused(
      b,
      'watchlists.setResult',
      { memberId: member.id, year: 2017, levelCode: 'HTXSNV' },
      'INVALID_LEVEL',
      /không có trong thang xếp loại năm 2017/,
    );
  });
});

describe('lists', () => {
  test('a document number of the wrong shape', () => {
    const { b, province } = setUp();
    for (const number of ['Nghị quyết 33', '33', 'NQ/TU']) {
      expectRefused(
        b,
        'watchlists.create',
        { title: 'Danh sách', number, issuerId: province, year: 2017 },
        'INVALID_INPUT',
        /không đúng dạng; ví dụ 33-NQ\/TU .* hoặc 1672\/NQ-UBTVQH15/,
      );
    }
  });

  test('document numbers are kept in one form: spaces around the marks dropped, capitals', () => {
    const { b, province } = setUp();
    const list = b.call('watchlists.create', {
      title: 'Danh sách',
      number: ' 33 - nq/tu ',
      issuerId: province,
      year: 2017,
    });
    expect(list.number).toBe('33-NQ/TU');
    const state = b.call('watchlists.update', { id: list.id, number: '1672/NQ-UBTVQH15' });
    expect(state.number).toBe('1672/NQ-UBTVQH15');
  });

  test('an unknown or ended issuer, an unknown list to extend, an end year before the start', () => {
    const { b, province, list, district } = setUp();
    expectRefused(
      b,
      'watchlists.create',
      { title: 'Danh sách', issuerId: UNKNOWN, year: 2017 },
      'NOT_FOUND',
      /Không tìm thấy tổ chức đảng/,
    );
    const later = addUnit(b, 'Đảng ủy Khối mới', 2019, { kind: 'upper_committee' }).id;
    expectRefused(
      b,
      'watchlists.create',
      { title: 'Danh sách', issuerId: later, year: 2017 },
      'UNIT_NOT_IN_YEAR',
      /không thể là cấp ủy ban hành danh sách năm 2017/,
    );
    expectRefused(
      b,
      'watchlists.create',
      { title: 'Danh sách', issuerId: district, year: 2017, extendsId: UNKNOWN },
      'NOT_FOUND',
      /danh sách được mở rộng/,
    );
    expectRefused(
      b,
      'watchlists.create',
      { title: 'Danh sách', issuerId: province, year: 2018, toYear: 2017 },
      'INVALID_INPUT',
      /Năm kết thúc phải bằng hoặc sau năm bắt đầu/,
    );
    expectRefused(
      b,
      'watchlists.update',
      { id: list.id, toYear: 2016 },
      'INVALID_INPUT',
      /Năm kết thúc \(2016\) phải bằng hoặc sau năm bắt đầu/,
    );
    expectRefused(
      b,
      'watchlists.create',
      { title: '   ', issuerId: province, year: 2017 },
      'INVALID_INPUT',
      /Tên danh sách không được để trống/,
    );
  });

  test('moving a list to a year one of its units did not exist in', () => {
    const { b, list } = setUp();
    const dongY = b.call('watchlists.get', { id: list.id }).members[0]?.unitId ?? '';
    b.call('units.dissolve', { id: dongY, year: 2017 });
    expectRefused(
      b,
      'watchlists.update',
      { id: list.id, year: 2018 },
      'UNIT_ENDED',
      /kết thúc hoạt động năm 2017/,
    );
  });
});

describe('measures', () => {
  test('a due date before the start date, on adding and on changing', () => {
    const { b, member, measure } = setUp();
    expectRefused(
      b,
      'measures.add',
      {
        memberId: member.id,
        kind: 'inspection',
        title: 'Kiểm tra',
        startOn: '01/06/2017',
        dueOn: '01/05/2017',
      },
      'INVALID_INPUT',
      /Hạn hoàn thành không được trước ngày bắt đầu/,
    );
    expectRefused(
      b,
      'measures.update',
      { id: measure.id, dueOn: '28/02/2017' },
      'INVALID_INPUT',
      /Hạn hoàn thành \(28\/02\/2017\) không được trước ngày bắt đầu \(01\/03\/2017\)/,
    );
  });

  test('a done date after today, or before the start', () => {
    const { b, measure } = setUp();
    expectRefused(
      b,
      'measures.complete',
      { id: measure.id, doneOn: '02/03/2018' },
      'INVALID_INPUT',
      /Ngày hoàn thành \(02\/03\/2018\) không được sau ngày hôm nay \(01\/03\/2018\)/,
    );
    expectRefused(
      b,
      'measures.complete',
      { id: measure.id, doneOn: '28/02/2017' },
      'INVALID_INPUT',
      /Ngày hoàn thành \(28\/02\/2017\) không được trước ngày bắt đầu/,
    );
  });

  test('an unknown measure or member; an unknown kind; a bad related document number', () => {
    const { b, member } = setUp();
    expectRefused(
      b,
      'measures.complete',
      { id: UNKNOWN, doneOn: '01/01/2018' },
      'NOT_FOUND',
      /Không tìm thấy biện pháp/,
    );
    expectRefused(
      b,
      'measures.add',
      { memberId: UNKNOWN, kind: 'inspection', title: 'Kiểm tra' },
      'NOT_FOUND',
      /Không tìm thấy tổ chức này trong danh sách/,
    );
    expectRefused(
      b,
      'measures.add',
      { memberId: member.id, kind: 'meeting', title: 'Họp' },
      'INVALID_INPUT',
      /Loại biện pháp không hợp lệ; chọn một trong: Phân công đồng chí phụ trách/,
    );
    expectRefused(
      b,
      'measures.add',
      { memberId: member.id, kind: 'resolution', title: 'Nghị quyết', documents: ['KL 18'] },
      'INVALID_INPUT',
      /Số, ký hiệu văn bản "KL 18" không đúng dạng/,
    );
  });
});

describe('units the lists name', () => {
  test('a unit on a list, or issuing one, is not removed as a mistake', () => {
    const { b, dongY, member } = setUp();
    expectRefused(
      b,
      'units.remove',
      { id: dongY },
      'HAS_CHILDREN',
      /có trong danh sách diện củng cố "Củng cố tổ chức cơ sở đảng yếu kém năm 2017"/,
    );
    const alone = addUnit(b, 'Đảng bộ tỉnh (nhập nhầm)', 2008, { kind: 'province' }).id;
    createList(b, alone, 2018);
    expectRefused(b, 'units.remove', { id: alone }, 'HAS_CHILDREN', /là cấp ủy ban hành/);
    b.call('watchlists.removeMember', { id: member.id });
    expect(b.call('units.remove', { id: dongY })).toEqual({ id: dongY });
  });
});
