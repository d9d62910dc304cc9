import { useEffect, useEffectEvent, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitRow } from '../../../shared/contract';
import { call } from '../api/client';
import { followAnchor } from '../ui/floating';

interface Props {
  year: number;
  value: string | null;
  /** The chosen unit's id (null: none), with its row when it was chosen from the matches. */
  onChange: (id: string | null, row?: UnitRow) => void;
  label: string;
  /** Offered as the first choice, e.g. "no parent". */
  noneLabel?: string;
  excludeId?: string;
  initialName?: string | null;
  /**
   * For adding many units in a row: each choice is handed to `onPick`, then the field empties
   * and keeps the focus for the next one (the value stays unset). Enter pressed before the
   * matches of its text arrived empties the field at once too, so typing runs on; that text's
   * first match is picked when it comes. Picks are handed over one at a time, in the order they
   * were made, each after the previous `onPick` (which may return a promise) has finished.
   */
  onPick?: (row: UnitRow) => unknown;
  /** With `onPick`: Enter was pressed on a text that matches no unit. */
  onMiss?: (text: string) => void;
}

/** How many matches the backend sends: enough to choose from, never the whole register. */
export const PICKER_LIMIT = 30;
/** Typing pause before asking the backend again. */
const DEBOUNCE_MS = 100;

/** The units the backend finds for a text in a year (an empty text: the register's first). */
async function matchesFor(text: string, year: number, excludeId?: string): Promise<UnitRow[]> {
  const list = await call('units.list', {
    year,
    search: text.trim() || undefined,
    limit: PICKER_LIMIT + 1,
  });
  return list.rows.filter((r) => r.id !== excludeId).slice(0, PICKER_LIMIT);
}

/** The matches the backend gave for one text; only these may be chosen while that text is shown. */
interface Results {
  text: string;
  year: number;
  rows: UnitRow[];
}

/**
 * A combobox that finds a unit valid in `year` by typing part of its name or its code, without
 * diacritics. Every list is tagged with the text it answers: Enter chooses only from the list of
 * the text now in the field; pressed before that list has arrived, it waits for it. (Choosing
 * from the list of an earlier text is how a fast "BG02 Enter" used to pick another unit.)
 */
export function UnitPicker(props: Props) {
  const { t } = useTranslation();
  const listId = useId();
  const inputId = useId();
  const [text, setText] = useState(props.initialName ?? '');
  const [results, setResults] = useState<Results | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  // The text Enter was pressed on before its matches arrived.
  const enterPending = useRef<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  // Continuous picking: the picks not yet handed over, in order.
  const picks = useRef<Promise<unknown>>(Promise.resolve());
  // Leaving the field closes the list a moment later (a click on a match lands first); coming
  // back before then must not have the list closed under the user's typing.
  const closing = useRef<ReturnType<typeof setTimeout> | null>(null);
  const { year, excludeId, onChange, onPick, onMiss } = props;
  const noneOffered = props.noneLabel !== undefined;

  const current = results !== null && results.text === text && results.year === year;
  const items = results ? itemsOf(results, noneOffered) : [];
  const activeIndex = Math.min(active, Math.max(items.length - 1, 0));

  /** Hands a pick (found now or later) to onPick after the ones before it. */
  const pickInTurn = (typed: string, find: () => Promise<UnitRow | null>) => {
    picks.current = picks.current
      .then(async () => {
        const row = await find();
        if (row) await onPick?.(row);
        else onMiss?.(typed);
      })
      .catch(() => onMiss?.(typed));
    setText('');
    setOpen(false);
  };

  const choose = (row: UnitRow | null) => {
    enterPending.current = null;
    setOpen(false);
    if (row && onPick) {
      pickInTurn(row.name, () => Promise.resolve(row));
      return;
    }
    onChange(row?.id ?? null, row ?? undefined);
    setText(row?.name ?? '');
  };

  // Enter pressed early: once the matches of that very text are in, take the first one, the
  // same one Enter would have taken had they been there already.
  const onMatches = useEffectEvent((found: Results) => {
    setResults(found);
    if (enterPending.current !== found.text) return;
    const [first] = itemsOf(found, noneOffered);
    if (first === undefined) enterPending.current = null;
    else choose(first);
  });

  useEffect(() => {
    if (!open) return;
    let live = true;
    const timer = setTimeout(
      () => {
        matchesFor(text, year, excludeId).then(
          (rows) => live && onMatches({ text, year, rows }),
          () => live && onMatches({ text, year, rows: [] }),
        );
      },
      text === '' ? 0 : DEBOUNCE_MS,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, open, year, excludeId]);

  // The matches float above the page, so a dialog's box never cuts them off.
  const shown = open && items.length > 0;
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!shown || !list) return;
    return followAnchor(
      list,
      () => inputRef.current,
      () => setOpen(false),
    );
    // New matches change the list's height: place it again.
  }, [shown, results]);

  return (
    <div className="field picker">
      <label className="label" htmlFor={inputId}>
        {props.label}
      </label>
      <input
        ref={inputRef}
        id={inputId}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-busy={open && !current}
        placeholder={props.noneLabel ?? t('lineage.pickUnit')}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(0);
          enterPending.current = null;
          if (e.target.value === '') onChange(null);
        }}
        onFocus={() => {
          if (closing.current) clearTimeout(closing.current);
          closing.current = null;
          setOpen(true);
        }}
        onBlur={() => {
          closing.current = setTimeout(() => {
            closing.current = null;
            setOpen(false);
          }, 150);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            if (current) setActive(Math.min(activeIndex + 1, items.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            if (current) setActive(Math.max(activeIndex - 1, 0));
          } else if (e.key === 'Enter' && (open || (onPick && text.trim()))) {
            // Adding in a row, Enter takes the typed text even with the list closed (Escape).
            e.preventDefault();
            if (current) {
              if (items.length > 0) choose(items[activeIndex] ?? null);
              else if (onPick && text.trim()) onMiss?.(text);
            } else if (onPick && text.trim()) {
              // Adding in a row: the next name may be typed at once; this one is looked up.
              const typed = text;
              pickInTurn(typed, async () => (await matchesFor(typed, year, excludeId))[0] ?? null);
            } else {
              enterPending.current = text;
            }
          } else if (e.key === 'Escape' && open) {
            e.stopPropagation();
            setOpen(false);
            enterPending.current = null;
          }
        }}
      />
      {shown && (
        <ul
          ref={listRef}
          className={current ? 'options' : 'options stale'}
          role="listbox"
          id={listId}
          aria-busy={!current}
        >
          {items.map((row, i) => (
            <li
              key={row?.id ?? 'none'}
              role="option"
              aria-selected={current && i === activeIndex}
              className={current && i === activeIndex ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(row);
              }}
            >
              {row ? row.name : props.noneLabel}
              {row?.code && <small> · {row.code}</small>}
              {row?.parentName && <small> — {row.parentName}</small>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The choices of one list: "none" (when offered) only while nothing is typed, then the units. */
function itemsOf(results: Results, noneOffered: boolean): (UnitRow | null)[] {
  return noneOffered && results.text.trim() === '' ? [null, ...results.rows] : results.rows;
}
