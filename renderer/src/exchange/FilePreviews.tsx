// What each chosen file holds and would change, and the total: one row per file (its sender,
// direction, number and years; new / changed / identical / conflicts / skipped / errors), then
// what needs saying about a file — imported before, older than one already received, errors
// with their line.
import { useTranslation } from 'react-i18next';
import type { ChangeCounts, ExchangePreview, FilePreview } from '../../../shared/contract';
import { EXCHANGE_DIRECTION_LABELS } from '../../../shared/methods/exchange';
import { formatNumber } from '../../../shared/domain/summary';
import { formatDateTime, yearsText } from './format';

const COUNT_COLUMNS = ['new', 'changed', 'identical', 'conflicts', 'skipped', 'errors'] as const;

function CountCells({ counts }: { counts: ChangeCounts }) {
  return (
    <>
      {COUNT_COLUMNS.map((column) => (
        <td
          key={column}
          className={
            counts[column] > 0 && (column === 'conflicts' || column === 'errors')
              ? `num ${column === 'errors' ? 'error' : 'warning-text'}`
              : 'num'
          }
        >
          {formatNumber(counts[column])}
        </td>
      ))}
    </>
  );
}

function FileCell({ file }: { file: FilePreview }) {
  const { t } = useTranslation();
  const { header } = file;
  return (
    <th scope="row">
      <span className="file-name">{file.fileName}</span>
      {header && (
        <span className="muted block">
          {t('exchange.receive.fileFrom', {
            unit: header.senderUnitName,
            sequence: header.sequence,
            at: formatDateTime(header.createdAt),
          })}
          {file.direction && ` — ${EXCHANGE_DIRECTION_LABELS[file.direction]}`}
        </span>
      )}
    </th>
  );
}

export function FilePreviews({ preview }: { preview: ExchangePreview }) {
  const { t } = useTranslation();
  const allYears = t('exchange.allYears');
  const notes = preview.files.filter(
    (f) => f.alreadyImported || f.sequenceWarning !== null || f.errors.length > 0,
  );
  return (
    <>
      <div className="table-box">
        <table className="grid exchange-files" aria-label={t('exchange.receive.filesTable')}>
          <thead>
            <tr>
              <th className="col-file">{t('exchange.receive.file')}</th>
              <th className="col-years">{t('exchange.receive.years')}</th>
              {COUNT_COLUMNS.map((column) => (
                <th key={column} className="num">
                  {t(`exchange.counts.${column}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.files.map((file) => (
              <tr key={file.fileIndex}>
                <FileCell file={file} />
                <td>{file.header ? yearsText(file.header.years, allYears) : '—'}</td>
                <CountCells counts={file.counts} />
              </tr>
            ))}
          </tbody>
          {preview.files.length > 1 && (
            <tfoot>
              <tr className="total-row">
                <th scope="row">{t('exchange.receive.total')}</th>
                <td />
                <CountCells counts={preview.totals} />
              </tr>
            </tfoot>
          )}
        </table>
      </div>
      {notes.map((file) => (
        <div key={file.fileIndex} className="file-notes">
          {file.alreadyImported && (
            <p className="warning">
              {t('exchange.receive.alreadyImported', { name: file.fileName })}
            </p>
          )}
          {file.sequenceWarning !== null && <p className="warning">{file.sequenceWarning}</p>}
          {file.errors.length > 0 && (
            <div className="file-errors" role="alert">
              <p className="error">
                {t('exchange.receive.fileErrors', {
                  name: file.fileName,
                  count: formatNumber(file.errors.length),
                })}
              </p>
              <ul className="preview-list error">
                {file.errors.slice(0, 100).map((issue, i) => (
                  <li key={`${issue.line ?? 'file'}-${i}`}>
                    {issue.line === null
                      ? issue.message
                      : t('exchange.receive.line', { line: issue.line, message: issue.message })}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      ))}
    </>
  );
}
