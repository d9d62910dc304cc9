// Seeds a province-sized register for the screenshot tour: Lạng Sơn with its district
// committees, a few hundred grassroots units (long real-world names included), subordinate
// cells, five years of ratings and some lineage. Run before the preview host opens the file:
//   tsx test/e2e/seed-province.ts <database file>
import { dispatch } from '../../electron/backend/dispatch';
import { openBackend } from '../../electron/backend/index';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract';

const DISTRICTS = [
  ['Thành ủy Lạng Sơn', 'TP'],
  ['Huyện ủy Bắc Sơn', 'BS'],
  ['Huyện ủy Bình Gia', 'BG'],
  ['Huyện ủy Cao Lộc', 'CL'],
  ['Huyện ủy Chi Lăng', 'CG'],
  ['Huyện ủy Đình Lập', 'ĐL'],
  ['Huyện ủy Hữu Lũng', 'HL'],
  ['Huyện ủy Lộc Bình', 'LB'],
  ['Huyện ủy Tràng Định', 'TĐ'],
  ['Huyện ủy Văn Lãng', 'VL'],
  ['Huyện ủy Văn Quan', 'VQ'],
] as const;

const COMMUNES = [
  'Đồng Ý',
  'Hòa Sơn',
  'Vũ Lễ',
  'Tân Tri',
  'Chiến Thắng',
  'Hữu Vĩnh',
  'Nhất Hòa',
  'Quỳnh Sơn',
  'Tân Hương',
  'Vạn Thủy',
  'Long Đống',
  'Hưng Vũ',
  'Tân Thành',
  'Trấn Yên',
  'Vũ Sơn',
  'Đồng Tân',
  'Minh Tiến',
  'Yên Bình',
];

const AGENCIES = [
  'Chi bộ Cơ quan Ủy ban nhân dân',
  'Chi bộ Phòng Giáo dục và Đào tạo',
  'Chi bộ Trường Trung học phổ thông Dân tộc nội trú',
  'Chi bộ Trung tâm Y tế',
  'Chi bộ Công an',
  'Chi bộ Ban Chỉ huy Quân sự',
];

const OLD_LEVELS = ['TSVM', 'HTTNV', 'HTNV', 'YK'];
const NEW_LEVELS = ['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV'];
/** Mostly the second level, some top, a few low: the shape of a real year. */
const SHAPE = [1, 1, 0, 1, 2, 1, 0, 1, 1, 2, 1, 1, 0, 1, 3, 1, 1, 2, 1, 0];

export function seedProvince(dbPath: string): void {
  const ctx = openBackend({ dbPath, origin: 'cli', fallbackOperator: 'Dương Minh Phong' });
  const call = <M extends MethodName>(method: M, input: MethodInput<M>): MethodOutput<M> => {
    const answer = dispatch(ctx, method, input);
    if (answer instanceof Promise) throw new Error(`${method} is asynchronous`);
    if (!answer.ok) throw new Error(`${method}: ${answer.error.message}`);
    return answer.value as MethodOutput<M>;
  };
  try {
    ctx.db.exec('BEGIN');
    call('setup.complete', {
      operatorName: 'Dương Minh Phong',
      ownUnit: { mode: 'new', name: 'Đảng bộ tỉnh Lạng Sơn', kind: 'province', fromYear: 1930 },
    });
    const province = call('app.info', {}).ownUnitId;
    if (!province) throw new Error('no own unit');
    const rated: string[] = [];
    DISTRICTS.forEach(([districtName, prefix], d) => {
      const district = call('units.create', {
        name: districtName,
        code: prefix,
        kind: 'upper_committee',
        parentId: province,
        fromYear: 1990,
      });
      call('units.correct', {
        id: district.id,
        versionId: district.current.versionId,
        officialOrder: d + 1,
      });
      const place = districtName.replace(/^(Thành|Huyện) ủy /, '');
      const names = [
        `Đảng bộ thị trấn ${place}`,
        ...COMMUNES.slice(0, 16 + (d % 3)).map((c) => `Đảng bộ xã ${c}`),
        ...AGENCIES.map((a) => `${a} huyện ${place}`),
      ];
      names.forEach((name, i) => {
        const unit = call('units.create', {
          name,
          code: `${prefix}${String(i + 1).padStart(2, '0')}`,
          kind: name.startsWith('Chi bộ') ? 'base_cell' : 'base_committee',
          sector: name.startsWith('Chi bộ')
            ? 'agency'
            : name.includes('thị trấn')
              ? 'township'
              : 'commune',
          parentId: district.id,
          fromYear: 2000,
        });
        rated.push(unit.id);
        // Villages under the first communes: chi bộ trực thuộc, not rated in the grid.
        if (i > 0 && i < 3) {
          for (const village of ['Nà Lầm', 'Khuổi Tát', 'Bản Hẻo']) {
            call('units.create', {
              name: `Chi bộ thôn ${village}`,
              kind: 'subordinate_cell',
              parentId: unit.id,
              fromYear: 2005,
            });
          }
        }
      });
    });
    const khoi = call('units.create', {
      name: 'Đảng bộ Khối các cơ quan tỉnh',
      code: 'KCQ',
      kind: 'upper_committee',
      parentId: province,
      fromYear: 1995,
    });
    for (const [i, name] of [
      'Chi bộ Cục Thống kê',
      'Chi bộ Sở Khoa học và Công nghệ',
      'Chi bộ Thanh tra tỉnh',
      'Chi bộ Liên minh Hợp tác xã',
      'Chi bộ Ban Dân tộc',
      'Chi bộ Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh',
    ].entries()) {
      rated.push(
        call('units.create', {
          name,
          code: `KCQ${String(i + 1).padStart(2, '0')}`,
          kind: 'base_cell',
          sector: 'agency',
          parentId: khoi.id,
          fromYear: 2000,
        }).id,
      );
    }
    for (const year of [2015, 2016, 2017, 2018, 2019]) {
      const levels = year <= 2017 ? OLD_LEVELS : NEW_LEVELS;
      call('ratings.saveYear', {
        year,
        entries: rated.map((unitId, i) => ({
          unitId,
          levelCode: levels[SHAPE[(i * 7 + year) % SHAPE.length] ?? 1] ?? 'HTTNV',
        })),
      });
    }
    // Lineage for the detail panel: a rename with its basis, and a merge.
    const hoaSon = call('units.list', { year: 2017, search: 'BS03', limit: 1 }).rows[0];
    const dongY = call('units.list', { year: 2017, search: 'BS02', limit: 1 }).rows[0];
    const tanTri = call('units.list', { year: 2017, search: 'BS05', limit: 1 }).rows[0];
    if (!hoaSon || !dongY || !tanTri) throw new Error('seed units missing');
    call('units.rename', {
      id: hoaSon.id,
      year: 2016,
      eventDate: '2016-03-15',
      basis: '15-QĐ/HU',
      name: 'Đảng bộ xã Hòa Sơn',
    });
    call('units.merge', {
      sourceIds: [tanTri.id],
      targetId: dongY.id,
      year: 2019,
      eventDate: '2019-12-20',
      basis: '828/NQ-UBTVQH14',
    });
    seedWatchlist(call, province, khoi.id);
    ctx.db.exec('COMMIT');
  } finally {
    ctx.db.close();
  }
}

