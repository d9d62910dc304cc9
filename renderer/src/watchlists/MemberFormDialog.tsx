// A member's facts on its list: group, reasons, the comrade in charge and the working group, the
// level aimed at, a note. The baseline is not here: it is read from the ratings.
import { zodResolver } from '@hookform/resolvers/zod';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { MethodInput, WatchlistDetail, WatchlistMember } from '../../../shared/contract';
import { contract } from '../../../shared/contract';
import { levelChoiceText, scaleForYear } from '../../../shared/domain/scales';
import { useSubmit } from '../hooks/useSubmit';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { Buttons, ServerError, emptyToNull } from '../ui/FormParts';
import { ReasonChoices } from './ReasonChoices';

type Values = MethodInput<'watchlists.updateMember'>;

export function MemberFormDialog(props: {
  list: WatchlistDetail;
  member: WatchlistMember;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { list, member } = props;
  const { error: serverError, submit: save } = useSubmit('watchlists.updateMember', () =>
    props.onClose(),
  );
  const scale = scaleForYear(list.year);
  const form = useForm<Values>({
    resolver: zodResolver(contract['watchlists.updateMember'].input),
    defaultValues: {
      id: member.id,
      // Blank keeps the default, the unit's parent committee that year.
      group: member.groupIsDefault ? '' : (member.group ?? ''),
      reasons: member.reasons,
      reasonOther: member.reasonOther ?? '',
      responsible: member.responsible ?? '',
      workingGroup: member.workingGroup ?? '',
      targetLevel: member.targetLevel,
      note: member.note ?? '',
    },
  });
  const errors = form.formState.errors;
  const submit = form.handleSubmit(save);
  return (
    <Dialog title={t('members.editTitle', { name: member.unitName })} onClose={props.onClose} wide>
      <form onSubmit={submit} noValidate>
        <div className="row">
          <Field
            label={t('members.group')}
            hint={t('addMembers.groupHint', { year: list.year })}
            error={errors.group?.message}
          >
            <input {...form.register('group')} />
          </Field>
          <Field label={t('members.targetLevel')} error={errors.targetLevel?.message}>
            <select {...form.register('targetLevel', { setValueAs: emptyToNull })}>
              <option value="">{t('members.noTarget')}</option>
              {scale?.levels.map((l) => (
                <option key={l.code} value={l.code}>
                  {levelChoiceText(l)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Controller
          control={form.control}
          name="reasons"
          render={({ field }) => (
            <ReasonChoices
              value={field.value ?? []}
              onChange={field.onChange}
              other={form.watch('reasonOther') ?? ''}
              onOtherChange={(text) => form.setValue('reasonOther', text)}
              otherError={errors.reasonOther?.message}
            />
          )}
        />
        <div className="row">
          <Field label={t('members.responsible')} error={errors.responsible?.message}>
            <input {...form.register('responsible')} />
          </Field>
          <Field label={t('members.workingGroup')} error={errors.workingGroup?.message}>
            <input {...form.register('workingGroup')} />
          </Field>
        </div>
        <Field label={t('members.note')} error={errors.note?.message}>
          <textarea rows={2} {...form.register('note')} />
        </Field>
        <ServerError message={serverError} />
        <Buttons busy={form.formState.isSubmitting} onCancel={props.onClose} />
      </form>
    </Dialog>
  );
}
