// Sổ theo dõi: for the chosen year, who sent what (each sender's last file and its state), the
// units directly under ours that have not sent that year's ratings, every imported file with
// "Hoàn tác" (asked first, refused with the reason when later changes would be lost), and the
// files this installation sent.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExchangeBatch, ExchangeLedger, LedgerSender } from '../../../shared/contract';
import { EXCHANGE_DIRECTION_LABELS, SENDER_STATE_LABELS } from '../../../shared/methods/exchange';
import { formatNumber } from '../../../shared/domain/summary';
import { call, errorMessage } from '../api/client';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { YearInput } from '../ui/YearInput';
import { ExchangeProgress, useExchangeProgress } from './ExchangeProgress';
import { entityCountsText, formatDateTime, yearsText } from './format';
import type { Outcome } from './store';

const BATCH_COUNTS = ['inserted', 'updated', 'keptLocal', 'identical'] as const;

/** "mới 3, sửa 2": only the figures that are not zero, or that nothing changed. */
function useCountsText() {
  const { t } = useTranslation();
  return (counts: ExchangeBatch['counts']) => {
    const parts = BATCH_COUNTS.filter((key) => counts[key] > 0).map((key) =>
      t(`exchange.ledger.count.${key}`, { count: formatNumber(counts[key]) }),
    );
    return parts.length > 0 ? parts.join(', ') : t('exchange.ledger.count.none');
  };
}

function SenderState({ sender }: { sender: LedgerSender }) {
  const { t } = useTranslation();
  const className = sender.state === 'received' ? 'success' : 'warning-text';
  return (
    <span className={className}>
      {SENDER_STATE_LABELS[sender.state]}
      {sender.missingYears.length > 0 &&
        ` (${t('exchange.ledger.missing', { years: sender.missingYears.join(', ') })})`}
    </span>
  );
}

