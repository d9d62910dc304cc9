// "The same unit?": a unit in the file that this data file does not know, while a unit here has
// the same code or the same name under the same parent. Never decided for the user: each one is
// answered "the same unit" or "a new unit" before the import may run.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SameUnitCandidate } from '../../../shared/contract';
import type { Decisions } from './choices';

function nameWithCode(name: string, code: string | null): string {
  return code ? `${name} (${code})` : name;
}

function Question(props: {
  candidate: SameUnitCandidate;
  answer: 'same' | 'new' | undefined;
  disabled: boolean;
  onAnswer: (answer: 'same' | 'new') => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const { candidate } = props;
  return (
    <li>
      <fieldset disabled={props.disabled}>
        <legend>
          {t('exchange.same.question', {
            incoming: nameWithCode(candidate.incomingName, candidate.incomingCode),
            local: nameWithCode(candidate.localName, candidate.localCode),
          })}
        </legend>
        <p className="muted">
          {t(`exchange.same.match.${candidate.match}`)}
          {candidate.parentName && ` ${t('exchange.same.under', { name: candidate.parentName })}`}
        </p>
        {(['same', 'new'] as const).map((answer) => (
          <label key={answer} className="check">
            <input
              type="radio"
              name={`${id}-answer`}
              checked={props.answer === answer}
              onChange={() => props.onAnswer(answer)}
            />
            {t(`exchange.same.${answer}`, { local: candidate.localName })}
          </label>
        ))}
      </fieldset>
    </li>
  );
}

export function SameUnits(props: {
  candidates: SameUnitCandidate[];
  decisions: Decisions;
  disabled: boolean;
  onDecisions: (change: (d: Decisions) => Decisions) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  if (props.candidates.length === 0) return null;
  return (
    <section className="same-units" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('exchange.same.title')}</h3>
      <p className="hint">{t('exchange.same.intro')}</p>
      <ul>
        {props.candidates.map((candidate) => (
          <Question
            key={candidate.incomingUnitId}
            candidate={candidate}
            answer={props.decisions.sameUnits[candidate.incomingUnitId]}
            disabled={props.disabled}
            onAnswer={(answer) =>
              props.onDecisions((d) => ({
                ...d,
                sameUnits: { ...d.sameUnits, [candidate.incomingUnitId]: answer },
              }))
            }
          />
        ))}
      </ul>
    </section>
  );
}
