import type { ColumnDef, SortingState } from '@tanstack/react-table';
import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitRow } from '../../../shared/contract';
import { compareVietnamese } from '../../../shared/domain/text';

const ROW_HEIGHT = 34;

interface Props {
  rows: UnitRow[];
  year: number;
  selectedId: string | null;
  onOpen: (id: string) => void;
  /** Only the name and the code, while a unit's page takes the room beside the table. */
  compact?: boolean;
  /** More rows follow (the register is read a page at a time). */
  hasMore?: boolean;
  /** Called when the user has scrolled near the last row read: read the next page. */
  onNearEnd?: () => void;
}

/** How close to the last row read the next page is asked for. */
const NEAR_END_ROWS = 40;

/** Stable objects for the table's state: a new one on every render makes it redo its work. */
const NOT_SORTED: SortingState = [];
const ALL_COLUMNS = {};

/** The columns a compact table leaves out. */
const HIDDEN_WHEN_COMPACT = { kind: false, sector: false, parent: false };

/**
 * The unit list: virtualised so 60,000 rows scroll as smoothly as 60 (only the rows in view are
 * in the page, each of a fixed height in a fixed layout); the next page is read as the user
 * nears the end; keyboard-navigable. Sorting by a column needs every row, so it is offered once
 * the whole list is read; until then the list is in the register's order.
 */
export function UnitTable({
  rows,
  year,
  selectedId,
  onOpen,
  compact = false,
  hasMore = false,
  onNearEnd,
}: Props) {
  const { t } = useTranslation();
  const [sorting, setSorting] = useState<SortingState>([]);
  const columns = useMemo<ColumnDef<UnitRow>[]>(
    () => [
      {
        id: 'name',
        header: t('units.columns.name'),
        accessorFn: (r) => r.name,
        sortingFn: (a, b) => compareVietnamese(a.original.name, b.original.name),
        cell: ({ row }) => (
          <>
            {row.original.name}
            {row.original.endedYear === year && (
              <span className="badge">{t('units.endedInYear', { year })}</span>
            )}
          </>
        ),
      },
      { id: 'code', header: t('units.columns.code'), accessorFn: (r) => r.code ?? '' },
      { id: 'kind', header: t('units.columns.kind'), accessorFn: (r) => t(`kinds.${r.kind}`) },
      {
        id: 'sector',
        header: t('units.columns.sector'),
        accessorFn: (r) => (r.sector ? t(`sectors.${r.sector}`) : ''),
      },
      {
        id: 'parent',
        header: t('units.columns.parent'),
        accessorFn: (r) => r.parentName ?? '',
        sortingFn: (a, b) =>
          compareVietnamese(a.original.parentName ?? '', b.original.parentName ?? ''),
      },
    ],
    [t, year],
  );
  const table = useReactTable({
    data: rows,
    columns,
    state: {
      sorting: hasMore ? NOT_SORTED : sorting,
      columnVisibility: compact ? HIDDEN_WHEN_COMPACT : ALL_COLUMNS,
    },
    enableSorting: !hasMore,
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (r) => r.id,
  });
  const tableRows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    // One more row while pages follow: it says the next page is being read.
    count: tableRows.length + (hasMore ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // jsdom has no layout: fall back to a window of rows so tests still see content.
    initialRect: { width: 800, height: 600 },
  });
  // The open unit's row stays in view: when it was opened from another screen, and when the
  // table narrows to make room for the unit's page.
  const selectedIndex = selectedId ? tableRows.findIndex((r) => r.id === selectedId) : -1;
  useEffect(() => {
    if (selectedIndex < 0) return;
    const shown = scrollRef.current?.querySelector<HTMLElement>(
      `tr[aria-rowindex="${selectedIndex + 2}"]`,
    );
    if (shown) shown.scrollIntoView?.({ block: 'nearest' });
    else virtualizer.scrollToIndex(selectedIndex, { align: 'center' });
  }, [selectedIndex, compact, virtualizer]);
  const items = virtualizer.getVirtualItems();
  const lastShown = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    if (hasMore && lastShown >= tableRows.length - NEAR_END_ROWS) onNearEnd?.();
  }, [hasMore, lastShown, tableRows.length, onNearEnd]);
  const padTop = items[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);

  return (
    <div className="table-scroll" ref={scrollRef}>
      <table
        className="grid units-table"
        aria-label={t('units.listLabel')}
        aria-rowcount={tableRows.length + 1}
      >
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th
                  key={header.id}
                  className={`col-${header.column.id}`}
                  aria-sort={ariaSort(header.column.getIsSorted())}
                >
                  <button
                    type="button"
                    className="th-button"
                    disabled={!header.column.getCanSort()}
                    title={header.column.getCanSort() ? undefined : t('units.sortWhenAll')}
                    onClick={header.column.getToggleSortingHandler()}
                  >
                    {flexRender(header.column.columnDef.header, header.getContext())}
                    {{ asc: ' ▲', desc: ' ▼' }[header.column.getIsSorted() as string] ?? ''}
                  </button>
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {padTop > 0 && <tr style={{ height: padTop }} aria-hidden="true" />}
          {items.map((item) => {
            const row = tableRows[item.index];
            if (!row) {
              return (
                <tr key="more" className="loading-row" style={{ height: ROW_HEIGHT }}>
                  <td colSpan={table.getVisibleLeafColumns().length} className="muted">
                    {t('app.loading')}
                  </td>
                </tr>
              );
            }
            return (
              <tr
                key={row.id}
                tabIndex={0}
                aria-rowindex={item.index + 2}
                aria-selected={row.id === selectedId}
                className={row.id === selectedId ? 'selected' : undefined}
                style={{ height: ROW_HEIGHT }}
                onClick={() => onOpen(row.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') onOpen(row.id);
                  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                    e.preventDefault();
                    const next = (
                      e.key === 'ArrowDown'
                        ? e.currentTarget.nextElementSibling
                        : e.currentTarget.previousElementSibling
                    ) as HTMLElement | null;
                    next?.focus();
                  }
                }}
              >
                {row.getVisibleCells().map((cell) => (
                  // The whole value on hover: narrow columns end long names with "…".
                  <td
                    key={cell.id}
                    className={`col-${cell.column.id}`}
                    title={String(cell.getValue() ?? '')}
                  >
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            );
          })}
          {padBottom > 0 && <tr style={{ height: padBottom }} aria-hidden="true" />}
        </tbody>
      </table>
    </div>
  );
}

function ariaSort(sorted: false | 'asc' | 'desc') {
  if (sorted === 'asc') return 'ascending' as const;
  if (sorted === 'desc') return 'descending' as const;
  return undefined;
}
