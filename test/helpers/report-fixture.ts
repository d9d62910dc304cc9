// Hand-built progress reports for the document writers' tests: the 2017 report of Resolution
// 33-NQ/TU (DOMAIN.md §1: 11 district pilot units, 2 TSVM, 5 HTTNV, 4 HTNV, 5 up and 6 the same;
// 5 Khối units, 1 TSVM, 3 HTTNV, 1 HTNV, 1 up and 4 the same), with its document texts.
import type {
  ProgressReport,
  ReportDocument,
  ReportGroup,
  ReportUnit,
} from '../../shared/contract';
import type { Trend } from '../../shared/domain/progress';
import { scaleForYear } from '../../shared/domain/scales';
import { summarizeGroup } from '../../shared/domain/summary';

type UnitRow = [name: string, from: string, to: string, change: Trend];

const DISTRICT_UNITS: UnitRow[] = [
  ['Đảng bộ xã Đồng Ý', 'Yếu kém', 'TSVM', 'up'],
  ['Đảng bộ xã Hòa Sơn', 'HTTNV', 'HTTNV', 'same'],
  ['Đảng bộ xã Minh Họa (minh họa)', 'HTNV', 'TSVM', 'up'],
  ['Đảng bộ xã Quỳnh Ảnh (minh họa)', 'HTNV', 'HTTNV', 'up'],
  ['Đảng bộ xã Bản Mẫu (minh họa)', 'Yếu kém', 'HTTNV', 'up'],
  ['Chi bộ trường Thử Nghiệm (minh họa)', 'Yếu kém', 'HTNV', 'up'],
  ['Đảng bộ xã Giả Định (minh họa)', 'HTTNV', 'HTTNV', 'same'],
  ['Đảng bộ xã Ví Dụ (minh họa)', 'HTTNV', 'HTTNV', 'same'],
  ['Đảng bộ xã Tạm Gọi (minh họa)', 'HTNV', 'HTNV', 'same'],
  ['Đảng bộ thị trấn Mẫu Thử (minh họa)', 'HTNV', 'HTNV', 'same'],
  ['Chi bộ trạm Y Tế Mẫu (minh họa)', 'HTNV', 'HTNV', 'same'],
];

const KHOI_UNITS: UnitRow[] = [
  ['Chi bộ Cục Thống kê', 'HTTNV', 'TSVM', 'up'],
  ['Chi bộ Sở Minh Họa (minh họa)', 'HTTNV', 'HTTNV', 'same'],
  ['Chi bộ Ban Ví Dụ (minh họa)', 'HTTNV', 'HTTNV', 'same'],
  ['Chi bộ Trung tâm Mẫu (minh họa)', 'HTTNV', 'HTTNV', 'same'],
  ['Chi bộ Công ty Thử (minh họa)', 'HTNV', 'HTNV', 'same'],
];

const CODES: Record<string, string> = {
  TSVM: 'TSVM',
  HTTNV: 'HTTNV',
  HTNV: 'HTNV',
  'Yếu kém': 'YK',
};

function units(prefix: string, rows: UnitRow[]): ReportUnit[] {
  return rows.map(([name, from, to, change], index) => ({
    id: `${prefix}-${index + 1}`,
    code: null,
    name,
    from,
    to,
    fromLevel: CODES[from] ?? null,
    toLevel: CODES[to] ?? null,
    exemplary: false,
    notRatedReason: null,
    change,
  }));
}

function group(
  key: string,
  name: string,
  description: string,
  members: ReportUnit[],
  year = 2017,
): ReportGroup {
  const levels: Record<string, number> = { TSVM: 0, HTTNV: 0, HTNV: 0, YK: 0 };
  for (const unit of members)
    if (unit.toLevel) levels[unit.toLevel] = (levels[unit.toLevel] ?? 0) + 1;
  const trend = (t: Trend) => members.filter((u) => u.change === t).length;
  const scale = scaleForYear(year);
  if (!scale) throw new Error(`no scale for ${year}`);
  const figures = {
    total: members.length,
    rated: members.filter((u) => u.toLevel !== null).length,
    levels,
    exemplary: 0,
    goodOrBetter: (levels.TSVM ?? 0) + (levels.HTTNV ?? 0),
    notRated: {},
    missing: 0,
    up: trend('up'),
    same: trend('same'),
    down: trend('down'),
    notComparable: trend('not_comparable'),
  };
  return {
    key,
    name,
    description,
    ...figures,
    units: members,
    summary: summarizeGroup({
      year,
      compareYear: year - 1,
      description,
      scale,
      total: figures.total,
      levels,
      changes: { up: figures.up, same: figures.same, down: figures.down },
    }),
  };
}

function totalsOf(groups: ReportGroup[]): ReportGroup {
  return group(
    'total',
    'Tổng cộng',
    'TCCSĐ chỉ đạo điểm',
    groups.flatMap((g) => g.units),
  );
}

