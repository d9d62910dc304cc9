// The grid's mouse editor: a list of the year's choices opened on a cell (click, double-click,
// F2 or Alt+↓). It floats above the page (ui/floating.ts), so the grid's box never cuts it off.
import { useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { RatingScale } from '../../../shared/domain/scales';
import { levelChoiceText, NOT_RATED_REASONS, ratingText } from '../../../shared/domain/scales';
import { followAnchor } from '../ui/floating';
import type { CellValue } from './draft';
import { EMPTY_CELL, sameValue } from './draft';

interface Props {
  /** The id of the cell the list opens under. */
  anchorId: string;
  label: string;
  scale: RatingScale;
  value: CellValue;
  onPick: (value: CellValue) => void;
  onClose: () => void;
}

interface Choice {
  value: CellValue;
  text: string;
}

/** Every value a cell can take in this scale: each level (and its "tiêu biểu"), not rated, empty. */
function useChoices(scale: RatingScale): Choice[] {
  const { t } = useTranslation();
  const choices: Choice[] = [];
  for (const level of scale.levels) {
    const plain = { levelCode: level.code, exemplary: false, notRatedReason: null };
    choices.push({ value: plain, text: levelChoiceText(level) });
    if (level.code === scale.exemplaryLevel) {
      choices.push({
        value: { ...plain, exemplary: true },
        text: ratingText(scale, level.code, true),
      });
    }
  }
  for (const reason of NOT_RATED_REASONS) {
    choices.push({
      value: { levelCode: null, exemplary: false, notRatedReason: reason },
      text: t('ratings.notRated', { reason: t(`notRated.${reason}`) }),
    });
  }
  choices.push({ value: EMPTY_CELL, text: t('ratings.bulkClear') });
  return choices;
}

export function CellEditor({ anchorId, label, scale, value, onPick, onClose }: Props) {
  const choices = useChoices(scale);
  // Opens on the cell's value; on an empty cell, on the first level.
  const [active, setActive] = useState(() =>
    sameValue(value, EMPTY_CELL)
      ? 0
      : Math.max(
          0,
          choices.findIndex((c) => sameValue(c.value, value)),
        ),
  );
  const listRef = useRef<HTMLUListElement>(null);

  // Placed before the first paint, then focused (a list not yet placed could not be focused).
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const stop = followAnchor(list, () => document.getElementById(anchorId), onClose);
    list.focus();
    return stop;
  }, [anchorId, onClose]);

  useLayoutEffect(() => {
    listRef.current
      ?.querySelector<HTMLElement>(`[data-index="${active}"]`)
      ?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  const pick = (index: number) => {
    const choice = choices[index];
    if (choice) onPick(choice.value);
  };

  return createPortal(
    <ul
      ref={listRef}
      className="cell-editor"
      role="listbox"
      aria-label={label}
      tabIndex={-1}
      aria-activedescendant={`${anchorId}-choice-${active}`}
      onBlur={onClose}
      onKeyDown={(e) => {
        const last = choices.length - 1;
        const moves: Record<string, number> = {
          ArrowDown: Math.min(active + 1, last),
          ArrowUp: Math.max(active - 1, 0),
          Home: 0,
          End: last,
          PageDown: Math.min(active + 5, last),
          PageUp: Math.max(active - 5, 0),
        };
        if (e.key in moves) setActive(moves[e.key] ?? active);
        else if (e.key === 'Enter' || e.key === ' ') pick(active);
        else if (e.key === 'Escape' || e.key === 'Tab') onClose();
        else return;
        e.preventDefault();
        e.stopPropagation();
      }}
    >
      {choices.map((choice, i) => (
        <li
          key={i}
          id={`${anchorId}-choice-${i}`}
          data-index={i}
          role="option"
          aria-selected={i === active}
          className={i === active ? 'active' : undefined}
          onMouseDown={(e) => {
            // Keep the focus in the list until the choice is made.
            e.preventDefault();
            pick(i);
          }}
          onMouseEnter={() => setActive(i)}
        >
          {choice.text}
        </li>
      ))}
    </ul>,
    document.body,
  );
}
