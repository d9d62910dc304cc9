import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitRow } from '../../../shared/contract';
import { call } from '../api/client';

interface Props {
  year: number;
  value: string | null;
  onChange: (id: string | null) => void;
  label: string;
  /** Offered as the first choice, e.g. "no parent". */
  noneLabel?: string;
  excludeId?: string;
  initialName?: string | null;
}

/** A combobox that finds a unit valid in `year` by typing part of its name, without diacritics. */
export function UnitPicker(props: Props) {
  const { t } = useTranslation();
  const listId = useId();
  const inputId = useId();
  const [text, setText] = useState(props.initialName ?? '');
  const [options, setOptions] = useState<UnitRow[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const { year, excludeId } = props;

  useEffect(() => {
    if (!open) return;
    let live = true;
    const timer = setTimeout(() => {
      call('units.list', { year, search: text || undefined }).then(
        (list) => live && setOptions(list.rows.filter((r) => r.id !== excludeId).slice(0, 30)),
        () => live && setOptions([]),
      );
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, open, year, excludeId]);

  const choose = (row: UnitRow | null) => {
    props.onChange(row?.id ?? null);
    setText(row?.name ?? '');
    setOpen(false);
  };
  const items: (UnitRow | null)[] = props.noneLabel ? [null, ...options] : options;

  return (
    <div className="field picker">
      <label className="label" htmlFor={inputId}>
        {props.label}
      </label>
      <input
        id={inputId}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        placeholder={props.noneLabel ?? t('lineage.pickUnit')}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(0);
          if (e.target.value === '') props.onChange(null);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(a + 1, items.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter' && open && items.length > 0) {
            e.preventDefault();
            choose(items[active] ?? null);
          } else if (e.key === 'Escape' && open) {
            e.stopPropagation();
            setOpen(false);
          }
        }}
      />
      {open && items.length > 0 && (
        <ul className="options" role="listbox" id={listId}>
          {items.map((row, i) => (
            <li
              key={row?.id ?? 'none'}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(row);
              }}
            >
              {row ? row.name : props.noneLabel}
              {row?.parentName && <small> — {row.parentName}</small>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
