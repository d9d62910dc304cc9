// The report document the user edits before export (reports.export's `document`), with the limits
// of each part and their Vietnamese messages. The sections' limits are sized on the nation's
// document as the screen fills it (the bench's national data, 55,000 units under 435 district
// committees: the results section ~124,000 characters, the direction section's carry-over list of
// 2,725 units ~143,000): each may grow to about three times that, while a body of millions of
// characters (a pasted file, a runaway script) is still refused before anything is written.
import { z } from 'zod';
import { formatNumber } from '../domain/summary';
import { sectionHeading } from '../domain/party-document';
import { isoDate } from '../schemas';

/** Characters a section's body may hold (the nation's longest section is ~143,000). */
export const SECTION_BODY_MAX = 400_000;
/** Characters all the sections' bodies may hold together (the nation's ~267,000). */
export const SECTIONS_TOTAL_MAX = 1_000_000;
export const SECTION_HEADING_MAX = 300;
export const SECTIONS_MAX = 20;

/** "Dòng cơ quan cấp trên dài quá 200 ký tự.": a field's own name in its message. */
function line(label: string, max: number) {
  return z
    .string({ error: `${label} phải là chữ.` })
    .trim()
    .max(max, { error: `${label} dài quá ${formatNumber(max)} ký tự.` });
}

/** How a section is named in a message: its printed heading, or its place when it has none. */
function sectionName(index: number, heading: string): string {
  const printed = heading.trim() === '' ? '' : sectionHeading(index, heading);
  return printed === '' ? `Phần thứ ${formatNumber(index + 1)}` : `Phần "${printed}"`;
}

const section = z.strictObject({
  heading: line('Tiêu đề phần', SECTION_HEADING_MAX),
  // Its length is checked with the section's heading at hand (below), so the message names it.
  body: z.string({ error: 'Nội dung phần phải là chữ.' }),
});

const sections = z
  .array(section)
  .max(SECTIONS_MAX, { error: `Báo cáo có nhiều nhất ${formatNumber(SECTIONS_MAX)} phần.` })
  .superRefine((list, ctx) => {
    let total = 0;
    list.forEach(({ heading, body }, index) => {
      total += body.length;
      if (body.length > SECTION_BODY_MAX) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'body'],
          message:
            `${sectionName(index, heading)} dài ${formatNumber(body.length)} ký tự, quá ` +
            `${formatNumber(SECTION_BODY_MAX)} ký tự một phần được phép; hãy rút gọn phần này.`,
        });
      }
    });
    if (total > SECTIONS_TOTAL_MAX) {
      ctx.addIssue({
        code: 'custom',
        message:
          `Các phần của báo cáo dài tổng cộng ${formatNumber(total)} ký tự, quá ` +
          `${formatNumber(SECTIONS_TOTAL_MAX)} ký tự được phép; hãy rút gọn.`,
      });
    }
  });

/** The document's parts the user may edit before export (Hướng dẫn 36-HD/VPTW layout). */
export const reportDocument = z.strictObject({
  /** Top-left line 1, capitals: "TỈNH ỦY LẠNG SƠN". */
  superiorBody: line('Dòng cơ quan cấp trên', 200),
  /** Top-left line 2, capitals bold: "BAN TỔ CHỨC". */
  issuingBody: line('Dòng cơ quan ban hành', 200),
  /** After "Số     ": "-BC/BTCTU". The number itself is left blank for the clerk. */
  numberSuffix: line('Ký hiệu văn bản', 60),
  /** Place of the date line: "Lạng Sơn". */
  place: line('Địa danh', 100),
  /** Null leaves "ngày   tháng   năm" blank. */
  date: isoDate.nullable(),
  /** Under "BÁO CÁO", bold: "Kết quả củng cố tổ chức cơ sở đảng yếu kém năm 2017". */
  subject: line('Trích yếu', 500),
  /** Roman-numbered sections in order; an empty body stays as a headed blank for the user. */
  sections,
  /** "T/M BAN THƯỜNG VỤ", then the role ("PHÓ BÍ THƯ") and the signer's name (may be blank). */
  signature: z.strictObject({
    onBehalf: line('Dòng thay mặt', 200),
    role: line('Chức vụ người ký', 200),
    name: line('Họ tên người ký', 200),
  }),
  /** "Nơi nhận:" lines. */
  recipients: z
    .array(line('Dòng nơi nhận', 300))
    .max(30, { error: 'Nơi nhận có nhiều nhất 30 dòng.' }),
  /** "Biểu số 01" on the Excel sheet's header. */
  tableNumber: line('Số biểu', 30),
});
export type ReportDocument = z.output<typeof reportDocument>;
