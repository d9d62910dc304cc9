import { Dialog } from './Dialog';

/** Asks before something that cannot be taken back; the safe choice comes first. */
export function ConfirmDialog(props: {
  title: string;
  message: string;
  confirmLabel: string;
  cancelLabel: string;
  onAnswer: (confirmed: boolean) => void;
}) {
  return (
    <Dialog title={props.title} onClose={() => props.onAnswer(false)}>
      <p>{props.message}</p>
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
