// Dialogs for the lineage operations: rename, move, merge, split, dissolve.
// Each one records the year it applies from, the decision date and its number (basis).
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import type { FormEventHandler, ReactNode } from 'react';
import type { FieldErrors, UseFormRegisterReturn } from 'react-hook-form';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { MethodInput, MethodName, MethodOutput, UnitDetail } from '../../../shared/contract';
import { contract } from '../../../shared/contract';
import type { AppErrorShape } from '../../../shared/errors';
import { call } from '../api/client';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { Buttons, emptyToNull } from '../ui/FormParts';
import { RefusalNotice, refusalOf } from './RefusalNotice';
import { UnitPicker } from './UnitPicker';

export type LineageAction = 'rename' | 'move' | 'merge' | 'split' | 'dissolve';

interface Props {
  detail: UnitDetail;
  year: number;
  onClose: () => void;
  onSaved: (focusId: string) => void;
}

interface EventValues {
  year: number;
  eventDate?: string | null | undefined;
  basis?: string | null | undefined;
}

/** Year, decision date and basis of a lineage event, registered by each form for its own values. */
function EventFields(props: {
  year: UseFormRegisterReturn;
  eventDate: UseFormRegisterReturn;
  basis: UseFormRegisterReturn;
  errors: FieldErrors<EventValues>;
}) {
  const { t } = useTranslation();
  return (
    <div className="row">
      <Field label={t('form.year')} error={props.errors.year?.message}>
        <input type="number" {...props.year} />
      </Field>
      <Field label={t('form.eventDate')} error={props.errors.eventDate?.message}>
        <input placeholder="dd/mm/yyyy" inputMode="numeric" {...props.eventDate} />
      </Field>
      <Field label={t('form.basis')} hint={t('form.basisHint')} error={props.errors.basis?.message}>
        <input {...props.basis} />
      </Field>
    </div>
  );
}

/** The frame every lineage dialog shares: its own fields, then the event's, the error, the buttons. */
function LineageForm(props: {
  title: string;
  onClose: () => void;
  onSubmit: FormEventHandler<HTMLFormElement>;
  busy: boolean;
  refusal: AppErrorShape | null;
  /** For the operations that give a unit a name or a parent: resubmit with the name confirmed. */
  onConfirmDuplicate?: () => void;
  event: Omit<Parameters<typeof EventFields>[0], 'errors'>;
  errors: FieldErrors<EventValues>;
  children: ReactNode;
}) {
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <form onSubmit={props.onSubmit} noValidate>
        {props.children}
        <EventFields {...props.event} errors={props.errors} />
        <RefusalNotice refusal={props.refusal} onConfirmDuplicate={props.onConfirmDuplicate} />
        <Buttons busy={props.busy} onCancel={props.onClose} />
      </form>
    </Dialog>
  );
}

/**
 * Submits through the contract and keeps the server's refusal (code and Vietnamese message), so
 * that a duplicate name can be confirmed and sent again.
 */
function useSubmit<M extends MethodName>(method: M, onDone: (value: MethodOutput<M>) => void) {
  const [refusal, setRefusal] = useState<AppErrorShape | null>(null);
  const submit = async (values: MethodInput<M>) => {
    setRefusal(null);
    try {
      onDone(await call(method, values));
    } catch (e) {
      setRefusal(refusalOf(e));
    }
  };
  return { refusal, submit };
}

