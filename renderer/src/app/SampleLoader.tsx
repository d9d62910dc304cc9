// "Dùng dữ liệu mẫu" on the first-run screen: loads the illustrative Lạng Sơn 2016–2018 data into
// the empty data file (sample.load, which also completes the setup), shows its progress or why it
// was refused, then enters the app.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppEvents } from '../../../shared/contract';
import { getBridge } from '../api/bridge';
import { call, errorMessage } from '../api/client';
import { useAppStore } from '../stores/app';

/** The backend names the load's progress job after the method. */
const JOB = 'sample.load';

export function SampleLoader(props: {
  /** The operator name typed so far on the form (blank: the backend's default). */
  operatorName: () => string;
  /** The setup form is being submitted. */
  disabled: boolean;
  /** Told when a load starts and when it failed: the setup form waits meanwhile. */
  onBusy: (busy: boolean) => void;
}) {
  const { t } = useTranslation();
  const setInfo = useAppStore((s) => s.setInfo);
  const setYear = useAppStore((s) => s.setYear);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<AppEvents['progress'] | null>(null);
  // Subscribed for the screen's life: an in-process backend sends events during the call.
  useEffect(
    () =>
      getBridge().on('progress', (event) => {
        if (event.job === JOB) setProgress(event);
      }),
    [],
  );

  const load = async () => {
    setBusy(true);
    props.onBusy(true);
    setError(null);
    setProgress(null);
    try {
      const name = props.operatorName().trim();
      await call('sample.load', name ? { operatorName: name } : {});
      // The app opens at the sample's latest list year (2018), where its lists, measures and
      // the previous year's ratings are, rather than at this year, which has none.
      const lists = await call('watchlists.list', {});
      const latest = Math.max(...lists.map((l) => l.toYear ?? l.year));
      if (Number.isFinite(latest)) setYear(latest);
      // Set up now: the app replaces this screen.
      setInfo(await call('app.info', {}));
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
      props.onBusy(false);
    }
  };

  const percent =
    progress && progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : 0;
  return (
    <section className="first-run-sample" aria-label={t('firstRun.sample')}>
      <div className="first-run-sample-row">
        <button type="button" onClick={() => void load()} disabled={busy || props.disabled}>
          {t('firstRun.sample')}
        </button>
        <span className="hint">{t('firstRun.sampleHint')}</span>
      </div>
      {busy && (
        <div className="import-progress">
          <progress
            aria-label={t('firstRun.sampleLoading')}
            value={progress?.done ?? 0}
            max={Math.max(progress?.total ?? 1, 1)}
          />
          <span>{t('firstRun.sampleProgress', { percent })}</span>
        </div>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
