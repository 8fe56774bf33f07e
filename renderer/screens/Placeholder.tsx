import { useTranslation } from 'react-i18next';
import { Icon } from '../components/Icon';
import { ScreenTitle } from '../components/ScreenTitle';
import type { PlaceholderRoute } from '../routes';

/** A section that later issues fill in; meanwhile it says in plain words what it will hold. */
export function Placeholder({ route }: { route: PlaceholderRoute }) {
  const { t } = useTranslation();
  return (
    <section className="screen">
      <header className="screen__header">
        <ScreenTitle>{t(`nav.${route}`)}</ScreenTitle>
      </header>
      <div className="empty-state">
        <div className="empty-state__icon">
          <Icon name={route} />
        </div>
        <p className="empty-state__text">{t(`placeholder.${route}`)}</p>
        <p className="empty-state__note">{t('placeholder.soon')}</p>
      </div>
    </section>
  );
}
