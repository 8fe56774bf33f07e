import { useTranslation } from 'react-i18next';
import type { Strength } from '../passphrase-strength';

type WarningKey =
  `strength.warnings.${'straightRow' | 'keyPattern' | 'simpleRepeat' | 'extendedRepeat' | 'sequences' | 'recentYears' | 'dates' | 'topTen' | 'topHundred' | 'common' | 'similarToCommon' | 'wordByItself' | 'namesByThemselves' | 'commonNames' | 'userInputs' | 'pwned'}`;

/** Four bars and a sentence in plain words: what the score means and what would help. */
export function StrengthMeter({ strength, id }: { strength: Strength | null; id?: string }) {
  const { t, i18n } = useTranslation();
  if (!strength) {
    return (
      <p className="strength strength--empty field__help" id={id}>
        {t('strength.tip')}
      </p>
    );
  }
  const { score, warning } = strength;
  const warningKey = warning ? (`strength.warnings.${warning}` as WarningKey) : null;
  return (
    <div className="strength" id={id} data-score={score}>
      <div className="strength__bars" aria-hidden="true">
        {[1, 2, 3, 4].map((n) => (
          <span key={n} className={n <= Math.max(score, 1) ? 'strength__bar strength__bar--on' : 'strength__bar'} />
        ))}
      </div>
      <p className="strength__text" aria-live="polite">
        <strong>{t('strength.summary', { level: t(`strength.levels.${score}`) })}</strong> {t(`strength.explain.${score}`)}
        {warningKey && i18n.exists(warningKey) && <> {t(warningKey)}</>}
      </p>
    </div>
  );
}
