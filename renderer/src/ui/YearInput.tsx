import { useState } from 'react';
import { MAX_YEAR, MIN_YEAR } from '../../../shared/domain/years';

interface Props {
  label: string;
  value: number;
  /** Called with a valid new year on Enter or leaving the field; may refuse (false). */
  onCommit: (year: number) => unknown;
}

/** A year typed by hand: applied on Enter or blur, anything invalid falls back to the current one. */
export function YearInput({ label, value, onCommit }: Props) {
  const [text, setText] = useState(String(value));
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    // The year changed elsewhere: show it.
    setShown(value);
    setText(String(value));
  }
  const commit = async () => {
    const year = Number(text);
    if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR || year === value) {
      setText(String(value));
      return;
    }
    if ((await onCommit(year)) === false) setText(String(value));
  };
  return (
    <label className="compact">
      {label}
      <input
        type="number"
        className="year-input"
        aria-label={label}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => void commit()}
        onKeyDown={(e) => e.key === 'Enter' && void commit()}
      />
    </label>
  );
}
