import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitTreeRow } from '../../../shared/contract';
import { usePagedList } from './usePagedList';

/** Units a level of the tree reads at once; "more" reads the next ones. */
const LEVEL_PAGE = 200;

interface Props {
  year: number;
  selectedId: string | null;
  /** The chosen unit (null: the whole register), with its name for the screen's forms. */
  onSelect: (id: string | null, name: string | null) => void;
  /** How many units the whole register has in the year, when known. */
  allCount: number | null;
}

/**
 * The hierarchy by parent as of the chosen year, read a level at a time (units.children): the
 * top when the screen opens, a unit's children when it is expanded. Top-level units start open
 * so the first screen shows the structure.
 */
export function UnitTree({ year, selectedId, onSelect, allCount }: Props) {
  const { t } = useTranslation();
  const [toggled, setToggled] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setToggled((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <nav className="tree" aria-label={t('units.tree')}>
      <button
        type="button"
        className={selectedId === null ? 'tree-all selected' : 'tree-all'}
        onClick={() => onSelect(null, null)}
      >
        {t('units.treeAll')}
        {allCount !== null && ` (${allCount})`}
      </button>
      <TreeLevel
        year={year}
        parentId={null}
        depth={0}
        selectedId={selectedId}
        onSelect={onSelect}
        toggled={toggled}
        onToggle={toggle}
      />
    </nav>
  );
}

interface LevelProps {
  year: number;
  parentId: string | null;
  depth: number;
  selectedId: string | null;
  onSelect: (id: string | null, name: string | null) => void;
  /** Units whose open state the user changed (top level: closed; below: open). */
  toggled: ReadonlySet<string>;
  onToggle: (id: string) => void;
}

function TreeLevel(props: LevelProps) {
  const { t } = useTranslation();
  const { year, parentId, depth } = props;
  const level = usePagedList('units.children', {
    year,
    parentId: parentId ?? undefined,
    pageSize: LEVEL_PAGE,
  });
  const items = level.rows.map((row) => <TreeNode key={row.id} row={row} {...props} />);
  const more = level.hasMore && (
    <li role="none">
      <button
        type="button"
        className="tree-more"
        style={{ paddingLeft: (depth + 1) * 14 }}
        onClick={level.loadMore}
      >
        {t('units.treeMore')}
      </button>
    </li>
  );
  if (depth === 0) {
    return (
      <ul role="tree" aria-busy={level.loading}>
        {items}
        {more}
      </ul>
    );
  }
  return (
    <ul role="group" aria-busy={level.loading}>
      {items}
      {more}
    </ul>
  );
}

function TreeNode({ row, ...props }: LevelProps & { row: UnitTreeRow }) {
  const { depth, selectedId, onSelect, toggled, onToggle } = props;
  const hasKids = row.childCount > 0;
  const isOpen = hasKids && (depth === 0 ? !toggled.has(row.id) : toggled.has(row.id));
  return (
    <li
      role="treeitem"
      aria-expanded={hasKids ? isOpen : undefined}
      aria-selected={row.id === selectedId}
    >
      <div
        className={row.id === selectedId ? 'tree-row selected' : 'tree-row'}
        style={{ paddingLeft: depth * 14 }}
      >
        {hasKids ? (
          <button
            type="button"
            className="twisty"
            aria-label={isOpen ? 'Thu gọn' : 'Mở rộng'}
            onClick={() => onToggle(row.id)}
          >
            {isOpen ? '▾' : '▸'}
          </button>
        ) : (
          <span className="twisty" />
        )}
        <button type="button" className="tree-label" onClick={() => onSelect(row.id, row.name)}>
          {row.name}
          {hasKids && <small> ({row.childCount})</small>}
        </button>
      </div>
      {isOpen && <TreeLevel {...props} parentId={row.id} depth={depth + 1} />}
    </li>
  );
}
