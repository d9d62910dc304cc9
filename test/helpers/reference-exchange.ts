// The exchange's record parsing as it was before the plain-rating fast path
// (electron/backend/exchange/format/fast-rating.ts): every line through the record schema. Kept to
// prove the fast path returns exactly what this returns.
import type { ExchangeEntity } from '../../shared/methods/exchange';
import { EXCHANGE_ENTITIES, EXCHANGE_ENTITY_LABELS } from '../../shared/methods/exchange';
import type { ParsedLine } from '../../electron/backend/exchange/format/records';
import { exchangeRecord } from '../../electron/backend/exchange/format/records';

export function referenceParseRecordLine(text: string): ParsedLine {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'Bản ghi không phải là JSON hợp lệ.' };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { ok: false, message: 'Bản ghi phải là một đối tượng JSON.' };
  }
  const t = (json as { t?: unknown }).t;
  if (typeof t !== 'string' || !(EXCHANGE_ENTITIES as readonly string[]).includes(t)) {
    return {
      ok: false,
      message: `Loại bản ghi ${JSON.stringify(t ?? null)} không có trong định dạng (các loại: ${EXCHANGE_ENTITIES.join(', ')}).`,
    };
  }
  const parsed = exchangeRecord.safeParse(json);
  if (parsed.success) return { ok: true, record: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (trường ${issue.path.join('.')})` : '';
  const label = EXCHANGE_ENTITY_LABELS[t as ExchangeEntity];
  const problem = (issue?.message ?? 'dữ liệu không hợp lệ').replace(/\.$/, '');
  return { ok: false, message: `${label}: ${problem}${where}.` };
}
