import type { TFunction } from 'i18next';
import { countryName } from '../../options';
import type { Picked } from './RecordSelects';

/** A screen's filters as its form holds them; a register reads only the ones it offers. */
export interface ScreenFilters {
  query?: string;
  organisation?: Picked;
  country?: string;
  event?: Picked;
  project?: Picked;
  purpose?: Picked;
  archived?: 'exclude' | 'include' | 'only';
  from?: string;
  to?: string;
  partner?: string;
}

/**
 * The filters in the contract's terms (shared/api/exports.ts) and the same in words
 * ("Organisation: IMPEL"), shown before the export so nobody is surprised by the rows.
 * Empty filters are left out: they keep every row.
 */
export function exportFilters(v: ScreenFilters, t: TFunction): { filters: Record<string, unknown>; words: string[] } {
  const filters: Record<string, unknown> = {};
  const words: string[] = [];
  const put = (name: string, value: string | undefined, word: string) => {
    if (!value) return;
    filters[name] = value;
    words.push(word);
  };
  const query = v.query?.trim();
  put('query', query, t('exports.filterWords.query', { value: query }));
  put('organisationId', v.organisation?.id, t('exports.filterWords.organisation', { value: v.organisation?.name }));
  put('country', v.country, v.country ? t('exports.filterWords.country', { value: countryName(v.country) }) : '');
  put('eventId', v.event?.id, t('exports.filterWords.event', { value: v.event?.name }));
  put('projectId', v.project?.id, t('exports.filterWords.project', { value: v.project?.name }));
  put('purposeId', v.purpose?.id, t('exports.filterWords.purpose', { value: v.purpose?.name }));
  put('from', v.from, t('exports.filterWords.from', { value: v.from }));
  put('to', v.to, t('exports.filterWords.to', { value: v.to }));
  put('partner', v.partner, t('exports.filterWords.partner', { value: v.partner }));
  if (v.archived) {
    filters.archived = v.archived;
    // "Current contacts" is the default and needs no mention; the other two change the rows.
    if (v.archived !== 'exclude') words.push(t(`contacts.archived.${v.archived}`));
  }
  return { filters, words };
}
