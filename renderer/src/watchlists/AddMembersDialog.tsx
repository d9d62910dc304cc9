// Adding units to a list from the keyboard: type a name or code, Enter, and the unit is on the
// list; the field empties for the next one, so the 16 units of a resolution go in one after
// another. The group and the reasons chosen below apply to each unit added next.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitRow, WatchlistDetail } from '../../../shared/contract';
import type { WatchReason } from '../../../shared/domain/watchlists';
import { WATCH_REASONS } from '../../../shared/domain/watchlists';
import { call, errorMessage } from '../api/client';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { UnitPicker } from '../units/UnitPicker';
import { ReasonChoices } from './ReasonChoices';

interface Added {
  id: string;
  position: number;
  name: string;
}

export function AddMembersDialog(props: { list: WatchlistDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { list } = props;
  const [group, setGroup] = useState('');
  const [reasons, setReasons] = useState<WatchReason[]>([]);
  const [reasonOther, setReasonOther] = useState('');
  const [added, setAdded] = useState<Added[]>([]);
  // Every unit not added, with why: typing runs on, so a refusal must not vanish with the next.
  const [refusals, setRefusals] = useState<string[]>([]);
  const refuse = (message: string) => setRefusals((all) => [...all, message]);

  const add = async (row: UnitRow) => {
    try {
      const member = await call('watchlists.addMember', {
        watchlistId: list.id,
        unitId: row.id,
        group: group.trim() || null,
        reasons: WATCH_REASONS.filter((r) => reasons.includes(r)),
        reasonOther: reasons.includes('other') ? reasonOther : null,
      });
      setAdded((done) => [
        ...done,
        { id: member.id, position: member.position, name: member.unitName },
      ]);
    } catch (e) {
      refuse(errorMessage(e));
    }
  };

  const last = added.at(-1);
  return (
    <Dialog title={t('addMembers.title', { title: list.title })} onClose={props.onClose} wide>
      <div className="add-members">
        <UnitPicker
          label={t('addMembers.unit')}
          year={list.year}
          value={null}
          onChange={() => undefined}
          onPick={add}
          onMiss={(text) => refuse(t('addMembers.notFound', { text, year: list.year }))}
        />
        <p className="hint">{t('addMembers.help', { year: list.year })}</p>
        <p className="success" role="status">
          {last ? t('addMembers.added', { name: last.name, position: last.position }) : ''}
        </p>
        {refusals.length > 0 && (
          <ul className="error refusals" role="alert" aria-label={t('addMembers.refused')}>
            {refusals.map((message, i) => (
              <li key={i}>{message}</li>
            ))}
          </ul>
        )}
        <div className="row">
          <Field
            label={t('addMembers.group')}
            hint={t('addMembers.groupHint', { year: list.year })}
          >
            <input value={group} onChange={(e) => setGroup(e.target.value)} />
          </Field>
        </div>
        <ReasonChoices
          value={reasons}
          onChange={setReasons}
          other={reasonOther}
          onOtherChange={setReasonOther}
        />
        {added.length > 0 && (
          <section aria-label={t('addMembers.addedList')}>
            <h3>{t('addMembers.addedCount', { count: added.length })}</h3>
            <ol className="added-list">
              {added.map((a) => (
                <li key={a.id}>{a.name}</li>
              ))}
            </ol>
          </section>
        )}
        <div className="buttons">
          <button type="button" className="primary" onClick={props.onClose}>
            {t('addMembers.done')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
