// What every command group of the `tccsd` command line shares: options, errors, calling the contract.
import type { parseArgs } from 'node:util';
import type { AppEvents, MethodName, MethodOutput } from '../../shared/contract';
import { foldForSearch } from '../../shared/domain/text';
import { AppError } from '../../shared/errors';
import type { BackendContext } from '../backend/context';
import { dispatch } from '../backend/dispatch';

export const OPTIONS = {
  db: { type: 'string' },
  name: { type: 'string' },
  code: { type: 'string' },
  kind: { type: 'string' },
  sector: { type: 'string' },
  parent: { type: 'string' },
  into: { type: 'string' },
  part: { type: 'string', multiple: true },
  from: { type: 'string' },
  year: { type: 'string' },
  date: { type: 'string' },
  basis: { type: 'string' },
  search: { type: 'string' },
  unit: { type: 'string' },
  level: { type: 'string' },
  note: { type: 'string' },
  scope: { type: 'string' },
  'end-source': { type: 'boolean' },
  'not-exemplary': { type: 'boolean' },
  'allow-duplicate-name': { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  'skip-errors': { type: 'boolean' },
  sheet: { type: 'string' },
  title: { type: 'string' },
  number: { type: 'string' },
  issuer: { type: 'string' },
  extends: { type: 'string' },
  list: { type: 'string' },
  group: { type: 'string' },
  reason: { type: 'string', multiple: true },
  responsible: { type: 'string' },
  start: { type: 'string' },
  due: { type: 'string' },
  compare: { type: 'string' },
  watchlist: { type: 'string' },
  'with-extending': { type: 'boolean' },
  'group-by': { type: 'string' },
  style: { type: 'string' },
  'named-cases': { type: 'boolean' },
  xlsx: { type: 'string' },
  docx: { type: 'string' },
  html: { type: 'string' },
  pdf: { type: 'string' },
  out: { type: 'string' },
  years: { type: 'string' },
  'since-last': { type: 'boolean' },
  'from-other-installation': { type: 'boolean' },
  'on-conflict': { type: 'string' },
  'same-units': { type: 'string' },
  'password-file': { type: 'string' },
  /** Refused with the reason (cli/password.ts): a password never goes on the command line. */
  password: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type Values = ReturnType<
  typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>
>['values'];

/** What a command prints: JSON with --json, else text; `err` and `code` when it did not succeed. */
export interface Output {
  json: unknown;
  text: string;
  err?: string;
  code?: number;
}

/** How a phase of long work reads on the terminal ("Đang kiểm tra: 40%"). */
const PHASE_LABELS: Record<string, string> = {
  read: 'Đang đọc tệp',
  check: 'Đang kiểm tra',
  write: 'Đang ghi dữ liệu',
  figures: 'Đang tổng hợp số liệu',
  distribution: 'Đang tổng hợp các năm',
  file: 'Đang ghi tệp',
  export: 'Đang xuất dữ liệu',
  backup: 'Đang sao lưu',
};

export function progressLine(event: AppEvents['progress']): string {
  const percent = event.total > 0 ? Math.floor((event.done / event.total) * 100) : 100;
  return `${PHASE_LABELS[event.phase] ?? event.phase}: ${percent}%`;
}

/** A mistake in how the command was typed: printed with the usage, exit code 2. */
export class UsageError extends Error {}

export async function call<M extends MethodName>(
  ctx: BackendContext,
  method: M,
  input: unknown,
): Promise<MethodOutput<M>> {
  const result = await dispatch(ctx, method, input);
  if (!result.ok) throw new AppError(result.error.code, result.error.message);
  return result.value as MethodOutput<M>;
}

export function parseYear(text: string): number {
  const year = Number(text);
  if (!/^\d{4}$/.test(text) || !Number.isInteger(year)) {
    throw new UsageError(`Năm không hợp lệ: "${text}" (cần 4 chữ số, ví dụ 2017).`);
  }
  return year;
}

/** An identifier or its Vietnamese label, typed with or without diacritics. */
export function lookup<T extends string>(
  text: string,
  ids: readonly T[],
  labels: Record<T, string>,
  what: string,
): T {
  const folded = foldForSearch(text).replace(/ /g, '_');
  const found = ids.find(
    (id) => id === folded || foldForSearch(labels[id]).replace(/ /g, '_') === folded,
  );
  if (!found) throw new UsageError(`${what} không hợp lệ: "${text}".`);
  return found;
}
