// zod schemas of the values users type. Messages are Vietnamese: they reach people as they are.
import { z } from 'zod';
import {
  UNIT_KINDS,
  UNIT_KIND_LABELS,
  UNIT_KIND_TERM,
  UNIT_SECTORS,
  UNIT_SECTOR_LABELS,
  UNIT_SECTOR_TERM,
} from './domain/units';
import { parseDate, schemaCurrentYear, yearProblem } from './domain/years';
import { foldForSearch, normalizeName } from './domain/text';

// zod's own messages (unknown keys, wrong types) reach people too: make them Vietnamese.
z.config(z.locales.vi());
// zod's Vietnamese message for a value outside an enum lists the identifiers ("base_cell" …),
// which mean nothing to people. Each enum a person fills in names its choices (`labelledEnum`);
// any other keeps this plain sentence.
z.config({
  customError: (issue) =>
    issue.code === 'invalid_value' ? 'Giá trị không nằm trong các lựa chọn cho phép.' : undefined,
});
// No code generation: the renderer runs under a CSP without unsafe-eval.
z.config({ jitless: true });

export const NAME_MAX_LENGTH = 500;

/** Text that is more than punctuation: something search and duplicate checks can tell apart. */
const hasLetterOrDigit = (s: string) => s === '' || foldForSearch(s) !== '';

// Names and codes go through normalizeName: invisible and control characters removed,
// whitespace collapsed, NFC. Every path (form, CLI, import) parses with these schemas, so a
// zero-width space pasted into "Hòa Sơn" cannot make a second, identical-looking unit.
export const unitName = z
  .string({ error: 'Tên tổ chức phải là chữ.' })
  .transform(normalizeName)
  .pipe(
    z
      .string()
      .min(1, { error: 'Tên tổ chức không được để trống.' })
      .max(NAME_MAX_LENGTH, { error: `Tên tổ chức dài quá ${NAME_MAX_LENGTH} ký tự.` })
      .refine(hasLetterOrDigit, { error: 'Tên tổ chức phải có ít nhất một chữ cái hoặc chữ số.' }),
  );

/** Official code: optional; blank means none. */
export const unitCode = z
  .string({ error: 'Mã tổ chức phải là chữ.' })
  .transform(normalizeName)
  .pipe(
    z
      .string()
      .max(50, { error: 'Mã tổ chức dài quá 50 ký tự.' })
      .refine(hasLetterOrDigit, { error: 'Mã tổ chức phải có ít nhất một chữ cái hoặc chữ số.' }),
  )
  .transform((s) => (s === '' ? null : s))
  .nullable();

/**
 * Every year field: a whole year from MIN_YEAR to next year. "Next year" follows the backend's
 * clock when the dispatcher parses (see withSchemaYear), so the rule and its message are the
 * same for the register, lineage, ratings and the CLI.
 */
export const year = z
  .number({ error: 'Năm phải là số.' })
  .int({ error: 'Năm phải là số nguyên.' })
  .check((ctx) => {
    const message = yearProblem(ctx.value, schemaCurrentYear());
    if (message) ctx.issues.push({ code: 'custom', message, input: ctx.value });
  });

/** A date typed dd/mm/yyyy (or ISO), stored and sent on as ISO yyyy-mm-dd. */
export const isoDate = z
  .string()
  .trim()
  .transform((text, ctx) => {
    const parsed = parseDate(text);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }
    // A date's year follows the rule of every year field.
    const problem = yearProblem(Number(parsed.iso.slice(0, 4)), schemaCurrentYear());
    if (problem) {
      ctx.addIssue({ code: 'custom', message: `Ngày không hợp lệ: ${lowerFirst(problem)}` });
      return z.NEVER;
    }
    return parsed.iso;
  });

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** A decision number such as 33-NQ/TU or 1672/NQ-UBTVQH15: free text with a light check. */
export const basis = z
  .string()
  .transform(normalizeName)
  .pipe(z.string().max(200, { error: 'Số, ký hiệu văn bản dài quá 200 ký tự.' }))
  .transform((s) => (s === '' ? null : s))
  .nullable();

export const unitId = z.uuid({ error: 'Mã định danh tổ chức không hợp lệ.' });

/** An enum a person chooses from: refused with its Vietnamese name and the labels to choose from. */
export function labelledEnum<const T extends readonly [string, ...string[]]>(
  values: T,
  labels: Record<T[number], string>,
  term: string,
) {
  const choices = values.map((v: T[number]) => labels[v]).join(', ');
  return z.enum(values, { error: `${term} không hợp lệ; chọn một trong: ${choices}.` });
}

export const unitKind = labelledEnum(UNIT_KINDS, UNIT_KIND_LABELS, UNIT_KIND_TERM);
export const unitSector = labelledEnum(
  UNIT_SECTORS,
  UNIT_SECTOR_LABELS,
  UNIT_SECTOR_TERM,
).nullable();

/**
 * A unit's founding year; null when it is not known ("có từ trước"): such a unit exists in every
 * year the register covers.
 */
export const foundedYear = year.nullable();

/** Confirms a name another unit under the same parent already has (the form asks first). */
export const allowDuplicateName = z.boolean().optional();

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
