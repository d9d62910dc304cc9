// "Lập danh sách năm sau": names what it will create before it does — next year's list, its
// issuer, and which units go on it and why (shared/domain/watchlists.ts `carryReason`, the rule
// the backend applies) — then shows what was carried and what was not.
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type {
  CarryOverResult,
  MethodInput,
  WatchlistDetail,
  WatchlistMember,
} from '../../../shared/contract';
import { contract } from '../../../shared/contract';
import { CHANGE_LABELS } from '../../../shared/domain/scales';
import type { CarryReason } from '../../../shared/domain/watchlists';
import {
  CARRY_REASON_LABELS,
  MEMBER_STATUS_LABELS,
  carryReason,
} from '../../../shared/domain/watchlists';
import { call, errorMessage } from '../api/client';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { ServerError, emptyToNull } from '../ui/FormParts';
import { DATE_INPUT } from '../ui/dates';

type Values = MethodInput<'watchlists.carryOver'>;

interface Planned {
  member: WatchlistMember;
  reason: CarryReason | null;
}

/** Which members the carry-over keeps, by the shared rule on each member's last year. */
export function carryPlan(list: WatchlistDetail): Planned[] {
  return list.members.map((member) => {
    const last = member.results.at(-1);
    return {
      member,
      reason: last
        ? carryReason({ status: member.status, change: last.change, comparison: last.vsBaseline })
        : null,
    };
  });
}

/** Why a member stays behind: its status, its recorded change, or else its level moved up. */
function stayWhy(m: WatchlistMember, improved: string): string {
  if (m.status === 'left' || m.status === 'stopped') return MEMBER_STATUS_LABELS[m.status];
  const change = m.results.at(-1)?.change;
  return change ? CHANGE_LABELS[change] : improved;
}

interface PlanItem {
  id: string;
  name: string;
  why: string;
}

/** Items under each reason, reasons in the order first met: one short block per reason. */
function byReason(items: PlanItem[]): [string, PlanItem[]][] {
  const groups = new Map<string, PlanItem[]>();
  for (const item of items) groups.set(item.why, [...(groups.get(item.why) ?? []), item]);
  return [...groups];
}

/** A member's name, with its parent committee when another member has the same name. */
function nameOf(member: WatchlistMember, all: readonly WatchlistMember[]): string {
  const twin = all.some((m) => m.id !== member.id && m.unitName === member.unitName);
  return twin && member.parentName ? `${member.unitName} (${member.parentName})` : member.unitName;
}

/** A titled list of unit names per reason. */
function ReasonGroups(props: { label: string; items: PlanItem[] }) {
  return (
    <section aria-label={props.label} className="plan">
      {byReason(props.items).map(([why, items]) => (
        <div key={why}>
          <h4>
            {why} ({items.length})
          </h4>
          <ul className="plan-list">
            {items.map((item) => (
              <li key={item.id}>{item.name}</li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

export function CarryOverDialog(props: {
  list: WatchlistDetail;
  onClose: () => void;
  onDone: (result: CarryOverResult) => void;
}) {
  const { t } = useTranslation();
  const { list } = props;
  const last = list.toYear ?? list.year;
  const [serverError, setServerError] = useState<string | null>(null);
  const [result, setResult] = useState<CarryOverResult | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(contract['watchlists.carryOver'].input),
    defaultValues: { id: list.id, year: last + 1, title: undefined, number: '', decidedOn: null },
  });
  const errors = form.formState.errors;
  const year = form.watch('year');
  const plan = carryPlan(list);
  const carried = plan.filter((p) => p.reason !== null);
  const staying = plan.filter((p) => p.reason === null);

  const submit = form.handleSubmit(async (values) => {
    setServerError(null);
    try {
      setResult(await call('watchlists.carryOver', values));
    } catch (e) {
      setServerError(errorMessage(e));
    }
  });

  if (result) {
    return (
      <Dialog title={t('carry.doneTitle')} onClose={() => props.onDone(result)} wide>
        <p role="status" className="success">
          {t('carry.done', {
            title: result.watchlist.title,
            year: result.watchlist.year,
            count: result.carried.length,
          })}
        </p>
        {result.notCarried.length > 0 && (
          <>
            <p>{t('carry.notCarried', { count: result.notCarried.length })}</p>
            <ReasonGroups
              label={t('carry.willStay')}
              items={result.notCarried.map((n) => {
                const member = list.members.find((m) => m.id === n.memberId);
                return {
                  id: n.memberId,
                  name: member ? nameOf(member, list.members) : n.unitName,
                  why: n.why,
                };
              })}
            />
          </>
        )}
        <div className="buttons">
          <button type="button" className="primary" onClick={() => props.onDone(result)}>
            {t('carry.open', { year: result.watchlist.year })}
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title={t('watchlists.carryOver')} onClose={props.onClose} wide>
      <form onSubmit={submit} noValidate>
        <p>
          {t('carry.intro', {
            year: Number.isInteger(year) ? year : last + 1,
            issuer: list.issuerName,
            count: carried.length,
          })}
        </p>
        <ReasonGroups
          label={t('carry.willCarry')}
          items={carried.map(({ member, reason }) => ({
            id: member.id,
            name: nameOf(member, list.members),
            why: reason ? CARRY_REASON_LABELS[reason] : '',
          }))}
        />
        {carried
          .filter(({ member }) => member.lineage)
          .map(({ member }) => (
            <p key={member.id} className="warning-text">
              {member.unitName}: {member.lineage?.note}
            </p>
          ))}
        {staying.length > 0 && (
          <>
            <p>{t('carry.stay', { count: staying.length })}</p>
            <ReasonGroups
              label={t('carry.willStay')}
              items={staying.map(({ member }) => ({
                id: member.id,
                name: nameOf(member, list.members),
                why: stayWhy(member, t('carry.improved')),
              }))}
            />
          </>
        )}
        <p className="hint">{t('carry.marked')}</p>
        <div className="row">
          <Field label={t('watchlists.form.year')} error={errors.year?.message}>
            <input type="number" {...form.register('year', { valueAsNumber: true })} />
          </Field>
          <Field
            label={t('watchlists.form.number')}
            hint={t('form.basisHint')}
            error={errors.number?.message}
          >
            <input {...form.register('number')} />
          </Field>
          <Field label={t('watchlists.form.decidedOn')} error={errors.decidedOn?.message}>
            <input {...DATE_INPUT} {...form.register('decidedOn', { setValueAs: emptyToNull })} />
          </Field>
        </div>
        <Field
          label={t('watchlists.form.title')}
          hint={t('carry.titleHint')}
          error={errors.title?.message}
        >
          <input
            {...form.register('title', {
              setValueAs: (v: unknown) => (v === '' || v === null ? undefined : v),
            })}
          />
        </Field>
        <ServerError message={serverError} />
        <div className="buttons">
          <button type="button" onClick={props.onClose}>
            {t('form.cancel')}
          </button>
          <button type="submit" className="primary" disabled={form.formState.isSubmitting}>
            {t('carry.confirm', { year: Number.isInteger(year) ? year : last + 1 })}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
