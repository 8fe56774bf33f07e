import { useTranslation } from 'react-i18next';
import { importDelimiters, importEncodings } from '../../../../shared/import-format';
import { SelectField } from '../../../components/SelectField';
import { countryCodes, countryName, sortedOptions } from '../../../options';
import type { ContactImport } from './use-contact-import';

export const sourceKey = (preset: string | null) => (preset === 'mailchimp' || preset === 'google_forms' || preset === 'azavista' ? preset : 'other');

/** Step 2: what the file was recognised as, and how it is read, each overridable. */
export function ReadOptions({ imp }: { imp: ContactImport }) {
  const { t } = useTranslation();
  const preview = imp.preview!;
  return (
    <section className="panel import-step" aria-labelledby="import-step-check">
      <h2 className="panel__title" id="import-step-check">
        {t('import.steps.check')}
      </h2>
      <p data-testid="import-source">
        {t('import.read.source')} <strong>{t(`import.sources.${sourceKey(preview.preset)}`)}</strong>
      </p>
      <div className="import-read">
        <SelectField
          label={t('import.read.encoding')}
          value={preview.encoding}
          onChange={(v) => imp.change({ encoding: v as (typeof importEncodings)[number] })}
          options={importEncodings.map((e) => ({ value: e, label: t(`import.encodings.${e}`) }))}
        />
        <SelectField
          label={t('import.read.delimiter')}
          value={preview.delimiter}
          onChange={(v) => imp.change({ delimiter: v as (typeof importDelimiters)[number] })}
          options={importDelimiters.map((d) => ({ value: d, label: t(`import.delimiters.${d}`) }))}
        />
        <SelectField
          label={t('import.read.defaultCountry')}
          value={imp.choices.defaultCountry}
          onChange={(defaultCountry) => imp.change({ defaultCountry })}
          options={sortedOptions(countryCodes, countryName)}
        />
      </div>
      <p className="field__help">
        {t('import.read.defaultCountryHelp')} {t('import.read.resetNote')}
      </p>
    </section>
  );
}
