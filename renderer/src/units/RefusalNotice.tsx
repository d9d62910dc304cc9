// The backend's refusal of a register form, and the one refusal a person may overrule: a name
// another unit under the same parent already has (DUPLICATE_NAME), when the two really are
// different units. The form offers that confirmation only after the refusal has been read.
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../shared/errors';
import { AppError } from '../../../shared/errors';

/** The code and Vietnamese message of whatever a call threw. */
export function refusalOf(error: unknown): AppErrorShape {
  if (error instanceof AppError) return error.toJSON();
  return { code: 'INTERNAL', message: 'Đã xảy ra lỗi ngoài dự kiến.' };
}

export function RefusalNotice(props: {
  refusal: AppErrorShape | null;
  /** Resubmits with the duplicate name confirmed; absent where no name is written. */
  onConfirmDuplicate?: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  if (!props.refusal) return null;
  const confirmable = props.refusal.code === 'DUPLICATE_NAME' && props.onConfirmDuplicate;
  return (
    <div className="refusal">
      <p role="alert" className="error">
        {props.refusal.message}
      </p>
      {confirmable && (
        <button type="button" onClick={props.onConfirmDuplicate}>
          {t('form.confirmDuplicate')}
        </button>
      )}
    </div>
  );
}
