/**
 * i18next set-up. The English resource is the reference: French is typed against it, so a
 * key missing from fr.json is a compile error rather than an English word in a French UI.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../shared/i18n/en.json';
import frJson from '../shared/i18n/fr.json';

type Resource = typeof en;
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
const fr: Shape<Resource> = frJson;

export const languages = ['en', 'fr'] as const;
export type Language = (typeof languages)[number];

const STORAGE_KEY = 'registre.language';

/** Intl locales for dates and numbers: French as written in Belgium. */
export const locales: Record<Language, string> = { en: 'en-GB', fr: 'fr-BE' };

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(saved)) return saved;
  } catch {
    // storage unavailable: fall through to the system language
  }
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function currentLanguage(): Language {
  return isLanguage(i18next.resolvedLanguage) ? i18next.resolvedLanguage : 'en';
}

export async function setLanguage(lang: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not persisted; the switch still applies to this window
  }
  await i18next.changeLanguage(lang);
}

export async function initI18n(): Promise<void> {
  i18next.on('languageChanged', (lang) => {
    document.documentElement.lang = lang;
  });
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, fr: { translation: fr } },
    lng: initialLanguage(),
    fallbackLng: 'en',
    supportedLngs: languages,
    // React already escapes text; escaping twice would show "&amp;" to the user.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = currentLanguage();
}