function Senders({ ledger }: { ledger: ExchangeLedger }) {
  const { t } = useTranslation();
  const countsText = useCountsText();
  const allYears = t('exchange.allYears');
  if (ledger.senders.length === 0) return <p className="muted">{t('exchange.ledger.noSenders')}</p>;
  return (
    <div className="table-box">
      <table className="grid ledger-table" aria-label={t('exchange.ledger.senders')}>
        <thead>
          <tr>
            <th>{t('exchange.ledger.sender')}</th>
            <th>{t('exchange.ledger.lastFile')}</th>
            <th className="col-years">{t('exchange.receive.years')}</th>
            <th>{t('exchange.ledger.held')}</th>
            <th className="col-state">{t('exchange.ledger.state')}</th>
          </tr>
        </thead>
        <tbody>
          {ledger.senders.map((s) => (
            <tr key={s.installationId}>
              <th scope="row">{s.unitName}</th>
              <td>
                <span className="file-name block">{s.lastFileName}</span>
                <span className="muted small-text block">
                  {t('exchange.ledger.sequence', { sequence: s.lastSequence, count: s.batches })}
                </span>
                <span className="muted small-text block">
                  {t('exchange.ledger.created', { at: formatDateTime(s.lastCreatedAt) })}
                  {' · '}
                  {t('exchange.ledger.imported', { at: formatDateTime(s.lastImportedAt) })}
                </span>
              </td>
              <td>{yearsText(s.years, allYears)}</td>
              <td>{countsText(s.counts)}</td>
              <td>
                <SenderState sender={s} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function BatchState(props: {
  batch: ExchangeBatch;
  disabled: boolean;
  onUndo: (batch: ExchangeBatch) => void;
}) {
  const { t } = useTranslation();
  const { batch } = props;
  if (batch.undoneAt !== null) {
    return (
      <span className="muted">
        {t('exchange.ledger.undone', { at: formatDateTime(batch.undoneAt) })}
      </span>
    );
  }
  return (
    <>
      <button
        type="button"
        disabled={props.disabled || !batch.canUndo}
        aria-label={t('exchange.ledger.undoFile', { name: batch.fileName })}
        onClick={() => props.onUndo(batch)}
      >
        {t('exchange.ledger.undo')}
      </button>
      {batch.undoBlockedReason && (
        <span className="muted block small-text">{batch.undoBlockedReason}</span>
      )}
    </>
  );
}

function Batches(props: {
  ledger: ExchangeLedger;
  disabled: boolean;
  onUndo: (batch: ExchangeBatch) => void;
}) {
  const { t } = useTranslation();
  const countsText = useCountsText();
  if (props.ledger.batches.length === 0) {
    return <p className="muted">{t('exchange.ledger.noBatches')}</p>;
  }
  return (
    <div className="table-box">
      <table className="grid ledger-table" aria-label={t('exchange.ledger.batches')}>
        <thead>
          <tr>
            <th className="col-date">{t('exchange.ledger.importedAt')}</th>
            <th>{t('exchange.ledger.file')}</th>
            <th>{t('exchange.ledger.result')}</th>
            <th className="col-operator">{t('exchange.ledger.operator')}</th>
            <th className="col-undo">{t('exchange.ledger.undoHeader')}</th>
          </tr>
        </thead>
        <tbody>
          {props.ledger.batches.map((b) => (
            <tr key={b.id} className={b.undoneAt ? 'undone-row' : undefined}>
              <td className="when">{formatDateTime(b.importedAt)}</td>
              <td>
                <span className="file-name block">{b.fileName}</span>
                <span className="muted small-text">
                  {t('exchange.ledger.batchFrom', {
                    unit: b.senderUnitName,
                    sequence: b.sequence,
                    direction: EXCHANGE_DIRECTION_LABELS[b.direction],
                  })}
                </span>
              </td>
              <td>{countsText(b.counts)}</td>
              <td>{b.operator}</td>
              <td>
                <BatchState batch={b} disabled={props.disabled} onUndo={props.onUndo} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Exports({ ledger }: { ledger: ExchangeLedger }) {
  const { t } = useTranslation();
  if (ledger.exports.length === 0) return <p className="muted">{t('exchange.ledger.noExports')}</p>;
  return (
    <div className="table-box">
      <table className="grid ledger-table" aria-label={t('exchange.ledger.exports')}>
        <thead>
          <tr>
            <th className="col-number">{t('exchange.ledger.number')}</th>
            <th className="col-date">{t('exchange.ledger.sentAt')}</th>
            <th>{t('exchange.ledger.file')}</th>
            <th>{t('exchange.ledger.held')}</th>
          </tr>
        </thead>
        <tbody>
          {ledger.exports.map((e) => (
            <tr key={e.sequence}>
              <td>{e.sequence}</td>
              <td className="when">{formatDateTime(e.at)}</td>
              <td>
                <span className="file-name block">{e.fileName}</span>
                {e.sinceLast && (
                  <span className="muted small-text">{t('exchange.ledger.sinceLast')}</span>
                )}
              </td>
              <td>{entityCountsText(e.counts, t('exchange.send.empty'))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function LedgerPanel(props: {
  ledger: ExchangeLedger | null;
  error: string | null;
  year: number;
  onYear: (year: number) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const { ledger } = props;
  const [asking, setAsking] = useState<ExchangeBatch | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const countsText = useCountsText();
  const [progress, resetProgress] = useExchangeProgress();

  const undo = async (batch: ExchangeBatch) => {
    setBusy(true);
    setOutcome(null);
    resetProgress();
    try {
      const undone = await call('exchange.undo', { batchId: batch.id });
      setOutcome({
        kind: 'success',
        text: t('exchange.ledger.undoDone', { name: undone.fileName, unit: undone.senderUnitName }),
      });
    } catch (e) {
      setOutcome({ kind: 'error', text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="exchange-panel" aria-labelledby={`${id}-title`}>
      <div className="toolbar">
        <h2 id={`${id}-title`}>{t('exchange.ledger.title')}</h2>
        <YearInput label={t('exchange.ledger.year')} value={props.year} onCommit={props.onYear} />
      </div>
      {props.error && (
        <p role="alert" className="error">
          {props.error}
        </p>
      )}
      {busy && progress && <ExchangeProgress progress={progress} />}
      {outcome && (
        <p className={outcome.kind} role={outcome.kind === 'error' ? 'alert' : 'status'}>
          {outcome.text}
        </p>
      )}
      {ledger && (
        <>
          <h3>{t('exchange.ledger.senders')}</h3>
          <Senders ledger={ledger} />
          <h3>
            {t('exchange.ledger.notReported', { year: ledger.year })}{' '}
            <span className={ledger.notReported.length > 0 ? 'count-pill alert' : 'count-pill'}>
              {formatNumber(ledger.notReported.length)}
            </span>
          </h3>
          {ledger.notReported.length === 0 ? (
            <p className="muted">{t('exchange.ledger.allReported', { year: ledger.year })}</p>
          ) : (
            <ul
              className="not-reported"
              aria-label={t('exchange.ledger.notReported', { year: ledger.year })}
            >
              {ledger.notReported.map((u) => (
                <li key={u.unitId}>
                  {u.name}
                  {u.code && <span className="muted"> ({u.code})</span>}
                </li>
              ))}
            </ul>
          )}
          <h3>{t('exchange.ledger.batches')}</h3>
          <Batches ledger={ledger} disabled={busy} onUndo={setAsking} />
          <h3>{t('exchange.ledger.exports')}</h3>
          <Exports ledger={ledger} />
        </>
      )}
      {asking && (
        <ConfirmDialog
          title={t('exchange.ledger.confirmTitle')}
          message={t('exchange.ledger.confirm', {
            name: asking.fileName,
            unit: asking.senderUnitName,
            at: formatDateTime(asking.importedAt),
            counts: countsText(asking.counts),
          })}
          confirmLabel={t('exchange.ledger.undo')}
          cancelLabel={t('exchange.ledger.keep')}
          onAnswer={(confirmed) => {
            const batch = asking;
            setAsking(null);
            if (confirmed) void undo(batch);
          }}
        />
      )}
    </section>
  );
}
