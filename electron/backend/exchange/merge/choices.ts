// The user's decisions an apply needs, checked against the plan before anything is written:
// every "same unit?" candidate decided, every conflict decided (per record or all at once), and
// no decision about something the preview did not offer.
import type { ConflictChoice, ParsedInput } from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import type { ExchangePlan } from './plan';
import { changeKey, isConflict } from './plan';

export interface Choices {
  /** Candidates decided 'same': incoming unit id → local unit id. */
  same: Map<string, string>;
  /** Per conflict key; `all` for the rest. */
  records: Readonly<Record<string, ConflictChoice>>;
  all: ConflictChoice | null;
}

/** How many examples an undecided-refusal names. */
const NAMED = 5;

function decideSameUnits(
  plan: ExchangePlan,
  given: Readonly<Record<string, 'same' | 'new'>>,
): { same: Map<string, string>; fresh: Set<string> } {
  for (const id of Object.keys(given)) {
    if (!plan.sameUnits.has(id)) {
      throw new AppError(
        'INVALID_INPUT',
        `Tổ chức ${id} không nằm trong các trường hợp "có phải cùng một tổ chức?" của bản xem ` +
          'trước này; hãy xem trước lại các tệp.',
      );
    }
  }
  const undecided = [...plan.sameUnits.values()].filter((c) => !given[c.incomingUnitId]);
  if (undecided.length > 0) {
    const named = undecided
      .slice(0, NAMED)
      .map((c) => `"${c.incomingName}" trong tệp và "${c.localName}" ở máy này`)
      .join('; ');
    throw new AppError(
      'CONFLICTS_UNDECIDED',
      `Còn ${undecided.length} trường hợp chưa xác định có phải cùng một tổ chức hay không ` +
        `(${named}${undecided.length > NAMED ? '; …' : ''}). Hãy chọn "cùng một tổ chức" hoặc ` +
        '"tổ chức mới" cho từng trường hợp; chưa có gì được ghi.',
    );
  }
  const same = new Map<string, string>();
  const fresh = new Set<string>();
  for (const candidate of plan.sameUnits.values()) {
    if (given[candidate.incomingUnitId] === 'same') {
      same.set(candidate.incomingUnitId, candidate.localUnitId);
    } else fresh.add(candidate.incomingUnitId);
  }
  return { same, fresh };
}

/** Keys of the plan's conflicts. */
function conflictKeys(plan: ExchangePlan): string[] {
  const keys: string[] = [];
  for (const file of plan.files) {
    if (file.alreadyImported) continue;
    file.decisions.forEach((decision, i) => {
      if (isConflict(decision)) keys.push(changeKey(file.fileIndex, i + 2));
    });
  }
  return keys;
}

export function decideChoices(plan: ExchangePlan, input: ParsedInput<'exchange.apply'>): Choices {
  const { same, fresh } = decideSameUnits(plan, input.sameUnits ?? {});
  const records = input.conflicts?.records ?? {};
  const all = input.conflicts?.all ?? null;
  const keys = conflictKeys(plan);
  const known = new Set(keys);
  for (const key of Object.keys(records)) {
    if (!known.has(key)) {
      throw new AppError(
        'INVALID_INPUT',
        `Bản ghi ${key} không phải là một xung đột của bản xem trước này; hãy xem trước lại các tệp.`,
      );
    }
  }
  if (all === null) {
    // A conflict of a unit decided new is none: its records are all new.
    const undecided = keys.filter((key) => {
      const unit = plan.conflictUnits.get(key);
      return records[key] === undefined && (unit === undefined || !fresh.has(unit));
    });
    if (undecided.length > 0) {
      const labels = new Map(plan.listed.map((c) => [c.key, c.label]));
      const named = undecided
        .map((key) => labels.get(key))
        .filter((label): label is string => label !== undefined)
        .slice(0, NAMED);
      throw new AppError(
        'CONFLICTS_UNDECIDED',
        `Còn ${undecided.length} xung đột chưa được quyết định` +
          (named.length > 0
            ? ` (${named.join('; ')}${undecided.length > named.length ? '; …' : ''})`
            : '') +
          '. Hãy chọn giữ dữ liệu đang có hoặc lấy dữ liệu trong tệp cho từng xung đột, hoặc cho ' +
          'tất cả cùng lúc; chưa có gì được ghi.',
      );
    }
  }
  return { same, records, all };
}
