// `tccsd units …`: the unit register from the command line.
import type { UnitDetail, UnitRow } from '../../shared/contract';
import type { UnitKind, UnitSector } from '../../shared/domain/units';
import {
  LINEAGE_EVENT_LABELS,
  UNIT_KINDS,
  UNIT_KIND_LABELS,
  UNIT_KIND_TERM,
  UNIT_SECTORS,
  UNIT_SECTOR_LABELS,
  UNIT_SECTOR_TERM,
} from '../../shared/domain/units';
import { MIN_YEAR, formatDateVi } from '../../shared/domain/years';
import { AppError } from '../../shared/errors';
import type { BackendContext } from '../backend/context';
import { clockYear } from '../backend/context';
import { resolveUnitRef } from '../backend/units/queries';
import type { Output, Values } from './common';
import { UsageError, call, lookup, parseYear } from './common';

export async function runUnits(
  ctx: BackendContext,
  command: string,
  args: string[],
  v: Values,
): Promise<Output> {
  try {
    return await runCommand(ctx, command, args, v);
  } catch (error) {
    // The message asks the user to confirm; on the command line that is an option.
    if (error instanceof AppError && error.code === 'DUPLICATE_NAME') {
      throw new AppError(
        error.code,
        `${error.message} (Dòng lệnh: thêm --allow-duplicate-name để xác nhận.)`,
      );
    }
    throw error;
  }
}

async function runCommand(
  ctx: BackendContext,
  command: string,
  args: string[],
  v: Values,
): Promise<Output> {
  const year = v.year ? parseYear(v.year) : clockYear(ctx);
  const allowDuplicateName = v['allow-duplicate-name'];
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
      // Without --from the founding year is not known: the unit exists in every earlier year.
      const from = v.from ? parseYear(v.from) : null;
      const detail = await call(ctx, 'units.create', {
        name: v.name ?? '',
        code: v.code ?? null,
        kind: v.kind ? parseKind(v.kind) : 'base_committee',
        sector: v.sector ? parseSector(v.sector) : null,
        parentId: v.parent ? resolveUnitRef(ctx.db, v.parent, from ?? MIN_YEAR) : null,
        fromYear: from,
        basis: v.basis ?? null,
        allowDuplicateName,
      });
      return detailOutput(detail);
    }
    case 'list': {
      const list = await call(ctx, 'units.list', {
        year,
        search: v.search,
        kind: v.kind ? parseKind(v.kind) : undefined,
        sector: v.sector ? (parseSector(v.sector) ?? undefined) : undefined,
        parentId: v.parent ? ref(v.parent, 'tổ chức cấp trên') : undefined,
      });
      return { json: list.rows, text: listText(list.rows, year) };
    }
    case 'show':
      return detailOutput(
        await call(ctx, 'units.get', { id: ref(args[0], 'mã hoặc ID tổ chức'), year }),
      );
    case 'rename':
      return detailOutput(
        await call(ctx, 'units.rename', {
          id: ref(args[0], 'mã hoặc ID tổ chức'),
          ...needYear(),
          name: v.name ?? '',
          allowDuplicateName,
        }),
      );
    case 'move': {
      const parentId = v.parent === 'none' ? null : ref(v.parent, '--parent');
      return detailOutput(
        await call(ctx, 'units.move', {
          id: ref(args[0], 'mã hoặc ID tổ chức'),
          ...needYear(),
          parentId,
          allowDuplicateName,
        }),
      );
    }
    case 'merge': {
      if (args.length === 0) throw new UsageError('Thiếu tổ chức cần sáp nhập.');
      const sourceIds = args.map((a) => ref(a, 'tổ chức nguồn'));
      return detailOutput(
        await call(ctx, 'units.merge', {
          sourceIds,
          targetId: ref(v.into, '--into'),
          ...needYear(),
          allowDuplicateName,
        }),
      );
    }
    case 'split': {
      const parts = (v.part ?? []).map((p) => {
        const [name = '', code] = p.split('|');
        return { name, code: code ?? null };
      });
      const result = await call(ctx, 'units.split', {
        id: ref(args[0], 'mã hoặc ID tổ chức'),
        ...needYear(),
        parts,
        endSource: v['end-source'] ?? false,
        allowDuplicateName,
      });
      return {
        json: result,
        text: result.created.map((d) => detailOutput(d).text).join('\n\n'),
      };
    }
    case 'dissolve':
      return detailOutput(
        await call(ctx, 'units.dissolve', {
          id: ref(args[0], 'mã hoặc ID tổ chức'),
          ...needYear(),
        }),
      );
    default:
      throw new UsageError(`Lệnh không hợp lệ: units ${command}`);
  }
}

function parseKind(text: string): UnitKind {
  return lookup(text, UNIT_KINDS, UNIT_KIND_LABELS, UNIT_KIND_TERM);
}

function parseSector(text: string): UnitSector | null {
  return text === 'none' ? null : lookup(text, UNIT_SECTORS, UNIT_SECTOR_LABELS, UNIT_SECTOR_TERM);
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
  const since = d.foundedYear === null ? 'có từ trước' : `từ ${d.foundedYear}`;
  const lines = [
    `${c.name}${c.code ? ` [${c.code}]` : ''}`,
    `  ID: ${d.id}`,
    `  ${UNIT_KIND_TERM}: ${UNIT_KIND_LABELS[c.kind]}`,
    ...(c.sector ? [`  ${UNIT_SECTOR_TERM}: ${UNIT_SECTOR_LABELS[c.sector]}`] : []),
    `  Trực thuộc: ${c.parentName ?? '(không)'}`,
    `  Hoạt động: ${since}${d.endedYear ? ` đến ${d.endedYear}` : ''}`,
    '  Lịch sử:',
    ...(d.events.length === 0 ? ['    (chưa có sự kiện nào)'] : []),
    ...d.events.map(
      (e) =>
        `    ${e.year}${e.eventDate ? ` (${formatDateVi(e.eventDate)})` : ''}: ` +
        `${LINEAGE_EVENT_LABELS[e.type].toLowerCase()}` +
        `${e.relatedUnitName ? ` — ${e.relatedUnitName}` : ''}${e.basis ? ` — ${e.basis}` : ''}`,
    ),
  ];
  return { json: d, text: lines.join('\n') };
}
