/** How the consent screens name purposes, actions and policy versions in the UI language. */
import type { ConsentAction, LawfulBasis } from '../../../shared/vocabulary';
import type { TFunction } from 'i18next';
import type { PurposeRefDto } from '../../../shared/dto/consents';
import { currentLanguage } from '../../i18n';
import { languageName } from '../../options';
import { localDay } from '../../../shared/rules/dates';

export function purposeName(p: Pick<PurposeRefDto, 'nameEn' | 'nameFr'>): string {
  return currentLanguage() === 'fr' ? p.nameFr : p.nameEn;
}

/**
 * The actions that make sense for a basis: a consent is withdrawn, a legitimate interest is
 * objected to (Art. 21), a contract or legal obligation is neither; every basis can be
 * (re)confirmed or restricted (Art. 18).
 */
export function actionsFor(basis: LawfulBasis): ConsentAction[] {
  if (basis === 'consent') return ['granted', 'withdrawn', 'restricted'];
  if (basis === 'legitimate_interest') return ['granted', 'objected', 'restricted'];
  return ['granted', 'restricted'];
}

/** "Consent given" for a consent purpose, "Basis confirmed" for the others. */
export function actionLabel(t: TFunction, action: ConsentAction, basis: LawfulBasis): string {
  return action === 'granted' && basis !== 'consent' ? t('consents.actions.confirmed') : t(`consents.actions.${action}`);
}

export function policyLabel(t: TFunction, v: { version: number; language: string }): string {
  return t('consents.policyVersion', { version: v.version, language: languageName(v.language) });
}

/** The policy an event says was shown: its version, an earlier policy whose text is not kept, or not recorded. */
export function policyShownLabel(t: TFunction, e: { policyVersion: { version: number; language: string } | null; policyEarlier: boolean }): string {
  if (e.policyVersion) return policyLabel(t, e.policyVersion);
  return e.policyEarlier ? t('consents.policyEarlier') : t('consents.policyNotRecorded');
}

/** Today as YYYY-MM-DD in the computer's time zone, as the core means it. */
export const today = (): string => localDay(new Date());
