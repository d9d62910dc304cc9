// The records an import would write, conflicts first, each field old → new; a conflict offers
// "keep ours" or "take the file's", per record or for every conflict at once. Long lists are
// shown a page at a time (the backend caps them at CHANGES_LIMIT and says how many there are).
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ConflictChoice,
  ExchangePreview,
  FieldChange,
  RecordChange,
} from '../../../shared/contract';
import {
  CONFLICT_CHOICE_LABELS,
  CONFLICT_CHOICES,
  CONFLICT_REASON_LABELS,
  EXCHANGE_ENTITY_LABELS,
} from '../../../shared/methods/exchange';
import { formatNumber } from '../../../shared/domain/summary';
import type { Decisions } from './choices';
import { choiceFor, undecidedConflicts } from './choices';

const PAGE = 100;

function FieldLine({ field, conflict }: { field: FieldChange; conflict: boolean }) {
  const { t } = useTranslation();
  const blank = t('exchange.changes.blank');
  const local = field.local ?? blank;
  const incoming = field.incoming ?? blank;
  return (
    <li>
      <span className="field-label">{field.label}:</span>{' '}
      {conflict
        ? t('exchange.changes.bothSides', { local, incoming })
        : t('exchange.changes.oldNew', { local, incoming })}
    </li>
  );
}

function ChangeRow(props: {
  change: RecordChange;
  fileName: string | null;
  /** Whether the table has the choice column. */
  choosing: boolean;
  choice: ConflictChoice | null;
  disabled: boolean;
  onChoose: (choice: ConflictChoice) => void;
}) {
  const { t } = useTranslation();
  const { change } = props;
  const conflict = change.kind === 'conflict';
  return (
    <tr className={conflict ? 'conflict-row' : undefined}>
      <td>
        <span className="block">{change.label}</span>
        <span className="muted block small-text">
          {EXCHANGE_ENTITY_LABELS[change.entity]}
          {props.fileName && ` — ${props.fileName}`}
        </span>
      </td>
      <td>
        <span className={`change-kind ${change.kind}`}>
          {t(`exchange.changes.kind.${change.kind}`)}
        </span>
        {change.conflictReason && (
          <span className="muted block small-text">
            {CONFLICT_REASON_LABELS[change.conflictReason]}
          </span>
        )}
      </td>
      <td>
        {change.fields.length === 0 ? (
          <span className="muted">{t('exchange.changes.newRecord')}</span>
        ) : (
          <ul className="field-changes">
            {change.fields.map((field) => (
              <FieldLine key={field.field} field={field} conflict={conflict} />
            ))}
          </ul>
        )}
      </td>
      {props.choosing && (
        <td>
          {conflict && (
            <select
              aria-label={t('exchange.changes.choiceFor', { label: change.label })}
              value={props.choice ?? ''}
              disabled={props.disabled}
              className={props.choice === null ? 'undecided' : undefined}
              onChange={(e) => {
                const value = CONFLICT_CHOICES.find((c) => c === e.target.value);
                if (value) props.onChoose(value);
              }}
            >
              {props.choice === null && <option value="">{t('exchange.changes.undecided')}</option>}
              {CONFLICT_CHOICES.map((c) => (
                <option key={c} value={c}>
                  {CONFLICT_CHOICE_LABELS[c]}
                </option>
              ))}
            </select>
          )}
        </td>
      )}
    </tr>
  );
}

export function ChangeList(props: {
  preview: ExchangePreview;
  decisions: Decisions;
  disabled: boolean;
  onDecisions: (change: (d: Decisions) => Decisions) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const { preview, decisions } = props;
  const [shown, setShown] = useState(PAGE);
  const conflicts = preview.totals.conflicts;
  const open = undecidedConflicts(preview, decisions);
  const fileNames = preview.files.length > 1 ? preview.files.map((f) => f.fileName) : null;
  const rows = preview.changes.slice(0, shown);
  // The choice column only when there is something to choose (conflicts come first).
  const choosing = preview.changes.some((c) => c.kind === 'conflict');

  return (
    <section className="exchange-changes" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('exchange.changes.title')}</h3>
      {conflicts > 0 && (
        <fieldset className="conflict-all" disabled={props.disabled}>
          <legend>
            {t('exchange.changes.conflicts', { count: formatNumber(conflicts) })}{' '}
            {open > 0 ? (
              <span className="warning-text">
                {t('exchange.changes.open', { count: formatNumber(open) })}
              </span>
            ) : (
              <span className="success">{t('exchange.changes.allDecided')}</span>
            )}
          </legend>
          {CONFLICT_CHOICES.map((choice) => (
            <label key={choice} className="check">
              <input
                type="radio"
                name={`${id}-all`}
                checked={decisions.all === choice}
                onChange={() => props.onDecisions((d) => ({ ...d, all: choice, records: {} }))}
              />
              {t('exchange.changes.forAll', { choice: CONFLICT_CHOICE_LABELS[choice] })}
            </label>
          ))}
        </fieldset>
      )}
      {preview.changes.length === 0 ? (
        <p className="muted">{t('exchange.changes.none')}</p>
      ) : (
        <div className="table-box">
          <table className="grid exchange-change-table" aria-label={t('exchange.changes.title')}>
            <thead>
              <tr>
                <th className="col-record">{t('exchange.changes.record')}</th>
                <th className="col-kind">{t('exchange.changes.kindHeader')}</th>
                <th>{t('exchange.changes.detail')}</th>
                {choosing && <th className="col-choice">{t('exchange.changes.choice')}</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((change) => (
                <ChangeRow
                  key={change.key}
                  change={change}
                  fileName={fileNames?.[change.fileIndex] ?? null}
                  choosing={choosing}
                  choice={choiceFor(decisions, change.key)}
                  disabled={props.disabled}
                  onChoose={(choice) =>
                    props.onDecisions((d) => ({
                      ...d,
                      records: { ...d.records, [change.key]: choice },
                    }))
                  }
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {preview.changesTotal > preview.changes.length && (
        <p className="hint">
          {t('exchange.changes.capped', { count: formatNumber(preview.changes.length) })}
        </p>
      )}
      <p className="muted">
        {t('exchange.changes.shown', {
          shown: formatNumber(rows.length),
          total: formatNumber(preview.changesTotal),
        })}{' '}
        {shown < preview.changes.length && (
          <button type="button" className="link" onClick={() => setShown((n) => n + PAGE)}>
            {t('exchange.changes.more', { count: PAGE })}
          </button>
        )}
      </p>
    </section>
  );
}
