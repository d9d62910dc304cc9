// The year's entry grid: keyboard first. Type a level's abbreviation (or its first letters, or a
// tier number), Enter or ↓ for the next row, Delete to clear, * for "tiêu biểu", Shift+↑↓ to select
// several rows, Ctrl+V to paste a column copied from a spreadsheet. With the mouse: a click on
// this year's cell, or a double-click on the row, opens the list of choices (F2 or Alt+↓ too).
// The rows come a page at a time (useGridPages.ts): the keys move over the rows read so far, and
// the rows of a later page join the grid as they arrive.
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ClipboardEvent, KeyboardEvent } from 'react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RatingGrid as Grid, RatingGridRow } from '../../../shared/contract';
import type { RatingScale } from '../../../shared/domain/scales';
import { levelsByPrefix, ratingText, scaleById } from '../../../shared/domain/scales';
import { formatNumber } from '../../../shared/domain/summary';
import { CellEditor } from './CellEditor';
import type { CellValue, Draft } from './draft';
import {
  EMPTY_CELL,
  applyPaste,
  pasteMessageParts,
  pasteNeedsEveryRow,
  toggleExemplary,
  valueOf,
  withChange,
  withValues,
} from './draft';

const ROW_HEIGHT = 32;
const PAGE = 20;
const TYPING_PAUSE_MS = 1200;

interface Props {
  /** The rows read so far: later pages are added as they come. */
  grid: Grid;
  /** Whether every page is here: select-all and a paste over rows not read yet wait for it. */
  complete: boolean;
  /** How many rows the whole grid has. */
  total: number;
  scale: RatingScale;
  draft: Draft;
  onDraft: (draft: Draft) => void;
  selection: ReadonlySet<string>;
  onSelection: (ids: ReadonlySet<string>) => void;
  onMessage: (message: string | null) => void;
  /** Opens the unit's page in the register (its name is a link; Ctrl+Enter on the active row). */
  onOpenUnit: (unitId: string) => void;
}

/** A cell's level in the words of its period ("TSVM tiêu biểu", "HTXSNV tiêu biểu"). */
export function levelText(value: CellValue | null, scale: RatingScale | null): string {
  return value ? ratingText(scale, value.levelCode, value.exemplary) : '';
}

