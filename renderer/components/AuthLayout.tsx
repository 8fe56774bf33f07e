import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { Icon } from './Icon';
import { LanguageSwitch } from './LanguageSwitch';

/** The frame of the screens before sign-in: brand, language switch, one centred card. */
export function AuthLayout({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="auth">
      <header className="auth__bar">
        <div className="brand">
          <Icon name="shield" className="brand__mark" />
          <span className="brand__name">{t('app.name')}</span>
          {api.kind === 'preview' && (
            <span className="badge badge--neutral" title={t('app.previewBadgeHelp')}>
              {t('app.previewBadge')}
            </span>
          )}
        </div>
        <LanguageSwitch />
      </header>
      <main className={wide ? 'auth__main auth__main--wide' : 'auth__main'}>{children}</main>
      <footer className="auth__footer">{t('app.tagline')}</footer>
    </div>
  );
}
