// The report document being edited (renderer/src/reports/document-draft.ts): a new report's
// defaults reach every field the user left alone and none that the user typed in; what goes to
// the backend has the date as typed (blank: null) and no blank "Nơi nhận" lines.
import { describe, expect, it } from 'vitest';
import type { DocumentFields } from '../../renderer/src/reports/document-draft';
import {
  documentInput,
  newDraft,
  rebaseDraft,
  regenerateSummary,
  summaryEdited,
  summaryOf,
  withSummary,
} from '../../renderer/src/reports/document-draft';

function defaults(year: number): DocumentFields {
  return {
    superiorBody: 'TỈNH ỦY LẠNG SƠN',
    issuingBody: 'BAN TỔ CHỨC',
    numberSuffix: '-BC/BTCTU',
    place: 'Lạng Sơn',
    date: '15/01/2018',
    subject: `Kết quả củng cố tổ chức cơ sở đảng yếu kém năm ${year}`,
    sections: [
      { heading: 'I. CĂN CỨ', body: `Thực hiện … kết quả năm ${year} như sau:` },
      { heading: 'II. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO', body: '' },
      { heading: 'III. KẾT QUẢ', body: `Kết quả xếp loại năm ${year} của 16 TCCSĐ …` },
      { heading: `V. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM ${year + 1}`, body: '' },
    ],
    signature: { onBehalf: 'T/M BAN THƯỜNG VỤ', role: '', name: '' },
    recipients: ['Như trên,', 'Lưu Văn phòng.'],
    tableNumber: '01',
  };
}

describe('a draft of the report document', () => {
  it('follows a new report where the user typed nothing and keeps what the user typed', () => {
    const start = newDraft(defaults(2017));
    const edited = {
      ...start,
      value: {
        ...start.value,
        subject: 'Báo cáo riêng của Ban Tổ chức',
        signature: { ...start.value.signature, name: 'Dương Minh Phong' },
        sections: start.value.sections.map((s, i) =>
          i === 1 ? { ...s, body: 'Ban Thường vụ đã phân công đồng chí phụ trách.' } : s,
        ),
      },
    };
    const next = rebaseDraft(edited, defaults(2018));
    expect(next.base).toEqual(defaults(2018));
    expect(next.value.subject).toBe('Báo cáo riêng của Ban Tổ chức');
    expect(next.value.signature).toEqual({
      onBehalf: 'T/M BAN THƯỜNG VỤ',
      role: '',
      name: 'Dương Minh Phong',
    });
    expect(next.value.sections.map((s) => s.body)).toEqual([
      'Thực hiện … kết quả năm 2018 như sau:',
      'Ban Thường vụ đã phân công đồng chí phụ trách.',
      'Kết quả xếp loại năm 2018 của 16 TCCSĐ …',
      '',
    ]);
    expect(next.value.sections[3]?.heading).toBe('V. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2019');
    expect(summaryEdited(next)).toBe(false);
  });

  it('keeps an edited summary through a new report until it is written again from the figures', () => {
    const start = newDraft(defaults(2017));
    const edited = { ...start, value: withSummary(start.value, 'Đoạn đã sửa.') };
    expect(summaryEdited(edited)).toBe(true);
    const next = rebaseDraft(edited, defaults(2018));
    expect(summaryOf(next.value)).toBe('Đoạn đã sửa.');
    const again = regenerateSummary(next);
    expect(summaryOf(again.value)).toBe('Kết quả xếp loại năm 2018 của 16 TCCSĐ …');
    expect(summaryEdited(again)).toBe(false);
  });

  it('keeps the sections as they are when the new report has another number of them', () => {
    const start = newDraft(defaults(2017));
    const fewer = { ...defaults(2018), sections: defaults(2018).sections.slice(0, 3) };
    expect(rebaseDraft(start, fewer).value.sections).toEqual(defaults(2017).sections);
  });
});

describe('the document sent for export', () => {
  it('sends a blank date as null and leaves out blank lines of "Nơi nhận"', () => {
    const fields = {
      ...defaults(2017),
      date: '  ',
      recipients: ['Như trên,', '', '  ', 'Lưu Văn phòng.'],
    };
    const input = documentInput(fields);
    expect(input.date).toBeNull();
    expect(input.recipients).toEqual(['Như trên,', 'Lưu Văn phòng.']);
    expect(documentInput({ ...fields, date: ' 15/01/2018 ' }).date).toBe('15/01/2018');
  });
});
