// The members of a list as the province's "Biểu 01" lays them out: STT, tên TCCSĐ, đảng bộ trực
// thuộc, loại hình, lý do, đồng chí phụ trách, xếp loại năm trước and năm nay, so sánh, mức độ
// chuyển biến, biện pháp xong/tổng, quá hạn, ghi chú. Sorting by any column; STT keeps the
// list's own order. A list holds tens of units, so the table is not virtualised.
import type { ColumnDef, SortingState } from '@tanstack/react-table';
import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
} from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RatingBrief, WatchlistDetail, WatchlistMember } from '../../../shared/contract';
import { compareVietnamese } from '../../../shared/domain/text';
import {
  CHANGE_LEVELS,
  CHANGE_LEVEL_LABELS,
  MEMBER_STATUS_LABELS,
  WATCH_REASON_LABELS,
} from '../../../shared/domain/watchlists';
import { formatDateVi } from '../../../shared/domain/years';
import { SortHeader } from '../ui/SortHeader';
import { NARROW_WINDOW, useMediaQuery } from '../ui/useMediaQuery';
import { ComparisonMark, comparisonRank } from './Comparison';

interface Props {
  list: WatchlistDetail;
  members: WatchlistMember[];
  selectedId: string | null;
  onOpen: (id: string) => void;
  /** STT, name, this year and the comparison only, while a member's panel takes the room. */
  compact?: boolean;
}

/** Below 1280 px the table keeps what a consolidation meeting reads first; the member's panel
 * has the rest. */
const NARROW_HIDDEN = { sector: false, reasons: false, responsible: false, note: false };

const COMPACT_HIDDEN = {
  parent: false,
  sector: false,
  reasons: false,
  responsible: false,
  baseline: false,
  change: false,
  measures: false,
  note: false,
};

/** A rating as the table shows it: "HTTNV", "TSVM tiêu biểu", "Không xếp loại", or "". */
export function ratingCell(rating: RatingBrief | null, notRated: string): string {
  if (!rating) return '';
  return rating.text || (rating.notRatedReason ? notRated : '');
}

const tierOf = (r: RatingBrief | null) => r?.tier ?? 9;

/** Reasons as the list wrote them, "Khác" replaced by its text. */
export function reasonsText(m: WatchlistMember): string {
  return m.reasons
    .map((r) => (r === 'other' && m.reasonOther ? m.reasonOther : WATCH_REASON_LABELS[r]))
    .join('; ');
}

/** What the "ghi chú" column says: the status when not under way, the lineage, the notes. */
export function noteText(m: WatchlistMember): string {
  const status =
    m.status === 'active'
      ? null
      : `${MEMBER_STATUS_LABELS[m.status]}${m.statusDate ? ` (${formatDateVi(m.statusDate)})` : ''}`;
  return [status, m.lineage?.note, m.note, m.current.remark].filter(Boolean).join('. ');
}

