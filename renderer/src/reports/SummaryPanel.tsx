// The generated summary, editable before it goes into the document: the sentences of the totals
// and each group (and the named cases when asked), as the province writes them. "Sao chép" puts
// it on the clipboard; "Tạo lại từ số liệu" writes it again from the figures shown.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  text: string;
  edited: boolean;
  onChange: (text: string) => void;
  onRegenerate: () => void;
}

/** The clipboard API where the page may use it; else the selection copy every browser has. */
async function copyText(text: string, field: HTMLTextAreaElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!field) return false;
    field.select();
    return document.execCommand('copy');
  }
}

export function SummaryPanel({ text, edited, onChange, onRegenerate }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [field, setField] = useState<HTMLTextAreaElement | null>(null);
  return (
    <section className="report-section summary-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('reports.summary.title')}</h2>
      <label className="label" htmlFor={id}>
        {t('reports.summary.label')}
      </label>
      <textarea
        ref={setField}
        id={id}
        className="summary-text"
        rows={7}
        value={text}
        onChange={(e) => {
          setStatus(null);
          onChange(e.target.value);
        }}
      />
      <div className="summary-actions">
        <button
          type="button"
          onClick={() =>
            void copyText(text, field).then((ok) =>
              setStatus({
                ok,
                text: ok ? t('reports.summary.copied') : t('reports.summary.copyFailed'),
              }),
            )
          }
        >
          {t('reports.summary.copy')}
        </button>
        <button
          type="button"
          disabled={!edited}
          onClick={() => {
            setStatus(null);
            onRegenerate();
          }}
        >
          {t('reports.summary.regenerate')}
        </button>
        {status && (
          <span className={status.ok ? 'success' : 'error'} role="status">
            {status.text}
          </span>
        )}
        {edited && !status && <span className="muted">{t('reports.summary.edited')}</span>}
      </div>
    </section>
  );
}
