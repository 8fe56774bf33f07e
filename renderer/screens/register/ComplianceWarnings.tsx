import { useTranslation } from 'react-i18next';
import type { ComplianceWarningDto } from '../../../shared/dto/register';
import { Icon } from '../../components/Icon';
import { languageName } from '../../options';

/**
 * What the register found that the secretariat must fix, said so that a non-lawyer knows
 * what is wrong, why, and what to do: today, the EU–US Privacy Shield still cited after
 * the CJEU invalidated it (Schrems II).
 */
export function ComplianceWarnings({ warnings }: { warnings: ComplianceWarningDto[] }) {
  const { t } = useTranslation();
  if (warnings.length === 0) return null;
  return (
    <div className="compliance" role="alert" id="compliance-warnings" data-testid="compliance-warnings">
      {warnings.map((w, i) => (
        <div className="compliance__item" key={`${w.code}-${i}`}>
          <Icon name="alert" className="compliance__icon" />
          <div>
            {w.code === 'privacy_shield_in_policy' && w.policyVersion ? (
              <>
                <p className="compliance__text">{t('register.warnings.policyCitesShield', { version: w.policyVersion.version, language: languageName(w.policyVersion.language) })}</p>
                {w.excerpt && (
                  <blockquote className="compliance__excerpt" lang={w.policyVersion.language}>
                    «&nbsp;{w.excerpt}&nbsp;»
                  </blockquote>
                )}
                <p className="compliance__todo">{t('register.warnings.policyTodo')}</p>
              </>
            ) : (
              <p className="compliance__text">{t('register.warnings.safeguardCitesShield')}</p>
            )}
            {w.processors.length > 0 && (
              <p className="compliance__processors">
                {t('register.warnings.processors', { count: w.processors.length })} <strong>{w.processors.map((p) => p.name).join(', ')}</strong>
              </p>
            )}
          </div>
        </div>
      ))}
    </div>
  );
}