type Call = <M extends MethodName>(method: M, input: MethodInput<M>) => MethodOutput<M>;

/**
 * Resolution 33-NQ/TU's shape for the tour: a 2017 list of 16 units (a commune of each district
 * committee, and five cells of the Khối) in two groups, with measures for its first unit: one
 * done, one past its due date by the real clock.
 */
function seedWatchlist(call: Call, province: string, khoi: string): void {
  const list = call('watchlists.create', {
    title: 'Củng cố tổ chức cơ sở đảng yếu kém năm 2017',
    number: '33-NQ/TU',
    decidedOn: '17/02/2017',
    issuerId: province,
    year: 2017,
    purpose:
      'Tập trung lãnh đạo, chỉ đạo củng cố các tổ chức cơ sở đảng yếu kém, chuyển biến chậm.',
  });
  const members: string[] = [];
  DISTRICTS.forEach(([, prefix], d) => {
    const code = `${prefix}${String(2 + (d % 5)).padStart(2, '0')}`;
    const unit = call('units.list', { year: 2017, search: code, limit: 1 }).rows[0];
    if (!unit) throw new Error(`no unit ${code}`);
    members.push(
      call('watchlists.addMember', {
        watchlistId: list.id,
        unitId: unit.id,
        group: 'Các đảng bộ huyện, thành phố',
        reasons: ['weak_rating', 'poor_meetings'],
        responsible: 'Đồng chí Ủy viên Ban Thường vụ Tỉnh ủy',
      }).id,
    );
  });
  const cells = call('units.list', { year: 2017, parentId: khoi }).rows.slice(0, 5);
  for (const cell of cells) {
    call('watchlists.addMember', {
      watchlistId: list.id,
      unitId: cell.id,
      reasons: ['no_admissions'],
    });
  }
  const first = members[0];
  if (!first) throw new Error('no member');
  const assign = call('measures.add', {
    memberId: first,
    kind: 'assign_member',
    title: 'Phân công đồng chí Ủy viên Ban Thường vụ Tỉnh ủy phụ trách',
    startOn: '20/02/2017',
    dueOn: '01/03/2017',
  });
  call('measures.complete', { id: assign.id, doneOn: '25/02/2017' });
  call('measures.add', {
    memberId: first,
    kind: 'inspection',
    title: 'Kiểm tra việc thực hiện quy chế làm việc của Đảng ủy',
    startOn: '01/09/2017',
    dueOn: '31/12/2017',
    responsible: 'Ủy ban Kiểm tra Thành ủy',
  });
}

if (process.argv[1]?.endsWith('seed-province.ts')) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: tsx test/e2e/seed-province.ts <database file>');
  seedProvince(file);
}
