// The progress of the exchange's long work (writing a file, reading and checking files, writing
// the import) from the backend's `progress` events of job "exchange", as a bar and a sentence.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppEvents } from '../../../shared/contract';
import { getBridge } from '../api/bridge';

type Progress = AppEvents['progress'];

const PHASES = ['export', 'read', 'check', 'write'] as const;
type Phase = (typeof PHASES)[number];

function isPhase(phase: string): phase is Phase {
  return (PHASES as readonly string[]).includes(phase);
}

/**
 * The latest exchange progress event, and a reset for when a new step starts. Subscribed for as
 * long as the panel is shown: an in-process backend sends events before the call returns.
 */
export function useExchangeProgress(): [Progress | null, () => void] {
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(
    () =>
      getBridge().on('progress', (event) => {
        if (event.job === 'exchange' || event.job.startsWith('exchange.')) setProgress(event);
      }),
    [],
  );
  return [progress, () => setProgress(null)];
}

export function ExchangeProgress({ progress }: { progress: Progress }) {
  const { t } = useTranslation();
  const phase = isPhase(progress.phase)
    ? t(`exchange.phase.${progress.phase}`)
    : t('exchange.phase.other');
  const percent = progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : 100;
  return (
    <div className="import-progress">
      <progress aria-label={phase} value={progress.done} max={Math.max(progress.total, 1)} />
      <span>{t('exchange.progress', { phase, percent })}</span>
    </div>
  );
}
