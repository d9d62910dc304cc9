// zod schemas of the values users type. Messages are Vietnamese: they reach people as they are.
import { z } from 'zod';
import { UNIT_KINDS, UNIT_SECTORS } from './domain/units';
import { MAX_YEAR, MIN_YEAR, parseDate } from './domain/years';
import { normalizeName } from './domain/text';

// zod's own messages (unknown keys, wrong types) reach people too: make them Vietnamese.
z.config(z.locales.vi());
// No code generation: the renderer runs under a CSP without unsafe-eval.
z.config({ jitless: true });

export const NAME_MAX_LENGTH = 500;

export const unitName = z
  .string({ error: 'Tên tổ chức phải là chữ.' })
  .transform(normalizeName)
  .pipe(
    z
      .string()
      .min(1, { error: 'Tên tổ chức không được để trống.' })
      .max(NAME_MAX_LENGTH, { error: `Tên tổ chức dài quá ${NAME_MAX_LENGTH} ký tự.` }),
  );

/** Official code: optional; blank means none. */
export const unitCode = z
  .string({ error: 'Mã tổ chức phải là chữ.' })
  .transform((s) => s.normalize('NFC').trim())
  .pipe(z.string().max(50, { error: 'Mã tổ chức dài quá 50 ký tự.' }))
  .transform((s) => (s === '' ? null : s))
  .nullable();

export const year = z
  .number({ error: 'Năm phải là số.' })
  .int({ error: 'Năm phải là số nguyên.' })
  .min(MIN_YEAR, { error: `Năm phải từ ${MIN_YEAR} trở đi.` })
  .max(MAX_YEAR, { error: `Năm phải trước ${MAX_YEAR + 1}.` });

/** A date typed dd/mm/yyyy (or ISO), stored and sent on as ISO yyyy-mm-dd. */
export const isoDate = z
  .string()
  .trim()
  .transform((text, ctx) => {
    const parsed = parseDate(text);
    if (parsed.ok) return parsed.iso;
    ctx.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  });

/** A decision number such as 33-NQ/TU or 1672/NQ-UBTVQH15: free text with a light check. */
export const basis = z
  .string()
  .transform((s) => s.normalize('NFC').trim())
  .pipe(z.string().max(200, { error: 'Căn cứ (số quyết định) dài quá 200 ký tự.' }))
  .transform((s) => (s === '' ? null : s))
  .nullable();

export const unitId = z.uuid({ error: 'Mã định danh tổ chức không hợp lệ.' });

export const unitKind = z.enum(UNIT_KINDS, { error: 'Loại tổ chức không hợp lệ.' });
export const unitSector = z.enum(UNIT_SECTORS, { error: 'Lĩnh vực không hợp lệ.' }).nullable();

export const operatorName = z
  .string()
  .transform(normalizeName)
  .pipe(
    z
      .string()
      .min(1, { error: 'Tên người sử dụng không được để trống.' })
      .max(200, { error: 'Tên người sử dụng dài quá 200 ký tự.' }),
  );

/** Date and basis of a lineage event; the date, when given, must fall in the event's year. */
export const eventFields = {
  year,
  eventDate: isoDate.nullable().optional(),
  basis: basis.optional(),
};

export function dateMatchesYear(v: { year: number; eventDate?: string | null | undefined }) {
  return !v.eventDate || Number(v.eventDate.slice(0, 4)) === v.year;
}
export const DATE_YEAR_MISMATCH = {
  error: 'Ngày quyết định phải nằm trong năm áp dụng.',
  path: ['eventDate'],
};