export function MemberTable({ list, members, selectedId, onOpen, compact = false }: Props) {
  const { t } = useTranslation();
  const [sorting, setSorting] = useState<SortingState>([]);
  const multiYear = list.toYear !== null && list.toYear !== list.year;
  const notRated = t('watchlists.notRated');
  const columns = useMemo<ColumnDef<WatchlistMember>[]>(
    () => [
      { id: 'position', header: t('watchlists.columns.position'), accessorFn: (m) => m.position },
      {
        id: 'name',
        header: t('watchlists.columns.name'),
        accessorFn: (m) => m.unitName,
        sortingFn: (a, b) => compareVietnamese(a.original.unitName, b.original.unitName),
      },
      {
        // The committee directly above the unit that year; the list's own groups head the rows.
        id: 'parent',
        header: t('watchlists.columns.group'),
        accessorFn: (m) => m.parentName ?? '',
        sortingFn: (a, b) =>
          compareVietnamese(a.original.parentName ?? '', b.original.parentName ?? ''),
      },
      {
        id: 'sector',
        header: t('watchlists.columns.sector'),
        accessorFn: (m) => (m.sector ? t(`sectors.${m.sector}`) : ''),
      },
      { id: 'reasons', header: t('watchlists.columns.reasons'), accessorFn: reasonsText },
      {
        id: 'responsible',
        header: t('watchlists.columns.responsible'),
        accessorFn: (m) => m.responsible ?? '',
      },
      {
        id: 'baseline',
        header: t('watchlists.columns.baseline', { year: list.year - 1 }),
        accessorFn: (m) => ratingCell(m.baseline, notRated),
        sortingFn: (a, b) => tierOf(a.original.baseline) - tierOf(b.original.baseline),
      },
      {
        id: 'current',
        header: multiYear
          ? t('watchlists.columns.currentMulti')
          : t('watchlists.columns.current', { year: list.year }),
        accessorFn: (m) => {
          const text = ratingCell(m.current.rating, notRated);
          return multiYear && text ? `${text} (${m.current.year})` : text;
        },
        sortingFn: (a, b) => tierOf(a.original.current.rating) - tierOf(b.original.current.rating),
      },
      {
        id: 'compare',
        header: t('watchlists.columns.compare'),
        accessorFn: (m) => comparisonRank(m.current.vsBaseline),
        cell: ({ row }) => <ComparisonMark comparison={row.original.current.vsBaseline} />,
      },
      {
        id: 'change',
        header: t('watchlists.columns.change'),
        accessorFn: (m) => (m.current.change ? CHANGE_LEVEL_LABELS[m.current.change] : ''),
        sortingFn: (a, b) => changeRank(a.original) - changeRank(b.original),
      },
      {
        id: 'measures',
        header: t('watchlists.columns.measures'),
        accessorFn: (m) => (m.measures.total > 0 ? `${m.measures.done}/${m.measures.total}` : ''),
        sortingFn: (a, b) =>
          a.original.measures.done - b.original.measures.done ||
          a.original.measures.total - b.original.measures.total,
      },
      {
        id: 'overdue',
        header: t('watchlists.columns.overdue'),
        accessorFn: (m) => m.measures.overdue,
        cell: ({ row }) =>
          row.original.measures.overdue > 0 ? (
            <span className="overdue">{row.original.measures.overdue}</span>
          ) : (
            ''
          ),
      },
      { id: 'note', header: t('watchlists.columns.note'), accessorFn: noteText },
    ],
    [t, list.year, multiYear, notRated],
  );
  const narrow = useMediaQuery(NARROW_WINDOW);
  const columnVisibility = compact
    ? { ...COMPACT_HIDDEN, current: !narrow }
    : narrow
      ? NARROW_HIDDEN
      : {};
  const table = useReactTable({
    data: members,
    columns,
    state: { sorting, columnVisibility },
    onSortingChange: setSorting,
    // Ascending first, whatever the column: ↑ before →, fewer overdue before more.
    sortDescFirst: false,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (m) => m.id,
  });
  const rows = table.getRowModel().rows;
  // In the list's own order the rows come under their groups, as Biểu 01 prints them ("I. Các
  // đảng bộ huyện", "II. Đảng bộ Khối"); a single group of parent committees needs no heading.
  const groups = [...new Set(members.map((m) => m.group))];
  const headed =
    sorting.length === 0 && (groups.length > 1 || members.some((m) => !m.groupIsDefault));
  const width = table.getVisibleLeafColumns().length;

  return (
    <div className="table-scroll member-scroll">
      <table
        className={compact ? 'grid member-table narrow' : 'grid member-table'}
        aria-label={t('watchlists.membersLabel')}
      >
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <SortHeader key={header.id} header={header} />
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {rows.map((row, i) => [
            headed && rows[i - 1]?.original.group !== row.original.group && (
              <tr key={`group-${row.id}`} className="group-row">
                <th colSpan={width} scope="colgroup">
                  {toRoman(groups.indexOf(row.original.group) + 1)}.{' '}
                  {row.original.group ?? t('watchlists.filters.noGroup')}{' '}
                  <span className="muted">
                    ({members.filter((m) => m.group === row.original.group).length})
                  </span>
                </th>
              </tr>
            ),
            <tr
              key={row.id}
              tabIndex={0}
              aria-selected={row.id === selectedId}
              className={rowClass(row.original, row.id === selectedId)}
              onClick={() => onOpen(row.id)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') onOpen(row.id);
                if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                  e.preventDefault();
                  // The next member's row, over any group heading between.
                  let next: Element | null = e.currentTarget;
                  do {
                    next =
                      e.key === 'ArrowDown' ? next.nextElementSibling : next.previousElementSibling;
                  } while (next && !next.hasAttribute('tabindex'));
                  (next as HTMLElement | null)?.focus();
                }
              }}
            >
              {row.getVisibleCells().map((cell) => (
                <td
                  key={cell.id}
                  className={`col-${cell.column.id}`}
                  title={cell.column.id === 'compare' ? undefined : String(cell.getValue() ?? '')}
                >
                  {/* At most three lines; the whole text is in the title. */}
                  <div className="cell">
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </div>
                </td>
              ))}
            </tr>,
          ])}
        </tbody>
      </table>
    </div>
  );
}

/** Group numbers as Biểu 01 writes them: I, II, III … */
export function toRoman(n: number): string {
  const marks: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let rest = n;
  let out = '';
  for (const [value, mark] of marks) {
    while (rest >= value) {
      out += mark;
      rest -= value;
    }
  }
  return out;
}

function changeRank(m: WatchlistMember): number {
  return m.current.change ? CHANGE_LEVELS.indexOf(m.current.change) : CHANGE_LEVELS.length;
}

function rowClass(m: WatchlistMember, selected: boolean): string | undefined {
  const classes = [selected && 'selected', m.status !== 'active' && 'inactive'].filter(Boolean);
  return classes.length > 0 ? classes.join(' ') : undefined;
}
