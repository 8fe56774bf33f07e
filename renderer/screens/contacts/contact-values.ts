/** How a contact's single-value fields read on screen, the same on its page and in the merge dialog. */
import type { TFunction } from 'i18next';
import type { MergeTakeField } from '../../../shared/api/contacts';
import type { ContactDto } from '../../../shared/dto/index';
import { countryName, languageName } from '../../options';

interface FieldView {
  /** The contact form's label for it. */
  label: (t: TFunction) => string;
  /** What is stored, for telling two records apart (an organisation by id, not by name). */
  stored: (c: ContactDto) => string | null;
  /** What the contact page shows; null when nothing is recorded. */
  shown: (c: ContactDto, t: TFunction) => string | null;
}

export const contactFieldViews: Record<MergeTakeField, FieldView> = {
  fullName: { label: (t) => t('contacts.fields.fullName'), stored: (c) => c.fullName, shown: (c) => c.fullName },
  jobTitle: { label: (t) => t('contacts.fields.jobTitle'), stored: (c) => c.jobTitle, shown: (c) => c.jobTitle },
  organisationId: { label: (t) => t('contacts.fields.organisation'), stored: (c) => c.organisation?.id ?? null, shown: (c) => c.organisation?.name ?? null },
  country: { label: (t) => t('contacts.fields.country'), stored: (c) => c.country, shown: (c) => (c.country ? countryName(c.country) : null) },
  language: { label: (t) => t('contacts.fields.language'), stored: (c) => c.language, shown: (c) => (c.language ? languageName(c.language) : null) },
  gender: { label: (t) => t('contacts.fields.gender'), stored: (c) => c.gender, shown: (c, t) => (c.gender ? t(`contacts.genders.${c.gender}`) : null) },
};
