// A member's result in one year: the level, "mức độ chuyển biến" and the rank are written to
// the ratings (the one place a rating is recorded); the remark is the list's own.
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { MemberYearResult, MethodInput, WatchlistMember } from '../../../shared/contract';
import { contract } from '../../../shared/contract';
import { RANKS, levelChoiceText, scaleForYear } from '../../../shared/domain/scales';
import { CHANGE_LEVELS } from '../../../shared/domain/watchlists';
import { useSubmit } from '../hooks/useSubmit';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { Buttons, ServerError, emptyToNull } from '../ui/FormParts';
import { LabelledOptions } from '../ui/LabelledOptions';

type Values = MethodInput<'watchlists.setResult'>;

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

export function ResultDialog(props: {
  member: WatchlistMember;
  result: MemberYearResult;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { member, result } = props;
  const { error: serverError, submit: save } = useSubmit('watchlists.setResult', () =>
    props.onClose(),
  );
  const scale = scaleForYear(result.year);
  const form = useForm<Values>({
    resolver: zodResolver(contract['watchlists.setResult'].input),
    defaultValues: {
      memberId: member.id,
      year: result.year,
      levelCode: result.rating?.levelCode ?? undefined,
      change: result.change,
      rank: result.rank,
      remark: result.remark ?? '',
    },
  });
  const errors = form.formState.errors;
  const submit = form.handleSubmit(save);
  return (
    <Dialog
      title={t('results.editTitle', { name: result.unitName, year: result.year })}
      onClose={props.onClose}
    >
      <form onSubmit={submit} noValidate>
        <p className="hint">{t('results.editHint')}</p>
        <div className="row">
          <Field label={t('results.level')} error={errors.levelCode?.message}>
            <select {...form.register('levelCode', { setValueAs: emptyToUndefined })}>
              <option value="">{t('ratingEdit.choose')}</option>
              {scale?.levels.map((l) => (
                <option key={l.code} value={l.code}>
                  {levelChoiceText(l)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('results.rank')}>
            <select {...form.register('rank', { setValueAs: emptyToNull })}>
              <option value="">—</option>
              <LabelledOptions values={RANKS} group="ranks" />
            </select>
          </Field>
        </div>
        <Field label={t('results.change')}>
          <select {...form.register('change', { setValueAs: emptyToNull })}>
            <option value="">—</option>
            <LabelledOptions values={CHANGE_LEVELS} group="changes" />
          </select>
        </Field>
        <Field label={t('results.remark')} error={errors.remark?.message}>
          <textarea rows={3} {...form.register('remark')} />
        </Field>
        <ServerError message={serverError} />
        <Buttons busy={form.formState.isSubmitting} onCancel={props.onClose} />
      </form>
    </Dialog>
  );
}
