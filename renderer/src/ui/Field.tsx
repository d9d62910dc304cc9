import type { ReactElement } from 'react';
import { cloneElement, useId } from 'react';

interface ControlProps {
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

/**
 * A labelled form control with its hint or error beneath. The label names only the control
 * (not the error), and the error is tied to it with aria-describedby for screen readers.
 */
export function Field(props: {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: ReactElement<ControlProps>;
}) {
  const id = useId();
  const noteId = `${id}-note`;
  const note = props.error ?? props.hint;
  const control = cloneElement(props.children, {
    id,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': note ? noteId : undefined,
  });
  return (
    <div className={props.error ? 'field invalid' : 'field'}>
      <label className="label" htmlFor={id}>
        {props.label}
      </label>
      {control}
      {props.error ? (
        <span id={noteId} className="field-error" role="alert">
          {props.error}
        </span>
      ) : (
        props.hint && (
          <span id={noteId} className="hint">
            {props.hint}
          </span>
        )
      )}
    </div>
  );
}
