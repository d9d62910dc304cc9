// One unit's rating in one year, with everything recorded beside the level: rank in the level,
// qualitative change, score (2025 on), member count, who rated and by which decision, a note.
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { MethodInput, Rating } from '../../../shared/contract';
import { contract } from '../../../shared/contract';
import { scoreWarning } from '../../../shared/domain/progress';
import { canBeExemplary } from '../../../shared/domain/rating-merge';
import type { RatingScale } from '../../../shared/domain/scales';
import {
  CHANGES,
  levelChoiceText,
  NOT_RATED_REASONS,
  RANKS,
  RATED_BY,
} from '../../../shared/domain/scales';
import { formatDateVi } from '../../../shared/domain/years';
import { call, errorMessage } from '../api/client';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { Buttons, ServerError, emptyToNull } from '../ui/FormParts';
import { LabelledOptions } from '../ui/LabelledOptions';

type Values = MethodInput<'ratings.set'>;

const numberOrNull = (v: unknown) => (v === '' || v === null || v === undefined ? null : Number(v));

interface Props {
  unitId: string;
  unitName: string;
  year: number;
  scale: RatingScale;
  rating: Rating | null;
  onClose: () => void;
  onSaved: () => void;
}

export function RatingEditDialog({
  unitId,
  unitName,
  year,
  scale,
  rating,
  onClose,
  onSaved,
}: Props) {
  const { t } = useTranslation();
  const [serverError, setServerError] = useState<string | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const form = useForm<Values>({
    resolver: zodResolver(contract['ratings.set'].input),
    defaultValues: {
      unitId,
      year,
      levelCode: rating?.levelCode ?? null,
      notRatedReason: rating?.notRatedReason ?? null,
      exemplary: rating?.exemplary ?? false,
      rank: rating?.rank ?? null,
      change: rating?.change ?? null,
      score: rating?.score ?? null,
      memberCount: rating?.memberCount ?? null,
      ratedBy: rating?.ratedBy ?? null,
      decisionNumber: rating?.decisionNumber ?? '',
      decisionDate: rating?.decisionDate ? formatDateVi(rating.decisionDate) : null,
      note: rating?.note ?? '',
    },
  });
  const errors = form.formState.errors;
  const [levelCode, notRatedReason, score] = form.watch(['levelCode', 'notRatedReason', 'score']);
  const choice = levelCode ? `level:${levelCode}` : notRatedReason ? `not:${notRatedReason}` : '';
  const warning = scoreWarning(scale, levelCode ?? null, typeof score === 'number' ? score : null);

  const submit = form.handleSubmit(async (values) => {
    setServerError(null);
    try {
      await call('ratings.set', values);
      onSaved();
    } catch (e) {
      setServerError(errorMessage(e));
    }
  });
  const remove = async () => {
    setConfirmRemove(false);
    try {
      await call('ratings.remove', { unitId, year });
      onSaved();
    } catch (e) {
      setServerError(errorMessage(e));
    }
  };

  return (
    <Dialog title={t('ratingEdit.title', { name: unitName, year })} onClose={onClose} wide>
      <form onSubmit={submit} noValidate>
        <p className="muted">{t('ratings.scale', { name: scale.name, basis: scale.basis })}</p>
        <div className="row">
          <Field label={t('ratingEdit.level')} error={errors.levelCode?.message}>
            <select
              value={choice}
              onChange={(e) => {
                const [kind, code] = e.target.value.split(':') as [string, string | undefined];
                form.setValue('levelCode', kind === 'level' ? (code ?? null) : null);
                form.setValue(
                  'notRatedReason',
                  kind === 'not' ? (code as (typeof NOT_RATED_REASONS)[number]) : null,
                );
                // The shared merge rule: the same level keeps "tiêu biểu", another drops it.
                if (kind !== 'level' || code !== levelCode || !canBeExemplary(scale, code ?? null))
                  form.setValue('exemplary', false);
              }}
            >
              <option value="">{t('ratingEdit.choose')}</option>
              {scale.levels.map((l) => (
                <option key={l.code} value={`level:${l.code}`}>
                  {levelChoiceText(l)}
                </option>
              ))}
              {NOT_RATED_REASONS.map((r) => (
                <option key={r} value={`not:${r}`}>
                  {t('ratings.notRated', { reason: t(`notRated.${r}`) })}
                </option>
              ))}
            </select>
          </Field>
          {scale.exemplaryTitle && canBeExemplary(scale, levelCode ?? null) && (
            <label className="check" title={scale.exemplaryTitle.basis}>
              <input type="checkbox" {...form.register('exemplary')} />{' '}
              {t('ratingEdit.exemplary', { label: scale.exemplaryTitle.label })}
            </label>
          )}
        </div>
        <div className="row">
          <Field label={t('ratingEdit.rank')}>
            <select {...form.register('rank', { setValueAs: emptyToNull })}>
              <option value="">—</option>
              <LabelledOptions values={RANKS} group="ranks" />
            </select>
          </Field>
          <Field label={t('ratingEdit.change')}>
            <select {...form.register('change', { setValueAs: emptyToNull })}>
              <option value="">—</option>
              <LabelledOptions values={CHANGES} group="changes" />
            </select>
          </Field>
        </div>
        <div className="row">
          {scale.scored && (
            <Field
              label={t('ratingEdit.score')}
              error={errors.score?.message ?? warning ?? undefined}
            >
              <input
                type="number"
                step="0.5"
                {...form.register('score', { setValueAs: numberOrNull })}
              />
            </Field>
          )}
          <Field label={t('ratingEdit.memberCount')} error={errors.memberCount?.message}>
            <input
              type="number"
              min={0}
              {...form.register('memberCount', { setValueAs: numberOrNull })}
            />
          </Field>
          <Field label={t('ratingEdit.ratedBy')}>
            <select {...form.register('ratedBy', { setValueAs: emptyToNull })}>
              <option value="">—</option>
              <LabelledOptions values={RATED_BY} group="ratedBy" />
            </select>
          </Field>
        </div>
        <div className="row">
          <Field
            label={t('ratingEdit.decisionNumber')}
            hint={t('form.basisHint')}
            error={errors.decisionNumber?.message}
          >
            <input {...form.register('decisionNumber')} />
          </Field>
          <Field label={t('ratingEdit.decisionDate')} error={errors.decisionDate?.message}>
            <input
              placeholder="dd/mm/yyyy"
              inputMode="numeric"
              {...form.register('decisionDate', { setValueAs: emptyToNull })}
            />
          </Field>
        </div>
        <Field label={t('ratingEdit.note')} error={errors.note?.message}>
          <textarea rows={2} {...form.register('note')} />
        </Field>
        <ServerError message={serverError} />
        <div className="buttons">
          {rating && (
            <button type="button" className="danger" onClick={() => setConfirmRemove(true)}>
              {t('ratingEdit.remove')}
            </button>
          )}
          <span className="spacer" />
        </div>
        <Buttons busy={form.formState.isSubmitting} onCancel={onClose} />
      </form>
      {confirmRemove && (
        <ConfirmDialog
          title={t('ratingEdit.remove')}
          message={t('ratingEdit.removeConfirm', { name: unitName, year })}
          confirmLabel={t('ratingEdit.remove')}
          cancelLabel={t('form.cancel')}
          onAnswer={(ok) => (ok ? void remove() : setConfirmRemove(false))}
        />
      )}
    </Dialog>
  );
}
