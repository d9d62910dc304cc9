// `tccsd watchlist …` and `tccsd measure …`: consolidation lists and their measures from the
// command line, over the same contract as the app.
import type {
  Measure,
  MemberYearResult,
  Watchlist,
  WatchlistDetail,
  WatchlistMember,
} from '../../shared/contract';
import { TREND_LABELS } from '../../shared/domain/progress';
import {
  MEASURE_KINDS,
  MEASURE_KIND_LABELS,
  MEMBER_STATUS_LABELS,
  NOT_COMPARABLE_LABELS,
  WATCH_REASONS,
  WATCH_REASON_LABELS,
  choiceByLabel,
} from '../../shared/domain/watchlists';
import type { MeasureKind, WatchReason } from '../../shared/domain/watchlists';
import { CHANGE_LABELS } from '../../shared/domain/scales';
import { formatDateVi } from '../../shared/domain/years';
import { AppError } from '../../shared/errors';
import type { BackendContext } from '../backend/context';
import { resolveUnitRef } from '../backend/units/queries';
import type { Output, Values } from './common';
import { UsageError, call, parseYear } from './common';

const ARROWS = { up: '↑', same: '→', down: '↓', not_comparable: '≠' } as const;

export async function runWatchlist(
  ctx: BackendContext,
  command: string,
  args: string[],
  v: Values,
): Promise<Output> {
  switch (command) {
    case 'create': {
      if (!v.title) throw new UsageError('Thiếu --title (tên danh sách).');
      if (!v.issuer) throw new UsageError('Thiếu --issuer (mã hoặc ID cấp ủy ban hành).');
      if (!v.year) throw new UsageError('Thiếu --year (năm củng cố).');
      const year = parseYear(v.year);
      const detail = await call(ctx, 'watchlists.create', {
        title: v.title,
        number: v.number ?? null,
        decidedOn: v.date ?? null,
        issuerId: resolveUnitRef(ctx.db, v.issuer, year),
        year,
        extendsId: v.extends ?? null,
      });
      return { json: detail, text: `Đã lập danh sách.\n${headerText(detail)}` };
    }
    case 'add': {
      const list = await listOf(ctx, v.list);
      if (!v.unit) throw new UsageError('Thiếu --unit (mã hoặc ID tổ chức).');
      const { reasons, reasonOther } = parseReasons(v.reason ?? []);
      const member = await call(ctx, 'watchlists.addMember', {
        watchlistId: list.id,
        unitId: resolveUnitRef(ctx.db, v.unit, list.year),
        ...(v.group === undefined ? {} : { group: v.group }),
        reasons,
        ...(reasonOther === null ? {} : { reasonOther }),
        ...(v.responsible === undefined ? {} : { responsible: v.responsible }),
      });
      const baseline = member.baseline ? `${member.baseline.text || 'không xếp loại'}` : 'chưa có';
      return {
        json: member,
        text:
          `Đã thêm "${member.unitName}" vào danh sách "${list.title}" ` +
          `(STT ${member.position}${member.group ? `, nhóm ${member.group}` : ''}).\n` +
          `  Xếp loại năm ${list.year - 1} (năm trước): ${baseline}.\n  ID: ${member.id}`,
      };
    }
    case 'list': {
      const year = v.year ? parseYear(v.year) : undefined;
      const lists = await call(ctx, 'watchlists.list', year === undefined ? {} : { year });
      return { json: lists, text: listsText(lists, year) };
    }
    case 'show': {
      const detail = await listOf(ctx, args[0]);
      return { json: detail, text: showText(detail) };
    }
    default:
      throw new UsageError(`Lệnh không hợp lệ: watchlist ${command}`);
  }
}

