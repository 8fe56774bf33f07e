import { useTranslation } from 'react-i18next';
import { consentTargets } from '../../../../shared/import-format';
import { SelectField } from '../../../components/SelectField';
import { purposeName } from '../../consents/consent-words';
import type { ImportPreviewDto } from '../../../../shared/dto/index';
import type { ContactImport } from './use-contact-import';

/** Whether any column of the file carries consent (then the import records ledger events). */
export function hasConsentColumns(mapping: ImportPreviewDto['mapping']): boolean {
  return Object.values(mapping).some((target) => target !== 'ignore' && consentTargets.includes(target));
}

/** Which consent purpose the file's consent columns are for; shown only when a column carries consent. */
export function ImportPurpose({ imp }: { imp: ContactImport }) {
  const { t } = useTranslation();
  const mapping = imp.choices.mapping ?? imp.preview!.mapping;
  if (!hasConsentColumns(mapping)) return null;
  return (
    <div className="import-purpose" data-testid="import-purpose">
      <SelectField
        label={t('import.purpose.label')}
        value={imp.purpose?.code ?? ''}
        onChange={(consentPurpose) => imp.change({ consentPurpose })}
        options={imp.consentPurposes.map((p) => ({ value: p.code, label: purposeName(p) }))}
      />
      <p className="field__help">{t('import.purpose.help')}</p>
    </div>
  );
}
