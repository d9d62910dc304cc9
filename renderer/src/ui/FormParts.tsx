// Small pieces every form dialog shares: the server's error line, the Cancel/Save row, and the
// empty-field-to-null mapping for optional inputs.
import { useTranslation } from 'react-i18next';

export const emptyToNull = (v: unknown) => (v === '' ? null : v);

export function ServerError({ message }: { message: string | null }) {
  return message ? (
    <p role="alert" className="error">
      {message}
    </p>
  ) : null;
}

export function Buttons({ busy, onCancel }: { busy: boolean; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="buttons">
      <button type="button" onClick={onCancel}>
        {t('form.cancel')}
      </button>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('form.saving') : t('form.save')}
      </button>
    </div>
  );
}