export async function runMeasure(
  ctx: BackendContext,
  command: string,
  args: string[],
  v: Values,
): Promise<Output> {
  switch (command) {
    case 'add': {
      const list = await listOf(ctx, v.list);
      if (!v.unit) throw new UsageError('Thiếu --unit (mã hoặc ID tổ chức).');
      if (!v.kind) throw new UsageError('Thiếu --kind (loại biện pháp).');
      if (!v.title) throw new UsageError('Thiếu --title (nội dung biện pháp).');
      const unitId = resolveUnitRef(ctx.db, v.unit, list.year);
      const member = list.members.find((m) => m.unitId === unitId);
      if (!member) {
        throw new AppError(
          'NOT_FOUND',
          `Tổ chức "${v.unit}" không có trong danh sách "${list.title}".`,
        );
      }
      const measure = await call(ctx, 'measures.add', {
        memberId: member.id,
        kind: parseKind(v.kind),
        title: v.title,
        ...(v.start === undefined ? {} : { startOn: v.start }),
        ...(v.due === undefined ? {} : { dueOn: v.due }),
        ...(v.responsible === undefined ? {} : { responsible: v.responsible }),
      });
      return {
        json: measure,
        text: `Đã thêm biện pháp cho "${member.unitName}".\n${measureText(measure)}`,
      };
    }
    case 'done': {
      if (!args[0]) throw new UsageError('Thiếu ID biện pháp.');
      if (!v.date) throw new UsageError('Thiếu --date (ngày hoàn thành, dd/mm/yyyy).');
      const measure = await call(ctx, 'measures.complete', {
        id: args[0],
        doneOn: v.date,
        ...(v.note === undefined ? {} : { resultNote: v.note }),
      });
      return { json: measure, text: `Đã ghi hoàn thành.\n${measureText(measure)}` };
    }
    default:
      throw new UsageError(`Lệnh không hợp lệ: measure ${command}`);
  }
}

async function listOf(ctx: BackendContext, id: string | undefined): Promise<WatchlistDetail> {
  if (!id) throw new UsageError('Thiếu ID danh sách (--list ID, hoặc watchlist show ID).');
  return call(ctx, 'watchlists.get', { id });
}

/** Reasons as their Vietnamese labels, with or without diacritics; "khác: nội dung" for other. */
function parseReasons(typed: string[]): { reasons: WatchReason[]; reasonOther: string | null } {
  const reasons: WatchReason[] = [];
  let reasonOther: string | null = null;
  for (const text of typed) {
    const [head = '', ...rest] = text.split(':');
    const other = rest.length > 0 ? choiceByLabel(WATCH_REASONS, WATCH_REASON_LABELS, head) : null;
    const reason =
      other === 'other' ? other : choiceByLabel(WATCH_REASONS, WATCH_REASON_LABELS, text);
    if (!reason) {
      throw new UsageError(
        `Lý do không hợp lệ: "${text}". Chọn một trong: ` +
          `${WATCH_REASONS.map((r) => WATCH_REASON_LABELS[r]).join('; ')} ` +
          '(lý do khác ghi "Khác: nội dung").',
      );
    }
    if (reason === 'other') reasonOther = rest.join(':').trim() || null;
    if (!reasons.includes(reason)) reasons.push(reason);
  }
  return { reasons, reasonOther };
}

function parseKind(text: string): MeasureKind {
  const kind = choiceByLabel(MEASURE_KINDS, MEASURE_KIND_LABELS, text);
  if (!kind) {
    throw new UsageError(
      `Loại biện pháp không hợp lệ: "${text}". Chọn một trong: ` +
        `${MEASURE_KINDS.map((k) => MEASURE_KIND_LABELS[k]).join('; ')}.`,
    );
  }
  return kind;
}

function decisionText(l: Watchlist): string {
  const parts = [
    l.number ?? 'chưa có số',
    ...(l.decidedOn ? [`ngày ${formatDateVi(l.decidedOn)}`] : []),
  ];
  return parts.join(', ');
}

function yearsText(l: Watchlist): string {
  return l.toYear && l.toYear !== l.year ? `${l.year}–${l.toYear}` : String(l.year);
}

function headerText(l: Watchlist): string {
  return [
    `${l.title} (${decisionText(l)})`,
    `  ID: ${l.id}`,
    `  Cấp ủy ban hành: ${l.issuerName}; năm ${yearsText(l)}`,
    ...(l.extendsTitle ? [`  Mở rộng danh sách: ${l.extendsTitle}`] : []),
    ...(l.previousTitle ? [`  Tiếp nối danh sách: ${l.previousTitle}`] : []),
  ].join('\n');
}

