import type { ReactNode } from 'react';

/** A labelled form control with its error message beneath. */
export function Field(props: {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <label className={props.error ? 'field invalid' : 'field'}>
      <span className="label">{props.label}</span>
      {props.children}
      {props.hint && !props.error && <span className="hint">{props.hint}</span>}
      {props.error && (
        <span className="field-error" role="alert">
          {props.error}
        </span>
      )}
    </label>
  );
}
