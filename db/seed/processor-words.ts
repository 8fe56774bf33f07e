/**
 * The processors migration 0005 seeded from the privacy policy, with their role and
 * transfer safeguard in English (exactly as the migration wrote them) and in French. A
 * reader in French gets the French words for a seeded processor whose text nobody has
 * changed since; a text an admin edited or typed is shown as typed.
 */
type SummaryLanguage = 'en' | 'fr';

type Words = { en: string; fr: string };

const US_AS_POLICY_STATES: Words = { en: 'EU–US Privacy Shield (as the policy states)', fr: 'Bouclier de protection des données UE–États-Unis (selon la politique)' };

const seeded: Record<string, { role: Words; safeguard: Words | null }> = {
  'processor-basecamp': { role: { en: 'Project spaces: messages, files, profiles', fr: 'Espaces de projet : messages, fichiers, profils' }, safeguard: US_AS_POLICY_STATES },
  'processor-travelperk': { role: { en: 'Travel booking (flights, hotels)', fr: 'Réservation de voyages (vols, hôtels)' }, safeguard: null },
  'processor-onedrive': { role: { en: 'Cloud storage', fr: 'Stockage en ligne' }, safeguard: US_AS_POLICY_STATES },
  'processor-google-drive': { role: { en: 'Cloud storage', fr: 'Stockage en ligne' }, safeguard: US_AS_POLICY_STATES },
  'processor-surveymonkey': { role: { en: 'Questionnaires (may collect IP addresses)', fr: 'Questionnaires (peut collecter les adresses IP)' }, safeguard: US_AS_POLICY_STATES },
  'processor-mailchimp': { role: { en: 'Newsletter sending', fr: 'Envoi de la lettre d’information' }, safeguard: US_AS_POLICY_STATES },
  'processor-azavista': { role: { en: 'Event registration', fr: 'Inscription aux événements' }, safeguard: null },
  'processor-google-forms': { role: { en: 'Forms and registrations', fr: 'Formulaires et inscriptions' }, safeguard: US_AS_POLICY_STATES },
  'processor-tawk-to': {
    role: {
      en: 'Website live chat (chat history, IP address, country; deleted after the chat)',
      fr: 'Discussion en direct sur le site (historique, adresse IP, pays ; supprimés après la discussion)',
    },
    safeguard: null,
  },
  'processor-google-analytics': { role: { en: 'Website statistics (cookies, anonymous)', fr: 'Statistiques du site (cookies, anonymes)' }, safeguard: US_AS_POLICY_STATES },
};

/** The seeded words in `language` while `stored` is still the seed's English text, else `stored` as typed. */
function reading(words: Words | null | undefined, stored: string | null, language: SummaryLanguage): string | null {
  return words && stored === words.en ? words[language] : stored;
}

export function processorWords(p: { id: string; role: string; transferSafeguard: string | null }, language: SummaryLanguage): { role: string; transferSafeguard: string | null } {
  const s = seeded[p.id];
  return { role: reading(s?.role, p.role, language) ?? p.role, transferSafeguard: reading(s?.safeguard, p.transferSafeguard, language) };
}

/** The seeded ids and English texts, for the test that keeps them in step with the migration. */
export const seededProcessorWords = seeded;
