// What an import would change, as the backend's preview says: where it read (sheet, encoding),
// the counts, the changed ratings and the rows with errors.
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../shared/contract';
import { CSV_ENCODING_LABELS } from '../../../shared/methods/ratings';

/** Rows without any error: what "only the valid rows" would import (unchanged ones included). */
export function validRows(preview: ImportPreview): number {
  return preview.rows - new Set(preview.errors.map((e) => e.row)).size;
}

export function ImportPreviewSummary(props: {
  preview: ImportPreview;
  busy: boolean;
  onSheet: (sheet: string) => void;
}) {
  const { t } = useTranslation();
  const { preview } = props;
  return (
    <section aria-label={t('importRatings.previewTitle')} className="import-preview">
      <h3>{t('importRatings.previewTitle')}</h3>
      <p className="import-source">
        {preview.sheet !== null &&
          (preview.sheets.length > 1 ? (
            <label>
              {t('importRatings.sheet')}{' '}
              <select
                value={preview.sheet}
                disabled={props.busy}
                onChange={(e) => props.onSheet(e.target.value)}
              >
                {preview.sheets.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <span>{t('importRatings.sheetRead', { name: preview.sheet })}</span>
          ))}
        {preview.encoding !== null && (
          <span>
            {t('importRatings.encoding', { name: CSV_ENCODING_LABELS[preview.encoding] })}
          </span>
        )}
      </p>
      <ul>
        <li>{t('importRatings.rows', { count: preview.rows })}</li>
        <li>{t('importRatings.newUnits', { count: preview.newUnits.length })}</li>
        <li>{t('importRatings.newRatings', { count: preview.newRatings.length })}</li>
        <li>{t('importRatings.changedRatings', { count: preview.changedRatings.length })}</li>
        <li>{t('importRatings.unchanged', { count: preview.unchanged })}</li>
        <li className={preview.errors.length ? 'error' : undefined}>
          {t('importRatings.errors', { count: preview.errors.length })}
        </li>
      </ul>
      {preview.newUnits.length > 0 && (
        <ul className="preview-list" aria-label={t('importRatings.newUnitsList')}>
          {preview.newUnits.slice(0, 50).map((u) => (
            <li key={`${u.row}-${u.name}`}>
              {t('importRatings.row', { row: u.row })}: {u.name}
              {u.parentName && ` — ${t('importRatings.under', { name: u.parentName })}`} (
              {u.fromYear === null
                ? t('importRatings.foundedUnknown')
                : t('importRatings.foundedWithParent', { year: u.fromYear })}
              )
            </li>
          ))}
        </ul>
      )}
      {preview.changedRatings.length > 0 && (
        <ul className="preview-list">
          {preview.changedRatings.slice(0, 50).map((c) => (
            <li key={c.row}>
              {t('importRatings.row', { row: c.row })}: {c.unitName} ({c.year}) {c.from} → {c.to}
            </li>
          ))}
        </ul>
      )}
      {preview.errors.length > 0 && (
        <ul className="preview-list error">
          {preview.errors.slice(0, 100).map((e) => (
            <li key={`${e.row}-${e.message}`}>
              {t('importRatings.row', { row: e.row })}: {e.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
