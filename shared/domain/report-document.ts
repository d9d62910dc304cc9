// The report document's texts before the user edits them (issue 8 item 4): the header lines,
// the subject and the sections of a party report (Hướng dẫn 36-HD/VPTW), filled from the data
// where the data can say something and left as headed blanks where only people can. Pure: the
// report screen prefills its form with it and the CLI writes files with it as is.
import type { ProgressReport, ReportDocument } from '../methods/reports';
import { formatNumber } from './summary';

export interface DocumentContext {
  /** The installation's own unit ("Đảng bộ tỉnh Lạng Sơn"), which issues the report. */
  ownUnitName: string | null;
  /** ISO yyyy-mm-dd: the report's date until the user changes it. */
  today: string;
}

/** The committee behind an organisation's name, for the header: "Đảng bộ tỉnh X" → "Tỉnh ủy X". */
interface Issuer {
  superiorBody: string;
  issuingBody: string;
  numberSuffix: string;
  place: string;
}

const COMMITTEES: { pattern: RegExp; committee: string; suffix: string }[] = [
  { pattern: /^(?:đảng bộ tỉnh|tỉnh ủy)\s+(.+)$/iu, committee: 'Tỉnh ủy', suffix: '-BC/BTCTU' },
  {
    pattern: /^(?:đảng bộ thành phố|thành ủy)\s+(.+)$/iu,
    committee: 'Thành ủy',
    suffix: '-BC/BTCTU',
  },
  { pattern: /^(?:đảng bộ huyện|huyện ủy)\s+(.+)$/iu, committee: 'Huyện ủy', suffix: '-BC/BTCHU' },
  { pattern: /^(?:đảng bộ thị xã|thị ủy)\s+(.+)$/iu, committee: 'Thị ủy', suffix: '-BC/BTCTU' },
];

function upper(text: string): string {
  return text.toLocaleUpperCase('vi');
}

/**
 * A provincial, city or district organisation issues through its organisation department
 * ("TỈNH ỦY LẠNG SƠN" / "BAN TỔ CHỨC"); any other unit issues under its own name, and the user
 * completes the line above it. Nothing here is a document number: the clerk writes that.
 */
export function issuerOf(ownUnitName: string | null): Issuer {
  const name = (ownUnitName ?? '').trim();
  for (const { pattern, committee, suffix } of COMMITTEES) {
    const match = pattern.exec(name);
    const place = match?.[1];
    if (place) {
      return {
        superiorBody: upper(`${committee} ${place}`),
        issuingBody: 'BAN TỔ CHỨC',
        numberSuffix: suffix,
        place,
      };
    }
  }
  return { superiorBody: '', issuingBody: upper(name), numberSuffix: '-BC/…', place: '' };
}

const DOCUMENT_KINDS: Record<string, string> = {
  NQ: 'Nghị quyết',
  KH: 'Kế hoạch',
  KL: 'Kết luận',
  HD: 'Hướng dẫn',
  QĐ: 'Quyết định',
  CT: 'Chỉ thị',
  TB: 'Thông báo',
};

/** "33-NQ/TU" → "Nghị quyết số 33-NQ/TU"; a number of another shape → "văn bản số …". */
export function documentReference(number: string): string {
  const kind = /^\s*\d+[a-z]?-([A-ZĐ]+)\//u.exec(number)?.[1];
  return `${(kind && DOCUMENT_KINDS[kind]) ?? 'văn bản'} số ${number}`;
}

/** "2017-02-17" → "17/02/2017". */
function dayMonthYear(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

function basis(report: ProgressReport, ownUnitName: string | null): string {
  const list = report.watchlist;
  if (!list) return '';
  const reference = list.number
    ? `${documentReference(list.number)}${list.decidedOn ? `, ngày ${dayMonthYear(list.decidedOn)}` : ''} của ${list.issuerName}`
    : `danh sách "${list.title}" của ${list.issuerName}`;
  const reporter = ownUnitName ? `, ${ownUnitName} báo cáo` : ', xin báo cáo';
  return (
    `Thực hiện ${reference} về việc lựa chọn tổ chức cơ sở đảng để tập trung lãnh đạo, chỉ đạo ` +
    `củng cố năm ${list.year}${reporter} kết quả năm ${report.year} như sau:`
  );
}

/** The totals' sentences, then each group's, then the named cases: one paragraph each. */
export function resultsText(report: ProgressReport): string {
  const paragraphs = [report.totals.summary];
  if (report.groups.length > 1) paragraphs.push(...report.groups.map((g) => g.summary));
  if (report.namedCases.length > 0) {
    paragraphs.push(`Điển hình: ${report.namedCases.map((c) => c.text).join('; ')}.`);
  }
  return paragraphs.filter((p) => p.trim() !== '').join('\n\n');
}

/** Next year's direction, from the units whose change was slow. */
function direction(report: ProgressReport): string {
  const units = report.carryOver;
  if (units.length === 0) return '';
  const names = units.map((u) => (u.why ? `${u.name} (${u.why})` : u.name)).join('; ');
  return (
    `Tiếp tục quan tâm lãnh đạo, chỉ đạo ${formatNumber(units.length)} TCCSĐ năm ${report.year} ` +
    `chuyển biến còn chậm: ${names}.`
  );
}

function subject(report: ProgressReport): string {
  const list = report.watchlist;
  if (list) {
    const reference = list.number ? ` theo ${documentReference(list.number)}` : '';
    return `Kết quả củng cố tổ chức cơ sở đảng yếu kém năm ${report.year}${reference}`;
  }
  return `Kết quả đánh giá, xếp loại chất lượng tổ chức cơ sở đảng năm ${report.year}`;
}

export function defaultReportDocument(
  report: ProgressReport,
  context: DocumentContext,
): ReportDocument {
  const issuer = issuerOf(context.ownUnitName);
  return {
    superiorBody: issuer.superiorBody,
    issuingBody: issuer.issuingBody,
    numberSuffix: issuer.numberSuffix,
    place: issuer.place,
    date: context.today,
    subject: subject(report),
    sections: [
      { heading: 'I. CĂN CỨ', body: basis(report, context.ownUnitName) },
      { heading: 'II. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO', body: '' },
      { heading: 'III. KẾT QUẢ', body: resultsText(report) },
      { heading: 'IV. HẠN CHẾ, NGUYÊN NHÂN', body: '' },
      { heading: `V. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM ${report.year + 1}`, body: direction(report) },
      { heading: 'VI. KIẾN NGHỊ, ĐỀ XUẤT', body: '' },
    ],
    signature: { onBehalf: 'T/M BAN THƯỜNG VỤ', role: '', name: '' },
    recipients: ['Như trên,', 'Lưu Văn phòng.'],
    tableNumber: '01',
  };
}

/** The index of the results section, whose body the screen replaces with the edited summary. */
export const RESULTS_SECTION = 2;
