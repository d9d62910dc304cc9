import { Dialog } from './Dialog';

/** Asks before something that cannot be taken back; the safe choice comes first. */
export function ConfirmDialog(props: {
  title: string;
  message: string;
  /** What the user must know before agreeing, shown apart from the message (in bold). */
  warning?: string | undefined;
  confirmLabel: string;
  cancelLabel: string;
  onAnswer: (confirmed: boolean) => void;
}) {
  return (
    <Dialog title={props.title} onClose={() => props.onAnswer(false)}>
      <p>{props.message}</p>
      {props.warning && (
        <p>
          <strong>{props.warning}</strong>
        </p>
      )}
      <div className="buttons">
        <button type="button" onClick={() => props.onAnswer(false)}>
          {props.cancelLabel}
        </button>
        <button type="button" className="primary" onClick={() => props.onAnswer(true)}>
          {props.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
