// Asks for the password of a received file that is sealed (Nhận dữ liệu): shown when the preview
// says a file needs its password, again with "Mật khẩu không đúng" after a wrong one. The
// password is handed back to the panel, which previews again with it; nothing is kept elsewhere.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';

export function PasswordDialog(props: {
  fileName: string;
  /** The last password given for this file was wrong. */
  wrong: boolean;
  onSubmit: (password: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [empty, setEmpty] = useState(false);
  return (
    <Dialog title={t('exchange.password.askTitle')} onClose={props.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (password === '') {
            setEmpty(true);
            return;
          }
          props.onSubmit(password);
        }}
      >
        <p>{t('exchange.password.askText', { name: props.fileName })}</p>
        {props.wrong && (
          <p className="error" role="alert">
            {t('exchange.password.wrong')}
          </p>
        )}
        <Field
          label={t('exchange.password.field')}
          error={empty ? t('exchange.password.empty') : undefined}
        >
          <input
            type="password"
            autoComplete="off"
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
              setEmpty(false);
            }}
          />
        </Field>
        <div className="buttons">
          <button type="submit" className="primary">
            {t('exchange.password.open')}
          </button>
          <button type="button" onClick={props.onClose}>
            {t('exchange.password.later')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