/** The 2017 report of Resolution 33-NQ/TU, its two groups as the article counts them. */
export function resolution33Report(): ProgressReport {
  const groups = [
    group(
      'districts',
      'TCCSĐ thuộc các đảng bộ huyện, thành phố',
      'TCCSĐ chỉ đạo điểm thuộc các đảng bộ huyện',
      units('d', DISTRICT_UNITS),
    ),
    group(
      'khoi',
      'TCCSĐ thuộc Đảng bộ Khối các cơ quan tỉnh',
      'chi bộ, đảng bộ trực thuộc Đảng bộ Khối',
      units('k', KHOI_UNITS),
    ),
  ];
  const totals = totalsOf(groups);
  return {
    year: 2017,
    compareYear: 2016,
    scaleId: 'hd20-2008',
    compareScaleId: 'hd20-2008',
    crossesScale: false,
    groupBy: 'watchlist_group',
    scope: {
      type: 'watchlist',
      id: 'w-33',
      title: 'Nghị quyết 33-NQ/TU: củng cố 16 TCCSĐ năm 2017',
    },
    watchlist: {
      id: 'w-33',
      title: 'Củng cố 16 TCCSĐ năm 2017',
      number: '33-NQ/TU',
      decidedOn: '2017-02-17',
      issuerName: 'Ban Thường vụ Tỉnh ủy',
      year: 2017,
    },
    groups,
    totals,
    distribution: [],
    transitions: [],
    trajectories: [],
    scaleBreaks: [],
    notes: [],
    summary: [totals.summary, ...groups.map((g) => g.summary)].join(' '),
    namedCases: [
      { unitId: 'd-1', text: 'Đảng bộ xã Đồng Ý từ yếu kém lên TSVM' },
      { unitId: 'k-1', text: 'Chi bộ Cục Thống kê từ HTTNV lên TSVM' },
    ],
    carryOver: [],
  };
}

/** A report of a year with no ratings at all: explicit, never a page of zeros. */
export function emptyReport(): ProgressReport {
  const report = resolution33Report();
  const empty = (g: ReportGroup): ReportGroup => ({
    ...g,
    rated: 0,
    levels: { HTXSNV: 0, HTTNV: 0, HTNV: 0, KHTNV: 0 },
    goodOrBetter: 0,
    missing: g.total,
    up: 0,
    same: 0,
    down: 0,
    notComparable: g.total,
    units: g.units.map((u) => ({ ...u, to: null, toLevel: null, change: 'not_comparable' })),
    summary: '',
  });
  return {
    ...report,
    year: 2019,
    compareYear: 2018,
    scaleId: 'qd132-2018',
    compareScaleId: 'qd132-2018',
    groups: report.groups.map(empty),
    totals: empty(report.totals),
    notes: ['Năm 2019 chưa có kết quả xếp loại của 16 tổ chức.'],
    summary: '',
  };
}

/** The document texts as the report screen would hand them over, edited by a user. */
export function reportDocument(overrides: Partial<ReportDocument> = {}): ReportDocument {
  return {
    superiorBody: 'Tỉnh ủy Lạng Sơn',
    issuingBody: 'Ban Tổ chức',
    numberSuffix: '-BC/BTCTU',
    place: 'Lạng Sơn',
    date: '2018-01-05',
    subject: 'Kết quả củng cố tổ chức cơ sở đảng yếu kém năm 2017 theo Nghị quyết số 33-NQ/TU',
    sections: [
      {
        heading: 'I. CĂN CỨ',
        body:
          'Thực hiện Nghị quyết số 33-NQ/TU, ngày 17/02/2017 của Ban Thường vụ Tỉnh ủy về việc ' +
          'lựa chọn tổ chức cơ sở đảng để tập trung lãnh đạo, chỉ đạo củng cố năm 2017, Ban Tổ ' +
          'chức Tỉnh ủy báo cáo kết quả năm 2017 như sau:',
      },
      { heading: 'II. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO', body: '' },
      {
        heading: 'III. KẾT QUẢ',
        body: [
          resolution33Report().groups[0]?.summary ?? '',
          resolution33Report().groups[1]?.summary ?? '',
          'Điển hình: Đảng bộ xã Đồng Ý từ yếu kém lên TSVM;\nChi bộ Cục Thống kê từ HTTNV lên TSVM.',
        ].join('\n\n'),
      },
      { heading: 'Hạn chế, nguyên nhân', body: '' },
    ],
    signature: { onBehalf: 'T/M Ban Thường vụ', role: 'Phó Bí thư', name: 'Nguyễn Văn Mẫu' },
    recipients: ['Ban Tổ chức Trung ương,', 'Thường trực Tỉnh ủy,', 'Lưu Văn phòng.'],
    tableNumber: '01',
    ...overrides,
  };
}
