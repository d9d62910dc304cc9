// `tccsd` command line over the same backend and contract as the app.
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import type { MethodName, MethodOutput, UnitDetail, UnitRow } from '../shared/contract';
import { foldForSearch } from '../shared/domain/text';
import type { UnitKind, UnitSector } from '../shared/domain/units';
import {
  UNIT_KINDS,
  UNIT_KIND_LABELS,
  UNIT_SECTORS,
  UNIT_SECTOR_LABELS,
} from '../shared/domain/units';
import { currentYear, formatDateVi } from '../shared/domain/years';
import { AppError } from '../shared/errors';
import type { BackendContext } from './backend/context';
import { dispatch } from './backend/dispatch';
import { openBackend } from './backend/index';
import { defaultDbPath } from './backend/paths';
import { resolveUnitRef } from './backend/units/queries';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const USAGE = `Cách dùng: tccsd [--db TỆP] <lệnh> [tham số]

  units add --name TÊN [--code MÃ] [--kind LOẠI] [--sector LĨNH_VỰC] [--parent MÃ|ID] [--from NĂM] [--json]
  units list [--search CHỮ] [--year NĂM] [--kind LOẠI] [--sector LĨNH_VỰC] [--parent MÃ|ID] [--json]
  units show MÃ|ID [--year NĂM] [--json]
  units rename MÃ|ID --name TÊN --year NĂM [--date yyyy-mm-dd] [--basis SỐ_QĐ] [--json]
  units move MÃ|ID --parent MÃ|ID|none --year NĂM [--date …] [--basis …] [--json]
  units merge NGUỒN… --into MÃ|ID --year NĂM [--date …] [--basis …] [--json]
  units split MÃ|ID --part "TÊN[|MÃ]"… --year NĂM [--end-source] [--date …] [--basis …] [--json]
  units dissolve MÃ|ID --year NĂM [--date …] [--basis …] [--json]

LOẠI: ${UNIT_KINDS.join(', ')} (hoặc tên tiếng Việt, ví dụ "chi bộ cơ sở")
LĨNH_VỰC: ${UNIT_SECTORS.join(', ')} (hoặc "xã", "phường", …)
--db mặc định: ${defaultDbPath()}`;

