// "Đặt mật khẩu cho tệp" of Gửi dữ liệu: a switch, the password typed twice, and the warning
// that a lost password cannot be recovered (the file is sealed with AES-256-GCM, nothing else
// holds the key). The checks are pure (`passwordProblem`) so the panel can refuse to start.
import { useTranslation } from 'react-i18next';
import { EXCHANGE_PASSWORD_MIN } from '../../../shared/methods/exchange';
import { Field } from '../ui/Field';

export interface PasswordChoice {
  enabled: boolean;
  password: string;
  repeat: string;
}

export const NO_PASSWORD: PasswordChoice = { enabled: false, password: '', repeat: '' };

/** What is wrong with the typed password, or null (also null when no password is set). */
export function passwordProblem(choice: PasswordChoice): 'short' | 'mismatch' | null {
  if (!choice.enabled) return null;
  // Counted as the backend counts (UTF-16 units of the text as typed).
  if (choice.password.length < EXCHANGE_PASSWORD_MIN) return 'short';
  if (choice.password !== choice.repeat) return 'mismatch';
  return null;
}

export function ExportPassword(props: {
  value: PasswordChoice;
  onChange: (value: PasswordChoice) => void;
  /** Show the problem (after the user tried to start). */
  checked: boolean;
}) {
  const { t } = useTranslation();
  const { value, onChange } = props;
  const problem = props.checked ? passwordProblem(value) : null;
  const min = EXCHANGE_PASSWORD_MIN;
  return (
    <div className="export-password">
      <label className="check">
        <input
          type="checkbox"
          checked={value.enabled}
          onChange={(e) => onChange({ ...value, enabled: e.target.checked })}
        />
        {t('exchange.password.set')}
      </label>
      <p className="hint">{t('exchange.password.setHint')}</p>
      {value.enabled && (
        <>
          <Field
            label={t('exchange.password.password', { min })}
            error={problem === 'short' ? t('exchange.password.short', { min }) : undefined}
          >
            <input
              type="password"
              autoComplete="new-password"
              value={value.password}
              onChange={(e) => onChange({ ...value, password: e.target.value })}
            />
          </Field>
          <Field
            label={t('exchange.password.repeat')}
            error={problem === 'mismatch' ? t('exchange.password.mismatch') : undefined}
          >
            <input
              type="password"
              autoComplete="new-password"
              value={value.repeat}
              onChange={(e) => onChange({ ...value, repeat: e.target.value })}
            />
          </Field>
          <p className="warning-text" role="note">
            {t('exchange.password.warning')}
          </p>
        </>
      )}
    </div>
  );
}
