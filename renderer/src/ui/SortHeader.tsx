// A sortable column header of a TanStack table: a button that cycles the order, with the order
// shown (▲ ▼) and told to screen readers (aria-sort).
import type { Header } from '@tanstack/react-table';
import { flexRender } from '@tanstack/react-table';

export function ariaSort(sorted: false | 'asc' | 'desc') {
  if (sorted === 'asc') return 'ascending' as const;
  if (sorted === 'desc') return 'descending' as const;
  return undefined;
}

export function SortHeader<T>({ header }: { header: Header<T, unknown> }) {
  const sorted = header.column.getIsSorted();
  return (
    <th className={`col-${header.column.id}`} aria-sort={ariaSort(sorted)}>
      <button type="button" className="th-button" onClick={header.column.getToggleSortingHandler()}>
        {flexRender(header.column.columnDef.header, header.getContext())}
        {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
      </button>
    </th>
  );
}
