// "Dùng dữ liệu mẫu" / `tccsd sample load`: the illustrative Lạng Sơn 2016–2018 data
// (resources/sample) loaded into an empty data file, in one write transaction, through the
// backend's own operations, so every rule and the audit trail apply as if it had been typed in.
import type { ParsedInput, SampleLoadResult } from '../../../shared/contract';
import { formatNumber } from '../../../shared/domain/summary';
import { AppError } from '../../../shared/errors';
import { operatorName } from '../../../shared/schemas';
import type { BackendContext } from '../context';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import { writeTransaction } from '../db/write';
import { actorOf, getMeta, setAuditedMeta } from '../meta';
import { phaseProgress } from '../progress';
import { BUNDLED_SAMPLE, checkedSample } from './data';
import { idOf } from './keys';
import { loadRatings, loadUnits } from './register';
import type { SampleFile } from './schema';
import { listSteps, loadLists } from './watchlists';

/** Who is recorded as loading the sample when nobody has been set up and no name was given. */
export const SAMPLE_OPERATOR = 'Người dùng thử';

/** The job name of the load's `progress` events. */
export const SAMPLE_JOB = 'sample.load';

export function loadSample(
  ctx: BackendContext,
  input: ParsedInput<'sample.load'>,
): SampleLoadResult {
  return loadSampleFile(ctx, input, BUNDLED_SAMPLE);
}

/** Loads `raw` (the bundled file, or another one in tests) after checking it. */
export function loadSampleFile(
  ctx: BackendContext,
  input: ParsedInput<'sample.load'>,
  raw: unknown,
): SampleLoadResult {
  const file = checkedSample(raw);
  const { db } = ctx;
  return writeTransaction(db, () => {
    // Checked inside the transaction: no other writer can add a unit between check and load.
    assertEmpty(db);
    if (!getMeta(db, 'operator_name')) setAuditedMeta(ctx, 'operator_name', newOperator(input));
    const actor = actorOf(ctx);
    const progress = phaseProgress(ctx.emit, SAMPLE_JOB, 'write', totalSteps(file));
    let done = 0;
    const tick = () => progress(++done);
    progress(0);
    const units = loadUnits(ctx, actor, file.units, tick);
    if (!getMeta(db, 'own_unit_id')) {
      setAuditedMeta(ctx, 'own_unit_id', idOf(units, file.ownUnit, 'tổ chức'), () => actor);
    }
    const ratings = loadRatings(ctx, actor, file.units, units, tick);
    const lists = loadLists(ctx, actor, file, units, tick);
    return { units: units.size, ratings, ...lists };
  });
}

/** Units are the root of everything else: a file without any has no data to mix the sample into. */
function assertEmpty(db: Db): void {
  const { count } = stmt<[], { count: number }>(
    db,
    'SELECT count(*) AS count FROM units',
  ).get() ?? {
    count: 0,
  };
  if (count > 0) {
    throw new AppError(
      'NOT_EMPTY',
      `Chỉ nạp được dữ liệu mẫu vào tệp dữ liệu chưa có tổ chức nào; tệp này đã có ` +
        `${formatNumber(count)} tổ chức. Dữ liệu không bị thay đổi. Hãy nạp dữ liệu mẫu vào ` +
        'một tệp dữ liệu mới.',
    );
  }
}

/** The name typed on the first-run screen (cleaned as the setup cleans it), or the default. */
function newOperator(input: ParsedInput<'sample.load'>): string {
  if (!input.operatorName) return SAMPLE_OPERATOR;
  const parsed = operatorName.safeParse(input.operatorName);
  if (!parsed.success) {
    throw new AppError('INVALID_INPUT', parsed.error.issues.map((i) => i.message).join(' '));
  }
  return parsed.data;
}

function totalSteps(file: SampleFile): number {
  const ratings = file.units.reduce((n, u) => n + Object.keys(u.ratings).length, 0);
  return file.units.length + ratings + listSteps(file);
}
