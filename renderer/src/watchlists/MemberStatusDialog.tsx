// Where a member stands: đang củng cố, đã ra khỏi diện yếu kém, chuyển sang năm sau, ngừng theo
// dõi; every status but the first with its date (and a reason).
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { MethodInput, WatchlistMember } from '../../../shared/contract';
import { contract } from '../../../shared/contract';
import { MEMBER_STATUSES } from '../../../shared/domain/watchlists';
import { formatDateVi } from '../../../shared/domain/years';
import { useSubmit } from '../hooks/useSubmit';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { Buttons, ServerError, emptyToNull } from '../ui/FormParts';
import { LabelledOptions } from '../ui/LabelledOptions';
import { DATE_INPUT } from '../ui/dates';

type Values = MethodInput<'watchlists.setMemberStatus'>;

export function MemberStatusDialog(props: { member: WatchlistMember; onClose: () => void }) {
  const { t } = useTranslation();
  const { member } = props;
  const { error: serverError, submit: save } = useSubmit('watchlists.setMemberStatus', () =>
    props.onClose(),
  );
  const form = useForm<Values>({
    resolver: zodResolver(contract['watchlists.setMemberStatus'].input),
    defaultValues: {
      id: member.id,
      status: member.status,
      date: member.statusDate ? formatDateVi(member.statusDate) : null,
      reason: member.statusReason ?? '',
    },
  });
  const errors = form.formState.errors;
  const submit = form.handleSubmit(save);
  return (
    <Dialog title={t('members.statusTitle', { name: member.unitName })} onClose={props.onClose}>
      <form onSubmit={submit} noValidate>
        <div className="row">
          <Field label={t('members.status')} error={errors.status?.message}>
            <select {...form.register('status')}>
              <LabelledOptions values={MEMBER_STATUSES} group="memberStatuses" />
            </select>
          </Field>
          <Field label={t('members.statusDate')} error={errors.date?.message}>
            <input {...DATE_INPUT} {...form.register('date', { setValueAs: emptyToNull })} />
          </Field>
        </div>
        <Field label={t('members.statusReason')} error={errors.reason?.message}>
          <textarea rows={2} {...form.register('reason')} />
        </Field>
        <ServerError message={serverError} />
        <Buttons busy={form.formState.isSubmitting} onCancel={props.onClose} />
      </form>
    </Dialog>
  );
}
