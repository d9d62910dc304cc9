import { useTranslation } from 'react-i18next';
import type { ScreenId } from '../stores/app';

export function PlaceholderScreen({ screen }: { screen: ScreenId }) {
  const { t } = useTranslation();
  const name = t(`nav.${screen}`);
  return (
    <section className="screen">
      <h1>{name}</h1>
      <div className="notice">
        <strong>{t('placeholder.title')}</strong>
        <p>{t('placeholder.body', { screen: name })}</p>
      </div>
    </section>
  );
}