export function RenameDialog({ detail, year, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const form = useForm<MethodInput<'units.rename'>>({
    resolver: zodResolver(contract['units.rename'].input),
    defaultValues: { id: detail.id, year, eventDate: null, basis: '', name: detail.current.name },
  });
  const { refusal, submit } = useSubmit('units.rename', () => onSaved(detail.id));
  return (
    <LineageForm
      title={t('lineage.renameTitle')}
      onClose={onClose}
      onSubmit={form.handleSubmit(submit)}
      busy={form.formState.isSubmitting}
      refusal={refusal}
      onConfirmDuplicate={() =>
        void form.handleSubmit((v) => submit({ ...v, allowDuplicateName: true }))()
      }
      event={{
        year: form.register('year', { valueAsNumber: true }),
        eventDate: form.register('eventDate', { setValueAs: emptyToNull }),
        basis: form.register('basis'),
      }}
      errors={form.formState.errors}
    >
      <Field label={t('lineage.newName')} error={form.formState.errors.name?.message}>
        <input {...form.register('name')} />
      </Field>
    </LineageForm>
  );
}

export function MoveDialog({ detail, year, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const form = useForm<MethodInput<'units.move'>>({
    resolver: zodResolver(contract['units.move'].input),
    defaultValues: {
      id: detail.id,
      year,
      eventDate: null,
      basis: '',
      parentId: detail.current.parentId,
    },
  });
  const { refusal, submit } = useSubmit('units.move', () => onSaved(detail.id));
  return (
    <LineageForm
      title={t('lineage.moveTitle')}
      onClose={onClose}
      onSubmit={form.handleSubmit(submit)}
      busy={form.formState.isSubmitting}
      refusal={refusal}
      onConfirmDuplicate={() =>
        void form.handleSubmit((v) => submit({ ...v, allowDuplicateName: true }))()
      }
      event={{
        year: form.register('year', { valueAsNumber: true }),
        eventDate: form.register('eventDate', { setValueAs: emptyToNull }),
        basis: form.register('basis'),
      }}
      errors={form.formState.errors}
    >
      <Controller
        control={form.control}
        name="parentId"
        render={({ field }) => (
          <UnitPicker
            label={t('lineage.newParent')}
            noneLabel={t('form.parentNone')}
            year={year}
            value={field.value}
            onChange={field.onChange}
            excludeId={detail.id}
            initialName={detail.current.parentName}
          />
        )}
      />
    </LineageForm>
  );
}

export function MergeDialog({ detail, year, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const form = useForm<MethodInput<'units.merge'> & { targetId: string }>({
    resolver: zodResolver(contract['units.merge'].input),
    defaultValues: { sourceIds: [detail.id], targetId: '', year, eventDate: null, basis: '' },
  });
  const { refusal, submit } = useSubmit('units.merge', (target) => onSaved(target.id));
  return (
    <LineageForm
      title={t('lineage.mergeTitle')}
      onClose={onClose}
      onSubmit={form.handleSubmit(submit)}
      busy={form.formState.isSubmitting}
      refusal={refusal}
      onConfirmDuplicate={() =>
        void form.handleSubmit((v) => submit({ ...v, allowDuplicateName: true }))()
      }
      event={{
        year: form.register('year', { valueAsNumber: true }),
        eventDate: form.register('eventDate', { setValueAs: emptyToNull }),
        basis: form.register('basis'),
      }}
      errors={form.formState.errors}
    >
      <p className="hint">{t('lineage.mergeExplain', { name: detail.current.name })}</p>
      <Controller
        control={form.control}
        name="targetId"
        render={({ field, fieldState }) => (
          <>
            <UnitPicker
              label={t('lineage.mergeTarget')}
              year={year}
              value={field.value || null}
              onChange={(id) => field.onChange(id ?? '')}
              excludeId={detail.id}
            />
            {fieldState.error && (
              <span className="field-error" role="alert">
                {t('lineage.noneSelected')}
              </span>
            )}
          </>
        )}
      />
    </LineageForm>
  );
}

export function SplitDialog({ detail, year, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [partsText, setPartsText] = useState('');
  const form = useForm<MethodInput<'units.split'>>({
    resolver: zodResolver(contract['units.split'].input),
    defaultValues: { id: detail.id, year, eventDate: null, basis: '', parts: [], endSource: true },
  });
  const { refusal, submit } = useSubmit('units.split', () => onSaved(detail.id));
  const partsError = form.formState.errors.parts;
  return (
    <LineageForm
      title={t('lineage.splitTitle')}
      onClose={onClose}
      onSubmit={(e) => {
        form.setValue('parts', parseParts(partsText));
        void form.handleSubmit(submit)(e);
      }}
      busy={form.formState.isSubmitting}
      refusal={refusal}
      onConfirmDuplicate={() => {
        form.setValue('parts', parseParts(partsText));
        void form.handleSubmit((v) => submit({ ...v, allowDuplicateName: true }))();
      }}
      event={{
        year: form.register('year', { valueAsNumber: true }),
        eventDate: form.register('eventDate', { setValueAs: emptyToNull }),
        basis: form.register('basis'),
      }}
      errors={form.formState.errors}
    >
      <Field
        label={t('lineage.splitParts')}
        error={partsError?.message ?? partsError?.root?.message}
      >
        <textarea rows={4} value={partsText} onChange={(e) => setPartsText(e.target.value)} />
      </Field>
      <label className="check">
        <input type="checkbox" {...form.register('endSource')} /> {t('lineage.splitEndSource')}
      </label>
    </LineageForm>
  );
}

function parseParts(text: string) {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [name = '', code] = line.split('|');
      return { name, code: code?.trim() || null };
    });
}

export function DissolveDialog({ detail, year, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const form = useForm<MethodInput<'units.dissolve'>>({
    resolver: zodResolver(contract['units.dissolve'].input),
    defaultValues: { id: detail.id, year, eventDate: null, basis: '' },
  });
  const { refusal, submit } = useSubmit('units.dissolve', () => onSaved(detail.id));
  return (
    <LineageForm
      title={t('lineage.dissolveTitle')}
      onClose={onClose}
      onSubmit={form.handleSubmit(submit)}
      busy={form.formState.isSubmitting}
      refusal={refusal}
      event={{
        year: form.register('year', { valueAsNumber: true }),
        eventDate: form.register('eventDate', { setValueAs: emptyToNull }),
        basis: form.register('basis'),
      }}
      errors={form.formState.errors}
    >
      <p className="hint">{t('lineage.dissolveExplain', { name: detail.current.name })}</p>
    </LineageForm>
  );
}
