import { useTranslation } from 'react-i18next';
import type { UnitDetail } from '../../../shared/contract';
import { formatDateVi } from '../../../shared/domain/years';
import { UnitRatingHistory } from '../ratings/UnitRatingHistory';
import type { LineageAction } from './LineageDialogs';

interface Props {
  detail: UnitDetail;
  onAction: (action: LineageAction | 'correct') => void;
  onClose: () => void;
  onOpenUnit: (id: string) => void;
}

const ACTIONS = ['correct', 'rename', 'move', 'merge', 'split', 'dissolve'] as const;

/** One unit: its facts, every version over the years, and its lineage. */
export function UnitDetailPanel({ detail, onAction, onClose, onOpenUnit }: Props) {
  const { t } = useTranslation();
  const c = detail.current;
  const ended = detail.endedYear !== null;
  return (
    <aside className="detail" aria-label={c.name}>
      <header>
        <h2>{c.name}</h2>
        <button type="button" className="link" onClick={onClose} aria-label={t('detail.close')}>
          ✕
        </button>
      </header>
      <p className="muted">
        {t(`kinds.${c.kind}`)}
        {c.sector && ` · ${t(`sectors.${c.sector}`)}`}
        {c.code && ` · ${t('form.code')}: ${c.code}`}
      </p>
      {c.parentName && (
        <p>
          {t('units.columns.parent')}:{' '}
          <button
            type="button"
            className="link"
            onClick={() => c.parentId && onOpenUnit(c.parentId)}
          >
            {c.parentName}
          </button>
        </p>
      )}
      <p className="muted">
        {detail.foundedYear === null
          ? t('detail.foundedUnknown')
          : t('detail.founded', { year: detail.foundedYear })}
        {ended && ` · ${t('detail.ended', { year: detail.endedYear })}`}
      </p>
      <div className="actions">
        {ACTIONS.map((action) => (
          <button
            key={action}
            type="button"
            disabled={ended && action !== 'correct'}
            onClick={() => onAction(action)}
          >
            {t(`detail.actions.${action}`)}
          </button>
        ))}
      </div>

      <UnitRatingHistory unitId={detail.id} unitName={c.name} />

      <h3>{t('detail.versions')}</h3>
      <table className="small-table">
        <thead>
          <tr>
            <th>{t('detail.from')}</th>
            <th>{t('detail.to')}</th>
            <th>{t('units.columns.name')}</th>
            <th>{t('units.columns.code')}</th>
            <th>{t('units.columns.parent')}</th>
          </tr>
        </thead>
        <tbody>
          {detail.versions.map((v, i) => (
            <tr key={v.id} className={v.id === c.versionId ? 'selected' : undefined}>
              {/* The first span of a unit of unknown founding starts at no real year. */}
              <td>{i === 0 && detail.foundedYear === null ? t('detail.since') : v.validFrom}</td>
              <td>{v.validTo ?? t('detail.now')}</td>
              <td>{v.name}</td>
              <td>{v.code}</td>
              <td>{v.parentName}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>{t('detail.events')}</h3>
      {detail.events.length === 0 ? (
        <p className="muted">{t('detail.noEvents')}</p>
      ) : (
        <ol className="timeline">
          {detail.events.map((e) => (
            <li key={e.id}>
              <strong>{e.eventDate ? formatDateVi(e.eventDate) : e.year}</strong> —{' '}
              {t(`events.${e.type}`)}
              {e.relatedUnitName && e.relatedUnitId && (
                <>
                  {' '}
                  <button
                    type="button"
                    className="link"
                    onClick={() => onOpenUnit(e.relatedUnitId!)}
                  >
                    {e.relatedUnitName}
                  </button>
                </>
              )}
              {e.basis && <span className="muted"> ({e.basis})</span>}
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
