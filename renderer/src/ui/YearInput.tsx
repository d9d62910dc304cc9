import { useId, useState } from 'react';
import { currentYear, yearProblem, yearRangeMessage } from '../../../shared/domain/years';

interface Props {
  label: string;
  value: number;
  /** Called with a valid new year on Enter or leaving the field; may refuse (false). */
  onCommit: (year: number) => unknown;
}

/**
 * A year typed by hand: applied on Enter or blur. A year outside the one range every year field
 * shares (shared/domain/years.ts) is refused with that rule's message and the field goes back to
 * the current year. "Now" is this machine's clock, which in the app is the backend's too.
 */
export function YearInput({ label, value, onCommit }: Props) {
  const [text, setText] = useState(String(value));
  const [shown, setShown] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  if (shown !== value) {
    // The year changed elsewhere: show it.
    setShown(value);
    setText(String(value));
  }
  const commit = async () => {
    const year = Number(text);
    const today = currentYear();
    const problem =
      text.trim() === '' || !Number.isInteger(year)
        ? yearRangeMessage(today)
        : yearProblem(year, today);
    if (problem) {
      setError(problem);
      setText(String(value));
      return;
    }
    // Unchanged (e.g. the blur after a refused Enter): keep any message the user has not read.
    if (year === value) return;
    setError(null);
    if ((await onCommit(year)) === false) setText(String(value));
  };
  return (
    <span className="compact">
      <label className="compact">
        {label}
        <input
          type="number"
          className="year-input"
          aria-label={label}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
          }}
          onBlur={() => void commit()}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            // The key press ends here: a commit may open a question (unsaved changes) with its
            // first button focused, and the same Enter must not go on to press that button.
            e.preventDefault();
            void commit();
          }}
        />
      </label>
      {error && (
        <span id={errorId} className="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
