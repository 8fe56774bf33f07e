import { useTranslation } from 'react-i18next';
import { currentLanguage, languages, setLanguage } from '../i18n';

/** Shown on every screen, including unlock and create: a locked-out user must be able to read it. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const current = currentLanguage();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {languages.map((lang) => (
        <button key={lang} type="button" lang={lang} className="language-switch__option" aria-pressed={lang === current} onClick={() => void setLanguage(lang)}>
          {t(`language.${lang}`)}
        </button>
      ))}
    </div>
  );
}