function listsText(lists: Watchlist[], year: number | undefined): string {
  if (lists.length === 0) {
    return year === undefined
      ? 'Chưa có danh sách diện củng cố nào.'
      : `Không có danh sách diện củng cố nào trong năm ${year}.`;
  }
  const lines = lists.map(
    (l) =>
      `${l.id}  ${yearsText(l).padEnd(9)} ${(l.number ?? '').padEnd(12)} ${l.title}\n` +
      `    ${l.memberCount} tổ chức; ${l.improved} nâng lên; ` +
      `biện pháp ${l.measures.done}/${l.measures.total} xong, ${l.measures.overdue} quá hạn`,
  );
  return [`${lists.length} danh sách:`, ...lines].join('\n');
}

function resultText(r: MemberYearResult): string {
  const rating = r.rating ? r.rating.text || 'không xếp loại' : 'chưa có';
  const { trend, reason } = r.vsBaseline;
  // Nothing to compare yet: "chưa có" already says so.
  const compared =
    trend !== 'not_comparable'
      ? ` ${ARROWS[trend]} ${TREND_LABELS[trend]}`
      : reason === 'missing'
        ? ''
        : ` ${ARROWS[trend]} ${reason ? NOT_COMPARABLE_LABELS[reason] : TREND_LABELS[trend]}`;
  const extra = [
    ...(r.followed ? [`theo ${r.unitName}`] : []),
    ...(r.change ? [CHANGE_LABELS[r.change]] : []),
    ...(r.rank === 'bottom' ? ['tốp cuối'] : []),
  ];
  return `${r.year}: ${rating}${compared}${extra.length ? ` (${extra.join('; ')})` : ''}`;
}

function memberText(m: WatchlistMember): string {
  const baseline = m.baseline ? m.baseline.text || 'không xếp loại' : 'chưa có';
  const lines = [
    `${String(m.position).padStart(3)}. ${m.unitName}${m.unitCode ? ` [${m.unitCode}]` : ''}` +
      `${m.group ? ` — ${m.group}` : ''}`,
    `     Năm trước: ${baseline}; ${m.results.map(resultText).join('; ')}`,
    `     Biện pháp: ${m.measures.done}/${m.measures.total} xong, ${m.measures.overdue} quá hạn` +
      `${m.status === 'active' ? '' : `; ${MEMBER_STATUS_LABELS[m.status]}`}`,
    ...(m.lineage ? [`     Ghi chú: ${m.lineage.note}`] : []),
  ];
  return lines.join('\n');
}

function showText(d: WatchlistDetail): string {
  const figures = d.summaries.flatMap((s) =>
    [...s.groups, ...(s.groups.length > 1 ? [s.total] : [])].map(
      (g) =>
        `  Năm ${s.year} — ${g === s.total ? 'Cộng' : (g.group ?? '(không nhóm)')}: ${g.total} tổ chức; ` +
        `${g.levels.map((l) => `${l.text} ${l.count}`).join(', ')}; ` +
        `nâng lên ${g.up}, giữ nguyên ${g.same}, giảm ${g.down}` +
        `${g.notComparable ? `, không so sánh được ${g.notComparable}` : ''}` +
        `${g.notRated ? `, chưa có xếp loại ${g.notRated}` : ''}.`,
    ),
  );
  return [
    headerText(d),
    '',
    d.members.length === 0
      ? 'Chưa có tổ chức nào trong danh sách.'
      : `${d.members.length} tổ chức:`,
    ...d.members.map(memberText),
    ...(d.members.length === 0 ? [] : ['', 'Kết quả:', ...figures]),
  ].join('\n');
}

function measureText(m: Measure): string {
  return [
    `  ${MEASURE_KIND_LABELS[m.kind]}: ${m.title}`,
    `  ID: ${m.id}`,
    ...(m.responsible ? [`  Thực hiện: ${m.responsible}`] : []),
    ...(m.dueOn ? [`  Hạn: ${formatDateVi(m.dueOn)}${m.overdue ? ' (quá hạn)' : ''}`] : []),
    ...(m.doneOn ? [`  Hoàn thành: ${formatDateVi(m.doneOn)}`] : []),
  ].join('\n');
}
