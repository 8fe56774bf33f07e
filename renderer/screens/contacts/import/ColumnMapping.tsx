import { useTranslation } from 'react-i18next';
import { importTargets, type ImportTarget } from '../../../../shared/import-format';
import type { ImportPreviewDto } from '../../../../shared/dto/index';
import { ImportPurpose } from './ImportPurpose';
import { sourceKey } from './ReadOptions';
import type { ContactImport } from './use-contact-import';

const EXAMPLES = 3;

function examples(preview: ImportPreviewDto, column: number): string[] {
  const seen = new Set<string>();
  for (const row of preview.sample) {
    const cell = row[column]?.trim();
    if (cell) seen.add(cell.length > 60 ? `${cell.slice(0, 57)}…` : cell);
    if (seen.size === EXAMPLES) break;
  }
  return [...seen];
}

/** Step 3: each column of the file, a few of its values, and the field it goes into. */
export function ColumnMapping({ imp }: { imp: ContactImport }) {
  const { t } = useTranslation();
  const preview = imp.preview!;
  // The user's choice shows even when the core refused it (no e-mail or name column left).
  const mapping = imp.choices.mapping ?? preview.mapping;
  const choose = (header: string, target: ImportTarget | 'ignore') => imp.change({ mapping: { ...mapping, [header]: target } });
  return (
    <section className="panel import-step" aria-labelledby="import-step-columns">
      <h2 className="panel__title" id="import-step-columns">
        {t('import.steps.columns')}
      </h2>
      <p className={preview.mappingSource === 'remembered' ? 'message message--info' : 'panel__intro'} data-testid="mapping-source">
        {t(`import.mappingSource.${preview.mappingSource}`, { source: t(`import.sources.${sourceKey(preview.preset)}`) })}
      </p>
      <div className="table-wrap">
        <table className="table import-mapping" data-testid="import-mapping">
          <caption className="sr-only">{t('import.mapping.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('import.mapping.column')}</th>
              <th scope="col">{t('import.mapping.examples')}</th>
              <th scope="col">{t('import.mapping.target')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.headers.map((header, i) => {
              const target = mapping[header] ?? 'ignore';
              const values = examples(preview, i);
              return (
                <tr key={header} className={target === 'ignore' ? 'import-mapping__ignored' : undefined}>
                  <th scope="row">{header}</th>
                  <td className="import-mapping__examples">{values.length ? values.join(' · ') : <span className="muted">{t('import.mapping.noExample')}</span>}</td>
                  <td>
                    <select className="input" aria-label={t('import.mapping.targetFor', { column: header })} value={target} onChange={(e) => choose(header, e.target.value as ImportTarget | 'ignore')}>
                      {(['ignore', ...importTargets] as const).map((v) => (
                        <option key={v} value={v}>
                          {t(`import.targets.${v}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ImportPurpose imp={imp} />
    </section>
  );
}