const OPTIONS = {
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
  'end-source': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

class UsageError extends Error {}

export function runCli(argv: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`Lỗi: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [group, command, ...rest] = positionals;
  if (values.help || !group) {
    io.out(USAGE);
    return values.help ? 0 : 2;
  }
  let ctx: BackendContext | undefined;
  try {
    if (group !== 'units' || !command)
      throw new UsageError(`Lệnh không hợp lệ: ${positionals.join(' ')}`);
    ctx = openBackend({
      dbPath: values.db ?? defaultDbPath(env),
      origin: 'cli',
      fallbackOperator: env.TCCSD_OPERATOR ?? safeUserName(),
    });
    const result = runUnits(ctx, command, rest, values);
    io.out(values.json ? JSON.stringify(result.json, null, 2) : result.text);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`Lỗi: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof AppError) {
      io.err(`Lỗi: ${error.message}`);
      return 1;
    }
    io.err(`Lỗi ngoài dự kiến: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    ctx?.db.close();
  }
}

type Values = ReturnType<
  typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>
>['values'];
interface Output {
  json: unknown;
  text: string;
}

function runUnits(ctx: BackendContext, command: string, args: string[], v: Values): Output {
  const year = v.year ? parseYear(v.year) : currentYear();
  const ref = (text: string | undefined, what: string) => {
    if (!text) throw new UsageError(`Thiếu ${what}.`);
    return resolveUnitRef(ctx.db, text, year);
  };
  const needYear = () => {
    if (!v.year) throw new UsageError('Thiếu --year (năm áp dụng).');
    return { year, eventDate: v.date ?? null, basis: v.basis ?? null };
  };
  switch (command) {
    case 'add': {
      const from = v.from ? parseYear(v.from) : currentYear();
      const detail = call(ctx, 'units.create', {
        name: v.name ?? '',
        code: v.code ?? null,
        kind: v.kind ? parseKind(v.kind) : 'base_committee',
        sector: v.sector ? parseSector(v.sector) : null,
        parentId: v.parent ? resolveUnitRef(ctx.db, v.parent, from) : null,
        fromYear: from,
        basis: v.basis ?? null,
      });
      return detailOutput(detail);
    }
    case 'list': {
      const list = call(ctx, 'units.list', {
        year,
        search: v.search,
        kind: v.kind ? parseKind(v.kind) : undefined,
        sector: v.sector ? (parseSector(v.sector) ?? undefined) : undefined,
        parentId: v.parent ? ref(v.parent, 'tổ chức cấp trên') : undefined,
      });
      return { json: list.rows, text: listText(list.rows, year) };
    }
    case 'show':
      return detailOutput(call(ctx, 'units.get', { id: ref(args[0], 'mã hoặc ID tổ chức'), year }));
    case 'rename':
      return detailOutput(
        call(ctx, 'units.rename', {
          id: ref(args[0], 'mã hoặc ID tổ chức'),
          ...needYear(),
          name: v.name ?? '',
        }),
      );
    case 'move': {
      const parentId = v.parent === 'none' ? null : ref(v.parent, '--parent');
      return detailOutput(
        call(ctx, 'units.move', {
          id: ref(args[0], 'mã hoặc ID tổ chức'),
          ...needYear(),
          parentId,
        }),
      );
    }
    case 'merge': {
      if (args.length === 0) throw new UsageError('Thiếu tổ chức cần sáp nhập.');
      const sourceIds = args.map((a) => ref(a, 'tổ chức nguồn'));
      return detailOutput(
        call(ctx, 'units.merge', { sourceIds, targetId: ref(v.into, '--into'), ...needYear() }),
      );
    }
    case 'split': {
      const parts = (v.part ?? []).map((p) => {
        const [name = '', code] = p.split('|');
        return { name, code: code ?? null };
      });
      const result = call(ctx, 'units.split', {
        id: ref(args[0], 'mã hoặc ID tổ chức'),
        ...needYear(),
        parts,
        endSource: v['end-source'] ?? false,
      });
      return {
        json: result,
        text: result.created.map((d) => detailOutput(d).text).join('\n\n'),
      };
    }
    case 'dissolve':
      return detailOutput(
        call(ctx, 'units.dissolve', { id: ref(args[0], 'mã hoặc ID tổ chức'), ...needYear() }),
      );
    default:
      throw new UsageError(`Lệnh không hợp lệ: units ${command}`);
  }
}

function call<M extends MethodName>(
  ctx: BackendContext,
  method: M,
  input: unknown,
): MethodOutput<M> {
  const result = dispatch(ctx, method, input);
  if (!result.ok) throw new AppError(result.error.code, result.error.message);
  return result.value as MethodOutput<M>;
}

function parseYear(text: string): number {
  const year = Number(text);
  if (!/^\d{4}$/.test(text) || !Number.isInteger(year)) {
    throw new UsageError(`Năm không hợp lệ: "${text}" (cần 4 chữ số, ví dụ 2017).`);
  }
  return year;
}

function lookup<T extends string>(
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

function parseKind(text: string): UnitKind {
  return lookup(text, UNIT_KINDS, UNIT_KIND_LABELS, 'Loại tổ chức');
}

function parseSector(text: string): UnitSector | null {
  return text === 'none' ? null : lookup(text, UNIT_SECTORS, UNIT_SECTOR_LABELS, 'Lĩnh vực');
}

function listText(rows: UnitRow[], year: number): string {
  if (rows.length === 0) return `Không có tổ chức nào trong năm ${year}.`;
  const lines = rows.map(
    (r) =>
      `${(r.code ?? '').padEnd(12)} ${r.name}${r.parentName ? `  (thuộc ${r.parentName})` : ''}`,
  );
  return [`${rows.length} tổ chức trong năm ${year}:`, ...lines].join('\n');
}

function detailOutput(d: UnitDetail): Output {
  const c = d.current;
  const lines = [
    `${c.name}${c.code ? ` [${c.code}]` : ''}`,
    `  ID: ${d.id}`,
    `  Loại: ${UNIT_KIND_LABELS[c.kind]}${c.sector ? ` · ${UNIT_SECTOR_LABELS[c.sector]}` : ''}`,
    `  Trực thuộc: ${c.parentName ?? '(không)'}`,
    `  Hoạt động: từ ${d.foundedYear}${d.endedYear ? ` đến ${d.endedYear}` : ''}`,
    '  Lịch sử:',
    ...d.events.map(
      (e) =>
        `    ${e.year}${e.eventDate ? ` (${formatDateVi(e.eventDate)})` : ''}: ${e.type}` +
        `${e.relatedUnitName ? ` — ${e.relatedUnitName}` : ''}${e.basis ? ` — ${e.basis}` : ''}`,
    ),
  ];
  return { json: d, text: lines.join('\n') };
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'Không rõ';
  }
}

const isEntry = process.argv[1] && /cli\.[cm]?[jt]s$/.test(process.argv[1]);
if (isEntry) {
  process.exitCode = runCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
  });
}
