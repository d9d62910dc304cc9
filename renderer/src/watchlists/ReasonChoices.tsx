// Why a unit is under consolidation: several reasons as checkboxes, "Khác" with its text.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { WatchReason } from '../../../shared/domain/watchlists';
import { WATCH_REASONS, WATCH_REASON_LABELS } from '../../../shared/domain/watchlists';

export function ReasonChoices(props: {
  value: readonly WatchReason[];
  onChange: (reasons: WatchReason[]) => void;
  other: string;
  onOtherChange: (text: string) => void;
  otherError?: string | undefined;
}) {
  const { t } = useTranslation();
  const otherId = useId();
  const { value, onChange } = props;
  const toggle = (reason: WatchReason, on: boolean) =>
    onChange(WATCH_REASONS.filter((r) => (r === reason ? on : value.includes(r))));
  return (
    <fieldset className="reasons">
      <legend>{t('members.reasons')}</legend>
      {WATCH_REASONS.map((reason) => (
        <label key={reason} className="check">
          <input
            type="checkbox"
            checked={value.includes(reason)}
            onChange={(e) => toggle(reason, e.target.checked)}
          />
          {WATCH_REASON_LABELS[reason]}
        </label>
      ))}
      {value.includes('other') && (
        <div className={props.otherError ? 'field invalid' : 'field'}>
          <label className="label" htmlFor={otherId}>
            {t('members.reasonOther')}
          </label>
          <input
            id={otherId}
            value={props.other}
            aria-invalid={props.otherError ? true : undefined}
            onChange={(e) => props.onOtherChange(e.target.value)}
          />
          {props.otherError && (
            <span className="field-error" role="alert">
              {props.otherError}
            </span>
          )}
        </div>
      )}
    </fieldset>
  );
}
