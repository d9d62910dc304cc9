import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitRow } from '../../../shared/contract';

interface Props {
  rows: UnitRow[];
  selectedId: string | null;
  onSelect: (id: string | null) => void;
}

/** The hierarchy by parent as of the chosen year. Children render only when expanded. */
export function UnitTree({ rows, selectedId, onSelect }: Props) {
  const { t } = useTranslation();
  const { roots, children } = useMemo(() => buildTree(rows), [rows]);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setExpanded((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const renderNode = (row: UnitRow, depth: number) => {
    const kids = children.get(row.id) ?? [];
    // Top-level units start open so the first screen shows the structure.
    const isOpen = depth === 0 ? !expanded.has(row.id) : expanded.has(row.id);
    return (
      <li
        key={row.id}
        role="treeitem"
        aria-expanded={kids.length ? isOpen : undefined}
        aria-selected={row.id === selectedId}
      >
        <div
          className={row.id === selectedId ? 'tree-row selected' : 'tree-row'}
          style={{ paddingLeft: depth * 14 }}
        >
          {kids.length > 0 ? (
            <button
              type="button"
              className="twisty"
              aria-label={isOpen ? 'Thu gọn' : 'Mở rộng'}
              onClick={() => toggle(row.id)}
            >
              {isOpen ? '▾' : '▸'}
            </button>
          ) : (
            <span className="twisty" />
          )}
          <button type="button" className="tree-label" onClick={() => onSelect(row.id)}>
            {row.name}
            {kids.length > 0 && <small> ({kids.length})</small>}
          </button>
        </div>
        {isOpen && kids.length > 0 && (
          <ul role="group">{kids.map((k) => renderNode(k, depth + 1))}</ul>
        )}
      </li>
    );
  };

  return (
    <nav className="tree" aria-label={t('units.tree')}>
      <button
        type="button"
        className={selectedId === null ? 'tree-all selected' : 'tree-all'}
        onClick={() => onSelect(null)}
      >
        {t('units.treeAll')} ({rows.length})
      </button>
      <ul role="tree">{roots.map((r) => renderNode(r, 0))}</ul>
    </nav>
  );
}

function buildTree(rows: UnitRow[]) {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<string, UnitRow[]>();
  const roots: UnitRow[] = [];
  for (const row of rows) {
    if (row.parentId && ids.has(row.parentId)) {
      const list = children.get(row.parentId) ?? [];
      list.push(row);
      children.set(row.parentId, list);
    } else {
      roots.push(row);
    }
  }
  return { roots, children };
}
