import { describe, expect, it } from 'vitest';
import type { ProgressReport, ReportGroup } from '../../shared/contract';
import {
  RESULTS_SECTION,
  defaultReportDocument,
  documentReference,
  issuerOf,
  resultsText,
} from '../../shared/domain/report-document';
import { reportDocument } from '../../shared/methods/reports';

function group(key: string, summary: string): ReportGroup {
  return {
    key,
    name: key,
    description: 'TCCSĐ',
    total: 0,
    rated: 0,
    levels: {},
    exemplary: 0,
    goodOrBetter: 0,
    notRated: {},
    missing: 0,
    up: 0,
    same: 0,
    down: 0,
    notComparable: 0,
    units: [],
    summary,
  };
}

function report(overrides: Partial<ProgressReport> = {}): ProgressReport {
  return {
    year: 2017,
    compareYear: 2016,
    scaleId: 'hd20-2008',
    compareScaleId: 'hd20-2008',
    crossesScale: false,
    groupBy: 'watchlist_group',
    scope: { type: 'watchlist', id: 'w', title: 'Nghị quyết 33-NQ/TU' },
    watchlist: {
      id: 'w',
      title: 'Củng cố TCCSĐ yếu kém năm 2017',
      number: '33-NQ/TU',
      decidedOn: '2017-02-17',
      issuerName: 'Ban Thường vụ Tỉnh ủy',
      year: 2017,
    },
    groups: [group('a', 'Câu nhóm A.'), group('b', 'Câu nhóm B.')],
    totals: group('total', 'Câu tổng.'),
    distribution: [],
    transitions: [],
    trajectories: [],
    scaleBreaks: [],
    notes: [],
    summary: 'Câu tổng. Câu nhóm A. Câu nhóm B.',
    namedCases: [],
    carryOver: [],
    ...overrides,
  };
}

describe('the report document before editing', () => {
  it('issues a province report through its organisation department, with no number', () => {
    expect(issuerOf('Đảng bộ tỉnh Lạng Sơn')).toEqual({
      superiorBody: 'TỈNH ỦY LẠNG SƠN',
      issuingBody: 'BAN TỔ CHỨC',
      numberSuffix: '-BC/BTCTU',
      place: 'Lạng Sơn',
    });
    expect(issuerOf('Huyện ủy Bắc Sơn').superiorBody).toBe('HUYỆN ỦY BẮC SƠN');
    expect(issuerOf('Đảng bộ thành phố Lạng Sơn').superiorBody).toBe('THÀNH ỦY LẠNG SƠN');
  });

  it('lets any other unit issue under its own name, leaving the line above it to the user', () => {
    expect(issuerOf('Đảng bộ xã Hòa Sơn')).toEqual({
      superiorBody: '',
      issuingBody: 'ĐẢNG BỘ XÃ HÒA SƠN',
      numberSuffix: '-BC/…',
      place: '',
    });
    expect(issuerOf(null).issuingBody).toBe('');
  });

  it('names a party document by its kind', () => {
    expect(documentReference('33-NQ/TU')).toBe('Nghị quyết số 33-NQ/TU');
    expect(documentReference('18-KL/TW')).toBe('Kết luận số 18-KL/TW');
    expect(documentReference('1672/NQ-UBTVQH15')).toBe('văn bản số 1672/NQ-UBTVQH15');
  });

  it('fills the basis, the results and the direction from the data and leaves the rest blank', () => {
    const doc = defaultReportDocument(
      report({
        namedCases: [{ unitId: 'u', text: 'Đảng bộ xã Đồng Ý từ yếu kém lên TSVM' }],
        carryOver: [{ unitId: 'x', name: 'Chi bộ Mẫu 1', why: 'giữ nguyên HTNV' }],
      }),
      { ownUnitName: 'Đảng bộ tỉnh Lạng Sơn', today: '2018-01-15' },
    );
    expect(doc.subject).toBe(
      'Kết quả củng cố tổ chức cơ sở đảng yếu kém năm 2017 theo Nghị quyết số 33-NQ/TU',
    );
    expect(doc.sections[0]?.body).toBe(
      'Thực hiện Nghị quyết số 33-NQ/TU, ngày 17/02/2017 của Ban Thường vụ Tỉnh ủy về việc lựa ' +
        'chọn tổ chức cơ sở đảng để tập trung lãnh đạo, chỉ đạo củng cố năm 2017, Đảng bộ tỉnh ' +
        'Lạng Sơn báo cáo kết quả năm 2017 như sau:',
    );
    expect(doc.sections[1]?.body).toBe('');
    expect(doc.sections[RESULTS_SECTION]?.body).toBe(
      'Câu tổng.\n\nCâu nhóm A.\n\nCâu nhóm B.\n\nĐiển hình: Đảng bộ xã Đồng Ý từ yếu kém lên TSVM.',
    );
    expect(doc.sections[4]).toEqual({
      heading: 'V. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2018',
      body: 'Tiếp tục quan tâm lãnh đạo, chỉ đạo 1 TCCSĐ năm 2017 chuyển biến còn chậm: Chi bộ Mẫu 1 (giữ nguyên HTNV).',
    });
    expect(doc.date).toBe('2018-01-15');
    expect(doc.signature.onBehalf).toBe('T/M BAN THƯỜNG VỤ');
    // What the form starts with is a valid export input as it stands.
    expect(reportDocument.safeParse(doc).success).toBe(true);
  });

  it('writes a register report without a basis and one group without repeating it', () => {
    const single = report({ watchlist: null, groups: [group('a', 'Câu tổng.')] });
    const doc = defaultReportDocument(single, { ownUnitName: null, today: '2018-01-05' });
    expect(doc.subject).toBe('Kết quả đánh giá, xếp loại chất lượng tổ chức cơ sở đảng năm 2017');
    expect(doc.sections[0]?.body).toBe('');
    expect(resultsText(single)).toBe('Câu tổng.');
    expect(doc.sections[4]?.body).toBe('');
  });
});