export function RatingGrid({
  grid,
  complete,
  total,
  scale,
  draft,
  onDraft,
  selection,
  onSelection,
  onMessage,
  onOpenUnit,
}: Props) {
  const { t } = useTranslation();
  const rows = grid.rows;
  const [active, setActive] = useState(0);
  const [anchor, setAnchor] = useState(0);
  const [typed, setTyped] = useState('');
  const typedAt = useRef(0);
  const scrollRef = useRef<HTMLDivElement>(null);
  // The row whose cell has its list of choices open.
  const [editingId, setEditingId] = useState<string | null>(null);
  const closeEditor = useCallback(() => {
    setEditingId(null);
    scrollRef.current?.focus();
  }, []);
  const previousScale = grid.previousScaleId ? scaleById(grid.previousScaleId) : null;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 15,
    initialRect: { width: 900, height: 600 },
  });
  const activeIndex = Math.min(active, Math.max(rows.length - 1, 0));
  const progress = { loaded: formatNumber(rows.length), total: formatNumber(total) };

  useEffect(() => {
    if (rows.length > 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, rows.length, virtualizer]);

  const targets = (): RatingGridRow[] => {
    const chosen = rows.filter((r) => selection.has(r.unitId));
    return chosen.length > 0 ? chosen : rows[activeIndex] ? [rows[activeIndex]] : [];
  };
  const moveTo = (index: number, extend: boolean) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setActive(next);
    setTyped('');
    if (extend) {
      const [from, to] = anchor <= next ? [anchor, next] : [next, anchor];
      onSelection(new Set(rows.slice(from, to + 1).map((r) => r.unitId)));
    } else {
      setAnchor(next);
      if (selection.size > 0) onSelection(new Set());
    }
  };
  const setLevel = (code: string | null) => {
    const many = targets();
    // Through the shared merge rule: typing the level a row shows keeps its "tiêu biểu".
    onDraft(
      code
        ? withChange(draft, many, scale, { levelCode: code })
        : withValues(draft, many, EMPTY_CELL),
    );
    onMessage(null);
    if (many.length === 1) moveTo(activeIndex + 1, false);
  };

  const onType = (key: string) => {
    const now = Date.now();
    const buffer = (now - typedAt.current > TYPING_PAUSE_MS ? '' : typed) + key;
    typedAt.current = now;
    let matches = levelsByPrefix(scale, buffer);
    let text = buffer;
    if (matches.length === 0 && buffer.length > 1) {
      text = key;
      matches = levelsByPrefix(scale, key);
    }
    if (matches.length === 1) {
      setTyped('');
      setLevel(matches[0]!.code);
    } else if (matches.length > 1) {
      setTyped(text);
      onMessage(
        t('ratings.typing', {
          typed: text.toUpperCase(),
          options: matches.map((m) => m.abbreviation).join(', '),
        }),
      );
    } else {
      setTyped('');
      onMessage(
        t('ratings.noMatch', {
          typed: key.toUpperCase(),
          year: grid.year,
          levels: scale.levels.map((l) => l.abbreviation).join(', '),
        }),
      );
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
        e.preventDefault();
        if (complete) onSelection(new Set(rows.map((r) => r.unitId)));
        else onMessage(t('ratings.waitSelectAll', progress));
      }
      const activeRow = rows[activeIndex];
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter' && activeRow) {
        e.preventDefault();
        onOpenUnit(activeRow.unitId);
      }
      if (e.altKey && e.key === 'ArrowDown' && activeRow) {
        e.preventDefault();
        setEditingId(activeRow.unitId);
      }
      return;
    }
    const handled = true;
    switch (e.key) {
      case 'ArrowDown':
      case 'Enter':
        moveTo(activeIndex + 1, e.shiftKey && e.key === 'ArrowDown');
        break;
      case 'ArrowUp':
        moveTo(activeIndex - 1, e.shiftKey);
        break;
      case 'PageDown':
        moveTo(activeIndex + PAGE, e.shiftKey);
        break;
      case 'PageUp':
        moveTo(activeIndex - PAGE, e.shiftKey);
        break;
      case 'Home':
        moveTo(0, e.shiftKey);
        break;
      case 'End':
        moveTo(rows.length - 1, e.shiftKey);
        break;
      case 'Delete':
        setLevel(null);
        break;
      case 'F2':
        if (rows[activeIndex]) setEditingId(rows[activeIndex].unitId);
        break;
      case 'Backspace':
        if (typed) setTyped(typed.slice(0, -1));
        else setLevel(null);
        break;
      case 'Escape':
        setTyped('');
        onMessage(null);
        onSelection(new Set());
        break;
      case '*':
        onDraft(toggleExemplary(draft, targets(), scale));
        break;
      default:
        if (/^[1-9]$/.test(e.key)) {
          const level = scale.levels.find((l) => l.tier === Number(e.key));
          if (level) setLevel(level.code);
        } else if (/^\p{L}$/u.test(e.key)) {
          onType(e.key);
        } else {
          return;
        }
    }
    if (handled) e.preventDefault();
  };

  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    const text = e.clipboardData.getData('text/plain');
    if (!text) return;
    e.preventDefault();
    if (!complete && pasteNeedsEveryRow(text, scale, activeIndex, rows.length)) {
      onMessage(t('ratings.waitPaste', progress));
      return;
    }
    const outcome = applyPaste(draft, rows, activeIndex, text, scale);
    onDraft(outcome.draft);
    onMessage(
      pasteMessageParts(outcome, grid.year)
        .map((part) => t(part.key, part.values))
        .join(' '),
    );
  };

  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);

  const editingRow = editingId ? rows.find((r) => r.unitId === editingId) : undefined;

  return (
    <>
      <div
        ref={scrollRef}
        className="table-scroll rating-grid"
        role="grid"
        tabIndex={0}
        aria-label={t('ratings.grid', { year: grid.year })}
        aria-rowcount={total + 1}
        aria-busy={!complete}
        aria-activedescendant={
          rows[activeIndex] ? `rating-row-${rows[activeIndex].unitId}` : undefined
        }
        aria-multiselectable="true"
        onKeyDown={onKeyDown}
        onPaste={onPaste}
      >
        <div role="rowgroup" className="grid-head">
          <div role="row" className="grid-row head">
            <span role="columnheader" className="c-index">
              {t('ratings.columns.index')}
            </span>
            <span role="columnheader" className="c-name">
              {t('ratings.columns.name')}
            </span>
            <span role="columnheader" className="c-parent">
              {t('ratings.columns.parent')}
            </span>
            <span role="columnheader" className="c-level">
              {t('ratings.columns.previous', { year: grid.year - 1 })}
            </span>
            <span role="columnheader" className="c-level">
              {t('ratings.columns.current', { year: grid.year })}
            </span>
          </div>
        </div>
        <div role="rowgroup">
          {padTop > 0 && <div style={{ height: padTop }} aria-hidden="true" />}
          {items.map((item) => {
            const row = rows[item.index]!;
            const value = valueOf(row, draft);
            const changed = draft.has(row.unitId);
            const isActive = item.index === activeIndex;
            const classes = [
              'grid-row',
              isActive && 'active',
              selection.has(row.unitId) && 'selected',
              changed && 'changed',
            ]
              .filter(Boolean)
              .join(' ');
            return (
              <div
                key={row.unitId}
                id={`rating-row-${row.unitId}`}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={selection.has(row.unitId) || isActive}
                className={classes}
                style={{ height: ROW_HEIGHT }}
                onMouseDown={(e) => {
                  e.preventDefault();
                  scrollRef.current?.focus();
                  moveTo(item.index, e.shiftKey);
                }}
                onDoubleClick={() => setEditingId(row.unitId)}
              >
                <span role="gridcell" className="c-index">
                  {item.index + 1}
                </span>
                <span role="gridcell" className="c-name">
                  {/* Out of the tab order: the grid is one stop, Ctrl+Enter opens the active row. */}
                  <button
                    type="button"
                    className="link unit-link"
                    tabIndex={-1}
                    title={t('ratings.openUnit', { name: row.name })}
                    onClick={() => onOpenUnit(row.unitId)}
                  >
                    {row.name}
                  </button>
                </span>
                <span role="gridcell" className="c-parent">
                  {row.parentName}
                </span>
                <span role="gridcell" className="c-level previous">
                  {levelText(row.previous, previousScale)}
                </span>
                <span
                  role="gridcell"
                  id={`rating-current-${row.unitId}`}
                  className="c-level current"
                  aria-label={t('ratings.columns.current', { year: grid.year })}
                  onClick={(e) => !e.shiftKey && setEditingId(row.unitId)}
                >
                  {value.levelCode
                    ? levelText(value, scale)
                    : value.notRatedReason
                      ? `— ${t(`notRated.${value.notRatedReason}`)}`
                      : ''}
                  {changed && (
                    <span className="dot" aria-label="đã sửa">
                      {' '}
                      •
                    </span>
                  )}
                </span>
              </div>
            );
          })}
          {padBottom > 0 && <div style={{ height: padBottom }} aria-hidden="true" />}
        </div>
      </div>
      {editingRow && (
        <CellEditor
          anchorId={`rating-current-${editingRow.unitId}`}
          label={t('ratings.cellEditor', { year: grid.year, name: editingRow.name })}
          scale={scale}
          value={valueOf(editingRow, draft)}
          onPick={(value) => {
            onDraft(withValues(draft, [editingRow], value));
            onMessage(null);
            closeEditor();
          }}
          onClose={closeEditor}
        />
      )}
    </>
  );
}
